"""Feedback that teaches: a wrong answer links to its section and hints without the answer;
Show answer marks which of the learner's ticks were wrong."""

from __future__ import annotations

import re

import pytest

from relcourse.course.quiz.kinds import kind_of
from relcourse.course.quiz.model import QuizItem
from relcourse.store.journal import Journal
from relcourse.widgets.feedback import section_anchor
from relcourse.widgets.quiz import QuizWidget

SECTION = "Practice Guide: Step-by-Step Path"
QUOTE = "Secure partners name the need before the complaint, and they ask for reassurance directly."


def item(**fields: object) -> QuizItem:
    base: dict[str, object] = {"id": "q", "prompt": "What comes first?", "section": SECTION, "quote": QUOTE}
    return QuizItem(**{**base, **fields})  # type: ignore[arg-type]


SINGLE = item(type="single", options=("Name the need", "Raise the complaint", "Wait it out"), answer=("Name the need",))
MULTIPLE = item(type="multiple", options=("Name the need", "Ask for reassurance", "Stay silent", "Keep score"),
                answer=("Name the need", "Ask for reassurance"))
ORDERING = item(type="ordering", options=("complaint", "need"), answer=("need", "complaint"))
MATCHING = item(type="matching", left=("Anxious", "Avoidant"), answer=("pursues", "withdraws"), options=("pursues", "withdraws"),
                quote="Couples often meet this: when the anxious partner pursues, the avoidant partner withdraws.")
TRUEFALSE = item(type="truefalse", options=("true", "false"), answer=("false",))
WRONG = {"single": "Wait it out", "multiple": ["Name the need", "Stay silent"], "ordering": ["complaint", "need"],
         "matching": {"Anxious": "withdraws", "Avoidant": "withdraws"}, "truefalse": True}


def test_section_anchor_is_the_heading_id_jupyterlab_gives() -> None:
    assert section_anchor(SECTION) == "Practice-Guide:-Step-by-Step-Path"
    assert section_anchor("表达 需要") == "表达-需要"


@pytest.mark.parametrize("quiz_item", [SINGLE, MULTIPLE, ORDERING, MATCHING, TRUEFALSE], ids=lambda i: i.type)
def test_wrong_answer_links_to_its_section_and_hints_without_the_answer(journal: Journal, quiz_item: QuizItem) -> None:
    widget = QuizWidget("m", quiz_item, journal)
    widget.set_response(WRONG[quiz_item.type])
    assert widget.check() is False
    feedback = widget.feedback.value
    assert f'<a href="#{section_anchor(SECTION)}">{SECTION}</a>' in feedback
    hint = kind_of(quiz_item).hint(quiz_item)
    assert hint and f"Hint: read again the sentence beginning “{hint} …”" in feedback
    for answer in quiz_item.answer if quiz_item.type != "truefalse" else ():
        assert answer.casefold() not in hint.casefold()
    assert quiz_item.quote not in feedback  # never the whole grounding sentence


def test_hint_names_where_the_sentence_begins_and_no_choice() -> None:
    assert kind_of(SINGLE).hint(SINGLE) == "Secure partners"  # "name" is a word of the right choice
    assert kind_of(ORDERING).hint(ORDERING) == "Secure partners name the"
    chinese = item(type="single", quote="我们先停下来，再说出需要。", options=("说出需要", "抱怨"), answer=("说出需要",))
    assert kind_of(chinese).hint(chinese) == "我们先停下来，再"
    long = item(type="single", quote="Drawing from attachment theory (Bowlby & Ainsworth), this analysis reveals x.",
                options=("x", "y"), answer=("x",))
    assert kind_of(long).hint(long) == "Drawing from attachment theory (Bowlby & Ainsworth)"  # cut between words
    starts_with_it = item(type="single", quote="Name the need first.", options=("Name the need", "b"), answer=("Name the need",))
    assert kind_of(starts_with_it).hint(starts_with_it) == ""  # no opening to show: no hint rather than the answer
    empty = item(type="single", quote="When the need is named, all is well.", options=("need", "b"), answer=("need",))
    assert kind_of(empty).hint(empty) == ""  # "When the" says nothing of where to look


def test_true_false_hint_shows_none_of_the_statement() -> None:
    statement = item(type="truefalse", prompt="Secure partners never argue.", options=("true", "false"), answer=("false",),
                     quote="In the long study, secure partners argue as often as others.")
    assert kind_of(statement).hint(statement) == "In the long study"


def test_show_answer_marks_each_tick(journal: Journal) -> None:
    widget = QuizWidget("m", MULTIPLE, journal)
    widget.set_response(["Name the need", "Stay silent"])
    widget.check()
    widget.show_answer()
    rows = re.findall(r'<li class="rc-(\w+)">. ([^<]+?) <i>', widget.feedback.value)
    assert rows == [("right", "Name the need"), ("wrong", "Stay silent"), ("missed", "Ask for reassurance")]
    assert "Answer: Name the need; Ask for reassurance" in widget.feedback.value


@pytest.mark.parametrize(("quiz_item", "expected"), [
    (ORDERING, [("wrong", "1. complaint"), ("wrong", "2. need")]),
    (MATCHING, [("wrong", "Anxious → withdraws"), ("right", "Avoidant → withdraws")]),
    (TRUEFALSE, [("wrong", "True")]),
    (SINGLE, [("wrong", "Wait it out")]),
], ids=lambda v: getattr(v, "type", ""))
def test_every_type_marks_its_parts(journal: Journal, quiz_item: QuizItem, expected: list[tuple[str, str]]) -> None:
    widget = QuizWidget("m", quiz_item, journal)
    widget.set_response(WRONG[quiz_item.type])
    widget.check()
    widget.show_answer()
    assert re.findall(r'<li class="rc-(\w+)">. ([^<]+?) <i>', widget.feedback.value) == expected


def test_try_again_shows_the_dash_in_matching_dropdowns(journal: Journal) -> None:
    widget = QuizWidget("m", MATCHING, journal)
    widget.set_response(WRONG["matching"])
    widget.check()
    widget.reset()
    assert [dd.label for dd in widget.inputs] == ["–", "–"] and widget.response() is None
