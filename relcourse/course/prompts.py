"""Reflection prompts drawn from the article: its cases, the questions its practice guide
asks the reader, its FAQ and its closing line."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from relcourse.content.lexicon import LEXICONS
from relcourse.content.model import Article, Case
from relcourse.content.text import nest_quotes, split_sentences
from relcourse.course.ids import unique_ids
from relcourse.course.polarity import Verdict, classify, discouraging, is_recommended
from relcourse.i18n import _, use_language

SAID_RE = re.compile(rf"\b({'|'.join(map(re.escape, LEXICONS['en'].said_verbs))})\b[^\"“]{{0,30}}[\"“]")
NAME_RE = re.compile(r"\b[A-Z][a-z]+\b")
ASK_RE = re.compile(r"\bask(?: yourself| each other)?\s*:?\s*[\"“](?P<q>[^\"”]+\?)[\"”]", re.IGNORECASE)
QUOTED_RE = re.compile(r"[\"“][^\"“”]*[\"”]")
ENUMERATION_RE = re.compile(r"\(\d\)")
#: two or more questions in a row, in the guide's own voice: "Look for patterns: Are there …? Does …?"
QUESTION_RUN_RE = re.compile(r"(?:(?<=[.!?:—])\s+|^)(?P<run>[A-Z][^.?!:—]*\?(?:\s+[A-Z][^.?!:—]*\?)+)")
MAX_ID = 48  # it appears in the notebook: reflection("module", "<id>")
KEY_STOP_WORDS = LEXICONS["en"].prompt_stop_words


def prompt_id(kind: str, text: str, words: int = 4) -> str:
    """An id made from what the prompt is about ("case-transformation-anxious-attachment-secure").

    Saved reflections are keyed by it, so it must not shift when an article gains a case or a
    question elsewhere, as a running number would.
    """
    ident = kind
    for word in [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in KEY_STOP_WORDS][:words]:
        if len(ident) + 1 + len(word) > MAX_ID:
            break
        ident += f"-{word}"
    return ident


@dataclass(frozen=True)
class Prompt:
    id: str
    text: str
    source: str  # "case" | "action" | "faq" | "summary"
    line: int
    context: str = ""


def _people(case: Case, article_text: str) -> list[str]:
    """The people in a case: capitalised words used as names (never written in lower case in the article)."""
    text = " ".join(case.paragraphs)
    lower = set(re.findall(r"\b[a-z]{3,}\b", article_text))
    counts = Counter(w for w in NAME_RE.findall(text) if w.lower() not in lower)
    return [name for name, n in counts.most_common() if n >= 2]


def case_prompt(case: Case, article_text: str) -> Prompt:
    people = _people(case, article_text)
    text = " ".join(case.paragraphs)
    match = SAID_RE.search(text)
    if match and len(people) >= 2:
        before = text[max(0, match.start() - 300) : match.start()]
        named = [p for p in people[:2] if p in before]
        speaker = max(named, key=before.rfind) if named else people[1]
        partner = people[0] if speaker != people[0] else people[1]
        question = _("In “{case}”, what did {speaker} say that changed the moment for {partner}? "
                     "What would you want to hear, or say, in a moment like that?").format(
            case=case.title, speaker=speaker, partner=partner)
    elif len(people) >= 2:
        question = _("In “{case}”, what changed between {first} and {second}? What could you borrow for your own relationship?").format(
            case=case.title, first=people[0], second=people[1])
    else:
        question = _("In “{case}”, what made the difference? What could you borrow for your own relationship?").format(case=case.title)
    return Prompt(prompt_id("case", case.title), question, "case", case.line, case.title)


def question_prompts(article: Article) -> list[Prompt]:
    """Questions the practice guide puts to the reader in a row (not inside quotes, not the numbered
    elements of a journal): 'Look for patterns: Are there …? Does …? Do you see …?'"""
    prompts: list[Prompt] = []
    seen: set[str] = set()
    for step in article.plan:
        for action in step.actions:
            if ENUMERATION_RE.search(action):
                continue  # "(1) The precise trigger—what …?": a journal's fields, not a reflection
            unquoted = QUOTED_RE.sub("…", action)
            for match in QUESTION_RUN_RE.finditer(unquoted):
                questions = " ".join(match["run"].split())
                if questions in seen:
                    continue
                seen.add(questions)
                before = split_sentences(unquoted[: match.start("run")])
                last = before[-1] if before else ""  # the sentence that leads into the questions
                lead = re.fullmatch(r"(?P<lead>[^.!?]{3,60}):", last)
                if discouraging(last):
                    continue  # "Stop asking yourself: Why am I like this? …": questions the guide warns against
                text = (_("{lead}: {questions} Take a moment with these questions and write what you find.").format(
                            lead=lead["lead"].strip(), questions=questions)
                        if lead else _("The practice guide asks: {questions} Think of a recent time and write your answers.").format(
                            questions=questions))
                prompts.append(Prompt(prompt_id("questions", questions), text, "action", action.line, step.title))
    return prompts


def generate_prompts(article: Article, verdicts: list[Verdict] | None = None) -> list[Prompt]:
    """``verdicts``: the article's polarity (computed when not given); only a question the article
    recommends is offered as one to ask. The kit's words around the article's are in its language."""
    with use_language(article.lang):
        return _article_prompts(article, verdicts)


def _article_prompts(article: Article, verdicts: list[Verdict] | None) -> list[Prompt]:
    verdicts = classify(article) if verdicts is None else verdicts
    article_text = "\n".join(b.text for section in article.sections for b in section.blocks)
    prompts = [case_prompt(case, article_text) for case in article.cases]
    asked: list[Prompt] = []
    seen: set[str] = set()
    for step in article.plan:
        for action in step.actions:
            for match in ASK_RE.finditer(action):
                question = match["q"].strip()
                if question not in seen and is_recommended(verdicts, question):
                    seen.add(question)
                    text = (_("The practice guide suggests asking: “{question}” Think of a recent moment: what are your answers?")
                            if question.count("?") > 1 else
                            _("The practice guide suggests asking: “{question}” Think of a recent moment: what is your answer?"))
                    asked.append(Prompt(
                        prompt_id("ask", question),
                        text.format(question=question),
                        "action", action.line, step.title,
                    ))
    prompts += sorted(asked + question_prompts(article), key=lambda p: p.line)  # in the order the guide asks
    if article.plan:
        first = article.plan[0]
        prompts.append(Prompt("plan-start", _("Which action of “{step}” will you try first, when, and what might get in the way?").format(
                              step=first.name),
                              "action", first.line, first.title))
    for item in article.faq:
        question = item.question.text.replace(article.title_block.text, article.title)
        prompts.append(Prompt(prompt_id("faq", question), _("{question} Answer in your own words, for your own relationship.").format(
                              question=question),
                              "faq", item.line))
    if article.summary and article.summary.closing:
        prompts.append(Prompt("closing", _("The article closes with: “{closing}” What does this mean for you this week?").format(
                              closing=article.summary.closing),
                              "summary", article.summary.closing.line))
    # the article's own quotation inside the kit's “…”: “…‘你回来啦’…” (content/text.py nest_quotes)
    return unique_ids([replace(p, text=nest_quotes(p.text)) for p in prompts])
