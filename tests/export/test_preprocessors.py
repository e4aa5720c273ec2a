"""The edition steps on typed cells: a participant's copy is made by the models, not by deleting JSON keys."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from relcourse.course.quiz.kinds import ITEM_KINDS, kind_of, register
from relcourse.course.quiz.kinds.single import Single
from relcourse.course.quiz.model import QuizItem
from relcourse.course.selfcheck.instrument import load_instrument
from relcourse.export.handout import HandoutCell
from relcourse.export.preprocessors import BuildHandoutViews, RemoveAnswers
from relcourse.notebook.cells import InstrumentCell, QuizCell

from ..conftest import CONTENT

ITEM = QuizItem("q1", "single", "Which one?", answer=("b",), options=("a", "b"), explanation="Because b.",
                quote="The article says b.", section="Steps", line=12)


def _participant(data: QuizCell | InstrumentCell) -> QuizCell | InstrumentCell:
    cell = HandoutCell("code", "", data)
    RemoveAnswers().apply_cell(cell, {})
    assert isinstance(cell.data, type(data))
    return cell.data


def test_a_participant_quiz_item_keeps_the_question_and_loses_the_answer() -> None:
    data = _participant(QuizCell("m", item=ITEM))
    assert isinstance(data, QuizCell)
    assert data.item == QuizItem("q1", "single", "Which one?", answer=(), options=("a", "b"), section="Steps", line=12)
    view = BuildHandoutViews().view_quiz(data)
    assert "b" in view["options"] and not {"answer", "explanation", "quote"} & set(view)


class HiddenOptions(Single):
    """A type whose options give its answer away (only for this test)."""

    name = "hidden-options-test"

    def without_answer(self, item: QuizItem) -> QuizItem:
        return replace(super().without_answer(item), options=())


@pytest.fixture
def hidden() -> Iterator[None]:
    register(HiddenOptions)
    yield
    del ITEM_KINDS[HiddenOptions.name]


def test_the_item_type_decides_what_a_participant_copy_leaves_out(hidden: None) -> None:
    item = QuizItem("q2", HiddenOptions.name, "Which one?", answer=("b",), options=("a", "b"))
    data = _participant(QuizCell("m", item=item))
    assert isinstance(data, QuizCell) and data.item.options == () and data.item.answer == ()
    assert kind_of(data.item) is ITEM_KINDS[HiddenOptions.name]


def test_a_participant_self_check_has_no_scoring_key() -> None:
    instrument = load_instrument(CONTENT / "instruments" / "relationship-test.yaml")
    data = _participant(InstrumentCell("relationship-test", instrument=instrument))
    assert isinstance(data, InstrumentCell)
    assert data.instrument.subscales == () and not any(i.reverse for i in data.instrument.items)
    assert [i.text for i in data.instrument.items] == [i.text for i in instrument.items]
    participant = BuildHandoutViews().view_instrument(data)
    facilitator = BuildHandoutViews(with_answers=True).view_instrument(
        InstrumentCell("relationship-test", instrument=instrument))
    assert "subscales" not in participant and "reverse_rule" not in participant
    assert {k: v for k, v in facilitator.items() if k not in ("subscales", "reverse_rule")} == participant
    assert [s["name"] for s in facilitator["subscales"]] == [s.name for s in instrument.subscales]


def test_the_scoring_sheet_speaks_the_self_checks_language() -> None:
    from relcourse.i18n import use_language

    instrument = load_instrument(CONTENT / "instruments" / "relationship-test.yaml")
    cell = InstrumentCell("relationship-test", instrument=instrument)
    english = BuildHandoutViews(with_answers=True).view_instrument(cell)["subscales"][0]["rule"]
    with use_language("zh-Hans"):
        chinese = BuildHandoutViews(with_answers=True).view_instrument(cell)["subscales"][0]["rule"]
    count = len(instrument.subscales[0].items)
    assert english.startswith(f"Average of the {count} items") and chinese.startswith(f"取这 {count} 道题的平均分")
