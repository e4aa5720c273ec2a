"""Phrases to try come from one place, relcourse.course.polarity: the parser keeps only the page's
own "Try this sentence" lines as written, and every quoted script is judged with its article."""

from __future__ import annotations

import pytest

from relcourse.content.parser import load_article, parse_article
from relcourse.course.polarity import classify, offered_phrases

from ..conftest import CONTENT, FIXTURES

EN = """Conflict and Repair-040-Words That Close Doors
Problem Scenario
Ana and Leo argue about money.
Practice Guide
### Step 1: Choose Your Words (Days 1-3)
- Don't say "You never listen to me." when you are hurt.
- Say "I feel unheard, and I want to understand you."
"""
ZH = (
    "冲突与修复-040-关上门的话\n问题情境\n他们为钱争吵。\n实践指南\n### 第1步：选择措辞（第1-3天）\n"
    "- 不要说“你从来不听我说话。”\n- 可以说：“我觉得没有被听见，我想理解你。”\n"
)


def _offered(text: str) -> list[str]:
    return [p.text for p in offered_phrases(classify(parse_article(text)))]


@pytest.mark.parametrize(("text", "offered"), [(EN, ["I feel unheard, and I want to understand you."]),
                                               (ZH, ["我觉得没有被听见，我想理解你。"])], ids=["en", "zh"])
def test_a_sentence_the_article_warns_against_is_never_a_phrase(text: str, offered: list[str]) -> None:
    assert _offered(text) == offered


def test_the_parser_offers_nothing_itself() -> None:
    """The article keeps quotations in its sections; only the page's "Try this sentence" lines stand apart."""
    article = parse_article(EN)
    assert article.try_this == []
    assert any("You never listen to me." in b.text for s in article.sections for b in s.blocks)


def test_seed_scripts_and_the_page_line_become_cards() -> None:
    seed = load_article(CONTENT / "articles" / "security-and-needs-133.txt")
    assert [(p.text, p.source, p.replaces) for p in offered_phrases(classify(seed))] == [
        ("Whatever happens, I'm here.", "script", ""),
        # a case's pair: "instead of his usual X or Y, he said: Z" offers Z (never X or Y)
        ("I hear your fear. I can't fly back right now, but I can stay on the phone with you until you feel better. "
         "Your fear is real, and I respect it.", "script", "You're being too much")]
    phrases = offered_phrases(classify(load_article(CONTENT / "articles" / "security-and-needs-044.txt")))
    assert {"I'm here", "We're okay", "Take your time", "I'm not going anywhere."} <= {p.text for p in phrases}
    bids = load_article(FIXTURES / "articles" / "attachment-and-communication-116.txt")
    assert [(p.text, p.source, p.line) for p in offered_phrases(classify(bids)) if p.source == "try-this"] == [
        ("I noticed you wanted to show me something. Show me again?", "try-this", 41)]


def test_a_script_longer_than_400_characters_is_offered_whole() -> None:
    script = "I want to tell you something, " + "and I am still here with you, " * 15 + "whatever happens."
    phrases = _offered(EN.replace('"I feel unheard, and I want to understand you."', f'"{script[0].upper()}{script[1:]}"'))
    assert len(script) > 400 and phrases == [script]
