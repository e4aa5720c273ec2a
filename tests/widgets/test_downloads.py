"""Downloads: the calendar and the result card reach the browser in the link, never the course folder."""

from __future__ import annotations

import html
import os
import re
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar

from relcourse.course.schedule import ScheduledStep, to_ics
from relcourse.store.journal import Journal
from relcourse.widgets import practice_plan
from relcourse.widgets.downloads import Download, decode_href, download_link
from relcourse.widgets.plan import PlanTracker

from ..conftest import CONTENT

M133 = "security-and-needs-133"


@pytest.fixture(autouse=True)
def content(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("RELCOURSE_CONTENT", str(CONTENT))
    monkeypatch.chdir(tmp_path)  # the "course folder": nothing may appear in it


def link_parts(value: str) -> tuple[str, str]:
    match = re.search(r'<a class="relcourse-download" download="([^"]+)" href="([^"]+)">', value)
    assert match is not None, value
    return html.unescape(match.group(1)), match.group(2)


def test_plan_offers_its_calendar_as_a_download(tmp_path: Path) -> None:
    (tmp_path / "store").mkdir()
    tracker = practice_plan(M133, journal=Journal(tmp_path / "store" / "j.sqlite"))
    assert isinstance(tracker, PlanTracker)
    tracker.start.value = date(2026, 1, 5)
    name, href = link_parts(tracker.download.value)
    assert name == f"{M133}-plan.ics" and href.startswith("data:text/calendar;base64,")
    calendar = Calendar.from_ical(decode_href(href))
    events = calendar.walk("VEVENT")
    assert len(events) == 6 and events[0].decoded("dtstart") == date(2026, 1, 5)
    tracker.start.value = date(2026, 2, 2)  # the link follows the start date
    assert Calendar.from_ical(decode_href(link_parts(tracker.download.value)[1])).walk("VEVENT")[0].decoded("dtstart") == date(2026, 2, 2)
    assert os.listdir(tmp_path) == ["store"]  # nothing written into the course folder


def test_ics_is_valid_rfc_5545_with_folded_lines() -> None:
    title = "Name the need; then ask, gently — 说出需要，然后温柔地询问 " * 3
    rows = [ScheduledStep("step-1", title, date(2026, 1, 5), None, "ongoing"),
            ScheduledStep("step-2", "Two", date(2026, 1, 5), date(2026, 1, 11), "week 1")]
    data = to_ics("m", "Course, with; specials\\", rows)
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    lines = data.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75  # octets, not characters
    assert any(line.startswith(b" ") for line in lines)  # the long summary was folded
    for line in lines:
        line.decode("utf-8")  # folding never splits a character
    calendar = Calendar.from_ical(data)
    first, second = calendar.walk("VEVENT")
    assert str(first["summary"]) == title + " (ongoing)"
    assert str(second["description"]) == "Course, with; specials\\ — week 1"
    assert second.decoded("dtend") == date(2026, 1, 12)  # all-day DTEND is exclusive
    assert all(event.get("uid") and event.get("dtstamp") for event in (first, second))
    assert data == to_ics("m", "Course, with; specials\\", rows)  # the same plan, the same file


def test_download_link_escapes_the_name() -> None:
    value = download_link(Download('a"b<c>.ics', "text/calendar", b"x"), "<b>Get</b>")
    assert "<b>" not in value and 'download="a&quot;b&lt;c&gt;.ics"' in value
    assert decode_href(link_parts(value)[1]) == b"x"
