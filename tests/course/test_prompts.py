from __future__ import annotations

from relcourse.content.parser import load_article, parse_article
from relcourse.course.prompts import Prompt, generate_prompts, prompt_id

from ..conftest import CONTENT, FIXTURES

HEAD = "Conflict_and_Repair-091-Prompts\n\n1. Problem Scenario\n\nA and B argue.\n\n3. Practice Guide: Step-by-Step Path\n\n"


def prompts_of(name: str, folder: str = "content") -> dict[str, Prompt]:
    root = CONTENT / "articles" if folder == "content" else FIXTURES / "articles"
    return {p.id: p for p in generate_prompts(load_article(root / name))}


def from_actions(*actions: str) -> list[Prompt]:
    body = "### Step 1: Notice (Days 1-3)\n\n" + "".join(f"- {a}\n" for a in actions)
    return [p for p in generate_prompts(parse_article(HEAD + body)) if p.id != "plan-start"]


def test_case_prompts_name_who_spoke_and_to_whom() -> None:
    prompts = prompts_of("security-and-needs-133.txt")
    assert prompts["case-transformation-anxious-attachment-secure"].text.startswith("In “The Transformation from Anxious Attachment to Secure Connection”, "
                                             "what did David say that changed the moment for Elena?")
    assert "between Mark and Lena" in prompts["case-co-regulation-healed-physiological"].text
    assert prompts["case-transformation-anxious-attachment-secure"].source == "case"


def test_questions_the_guide_asks_in_order_with_their_lines() -> None:
    prompts = prompts_of("security-and-needs-044.txt")
    action = [p for p in prompts.values() if p.source == "action"]
    assert [p.id for p in action] == ["questions-there-specific-categories-triggers", "questions-triggered-worked-our-response",
                                      "ask-we-doing-dimension-our", "plan-start"]
    assert prompts["questions-there-specific-categories-triggers"].text.startswith("Look for patterns: Are there specific categories of triggers that recur? "
                                                  "Does your response pattern align")
    assert prompts["questions-triggered-worked-our-response"].text.startswith("The practice guide asks: What triggered it? What worked in our response?")
    assert prompts["ask-we-doing-dimension-our"].text.startswith("The practice guide suggests asking: “How are we doing with this dimension")
    assert prompts["ask-we-doing-dimension-our"].text.endswith("what are your answers?")
    assert [p.line for p in action[:3]] == [52, 70, 84]
    # the numbered elements of the activation journal ("(2) … where in your body do you feel …?") are its fields
    assert not any("somatic" in p.text or "caregivers" in p.text for p in prompts.values())


def test_quoted_question_is_one_prompt_even_when_repeated_in_every_step() -> None:
    prompts = prompts_of("security-and-needs-133.txt")
    asked = [p for p in prompts.values() if "What evidence supports this assumption?" in p.text]
    assert [p.id for p in asked] == ["ask-evidence-supports-assumption-there"] and asked[0].line == 32


def test_question_runs() -> None:
    assert from_actions("Talk it over. What did you need? What did you get?")[0].text == (
        "The practice guide asks: What did you need? What did you get? Think of a recent time and write your answers.")
    assert from_actions("Rest first. Is this the time?") == []  # one question is not a run
    assert from_actions('Say: "Can we start over? Can I try again?"') == []  # a script to say, not a question to answer
    assert from_actions("Record three elements: (1) The moment—what happened? (2) The feeling—where? How strong?") == []


def test_faq_and_closing_prompts_from_fixture() -> None:
    prompts = prompts_of("attachment-and-communication-116.txt", "fixtures")
    assert prompts["faq-bid"].text.startswith("What is a bid?") and prompts["faq-bid"].source == "faq"
    assert prompts["closing"].text.startswith("The article closes with: “Remember: the smallest answers often matter most.”")
    lines = (FIXTURES / "articles" / "attachment-and-communication-116.txt").read_text(encoding="utf-8").splitlines()
    assert lines[prompts["closing"].line - 1].startswith("Remember: the smallest answers")  # the closing line, not the heading's


def test_prompt_ids_do_not_shift_when_an_article_gains_a_case() -> None:
    """Saved reflections are keyed by prompt id: a new case elsewhere must not re-point them."""
    path = FIXTURES / "articles" / "scripts-and-tools-201.txt"
    before = {p.id: p.text for p in generate_prompts(load_article(path))}
    new_case = "### Case 0: A Quiet Evening\n\nMia said \"I am here.\" and Tom smiled. Mia and Tom sat down.\n\n"
    text = path.read_text(encoding="utf-8").replace("### Case 1:", new_case + "### Case 1:", 1)
    after = {p.id: p.text for p in generate_prompts(parse_article(text))}
    assert len(after) == len(before) + 1  # the new case has its own prompt …
    assert all(after.get(ident) == prompt for ident, prompt in before.items())  # … and the others keep theirs


def test_prompt_ids_are_unique_and_readable() -> None:
    assert prompt_id("case", "The Transformation from Anxious Attachment to Secure Connection") == \
        "case-transformation-anxious-attachment-secure"
    assert len(prompt_id("questions", "Interpersonal neurobiological hyperarousal counterproductiveness")) <= 48
    prompts = from_actions("Talk. What did you need? What did you get?", "Rest. What did you need? What did you get now?")
    ids = [p.id for p in prompts]
    assert len(set(ids)) == len(ids)


def test_a_quotation_inside_a_prompt_takes_the_inner_marks() -> None:
    """The shipped Chinese module closes with a line that quotes “你回来啦”: inside the prompt's “…” it reads ‘你回来啦’."""
    closing = prompts_of("security-and-needs-091.txt", "content")["closing"].text
    assert "“记住：明天对方进门时，先抬头说一声‘你回来啦’。”" in closing
