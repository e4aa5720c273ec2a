from __future__ import annotations

from relcourse.parse import load_article, parse_article
from relcourse.prompts import Prompt, generate_prompts

from .conftest import CONTENT, FIXTURES

HEAD = "Conflict_and_Repair-091-Prompts\n\n1. Problem Scenario\n\nA and B argue.\n\n3. Practice Guide: Step-by-Step Path\n\n"


def prompts_of(name: str, folder: str = "content") -> dict[str, Prompt]:
    root = CONTENT / "articles" if folder == "content" else FIXTURES / "articles"
    return {p.id: p for p in generate_prompts(load_article(root / name))}


def from_actions(*actions: str) -> list[Prompt]:
    body = "### Step 1: Notice (Days 1-3)\n\n" + "".join(f"- {a}\n" for a in actions)
    return [p for p in generate_prompts(parse_article(HEAD + body)) if p.id != "plan-start"]


def test_case_prompts_name_who_spoke_and_to_whom() -> None:
    prompts = prompts_of("security-and-needs-133.txt")
    assert prompts["case-1"].text.startswith("In “The Transformation from Anxious Attachment to Secure Connection”, "
                                             "what did David say that changed the moment for Elena?")
    assert "between Mark and Lena" in prompts["case-2"].text
    assert prompts["case-1"].source == "case"


def test_questions_the_guide_asks_in_order_with_their_lines() -> None:
    prompts = prompts_of("security-and-needs-044.txt")
    action = [p for p in prompts.values() if p.source == "action"]
    assert [p.id for p in action] == ["questions-1", "questions-2", "action-1", "plan-start"]
    assert prompts["questions-1"].text.startswith("Look for patterns: Are there specific categories of triggers that recur? "
                                                  "Does your response pattern align")
    assert prompts["questions-2"].text.startswith("The practice guide asks: What triggered it? What worked in our response?")
    assert prompts["action-1"].text.startswith("The practice guide suggests asking: “How are we doing with this dimension")
    assert prompts["action-1"].text.endswith("what are your answers?")
    assert [prompts[i].line for i in ("questions-1", "questions-2", "action-1")] == [52, 70, 84]
    # the numbered elements of the activation journal ("(2) … where in your body do you feel …?") are its fields
    assert not any("somatic" in p.text or "caregivers" in p.text for p in prompts.values())


def test_quoted_question_is_one_prompt_even_when_repeated_in_every_step() -> None:
    prompts = prompts_of("security-and-needs-133.txt")
    asked = [p for p in prompts.values() if "What evidence supports this assumption?" in p.text]
    assert [p.id for p in asked] == ["action-1"] and asked[0].line == 32


def test_question_runs() -> None:
    assert from_actions("Talk it over. What did you need? What did you get?")[0].text == (
        "The practice guide asks: What did you need? What did you get? Think of a recent time and write your answers.")
    assert from_actions("Rest first. Is this the time?") == []  # one question is not a run
    assert from_actions('Say: "Can we start over? Can I try again?"') == []  # a script to say, not a question to answer
    assert from_actions("Record three elements: (1) The moment—what happened? (2) The feeling—where? How strong?") == []


def test_faq_and_closing_prompts_from_fixture() -> None:
    prompts = prompts_of("attachment-and-communication-116.txt", "fixtures")
    assert prompts["faq-1"].text.startswith("What is a bid?") and prompts["faq-1"].source == "faq"
    assert prompts["closing"].text.startswith("The article closes with: “Remember: the smallest answers often matter most.”")
