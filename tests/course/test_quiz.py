from __future__ import annotations

from pathlib import Path

import pytest

from relcourse.content.parser import load_articles
from relcourse.course.loader import load_course_content
from relcourse.course.quiz.curated import load_curated
from relcourse.course.quiz.generate import generate_items
from relcourse.course.quiz.kinds import grade
from relcourse.course.quiz.model import QuizItem, merge_curated
from relcourse.errors import ContentError

from ..conftest import CONTENT, SEED_ARTICLES, content_folder

SEEDS = load_articles(CONTENT / "articles").articles


@pytest.mark.parametrize(
    ("kind", "right", "wrong"),
    [("single", "b", "a"), ("multiple", ["a", "c"], ["a"]), ("truefalse", False, True),
     ("ordering", ["x", "y", "z"], ["y", "x", "z"]), ("matching", {"L1": "r1", "L2": "r2"}, {"L1": "r2", "L2": "r1"})],
)
def test_grade(kind: str, right: object, wrong: object) -> None:
    items = {
        "single": QuizItem("q", "single", "?", ("b",), ("a", "b")),
        "multiple": QuizItem("q", "multiple", "?", ("a", "c"), ("a", "b", "c")),
        "truefalse": QuizItem("q", "truefalse", "?", ("false",), ("true", "false")),
        "ordering": QuizItem("q", "ordering", "?", ("x", "y", "z"), ("z", "x", "y")),
        "matching": QuizItem("q", "matching", "?", ("r1", "r2"), ("r2", "r1"), left=("L1", "L2")),
    }
    assert grade(items[kind], right) and not grade(items[kind], wrong)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "q.yaml"
    path.write_text(text)
    return path


def test_curated_items_replace_and_add(tmp_path: Path) -> None:
    path = _write(tmp_path, """
items:
  - id: plan-order
    type: ordering
    prompt: Order these.
    order: [one, two, three]
  - id: extra
    type: multiple
    prompt: Which are bids?
    options: [a smile, a question, silence]
    answer: [a smile, a question]
    explanation: Bids invite a response.
remove: [plan-timing]
""")
    items, removed = load_curated(path)
    generated = generate_items(SEEDS[0], schedule_items=True)  # 044: its plan has an order and a schedule
    merged = merge_curated(generated, items, removed)
    ids = [i.id for i in merged]
    at = ids.index("plan-order")
    assert at == [i.id for i in generated].index("plan-order")  # replaced where it was
    assert merged[at].source == "curated" and merged[at].answer == ("one", "two", "three")
    assert "plan-timing" not in ids and ids[-1] == "extra"


@pytest.mark.parametrize(
    ("text", "message"),
    [("items: [\n  - id: x\n   type: single", "q.yaml:2: not valid YAML"),
     ("items:\n  - {id: x, type: essay, prompt: Why}", "item 1 (x): unknown item type 'essay'"),
     ("items:\n  - {id: x, type: single, prompt: Why, options: [a, b], answer: c}", "item 1 (x): answer 'c' is not among the options"),
     ("items:\n  - {id: x, type: truefalse, prompt: Why, answer: maybe}", "'answer' must be true or false"),
     ("items:\n  - {id: x, type: single, prompt: Why, options: [a, b], answer: a, colour: red}", "unknown key(s) colour"),
     ("- just a list", "expected a mapping"),
     ('items:\n  - {id: "x\\n", type: single, prompt: Why, options: [a, b], answer: a}', "'id' may hold only letters"),
     ("items:\n  - id: |\n      x\n    type: single\n    prompt: Why\n    options: [a, b]\n    answer: a", "'id' may hold only")],
)
def test_curated_errors_name_file_and_problem(tmp_path: Path, text: str, message: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(ContentError) as info:
        load_curated(path)
    assert str(info.value).startswith(str(path)) and message in str(info.value)


def test_bad_curated_file_is_a_diagnostic_not_a_crash(tmp_path: Path) -> None:
    content = content_folder(tmp_path, SEED_ARTICLES)
    (content / "quizzes").mkdir()
    (content / "quizzes" / "security-and-needs-044.yaml").write_text("items: [")
    course = load_course_content(content)
    slugs = [m.slug for m in course.modules]  # the other seed modules are built
    assert "security-and-needs-044" not in slugs and len(slugs) == len(SEED_ARTICLES) - 1
    assert course.diagnostics[0].severity == "error" and "security-and-needs-044.yaml" in course.diagnostics[0].path
