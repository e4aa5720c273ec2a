"""The practice plan on the calendar: dates from a start date, and an .ics export."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
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


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def to_ics(slug: str, title: str, rows: list[ScheduledStep]) -> str:
    """An iCalendar file with one all-day event per step (ongoing steps: their first day)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//relcourse//practice plan//EN", "CALSCALE:GREGORIAN"]
    for row in rows:
        last = row.end or row.start
        lines += [
            "BEGIN:VEVENT",
            f"UID:{slug}-{row.id}-{row.start:%Y%m%d}@relcourse",
            f"DTSTAMP:{row.start:%Y%m%d}T000000Z",
            f"DTSTART;VALUE=DATE:{row.start:%Y%m%d}",
            f"DTEND;VALUE=DATE:{last + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(row.title + (' (ongoing)' if row.end is None else ''))}",
            f"DESCRIPTION:{_escape(title + ' — ' + row.duration)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"
