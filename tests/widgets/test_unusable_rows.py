"""Widgets over a store holding rows they cannot use (written before import checked them, or by
another program): a one-line notice in the notebook, never a traceback; charts draw text as text."""

from __future__ import annotations

import json
import sqlite3
import sys
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
from relcourse.widgets.selfcheck import (
    LikertForm,
    SelfCheckHistory,
    SelfCheckResult,
    saved_results,
    self_check,
    self_check_history,
    self_check_result,
)

M044 = "security-and-needs-044"
INSTRUMENT = "relationship-test"
WHEN = "2026-03-01T10:00:00+00:00"
FIRST: dict[str, int | None] = {"a1": 7, "a2": 6, "a3": 6, "a4": 1, "a5": 6, "r1": 2, "r2": 2, "r3": 2, "r4": 6}
SECOND: dict[str, int | None] = {"a1": 5, "a2": 6, "a3": 6, "a4": 2, "a5": 5}


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """What the journal form displays (outside a kernel an Output widget captures nothing)."""
    displayed: list[object] = []
    monkeypatch.setattr(sys.modules["relcourse.widgets.journal_form"], "display", lambda *objs, **_: displayed.extend(objs))
    return displayed


def shown_html(displayed: list[object]) -> str:
    return "".join(str(getattr(d, "to_html", lambda: getattr(d, "data", ""))()) for d in displayed)


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


def _good(journal: Journal, trigger: str) -> None:
    journal.add_entry(M044, "activation-journal", {"trigger": trigger, "intensity": 4, "behavioral_response": "pursue"})


@pytest.mark.parametrize(("fields", "reason"), [
    ({"created": "x", "trigger": "t", "intensity": 3}, "field named &#x27;created&#x27;"),
    ({"behavioral_response": ["a"], "trigger": "t"}, "not text, a number or null"),
])
def test_journal_form_over_an_unusable_entry_shows_the_others_and_still_saves(
        path: Path, fields: dict[str, object], reason: str, shown: list[object]) -> None:
    with Journal(path) as journal:
        _good(journal, "first good words")
    _raw(path, "entries", {"module": M044, "template": "activation-journal", "created": WHEN, "fields": json.dumps(fields)})
    with Journal(path) as journal:
        form = journal_form(M044, "activation-journal", journal=journal)
        assert isinstance(form, JournalForm)
        notice = str(form.history.children[0].value)
        assert reason in notice and "entries row 2" in notice and "relcourse journal repair" in notice
        assert "first good words" in shown_html(shown)  # the other entry is in the table
        form.inputs["trigger"].value = "second good words"
        shown.clear()
        assert form.save() is not None  # the log still takes new entries
        assert "second good words" in shown_html(shown) and "first good words" in shown_html(shown)
        assert reason in str(form.history.children[0].value)
        assert len(journal.readable_entries(M044).frame) == 2


def test_notice_counts_many_unusable_rows_and_names_a_few(path: Path) -> None:
    for _n in range(7):
        _raw(path, "entries", {"module": M044, "template": "activation-journal", "created": WHEN, "fields": "not json"})
    with Journal(path) as journal:
        form = journal_form(M044, "activation-journal", journal=journal)
        assert isinstance(form, JournalForm)
        notice = str(form.history.children[0].value)
    assert notice.startswith('<div class="rc-bad"') and "7 saved entries cannot be shown" in notice
    assert notice.count("<li>") == 6 and "… and 2 more" in notice


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
])
def test_self_check_views_over_an_unusable_result_show_the_other_takes(path: Path, fields: str, reason: str) -> None:
    with Journal(path) as journal:
        form = self_check(INSTRUMENT, journal=journal)
        assert isinstance(form, LikertForm)
        for answers in (FIRST, SECOND):
            form.fill(answers)
            form.save()
    _raw(path, "entries", {"module": INSTRUMENT, "template": "result", "created": "2026-03-02T10:00:00+00:00", "fields": fields})
    with Journal(path) as journal:
        result, history = self_check_result(INSTRUMENT, journal=journal), self_check_history(INSTRUMENT, journal=journal)
        assert isinstance(result, SelfCheckResult) and isinstance(history, SelfCheckHistory)
        for view in (result, history):
            notice = str(view.children[0].value)
            assert reason in notice and "1 saved entry cannot be shown" in notice and "relcourse journal repair" in notice
        assert result.latest()[0] is not None and result.card_button in result.children  # the result as usual
        assert len(history.table()) == 2


def _stored_take(path: Path, created: str, scores: dict[str, float | None]) -> None:
    _raw(path, "entries", {"module": INSTRUMENT, "template": "result", "created": created,
                           "fields": json.dumps({"answers": {}, "scores": scores})})


SUBSCALES = ("anxiety", "avoidance", "pursue", "repair")


def test_a_take_scored_on_an_earlier_version_is_flagged_not_refused(path: Path) -> None:
    """A facilitator changed the scale (a 1–7 score of 5000 or a subscale since removed): the take stays, marked."""
    _stored_take(path, "2026-03-01T10:00:00+00:00", dict.fromkeys(SUBSCALES, 4.0))
    _stored_take(path, "2026-03-02T10:00:00+00:00", {**dict.fromkeys(SUBSCALES, 5.0), "anxiety": 5000})
    with Journal(path) as journal:
        result, history = self_check_result(INSTRUMENT, journal=journal), self_check_history(INSTRUMENT, journal=journal)
        assert isinstance(result, SelfCheckResult) and isinstance(history, SelfCheckHistory)
        assert "scored on an earlier version of this self-check" in str(result.children[0].value)
        assert result.latest()[0] is None and result.save_card() == []
        table = history.table()
        taken = list(table.iloc[:, 0])
        assert "(earlier version)" not in taken[0] and taken[1].endswith("(earlier version)")
        assert list(table.iloc[:, 1]) == [4.0, 5000]
        drawn = history.chart_table(saved_results(journal, history.instrument))
        assert drawn.iloc[0, 1] == 4.0 and pd.isna(drawn.iloc[1, 1]) and drawn.iloc[1, 2] == 5.0
        form = self_check(INSTRUMENT, journal=journal)
        assert isinstance(form, LikertForm)
        form.fill(FIRST)
        form.save()  # a new take on this version is the result again
        assert result.latest()[0] is not None and result.card_button in result.children
        assert len(result.latest()[1]) == 1  # the flagged take is not drawn as an earlier position


def test_a_take_without_a_subscale_added_since_is_flagged(path: Path) -> None:
    _stored_take(path, WHEN, {"anxiety": 4.0, "avoidance": 3.0})
    with Journal(path) as journal:
        history = self_check_history(INSTRUMENT, journal=journal)
        assert isinstance(history, SelfCheckHistory)
        [take] = saved_results(journal, history.instrument).takes
        assert take.earlier_version and take.outside == {"pursue", "repair"}


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
