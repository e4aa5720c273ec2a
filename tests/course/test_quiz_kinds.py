"""Quiz item types as a registry: each type validates, grades, says its answer and prints itself;
a new type is one class and one template partial."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import jinja2
import pytest

from relcourse.course.loader import load_course_content
from relcourse.course.quiz.curated import load_curated
from relcourse.course.quiz.kinds import ITEM_KINDS, ItemError, ItemKind, answer_text, grade, kind_of, register
from relcourse.course.quiz.model import QuizItem
from relcourse.errors import ContentError
from relcourse.export.exporter import TEMPLATES
from relcourse.export.preprocessors import BuildHandoutViews
from relcourse.i18n import _, ngettext
from relcourse.notebook.cells import QuizCell

from ..conftest import CONTENT

HANDOUT = TEMPLATES / "relcourse_handout"

# one curated YAML item per type, and what it must become
CASES: dict[str, tuple[str, QuizItem]] = {
    "single": ("{type: single, options: [a, b], answer: b}", QuizItem("q", "single", "Why?", ("b",), ("a", "b"))),
    "multiple": ("{type: multiple, options: [a, b, c], answer: [a, c]}",
                 QuizItem("q", "multiple", "Why?", ("a", "c"), ("a", "b", "c"))),
    "truefalse": ("{type: truefalse, answer: false}", QuizItem("q", "truefalse", "Why?", ("false",), ("true", "false"))),
    "ordering": ("{type: ordering, order: [x, z, y]}", QuizItem("q", "ordering", "Why?", ("x", "z", "y"), ("x", "y", "z"))),
    "matching": ("{type: matching, pairs: {L1: r2, L2: r1}}",
                 QuizItem("q", "matching", "Why?", ("r2", "r1"), ("r1", "r2"), left=("L1", "L2"))),
}
# (a right response, a wrong one, the answer in words, the printed answer key)
EXPECTED: dict[str, tuple[Any, Any, str, str]] = {
    "single": ("b", "a", "b", "b"),
    "multiple": (["c", "a"], ["a"], "a; c", "a; c"),
    "truefalse": (False, True, "False", "False"),
    "ordering": (["x", "z", "y"], ["x", "y", "z"], "x → z → y", "x → z → y"),
    "matching": ({"L1": "r2", "L2": "r1"}, {"L1": "r1", "L2": "r2"}, "L1 → r2; L2 → r1", "1. L1 → B; 2. L2 → A"),
}


def _curated(tmp_path: Path, *items: str) -> Path:
    path = tmp_path / "quiz.yaml"
    path.write_text("items:\n" + "".join(f"  - {{id: q, prompt: Which one, {item[1:-1]}}}\n" for item in items))
    return path


def _render(view: dict[str, Any], *extra: Path) -> str:
    """The printed question, through the handout's quiz macro and the type's partial."""
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader([*map(str, extra), str(HANDOUT)])])
    env = jinja2.Environment(loader=loader, autoescape=False, extensions=["jinja2.ext.i18n"])  # noqa: S701 (| e escapes)
    env.install_gettext_callables(gettext=_, ngettext=ngettext, newstyle=True)  # type: ignore[attr-defined]  # as the exporter does
    return env.from_string("{%- import 'worksheets.html.j2' as ws -%}{{ ws.quiz(view) }}").render(view=view)


def _view(item: QuizItem, with_answers: bool) -> dict[str, Any]:
    views = BuildHandoutViews(with_answers=with_answers)
    views.quiz_number = 0
    return views.view_quiz(QuizCell("m", item=item))


def test_the_five_types_are_registered() -> None:
    assert set(CASES) <= set(ITEM_KINDS)
    assert all(kind_of(name).name == name for name in CASES)


@pytest.mark.parametrize("name", CASES)
def test_each_type_validates_grades_and_says_its_answer(tmp_path: Path, name: str) -> None:
    raw, expected = CASES[name]
    items, _ = load_curated(_curated(tmp_path, raw))
    item = items[0]
    assert (item.type, item.answer, item.options, item.left) == (expected.type, expected.answer, expected.options, expected.left)
    assert item.source == "curated"
    right, wrong, words, key = EXPECTED[name]
    assert grade(item, right) and not grade(item, wrong)
    assert not grade(item, None)
    assert answer_text(item) == words and kind_of(item).key_text(item) == key
    assert QuizItem.from_dict(item.to_dict()) == item


@pytest.mark.parametrize(
    ("raw", "message"),
    [("{type: single, options: [a], answer: a}", "'options' must be a list of at least two choices"),
     ("{type: single, options: [a, b]}", "'answer' is required"),
     ("{type: multiple, options: [a, b], answer: a}", "'answer' must be a list of options"),
     ("{type: multiple, options: [a, b], answer: [a, c]}", "answer 'c' is not among the options"),
     ("{type: ordering, order: [x, x]}", "'order' must list at least two different items"),
     ("{type: matching, pairs: {L1: r, L2: r}}", "each right-hand match in 'pairs' must be different"),
     ("{type: matching, pairs: [L1, L2]}", "'pairs' must map at least two left-hand items")],
)
def test_each_type_says_what_to_fix(tmp_path: Path, raw: str, message: str) -> None:
    path = _curated(tmp_path, raw)
    with pytest.raises(ContentError) as info:
        load_curated(path)
    assert str(info.value).startswith(f"{path}: item 1 (q): {message}")


def test_unknown_type_names_the_file_item_and_known_types(tmp_path: Path) -> None:
    path = _curated(tmp_path, "{type: essay}")
    with pytest.raises(ContentError) as info:
        load_curated(path)
    message = str(info.value)
    assert message.startswith(f"{path}: item 1 (q): unknown item type 'essay'; use one of ")
    assert all(name in message for name in CASES) and "\n" not in message


@pytest.mark.parametrize("name", CASES)
def test_worksheet_prints_options_and_key_only_for_the_facilitator(name: str) -> None:
    item = CASES[name][1]
    participant = _render(_view(item, with_answers=False))
    facilitator = _render(_view(item, with_answers=True))
    shown = item.left + item.options if name != "truefalse" else ("True", "False")
    assert all(text in participant for text in shown)
    assert "Answer key" not in participant
    assert f"<b>Answer key:</b> {EXPECTED[name][3]}" in facilitator.replace("&gt;", ">")


def test_matching_letters_match_between_sheet_and_key() -> None:
    item = CASES["matching"][1]
    page = _render(_view(item, with_answers=True))
    assert "<p><b>A.</b> r1</p><p><b>B.</b> r2</p>" in page and "1. L1 → B; 2. L2 → A" in page


# --- a throw-away type: one class, one partial ----------------------------------------------


class YesNo(ItemKind):
    """Answered like true/false, printed as a yes/no line (only for this test)."""

    name = "yesno-test"
    yaml_keys = frozenset({"correct"})
    widget = "truefalse"

    def from_yaml(self, raw: Mapping[str, Any], common: Mapping[str, Any]) -> QuizItem:
        if not isinstance(raw.get("correct"), bool):
            raise ItemError("'correct' must be true or false")
        return QuizItem(type=self.name, answer=("yes" if raw["correct"] else "no",), options=("yes", "no"), **common)

    def grade(self, item: QuizItem, response: Any) -> bool:
        return response is not None and bool(response) == (item.answer[0] == "yes")

    def answer_text(self, item: QuizItem) -> str:
        return item.answer[0].capitalize()


@pytest.fixture
def yesno(tmp_path: Path) -> Iterator[Path]:
    """Register the throw-away type and give it a partial; both are gone afterwards."""
    register(YesNo)
    partials = tmp_path / "templates"
    (partials / "quiz").mkdir(parents=True)
    (partials / "quiz" / f"{YesNo.name}.html.j2").write_text(
        "{#- yes/no #}\n<p class=\"yesno\">Yes ☐ No ☐ ({{ q.options | length }} choices)</p>\n")
    yield partials
    del ITEM_KINDS[YesNo.name]


def test_a_new_type_flows_through_validation_grading_and_the_worksheet(tmp_path: Path, yesno: Path) -> None:
    items, _ = load_curated(_curated(tmp_path, "{type: yesno-test, correct: true, explanation: Because.}"))
    item = items[0]
    assert item.type == "yesno-test" and grade(item, True) and not grade(item, False)
    assert answer_text(item) == "Yes"
    with pytest.raises(ContentError, match="'correct' must be true or false"):
        load_curated(_curated(tmp_path, "{type: yesno-test, correct: maybe}"))
    with pytest.raises(ContentError, match="unknown key"):  # another type's keys are allowed, unknown ones not
        load_curated(_curated(tmp_path, "{type: yesno-test, correct: true, colour: red}"))
    page = _render(_view(item, with_answers=True), yesno)
    assert '<p class="yesno">Yes ☐ No ☐ (2 choices)</p>' in page
    assert "<b>Answer key:</b> Yes<br>Because." in page


def test_a_type_registered_twice_is_refused(yesno: Path) -> None:
    with pytest.raises(ValueError, match="already registered"):
        register(YesNo)


def test_without_the_registration_the_type_is_unknown(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="unknown item type 'yesno-test'"):
        load_curated(_curated(tmp_path, "{type: yesno-test, correct: true}"))


#: words a hint may share with an answer: they say nothing of what the answer is
FUNCTION = {"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "its", "of", "on", "or",
            "the", "that", "this", "to", "with", "not", "isn", "t", "s"}


def _content(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.casefold()) if w not in FUNCTION}


def test_no_hint_in_the_seed_modules_shares_a_word_with_its_answer() -> None:
    items = [item for module in load_course_content(CONTENT).modules for item in module.quiz]
    hints = [kind_of(item).hint(item) for item in items]  # ids repeat across modules ('plan-order')
    assert len(items) > 8 and sum(1 for h in hints if h) >= 5  # the check has hints to look at
    for item, hint in zip(items, hints, strict=True):
        shared = _content(hint) & _content(answer_text(item))
        assert not shared, (item.id, hint, shared)
        assert item.quote.startswith(hint)  # the sentence's own first words, nothing else
