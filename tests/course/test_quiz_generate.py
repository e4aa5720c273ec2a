"""Quiz generation: grounded, deterministic, at least six items per seed module."""

from __future__ import annotations

import pytest

from relcourse.content.parser import load_articles
from relcourse.course.quiz.generate import generate_items
from relcourse.course.quiz.kinds import answer_text

from ..conftest import CONTENT, FIXTURES

SEEDS = load_articles(CONTENT / "articles").articles


def _article_text(slug: str) -> str:
    article = next(a for a in SEEDS if a.slug == slug)
    return "\n".join(b.text for s in article.sections for b in s.blocks)


@pytest.mark.parametrize("slug", ["security-and-needs-044", "security-and-needs-133"])
def test_seed_quizzes_have_six_grounded_items(slug: str) -> None:
    article = next(a for a in SEEDS if a.slug == slug)
    items = generate_items(article, SEEDS)
    assert len(items) >= 6
    assert len({i.type for i in items}) >= 3
    text = _article_text(slug)
    for item in items:
        assert item.section, item.id
        # the quote the explanation shows is the article's own words
        for part in item.quote.split(" / "):
            if " · " in part:  # plan headings joined
                continue
            assert part.strip() in text or part.strip() in " ".join(s.title for s in article.plan), (item.id, part[:80])
        if item.type in ("single", "multiple"):
            assert set(item.answer) <= set(item.options)
        if item.type in ("ordering", "matching"):
            assert sorted(item.options) == sorted(item.answer)


def test_generation_is_deterministic() -> None:
    first = [i.to_dict() for a in SEEDS for i in generate_items(a, SEEDS)]
    again = [i.to_dict() for a in load_articles(CONTENT / "articles").articles for i in generate_items(a, SEEDS)]
    assert first == again


def test_exact_seed_items() -> None:
    items = {i.id: i for i in generate_items(SEEDS[1], SEEDS)}
    assert set(items) >= {"plan-order", "plan-timing", "concept-match", "expert-match", "false-statement", "insight-true"}
    assert items["plan-order"].answer[0] == "Security Status Assessment"
    assert items["false-statement"].prompt == "True or false? “Security is control.”"
    assert items["false-statement"].quote == "Security is not control."
    assert answer_text(items["false-statement"]) == "False"
    assert items["concept-match"].left == ("Transmission and Reception of Safety Signals", "Updating Internal Working Models", "Co-Regulation")
    assert items["concept-match"].answer[2] == "Security is not only cognitive — it is physiological."


def test_items_that_cannot_be_grounded_are_not_generated() -> None:
    markup = load_articles(FIXTURES / "articles").articles
    thin = next(a for a in markup if a.slug == "conflict-and-repair-012")
    assert generate_items(thin, [thin]) == []  # one phase, no concepts to match, no insights
