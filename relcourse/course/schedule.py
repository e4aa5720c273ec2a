"""The practice plan on the calendar: dates from a start date, and an .ics export."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from relcourse.content.model import Step


@dataclass(frozen=True)
class ScheduledStep:
    id: str
    title: str
    start: date
    end: date | None  # None: ongoing
    duration: str


def step_id(step: Step) -> str:
    return f"{step.kind.lower()}-{step.number}"


def plan_rows(steps: list[Step]) -> list[dict[str, Any]]:
    """The plan as plain data for cell metadata."""
    return [
        {"id": step_id(s), "title": s.title, "unit": s.duration.unit if s.duration else None,
         "start": s.duration.start if s.duration else None, "end": s.duration.end if s.duration else None,
         "duration": s.duration.text if s.duration else "", "actions": len(s.actions)}
        for s in steps
    ]


def schedule(steps: list[Step], start: date) -> list[ScheduledStep]:
    """Calendar dates for each step; day N of the plan is ``start + N - 1``."""
    scheduled: list[ScheduledStep] = []
    next_free = start
    for step in steps:
        d = step.duration
        if d is None or d.unit == "ongoing" or d.start is None:
            first, last = next_free, None
        else:
            scale = 7 if d.unit == "week" else 1
            end = d.end if d.end is not None else d.start
            first = start + timedelta(days=(d.start - 1) * scale)
            last = start + timedelta(days=end * scale - 1)
            next_free = last + timedelta(days=1)
        scheduled.append(ScheduledStep(step_id(step), step.title, first, last, d.text if d else ""))
    return scheduled


def to_ics(slug: str, title: str, rows: list[ScheduledStep]) -> bytes:
    """An iCalendar file (RFC 5545) with one all-day event per step (ongoing steps: their first day).

    icalendar escapes text, folds lines at 75 octets and writes CRLF. Nothing varies between two
    exports of the same plan (DTSTAMP is the step's first day), so calendars can be compared.
    """
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//relcourse//practice plan//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    for row in rows:
        event = Event()
        event.add("uid", f"{slug}-{row.id}-{row.start:%Y%m%d}@relcourse")
        event.add("dtstamp", datetime.combine(row.start, time(0), tzinfo=timezone.utc))
        event.add("dtstart", row.start)
        event.add("dtend", (row.end or row.start) + timedelta(days=1))
        event.add("summary", row.title + (" (ongoing)" if row.end is None else ""))
        event.add("description", f"{title} — {row.duration}" if row.duration else title)
        calendar.add_component(event)
    return bytes(calendar.to_ical())
