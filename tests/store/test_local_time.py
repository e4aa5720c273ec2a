"""Times are shown on the learner's clock: the store keeps UTC, tables, charts and summaries show the
kernel's local time and day (a 13:30 UTC entry saved in Beijing reads 21:30)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from relcourse.store.journal import Journal
from relcourse.store.views import entries_per_week, local_moment, local_times, summary_chart, summary_sentence


def _entries(tmp_path: Path, *created: str) -> pd.DataFrame:
    with Journal(tmp_path / "j.sqlite") as journal:
        for n, when in enumerate(created):
            journal.add_entry("m", "t", {"response": "pursue", "intensity": 3 + n}, created=when)
        return journal.entries("m", "t")


def test_a_utc_time_reads_on_the_local_clock(zone: Callable[[str], None]) -> None:
    zone("Asia/Shanghai")
    assert local_moment(datetime(2026, 3, 1, 13, 30, tzinfo=timezone.utc)) == datetime(2026, 3, 1, 21, 30)
    assert local_moment(datetime(2026, 3, 1, 13, 30)) == datetime(2026, 3, 1, 21, 30)  # stored without offset: UTC


def test_summer_time_follows_the_moment_not_today(zone: Callable[[str], None]) -> None:
    zone("Europe/Berlin")
    assert local_moment(datetime(2026, 1, 15, 12, 0, tzinfo=timezone.utc)).hour == 13
    assert local_moment(datetime(2026, 7, 15, 12, 0, tzinfo=timezone.utc)).hour == 14


def test_days_and_weeks_are_local(tmp_path: Path, zone: Callable[[str], None]) -> None:
    zone("Asia/Shanghai")
    # Sunday 20:00 UTC is Monday 04:00 in Beijing: the next week, the next day
    frame = _entries(tmp_path, "2026-03-01T13:30:00+00:00", "2026-03-01T20:00:00+00:00")
    assert list(local_times(frame["created"])) == [pd.Timestamp("2026-03-01 21:30"), pd.Timestamp("2026-03-02 04:00")]
    weekly = entries_per_week(frame)
    assert list(weekly["week"]) == [pd.Timestamp("2026-02-23"), pd.Timestamp("2026-03-02")]
    assert list(weekly["entries"]) == [1, 1]
    assert summary_sentence(frame).startswith("2 entries in 2 weeks")
    figure = summary_chart(frame, None, "intensity", numeric_range=(0, 10))
    drawn = list(pd.to_datetime(figure.axes[1].get_lines()[0].get_xdata()))
    assert drawn == [pd.Timestamp("2026-03-01 21:30"), pd.Timestamp("2026-03-02 04:00")]


def test_no_entries_no_times(tmp_path: Path, zone: Callable[[str], None]) -> None:
    zone("Asia/Shanghai")
    frame = _entries(tmp_path)
    assert local_times(frame["created"]).empty and entries_per_week(frame).empty
