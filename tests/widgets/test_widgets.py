"""Widget behaviour in plain pytest: set values, press the buttons, check feedback and storage."""

from __future__ import annotations

import html
import json
from datetime import date
from pathlib import Path

import pytest

from relcourse.course.loader import load_course_content
from relcourse.course.quiz.model import QuizItem
from relcourse.store.journal import Journal
from relcourse.widgets import (
    journal_form,
    phrase_cards,
    practice_plan,
    quiz,
    quiz_score,
    reflection,
)
from relcourse.widgets.journal_form import JournalForm, history_table
from relcourse.widgets.plan import PlanTracker
from relcourse.widgets.progress import progress_table
from relcourse.widgets.quiz import QuizScore, QuizWidget
from relcourse.widgets.reflection import ReflectionWidget

from ..conftest import CONTENT, FIXTURE_ARTICLES, SEED_ARTICLES, content_folder

M133 = "security-and-needs-133"
M044 = "security-and-needs-044"


def _first_item(slug: str, kind: str) -> QuizItem:
    return next(i for i in load_course_content(CONTENT).module(slug).quiz if i.type == kind)


def test_single_choice_wrong_then_right(journal: Journal) -> None:
    item = _first_item(M133, "single")
    total = len(load_course_content(CONTENT).module(M133).quiz)
    widget = quiz(M133, item.id, journal=journal)
    score = quiz_score(M133, journal=journal)
    assert isinstance(widget, QuizWidget) and isinstance(score, QuizScore)
    wrong = next(o for o in widget.item.options if o != widget.item.answer[0])
    widget.set_response(wrong)
    assert widget.check() is False
    assert "Not quite" in widget.feedback.value and html.escape(item.section) in widget.feedback.value
    assert score.score() == (0, total)
    widget.show_answer()
    assert html.escape(widget.item.answer[0]) in widget.feedback.value
    widget.reset()
    assert widget.inputs[0].value is None and not widget.inputs[0].disabled
    widget.set_response(widget.item.answer[0])
    assert widget.check() is True
    assert "Correct" in widget.feedback.value and html.escape(item.section) in widget.feedback.value
    assert score.score() == (1, total) and f"1 / {total}" in score.label.value  # refreshed live
    attempts = journal.attempts(M133)
    assert list(attempts["correct"]) == [False, True]
    reopened = quiz(M133, item.id, journal=journal)
    assert isinstance(reopened, QuizWidget) and "Last time you got this right" in reopened.feedback.value


def test_incomplete_answer_is_not_graded(journal: Journal) -> None:
    widget = quiz(M044, _first_item(M044, "ordering").id, journal=journal)
    assert isinstance(widget, QuizWidget)
    widget.inputs[0].value = 1
    assert widget.check() is None and "different number" in widget.feedback.value
    assert journal.attempts(M044).empty


def _items_of_every_type(root: Path) -> dict[str, tuple[str, QuizItem]]:
    """The first generated item of each type over the seeds and fixture articles; a curated-style
    item for a type no generator makes from them (tick-all-that-apply)."""
    course = load_course_content(content_folder(root, [*SEED_ARTICLES, *FIXTURE_ARTICLES]))
    found: dict[str, tuple[str, QuizItem]] = {}
    for module in course.modules:
        for item in module.quiz:
            found.setdefault(item.type, (module.slug, item))
    found.setdefault("multiple", (M133, QuizItem(
        id="tick-all", type="multiple", prompt="Which of these does the article recommend?",
        options=("Name the feeling", "Keep score", "Ask what your partner needs"),
        answer=("Name the feeling", "Ask what your partner needs"), section="Practice Guide")))
    return found


@pytest.mark.parametrize("kind", ["single", "multiple", "truefalse", "ordering", "matching"])
def test_every_item_type_accepts_its_answer(journal: Journal, tmp_path: Path, kind: str) -> None:
    slug, item = _items_of_every_type(tmp_path)[kind]
    widget = QuizWidget(slug, item, journal)
    answer = {"ordering": list(item.answer), "matching": dict(zip(item.left, item.answer)), "truefalse": item.answer[0] == "true",
              "multiple": list(item.answer), "single": item.answer[0]}[item.type]
    widget.set_response(answer)
    assert widget.response() is not None
    assert widget.check() is True


