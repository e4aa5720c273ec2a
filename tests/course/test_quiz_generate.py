"""Quiz generation: grounded in one article, stable when others change, no cut text, no true option marked wrong."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from relcourse.content.model import Article
from relcourse.content.parser import load_articles
from relcourse.content.text import sentence_key as _key
from relcourse.content.text import shows_cut_mark, split_sentences
from relcourse.course import polarity
from relcourse.course.loader import load_course_content
from relcourse.course.quiz.generate import generate_items
from relcourse.course.quiz.kinds import answer_text
from relcourse.course.quiz.model import QuizItem
from relcourse.notebook.build import build_notebooks

from ..conftest import CONTENT, FIXTURES, content_folder

SEEDS = load_articles(CONTENT / "articles").articles
TRAPS = FIXTURES / "quiz"
#: every article the generators are checked on: the seeds and every fixture folder, English and Chinese
EVERY = [a for folder in (CONTENT / "articles", FIXTURES / "articles", FIXTURES / "articles-zh", TRAPS)
         for a in load_articles(folder).articles]


def _text(article: Article) -> str:
    return "\n".join(b.text for s in article.sections for b in s.blocks)


def _asserted(article: Article) -> set[str]:
    """Sentences the article states as they are (not inside a negation): a wrong option must not be one."""
    text = _text(article)
    return {_key(s) for block in text.splitlines() for s in split_sentences(block)
            if not re.search(r"\bnot\b|n't|不是|不等于|并非", s)}


@pytest.mark.parametrize("article", EVERY, ids=lambda a: a.slug)
def test_invariants_of_every_generated_item(article: Article) -> None:
    verdicts = polarity.classify(article)
    discouraged = {_key(v.text) for v in verdicts if v.polarity == "discouraged" and v.speakable}  # sentences, not terms
    asserted = _asserted(article)
    text = _text(article)
    for schedule in (False, True):
        for item in generate_items(article, schedule_items=schedule):
            shown = [item.prompt, item.quote, item.explanation, *item.options, *item.answer, *item.left]
            assert not any(shows_cut_mark(part) for part in shown), (item.id, "cut text")
            if item.type in ("single", "multiple", "truefalse"):
                assert item.answer and set(item.answer) <= set(item.options), item.id
                assert len(set(item.options)) == len(item.options) >= 2, item.id
                for wrong in set(item.options) - set(item.answer):
                    assert _key(wrong) not in asserted or item.type == "truefalse", (item.id, wrong)
            else:
                assert sorted(item.options) == sorted(item.answer), item.id
            for answer in item.answer:
                assert _key(answer) not in discouraged, (item.id, "a discouraged sentence as the right answer", answer)
            if not item.id.startswith("plan-"):  # plan items quote the plan's headings, not a sentence
                for part in item.quote.split(" / "):
                    assert part in text, (item.id, part)


@pytest.mark.parametrize("slug", ["security-and-needs-044", "security-and-needs-133"])
def test_seed_quizzes_are_grounded(slug: str) -> None:
    article = next(a for a in SEEDS if a.slug == slug)
    items = generate_items(article)
    assert len(items) >= 4
    assert all(item.section for item in items)
    assert not {"plan-timing", "step-for-action"} & {i.id for i in items}  # schedule memory is opt-in


def test_schedule_items_are_opt_in() -> None:
    article = next(a for a in SEEDS if a.slug == "security-and-needs-044")
    ids = {i.id for i in generate_items(article, schedule_items=True)}
    assert {"plan-timing", "step-for-action"} <= ids
    identical = next(a for a in SEEDS if a.slug == "security-and-needs-133")  # six steps with the same actions
    assert not {"plan-order", "step-for-action"} & {i.id for i in generate_items(identical, schedule_items=True)}


def test_course_yaml_turns_schedule_items_on(tmp_path: Path) -> None:
    content = content_folder(tmp_path, sorted((CONTENT / "articles").glob("*.txt")))
    (content / "course.yaml").write_text("quiz: {schedule_items: true}\n")
    assert any(i.id == "plan-timing" for m in load_course_content(content).modules for i in m.quiz)


def _items(slug: str) -> dict[str, QuizItem]:
    article = next(a for a in load_articles(TRAPS).articles if a.slug == slug)
    found: dict[str, QuizItem] = {}
    for item in generate_items(article):  # the first item of each family
        found.setdefault(item.id if item.id.endswith(("order", "match")) else item.id.rsplit("-", 1)[0], item)
    return found


def test_trap_article_english() -> None:
    items = _items("conflict-and-repair-090")
    assert items["distinction"].answer == ("A complaint is an invitation to repair.",)
    assert items["distinction"].options == ("A complaint is an attack.", "A complaint is an invitation to repair.")
    assert items["style"].prompt == "Which of these would the article call a complaint?"
    assert items["style"].answer == ("I felt alone when you were on your phone at dinner.",)
    assert "You never pay attention to me." in items["style"].options
    assert items["instead"].answer == ("I'd like ten minutes of your full attention tonight.",)
    assert "“You never listen”" in items["instead"].prompt
    assert "I felt alone when you were on your phone at dinner." not in items["instead"].options  # a complaint: endorsed
    assert items["term"].answer == ("harsh start-up",)
    assert items["case-concept"].answer == ("Flooding",) and "flooding" not in items["case-concept"].prompt.lower()
    assert items["case-step"].answer == ("Rewrite the Sentence",) and "Step 2" not in items["case-step"].prompt
    assert answer_text(items["plan-order"]) == "Notice the Urge → Rewrite the Sentence → Start Softly"


def test_trap_article_chinese() -> None:
    items = _items("冲突与修复-091")
    assert items["distinction"].prompt == "下面哪一项是文章的说法？"
    assert items["distinction"].answer == ("请求是邀请对方靠近。",)
    assert set(items["distinction"].options) == {"请求是邀请对方靠近。", "请求是示弱。"}
    assert items["style"].answer == ("今晚你能陪我洗碗吗？",) and "你总是只顾自己。" in items["style"].options
    assert items["term"].answer == ("修复尝试",)
    assert items["case-step"].answer == ("改写句子",) and "第2步" not in items["case-step"].prompt


def test_generation_is_deterministic() -> None:
    first = [i.to_dict() for a in SEEDS for i in generate_items(a)]
    again = [i.to_dict() for a in load_articles(CONTENT / "articles").articles for i in generate_items(a)]
    assert first == again


def test_adding_an_article_leaves_the_other_notebooks_byte_identical(tmp_path: Path) -> None:
    content = content_folder(tmp_path / "course", sorted((CONTENT / "articles").glob("*.txt")))
    build_notebooks(load_course_content(content), tmp_path / "before")
    (content / "articles" / "conflict-and-repair-090.txt").write_bytes((TRAPS / "conflict-and-repair-090.txt").read_bytes())
    build_notebooks(load_course_content(content), tmp_path / "after")
    for slug in ("security-and-needs-044", "security-and-needs-133"):
        before, after = (tmp_path / side / f"{slug}.ipynb" for side in ("before", "after"))
        assert before.read_bytes() == after.read_bytes(), slug


def test_items_that_cannot_be_grounded_are_not_generated() -> None:
    thin = next(a for a in load_articles(FIXTURES / "articles").articles if a.slug == "conflict-and-repair-012")
    assert generate_items(thin) == []  # one phase, no concepts to match, no distinctions
