"""'与其说「X」，不如说「Y」' / 'Instead of "X", try "Y"': Y is a phrase card that says what it replaces,
X is never offered, in a card, a quiz answer or a reflection prompt; quiz wording nests quotation marks."""

from __future__ import annotations

import pytest

from relcourse.content.parser import load_article, parse_article
from relcourse.course.polarity import classify, offered_phrases
from relcourse.course.prompts import generate_prompts
from relcourse.course.quiz.generate import generate_items

from ..conftest import CONTENT

HEAD_ZH = "安全感与需求-902-回家\n问题情境\n他回家很晚。\n实践指南\n### 第1步：换一句话（第1-3天）\n"
HEAD_EN = "Security and Needs-902-Coming Home\nProblem Scenario\nHe comes home late.\nPractice Guide\n### Step 1: Other Words (Days 1-3)\n"


def _cards(text: str) -> list[tuple[str, str]]:
    return [(p.text, p.replaces) for p in offered_phrases(classify(parse_article(text)))]


@pytest.mark.parametrize(("text", "cards"), [
    (HEAD_ZH + "- 与其说“怎么又这么晚”，不如说“今天路上还顺利吗？”\n", [("今天路上还顺利吗？", "怎么又这么晚")]),
    (HEAD_ZH + "- 与其说「你又迟到了」，不如说「路上累不累？」\n", [("路上累不累？", "你又迟到了")]),
    (HEAD_EN + '- Instead of "Late again?", try saying "How was the drive?"\n', [("How was the drive?", "Late again?")]),
    # a quoted term after 不如说 is no sentence: nothing to put on a card
    (HEAD_ZH + "- 与其说“迟到”，不如说“晚归”。\n", []),
    # X is warned against whatever follows
    (HEAD_ZH + "- 与其说“你怎么又这么晚？”，不如先拥抱一下。\n", []),
], ids=["zh-curly", "zh-corner", "en", "zh-terms", "zh-no-replacement"])
def test_the_replacement_is_offered_with_what_it_replaces(text: str, cards: list[tuple[str, str]]) -> None:
    assert _cards(text) == cards


def test_shipped_chinese_module_offers_the_replacement_never_the_complaint() -> None:
    article = load_article(CONTENT / "articles" / "security-and-needs-091.txt")
    verdicts = classify(article)
    cards = {p.text: p.replaces for p in offered_phrases(verdicts)}
    assert cards["今天路上还顺利吗？"] == "怎么又这么晚"
    assert not any("怎么又这么晚" in text for text in cards)
    answers = [a for item in generate_items(article) for a in item.answer]
    assert answers and not any("怎么又这么晚" in a for a in answers)
    assert not any("怎么又这么晚" in p.text for p in generate_prompts(article, verdicts))


def test_quiz_wording_nests_a_quotation_inside_its_own_marks() -> None:
    article = load_article(CONTENT / "articles" / "security-and-needs-091.txt")
    wording = [text for item in generate_items(article) for text in (item.prompt, item.explanation)]
    assert "文章用哪个词来指：“回家时让对方知道‘我看见你了’的一个小动作”？" in wording
    for text in wording:
        marks = [c for c in text if c in "“”"]
        assert marks == ["“", "”"] * (len(marks) // 2), text  # never “…“…”…”