def test_matching_lists_statements_with_letters(journal: Journal) -> None:
    widget = quiz(M133, "expert-match", journal=journal)
    assert isinstance(widget, QuizWidget)
    item = widget.item
    intro = widget.children[1].children[0].value
    assert all(html.escape(option) in intro for option in item.options)  # every statement shown whole
    assert [o[0] for o in widget.inputs[0].options] == ["–"] + [chr(65 + n) for n in range(len(item.options))]
    letter_of = {option: chr(65 + n) for n, option in enumerate(item.options)}
    for dd, right in zip(widget.inputs, item.answer):  # a learner picks letters
        dd.value = letter_of[right]
    assert widget.check() is True
    stored = json.loads(journal.attempts(M133).iloc[-1]["answer"])
    assert stored == dict(zip(item.left, item.answer))  # the store keeps the statements, not letters
    widget.reset()
    widget.inputs[0].value, widget.inputs[1].value = letter_of[item.answer[1]], letter_of[item.answer[0]]
    for dd, right in list(zip(widget.inputs, item.answer))[2:]:
        dd.value = letter_of[right]
    assert widget.check() is False


def test_unknown_item_shows_a_notice_not_a_traceback(journal: Journal) -> None:
    widget = quiz(M133, "no-such-item", journal=journal)
    assert widget.kind == "error" and "relcourse build" in widget.children[0].value


def test_reflection_saved_and_shown_again(journal: Journal) -> None:
    first = reflection(M133, "case-transformation-anxious-attachment-secure", journal=journal)
    assert isinstance(first, ReflectionWidget)
    assert "what did David say that changed the moment for Elena" in first.children[0].value
    first.text.value = "He named her fear."
    assert "Draft — not saved" in first.state.value
    first.save()
    assert "Saved" in first.state.value
    assert journal.reflection(M133, "case-transformation-anxious-attachment-secure") == "He named her fear."
    again = reflection(M133, "case-transformation-anxious-attachment-secure", journal=journal)
    assert isinstance(again, ReflectionWidget) and again.text.value == "He named her fear."


def test_activation_journal_form(journal: Journal) -> None:
    form = journal_form(M044, "activation-journal", journal=journal)
    assert isinstance(form, JournalForm)
    assert list(form.inputs) == ["trigger", "somatic_experience", "behavioral_response", "resonance_with_early_experience", "intensity"]
    assert form.inputs["behavioral_response"].options == ("pursue", "withdraw", "attack", "freeze")
    assert form.save() is None and "Write something" in form.state.value
    form.fill({"trigger": "one-word reply", "somatic_experience": "chest tight", "behavioral_response": "pursue",
               "resonance_with_early_experience": "waiting by the phone", "intensity": 7})
    assert form.save() == 1
    assert form.inputs["trigger"].value == "" and form.inputs["behavioral_response"].value is None  # empty for the next one
    assert form.inputs["intensity"].value == 5
    entries = journal.entries(M044, "activation-journal")
    assert entries.iloc[0][["trigger", "behavioral_response", "intensity"]].tolist() == ["one-word reply", "pursue", 7]
    assert len(form.history.children) == 1  # table and chart shown


def test_security_moments_form(journal: Journal) -> None:
    form = journal_form(M133, "security-moments", journal=journal)
    assert isinstance(form, JournalForm)
    assert [k for k in form.inputs] == ["security_moment_1", "felt_1", "security_moment_2", "felt_2", "security_moment_3", "felt_3"]
    form.fill({"security_moment_1": "he called at lunch", "felt_1": "secure"})
    form.save()
    entries = journal.entries(M133, "security-moments")
    assert entries.iloc[0]["felt_1"] == "secure"
    # the past-entries table renders (repeated labels are numbered: a table needs distinct columns)
    html = history_table(entries, form.template).to_html()
    assert "Felt secure or insecure? (1)" in html and "Felt secure or insecure? (3)" in html
    assert "he called at lunch" in html and "text-align: left" in html


