"""Polarity: which quoted sentences an article recommends, and which it warns against (issue 12)."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path
from typing import Any

import pytest
import yaml

from relcourse.cli import main
from relcourse.content.parser import load_article, parse_article
from relcourse.content.text import split_sentences
from relcourse.course import polarity as polarity_module
from relcourse.course.loader import load_course_content
from relcourse.course.logs import generate_templates
from relcourse.course.polarity import Verdict, classify, classify_action, classify_text, offered_phrases
from relcourse.course.prompts import generate_prompts

from ..conftest import CONTENT, FIXTURES, content_folder
from .invariants import assert_no_discouraged_offered

TRAPS = sorted((FIXTURES / "traps").glob("*.txt"))
EVERY_ARTICLE = sorted((CONTENT / "articles").glob("*.txt")) + sorted((FIXTURES / "articles").glob("*.txt")) + \
    sorted((FIXTURES / "articles-zh").glob("*.txt")) + TRAPS


def expected(article: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(article.with_suffix(".expected.yaml").read_text(encoding="utf-8"))
    return data


def row(v: Verdict) -> list[Any]:
    why = f"{v.rule}: {v.cue}" if v.cue else v.rule
    return [v.line, v.polarity, why, v.text] + ([v.replaces] if v.replaces else [])


@pytest.mark.parametrize("article", TRAPS, ids=lambda p: p.stem)
def test_trap_articles_exactly(article: Path) -> None:
    want = expected(article)
    verdicts = classify(load_article(article))
    assert [row(v) for v in verdicts if v.source != "action"] == want["quotations"]
    assert [v.line for v in verdicts if v.source == "action" and v.polarity == "discouraged"] == want["warned_actions"]
    assert [p.text for p in offered_phrases(verdicts)] == want["phrases"]
    asked = [p.text for p in generate_prompts(load_article(article)) if p.id.startswith("ask-")]
    assert asked == [f"The practice guide suggests asking: “{q}” Think of a recent moment: what is your answer?" for q in want["asked"]]


def test_no_discouraged_sentence_is_offered_in_any_module(tmp_path: Path) -> None:
    """Over every seed, fixture and trap article (both languages), built as one course with its quizzes."""
    course = load_course_content(content_folder(tmp_path, EVERY_ARTICLE))
    assert len(course.modules) == len({p.name for p in EVERY_ARTICLE})
    for module in course.modules:
        assert_no_discouraged_offered(module)


def test_the_invariant_catches_a_warned_phrase(tmp_path: Path) -> None:
    """The helper fails when a discouraged sentence reaches a card (here: put there on purpose)."""
    course = load_course_content(content_folder(tmp_path, [TRAPS[0]]))
    module = course.modules[0]
    warned = next(v for v in module.polarity if v.polarity == "discouraged" and v.speakable)
    assert_no_discouraged_offered(module)
    with pytest.raises(AssertionError, match="phrase card"):
        assert_no_discouraged_offered(_with_card(module, warned.text))


def _with_card(module: Any, text: str) -> Any:
    class Shown:
        """The module as a careless renderer would show it: one extra card."""

        polarity = module.polarity
        prompts = module.prompts
        quiz = module.quiz
        phrases = [*module.phrases, type(module.phrases[0])(text, 1, "script")]

    return Shown()


@pytest.mark.parametrize(("sentence", "polarity", "rule"), [
    ('Never, even when you are hurt, say "You always ruin everything."', "discouraged", "warned"),
    ('Instead of criticising, say "I felt alone tonight."', "recommended", "suggested"),
    ('Try not to say "You are just like your mother."', "discouraged", "warned"),
    ('When the fight starts, stop saying "Whatever." and breathe.', "discouraged", "warned"),
    ('"You are so lazy." is contempt, not a complaint.', "discouraged", "problem"),
    ('Resist the urge to text "Why are you ignoring me?" again.', "discouraged", "warned"),
    ('Use a format like "When [event] happened, I felt [feeling]."', "recommended", "guide-script"),
])
def test_rules_in_one_sentence(sentence: str, polarity: str, rule: str) -> None:
    [verdict] = classify_text(sentence, 1, "practice")
    assert (verdict.polarity, verdict.rule) == (polarity, rule)


def test_list_and_pair_after_a_warning() -> None:
    verdicts = classify_text('Instead of "You never call," or "You always forget," say "I miss hearing from you."', 1, "practice")
    assert [(v.polarity, v.rule) for v in verdicts] == [("discouraged", "instead-of"), ("discouraged", "instead-of"),
                                                         ("recommended", "suggested")]
    assert verdicts[2].replaces == "You always forget"


def test_a_long_script_is_a_card_in_full_and_cards_are_not_repeated() -> None:
    phrases = [p.text for p in offered_phrases(classify(load_article(CONTENT / "articles" / "security-and-needs-044.txt")))]
    script = next(p for p in phrases if p.startswith("I've been paying attention"))
    assert len(script) > 400 and script.endswith("part of my inner world.")
    repeated = [p.text for p in offered_phrases(classify(load_article(CONTENT / "articles" / "security-and-needs-133.txt")))]
    assert repeated.count("Whatever happens, I'm here.") == 1  # quoted in all six steps, one card


def test_a_warning_in_the_guide_voice_stops_its_questions() -> None:
    head = "Conflict_and_Repair-903-Q\n\nProblem Scenario\n\nA and B argue.\n\nStep-by-Step Guide\n\n### Step 1: Notice (Days 1-3)\n\n"
    article = parse_article(head + "- Stop telling yourself: Why am I like this? Why can't I do anything right?\n"
                                   "- Never ask: \"Why are you like this?\"\n")
    assert [p.id for p in generate_prompts(article) if p.source == "action"] == ["plan-start"]


def test_check_lists_polarity_with_rules() -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["check", "--polarity", str(FIXTURES / "traps")]) == 0
    text = out.getvalue()
    assert "conflict-and-repair-901: polarity: 7 recommended, 9 discouraged, 3 example, 0 neutral" in text
    assert "conflict-and-repair-901:11: discouraged [warned: Never] practice: “What is wrong with you?”" in text
    assert "[suggested: 可以说] practice: “我们先停二十分钟，再回来谈。” (replaces “你冷静点”)" in text


def test_chinese_sentence_goes_on_after_a_quoted_question_and_a_comma() -> None:
    assert split_sentences("千万不要问“你怎么了？”，先安静一下。好。") == ["千万不要问“你怎么了？”，先安静一下。", "好。"]


def test_journal_care_for_sensitive_records() -> None:
    early = generate_templates(load_article(CONTENT / "articles" / "security-and-needs-044.txt"))[0]
    echo = next(f for f in early.fields if f.id == "resonance_with_early_experience")
    assert echo.help.endswith("skip this if it is distressing.")
    assert not any("distressing" in f.help for f in early.fields if f is not echo)
    tally = generate_templates(load_article(CONTENT / "articles" / "security-and-needs-133.txt"))[0]
    assert "Observe, don't keep score" in tally.instructions
    kept = generate_templates(load_article(TRAPS[0]))[0]
    assert [(f.id, f.kind, f.options) for f in kept.fields if f.kind == "choice"] == [("whether_i_kept_it_calm", "choice", ("yes", "no"))]
    assert "Observe, don't keep score" in kept.instructions
    practice = generate_templates(load_article(TRAPS[0]))[-1]
    assert "keep score" not in practice.instructions and practice.id == "practice-log"


def test_a_card_carries_the_sentence_it_replaces() -> None:
    cards = offered_phrases(classify(load_article(TRAPS[0])))
    assert {p.text: p.replaces for p in cards if p.replaces} == {
        "Let's take twenty minutes and come back to this.": "Calm down",
        "I'm tired tonight; could you do the dishes?": "You always leave me to do everything",
        "I miss you and I want us to have an evening together.": "You care more about your work than about me.",
        "I can see this matters to you. Tell me more.": "You're overreacting",  # a case's pair
    }
    assert [p.replaces for p in cards if p.text.startswith("What was the hardest")] == [""]


@pytest.mark.parametrize(("action", "polarity", "rule"), [
    ("Do not attempt all steps at once — choose the one that feels safest for both of you to begin with.", "recommended", "instruction"),
    ("不要一次尝试所有步骤——选一个你们都觉得最安全的开始。", "recommended", "instruction"),
    ("Does it remind you of previous relationship wounds that never fully healed?", "recommended", "guide-action"),
    ("And it opens space for your partner to share their own observations without feeling blamed or defensive.", "recommended", "guide-action"),
    ("Never ask your partner why they are like this.", "discouraged", "warned-speech"),
    ("Notice the urge to criticise and pause before you speak.", "discouraged", "warned-speech"),
    ("千万不要说“你眼里根本没有我。”", "discouraged", "warned-speech"),
])
def test_an_action_warns_only_against_something_said(action: str, polarity: str, rule: str) -> None:
    """A warning about how to practise is an instruction; actions are never phrases either way."""
    [verdict] = classify_action(action, 1)
    assert (verdict.polarity, verdict.rule) == (polarity, rule)


def test_an_article_is_classified_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The quiz, prompts, cards, check and review all ask; the article is judged once, each caller gets its own list."""
    article = load_article(TRAPS[0])
    calls: list[int] = []
    judge = polarity_module._classify

    def counted(a: Any) -> list[Verdict]:
        calls.append(1)
        return judge(a)

    monkeypatch.setattr(polarity_module, "_classify", counted)
    first = classify(article)
    first.clear()
    assert classify(article) == judge(article) and len(calls) == 1
    assert classify(load_article(TRAPS[0])) and len(calls) == 2  # another article object: judged anew


def test_a_problem_word_of_the_next_english_sentence_is_not_the_quotations() -> None:
    """044:36: the anxious inner voice is not 'contempt' because the next sentence speaks of the avoidant one's."""
    text = ('The internal experience is one of emergency: "The connection is breaking and I must fix it immediately." '
            'The avoidantly attached system responds with withdrawal and sometimes contempt for the partner\'s "neediness."')
    assert [(v.text, v.polarity, v.rule) for v in classify_text(text, 1, "concepts")] == [
        ("The connection is breaking and I must fix it immediately.", "neutral", "term"),
        ("neediness.", "discouraged", "problem")]
