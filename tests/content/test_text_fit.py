"""Text fit to print (issue 12 point 4): no cut teaser as an FAQ answer, title-case artefacts
tidied, labels whose verbs agree with "I"."""

from __future__ import annotations

import pytest

from relcourse.cli import main
from relcourse.content.parser import parse_article
from relcourse.content.text import is_cut, shows_cut_mark, tidy_title_case
from relcourse.course.logs import generate_templates

from ..conftest import CONTENT

ARTICLE = """Security and Needs-200-Test Article
## 1. Problem Scenario
Some text here.
## 5. Practice Guide
### Step 1: Notice (Week 1)
- Each evening, write down what you were afraid of, how you are feeling and whether you're heard.

常见问题

Is this for me?

Yes, it is for anyone who wants to try it.

Does it help?

Short cut teaser text that stops mid-wor…
"""


@pytest.mark.parametrize(("raw", "tidy"), [
    ("Gottman'S Bids And Turning Toward Research", "Gottman's Bids and Turning Toward Research"),
    ("Partner’S Needs In Practice", "Partner’s Needs in Practice"),
    ("Of Mice And Men", "Of Mice and Men"),
    ("安全感与需求", "安全感与需求"),
])
def test_title_case_artefacts_are_tidied(raw: str, tidy: str) -> None:
    assert tidy_title_case(raw) == tidy


def test_cut_text() -> None:
    assert is_cut("almost invisible erosi…") and is_cut("relationship quality ye...")
    assert not is_cut("A whole sentence.") and not is_cut("一句话。")


def test_an_faq_answered_only_by_the_cut_teaser_is_left_out_and_named() -> None:
    article = parse_article(ARTICLE, "test.txt")
    assert [f.question.text for f in article.faq] == ["Is this for me?"]
    [warning] = article.left_out
    assert str(warning).startswith("test.txt:14: warning: FAQ left out: its answer is only the page's shortened teaser")
    assert any(b.text == "Does it help?" for b in article.chrome)  # accounted for, not lost


@pytest.mark.parametrize("name", ["security-and-needs-044", "security-and-needs-133"])
def test_seed_articles_show_no_teaser_as_an_answer(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    article = parse_article((CONTENT / "articles" / f"{name}.txt").read_bytes(), f"{name}.txt")
    assert not any(is_cut(b.text) for f in article.faq for b in f.answer)
    assert main(["check", str(CONTENT)]) == 0
    assert f"{name}.txt:{article.left_out[0].line}: warning: FAQ left out" in capsys.readouterr().out


def test_first_person_labels_agree_with_i() -> None:
    labels = [f.label for t in generate_templates(parse_article(ARTICLE)) for f in t.fields]
    assert labels[:3] == ["What I was afraid of", "How I am feeling", "Whether I'm heard"]
    assert not any(" I were" in label or " I are" in label for label in labels)


def test_a_cut_mark_anywhere_is_shown_a_cut_mark_only_at_the_end_is_a_cut() -> None:
    assert shows_cut_mark("I feel … when you …, and I need …") and not is_cut("I feel … when you …, and I need it.")
    assert shows_cut_mark("almost invisible erosi…") and not shows_cut_mark("一句话。")