def test_plan_tracker_dates_checkoffs_and_calendar(journal: Journal, tmp_path: Path) -> None:
    tracker = practice_plan(M133, journal=journal)
    assert isinstance(tracker, PlanTracker)
    tracker.start.value = date(2026, 1, 5)
    assert tracker.dates["step-1"].value.startswith("Mon 05 Jan 2026 → Wed 07 Jan 2026")
    assert tracker.dates["step-6"].value.endswith("→ Mon 23 Feb 2026")  # day 50
    tracker.boxes["step-1"].value = True
    assert tracker.progress.value == 1 and "1 of 6" in tracker.progress_label.value
    assert journal.checked_steps(M133) == {"step-1"}
    reopened = PlanTracker(tracker.module, journal)
    assert reopened.start.value == date(2026, 1, 5) and reopened.boxes["step-1"].value
    ics = tracker.calendar().data.decode()
    assert ics.count("BEGIN:VEVENT") == 6 and "DTSTART;VALUE=DATE:20260105" in ics


def test_plan_with_ongoing_phase(journal: Journal) -> None:
    tracker = practice_plan(M044, journal=journal)
    assert isinstance(tracker, PlanTracker)
    tracker.start.value = date(2026, 1, 5)
    assert tracker.dates["phase-4"].value.endswith("Sun 08 Mar 2026")  # end of week 9
    assert tracker.dates["phase-5"].value == "Mon 09 Mar 2026 → ongoing"


def test_phrase_cards_escape_and_copy() -> None:
    cards = phrase_cards(M133)
    html = cards.children[0].value
    assert "Whatever happens, I&#x27;m here." in html and "navigator.clipboard.writeText" in html
    offered = load_course_content(CONTENT).module(M133).phrases
    assert len(cards.children) == len(offered) and all("…" not in p.text for p in offered)  # never the wiki's cut teaser


def test_widget_repr_never_shows_what_was_typed(journal: Journal) -> None:
    widget = reflection(M133, "case-transformation-anxious-attachment-secure", journal=journal)
    assert isinstance(widget, ReflectionWidget)
    widget.text.value = "PRIVATE-WORDS"
    bundle = widget._repr_mimebundle_()
    assert "PRIVATE-WORDS" not in str(bundle) and bundle["text/plain"] == "<relcourse reflection case-transformation-anxious-attachment-secure>"


def test_course_progress_counts_from_the_store(journal: Journal) -> None:
    course = load_course_content(CONTENT)
    first = load_course_content(CONTENT).module(M133).quiz[0].id
    journal.record_attempt(M133, first, "wrong", False)
    journal.record_attempt(M133, first, "right", True)  # the latest try counts
    journal.check_step(M133, "step-1")
    journal.save_reflection(M133, "case-transformation-anxious-attachment-secure", "a thought")
    journal.add_entry(M133, "practice-log", {"tried": "x"})
    html = progress_table(course, journal.progress()).to_html()
    module = next(m for m in course.modules if m.slug == M133)
    row = html[html.index(module.title):]
    row = row[: row.index("</tr>")]
    cells = [c.split(">", 1)[1].split("<", 1)[0].strip() for c in row.split("<td")[1:]]
    assert cells == [f"1 of {len(module.quiz)}", f"1 of {len(module.article.plan)}", f"1 of {len(module.prompts)}", "1"]
    assert "text-align: left" in html


def test_practice_log_picks_a_step_from_a_list(journal: Journal) -> None:
    import ipywidgets as w

    form = journal_form(M044, "practice-log", journal=journal)
    assert isinstance(form, JournalForm)
    step = form.inputs["step"]
    assert isinstance(step, w.Dropdown) and step.label == "– choose –"  # five long step names: a list, not a row of buttons
    assert form.values()["step"] is None
    form.fill({"step": step.options[2][1], "tried": "named the trigger", "feeling": 7})
    assert form.save() is not None
    assert journal.entries(M044, "practice-log").iloc[0]["step"] == step.options[2][1]
    assert step.label == "– choose –" and form.values()["step"] is None  # an empty form for the next entry, not a blank box


def test_a_table_keeps_an_entrys_own_line_breaks() -> None:
    import pandas as pd

    from relcourse.widgets.base import table_view

    html = table_view(pd.DataFrame({"What I noticed": ["first line\nsecond line"]})).to_html()
    assert "white-space: pre-wrap" in html and "first line\nsecond line" in html
