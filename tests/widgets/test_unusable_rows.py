"""Widgets over a store holding rows they cannot use (written before import checked them, or by
another program): a one-line notice in the notebook, never a traceback; charts draw text as text."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from relcourse.store.journal import Journal
from relcourse.store.schema import StoreError
from relcourse.store.views import counts_by, figure_png, summary_chart
from relcourse.widgets import journal_form, practice_plan
from relcourse.widgets.base import ErrorNotice
from relcourse.widgets.journal_form import JournalForm
from relcourse.widgets.plan import START_KEY, PlanTracker
from relcourse.widgets.selfcheck import SelfCheckHistory, self_check_history, self_check_result

M044 = "security-and-needs-044"
INSTRUMENT = "relationship-test"
WHEN = "2026-03-01T10:00:00+00:00"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    with Journal(tmp_path / "j.sqlite"):
        pass
    return tmp_path / "j.sqlite"


def _raw(path: Path, table: str, row: dict[str, str]) -> None:
    """Write past every check, as another program could."""
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values()))
    conn.close()


def _notice(widget: object) -> str:
    assert isinstance(widget, ErrorNotice)
    return str(widget.children[0].value)


@pytest.mark.parametrize(("fields", "reason"), [
    ({"created": "x", "trigger": "t", "intensity": 3}, "field named &#x27;created&#x27;"),
    ({"behavioral_response": ["a"], "trigger": "t"}, "not text, a number or null"),
])
def test_journal_form_over_an_unusable_entry_is_a_notice(path: Path, fields: dict[str, object], reason: str) -> None:
    _raw(path, "entries", {"module": M044, "template": "activation-journal", "created": WHEN, "fields": json.dumps(fields)})
    with Journal(path) as journal:
        message = _notice(journal_form(M044, "activation-journal", journal=journal))
    assert reason in message and "relcourse journal export" in message


@pytest.mark.parametrize("saved", ["garbage", "9999-12-31", "2026-03-01T10:00:00", "2026-02-30"])
def test_plan_over_an_unusable_start_date_starts_today_and_says_so(path: Path, saved: str) -> None:
    _raw(path, "settings", {"module": M044, "key": START_KEY, "value": saved})
    with Journal(path) as journal:
        plan = practice_plan(M044, journal=journal)
        assert isinstance(plan, PlanTracker)
        assert plan.start.value == date.today() and "could not be read" in plan.notice.value
        plan.start.value = date(2026, 3, 2)  # choosing again replaces it
        assert journal.setting(M044, START_KEY) == "2026-03-02" and plan.notice.value == ""


def test_plan_refuses_a_start_date_out_of_range(path: Path) -> None:
    with Journal(path) as journal:
        plan = practice_plan(M044, journal=journal)
        assert isinstance(plan, PlanTracker)
        plan.start.value = date(9999, 12, 31)
        assert "Choose a start date between" in plan.notice.value
        assert journal.setting(M044, START_KEY) is None


@pytest.mark.parametrize(("fields", "reason"), [
    ('{"answers": {}, "scores": "x"}', "not a mapping of names to scores"),
    ('{"answers": {}}', "are not &#x27;answers&#x27; and &#x27;scores&#x27;"),
    ('{"answers": {}, "scores": {"anxiety": NaN}}', "is not JSON text"),
    ('{"answers": {}, "scores": {"anxiety": "high"}}', "not a mapping of names to scores"),
    ('{"answers": {}, "scores": {"anxiety": 5000}}', "has a score outside its scale"),  # a number, not one of 1–7
])
def test_self_check_views_over_an_unusable_result_are_notices(path: Path, fields: str, reason: str) -> None:
    for created in (WHEN, "2026-03-02T10:00:00+00:00"):
        _raw(path, "entries", {"module": INSTRUMENT, "template": "result", "created": created, "fields": fields})
    with Journal(path) as journal:
        for view in (self_check_result, self_check_history):
            assert reason in _notice(view(INSTRUMENT, journal=journal))


def test_history_chart_draws_subscale_names_as_text(path: Path) -> None:
    """A subscale name from instrument YAML reaches the legend: '$\\frac{$' must not be parsed as maths."""
    with Journal(path) as journal:
        history = self_check_history(INSTRUMENT, journal=journal)
        assert isinstance(history, SelfCheckHistory)
        table = pd.DataFrame({"Taken": ["01 Mar 2026", "02 Mar 2026"], r"$\frac{$": [3.0, 4.0]})
        figure = history.chart(table)
        assert figure_png(figure).startswith(b"\x89PNG")
        assert [t.get_text() for t in figure.axes[0].get_legend().get_texts()] == [r"\$\frac{\$"]


def test_chart_of_choices_mixing_numbers_and_dollar_text(path: Path) -> None:
    """Imported choices may be 3 and "3" and '$\\frac{$': counted together, drawn as text."""
    with Journal(path) as journal:
        for value in (3, "3", r"$\frac{$", None):
            journal.add_entry("m", "t", {"response": value, "intensity": 4})
        frame = journal.entries("m", "t")
    figure = summary_chart(frame, "response", "intensity", category_label=r"$\frac{$", numeric_range=(0, 10))
    assert figure_png(figure).startswith(b"\x89PNG")
    assert sorted(t.get_text() for t in figure.axes[1].get_yticklabels()) == sorted(["3", r"\$\frac{\$"])
    assert dict(zip(*counts_by(frame, "response").to_dict("list").values())) == {"3": 2, r"$\frac{$": 1}


def test_a_refused_save_keeps_the_words_and_says_why(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Journal(path) as journal:
        form = journal_form(M044, "activation-journal", journal=journal)
        assert isinstance(form, JournalForm)
        form.inputs["trigger"].value = "typed words"

        def full(*_args: object, **_kwargs: object) -> int:
            raise StoreError(f"{path}: the disk is full; free some space and try again; nothing was saved")

        monkeypatch.setattr(journal, "add_entry", full)
        assert form.save() is None
        assert "disk is full" in form.state.value and form.inputs["trigger"].value == "typed words"
