"""The journal form's past entries and the self-check history show the learner's clock, not UTC."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from relcourse.store.journal import Journal
from relcourse.widgets import journal_form
from relcourse.widgets.journal_form import JournalForm, history_table
from relcourse.widgets.selfcheck import SelfCheckHistory, self_check_history

M044 = "security-and-needs-044"


@pytest.fixture
def beijing(zone: Callable[[str], None]) -> None:
    zone("Asia/Shanghai")


def test_past_entries_show_local_time(journal: Journal, beijing: None) -> None:
    journal.add_entry(M044, "activation-journal", {"trigger": "t", "intensity": 4}, created="2026-03-01T13:30:00+00:00")
    form = journal_form(M044, "activation-journal", journal=journal)
    assert isinstance(form, JournalForm)
    table = history_table(journal.entries(M044, "activation-journal"), form.template).data
    assert list(table["When"]) == ["01 Mar 2026 21:30"]


def test_self_check_history_shows_local_time(journal: Journal, beijing: None, tmp_path: Path) -> None:
    for day in ("01", "02"):
        journal.add_entry("relationship-test", "result", {"answers": {}, "scores": {
            "anxiety": 4.0, "avoidance": 3.0, "pursue": 2.0, "repair": 5.0}}, created=f"2026-03-{day}T20:00:00+00:00")
    history = self_check_history("relationship-test", journal=journal)
    assert isinstance(history, SelfCheckHistory)
    assert list(history.table()["Taken"]) == ["02 Mar 2026 04:00", "03 Mar 2026 04:00"]
