"""Structured views of an article's sections: concepts, plan, cases, experts, summary.

Each reader takes a :class:`Section` (whose blocks are the raw lines) and returns the
elements found in it; every block of the section is used by exactly one element, so
nothing the author wrote is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from relcourse.content.lexicon import Lexicon, any_language
from relcourse.content.model import (
    Block,
    Case,
    Concept,
    Duration,
    Expert,
    Section,
    Step,
    Subsection,
    Summary,
    Text,
)
from relcourse.content.text import CJK_CHARS
from relcourse.i18n import _

Warn = Callable[[int, str], None]
WORDS = any_language()
LEXICONS_IN_ORDER = WORDS.lexicons
CJK = CJK_CHARS


def _alternatives(name: str) -> str:
    """Every language's words of one lexicon key, as a regex alternation (longest first)."""
    words = {w.lower() for lex in LEXICONS_IN_ORDER for w in getattr(lex, name)}
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


SUBHEADING_RE = re.compile(r"^#{2,4}\s*(?P<title>.*?)\s*#*$")
BOLD_LEAD_RE = re.compile(r"^\*\*(?P<head>[^*]+?)\*\*\s*(?P<sep>[.:：。]?)\s*(?P<text>.*)$")
LABEL_RE = re.compile(
    rf"^(?P<label>(?:[A-Za-z]+\s+|[{CJK}]{{1,4}})?\d+(?:\.\d+)*)\s*[.:)：、．]\s*(?P<name>.+)$"
)
NUMBERED_SUB_RE = re.compile(r"^\d+(?:\.\d+)+\s+")
ACTIONS_LABEL_RE = re.compile(
    rf"^\*\*(?:{_alternatives('actions_labels')})\*\*\s*[:：]?\s*$|^\*\*[^*]+\*\*\s*[:：]\s*$", re.IGNORECASE
)
INSIGHTS_LABEL_RE = re.compile(rf"^\*\*(?:{_alternatives('insights_labels')})\*\*\s*[:：]?$", re.IGNORECASE)
#: "- ", "* ", "• " bullets (nested ones too: lines are read without their indent) and "1)" numbering
BULLET_RE = re.compile(r"^(?:[-*•+]\s+|\d+[)）]\s*)")
NUMBERED_RE = re.compile(rf"^\d+(?:[.)]\s+|[、．]\s*|\.(?=[{CJK}]))(?P<text>.+)$")
CASE_LABEL_RE = re.compile(
    rf"^(?P<label>(?:{_alternatives('case_labels')})\s*\d+)\s*[:.\-–—：、]\s*(?P<title>.+)$", re.IGNORECASE
)
#: table rows and quotation lines stay in their section as text: they are read, not done
NOT_AN_ACTION_RE = re.compile(r"^[|>]")
CLOSING_PREFIXES = tuple(p.lower() for lex in LEXICONS_IN_ORDER for p in lex.closing_prefixes)


#: the longest plan the calendar, the .ics file and the printed log pages accept (a year)
MAX_PLAN_DAYS = 366
#: numbers longer than this are beyond any plan (and Python refuses to read 4,300 digits)
MAX_DIGITS = 6


def _bounded_number(digits: str) -> int:
    return int(digits) if len(digits) <= MAX_DIGITS else 10**MAX_DIGITS


def parse_duration(text: str) -> Duration | None:
    """``Suggested Days 1-3`` → day 1..3; ``Weeks 1-2``; ``Week 3``; ``Ongoing``; ``第1-3天``; ``持续进行``."""
    low = text.lower()
    if any(word in low for lex in LEXICONS_IN_ORDER for word in lex.ongoing):
        return Duration("ongoing", text=text)
    match = next((m for lex in LEXICONS_IN_ORDER if (m := lex.duration_re.search(text))), None)
    if not match:
        return None
    start = _bounded_number(match["start"])
    end = _bounded_number(match["end"]) if match["end"] else start
    return Duration("week" if match["week"] else "day", start, end, text)


def duration_problem(duration: Duration) -> str | None:
    """Why a duration cannot be put on a calendar (too long, or ending before it starts), if it cannot."""
    if duration.start is None:
        return None
    end = duration.end if duration.end is not None else duration.start
    if duration.start < 1 or end < duration.start:
        return _("duration {duration} ends before it starts; write e.g. 'Days 1-3'").format(duration=repr(duration.text))
    if end * (7 if duration.unit == "week" else 1) > MAX_PLAN_DAYS:
        return _("duration {duration} runs past day {last} of the plan; shorten it (kept without dates)").format(
            duration=repr(duration.text), last=MAX_PLAN_DAYS)
    return None


def _subheading(block: Block) -> str | None:
    match = SUBHEADING_RE.match(block.text)
    return match["title"] if match else None


def _split_by_subheadings(blocks: Iterable[Block]) -> list[tuple[Block | None, list[Block]]]:
    """Group blocks under their ``###`` headings; blocks before the first one get ``None``."""
    groups: list[tuple[Block | None, list[Block]]] = []
    for block in blocks:
        if _subheading(block) is not None or not groups:
            head = block if _subheading(block) is not None else None
            groups.append((head, []))
            if head is not None:
                continue
        groups[-1][1].append(block)
    return groups


def split_bold_lead(text: str) -> tuple[str, str, str] | None:
    """``**Mechanism 1: Name**. text`` → ("Mechanism 1", "Name", "text")."""
    match = BOLD_LEAD_RE.match(text)
    if not match or not match["text"]:
        return None
    head = match["head"].strip().rstrip(":.").strip()
    label_match = LABEL_RE.match(head)
    if label_match:
        return label_match["label"], label_match["name"].strip(), match["text"].strip()
    return "", head, match["text"].strip()


def parse_concepts(section: Section, warn: Warn) -> list[Subsection]:
    subsections = []
    for head, blocks in _split_by_subheadings(section.blocks):
        title = NUMBERED_SUB_RE.sub("", _subheading(head) or "") if head else ""
        paragraphs: list[Text] = []
        concepts: list[Concept] = []
        for block in blocks:
            lead = split_bold_lead(block.text)
            if lead:
                concepts.append(Concept(name=lead[1], text=lead[2], line=block.line, label=lead[0]))
            else:
                paragraphs.append(Text(block.text, block.line))
        line = head.line if head else blocks[0].line
        subsections.append(Subsection(title, line, tuple(paragraphs), tuple(concepts)))
    return subsections


def _strip_bullet(text: str) -> str:
    return BULLET_RE.sub("", text, count=1)


def _step_heading(text: str) -> tuple[Lexicon, re.Match[str]] | None:
    """``Step 1: Name (Days 1-3)`` or ``第1步：名称（第1-3天）``, with the lexicon whose words it uses."""
    return next(((lex, m) for lex in LEXICONS_IN_ORDER if (m := lex.step_re.match(text))), None)


def parse_plan(section: Section, warn: Warn) -> list[Step]:
    steps = []
    for head, blocks in _split_by_subheadings(section.blocks):
        found = _step_heading(_subheading(head) or "") if head else None
        if head is None or found is None:
            if head is not None:
                warn(head.line, _("practice heading {heading} is not a step or phase; kept as text").format(heading=repr(head.text)))
            continue
        lex, match = found
        duration = parse_duration(match["dur"] or "")
        if duration is None:
            warn(head.line, _("no duration recognised in {heading} (expected e.g. 'Days 1-3', 'Weeks 1-2', 'Ongoing')").format(
                heading=repr(head.text)))
        elif (problem := duration_problem(duration)) is not None:
            warn(head.line, problem)
            duration = None
        intro: list[Text] = []
        actions: list[Text] = []
        labelled = any(ACTIONS_LABEL_RE.match(b.text) for b in blocks)
        # without an "Actions:" label, a list ("- …", "1) …") starts the actions: text before it is the intro
        first_item = next((i for i, b in enumerate(blocks) if BULLET_RE.match(b.text)), 0)
        in_actions = False
        for index, block in enumerate(blocks):
            if ACTIONS_LABEL_RE.match(block.text):
                in_actions = True
            elif not labelled and index < first_item:
                intro.append(Text(block.text, block.line))
            elif (in_actions or not labelled) and not NOT_AN_ACTION_RE.match(block.text):
                actions.append(Text(_strip_bullet(block.text), block.line))
            else:
                intro.append(Text(block.text, block.line))
        kind = lex.kind_of_step(match["kind"])
        name = match["name"].strip(" -–—")
        steps.append(Step(kind, _bounded_number(match["num"]), name, duration, head.line, tuple(intro), tuple(actions), lex.lang))
    return steps


def parse_cases(section: Section, warn: Warn) -> list[Case]:
    """One case per ``###`` heading; a section without such headings is one case."""
    cases: list[Case] = []
    groups = _split_by_subheadings(section.blocks)
    for head, blocks in groups:
        if head is None:
            if len(groups) == 1 and blocks:  # intro text before the first heading is not a case
                cases.append(Case(section.title, blocks[0].line, tuple(Text(b.text, b.line) for b in blocks)))
            continue
        title = _subheading(head) or ""
        match = CASE_LABEL_RE.match(title)
        label, title = (match["label"], match["title"]) if match else ("", title)
        cases.append(Case(title.strip(), head.line, tuple(Text(b.text, b.line) for b in blocks), label))
    return cases


def _person(name: str) -> str | None:
    """"John Bowlby's Insights" → John Bowlby; "约翰·戈特曼的洞见" → 约翰·戈特曼."""
    patterns = (p for lex in LEXICONS_IN_ORDER for p in lex.person_patterns)
    match = next((m for p in patterns if (m := p.match(name))), None)
    return match["person"] if match else None


def parse_experts(section: Section, warn: Warn) -> list[Expert]:
    experts = []
    for head, blocks in _split_by_subheadings(section.blocks):
        if head is not None:
            name = _subheading(head) or ""
            text = "\n\n".join(b.text for b in blocks)
            experts.append(Expert(name, text, head.line, _person(name)))
            continue
        for block in blocks:
            lead = split_bold_lead(block.text)
            if lead:
                experts.append(Expert(lead[1], lead[2], block.line, _person(lead[1])))
    return experts


def parse_summary(section: Section, warn: Warn) -> Summary:
    paragraphs: list[Text] = []
    insights: list[Text] = []
    closing = None
    for block in section.blocks:
        numbered = NUMBERED_RE.match(block.text)
        if block.text.lower().startswith(CLOSING_PREFIXES):
            closing = Text(block.text, block.line)
        elif numbered:
            insights.append(Text(numbered["text"].strip(), block.line))
        elif not INSIGHTS_LABEL_RE.match(block.text):
            paragraphs.append(Text(block.text, block.line))
    return Summary(section.line, tuple(paragraphs), tuple(insights), closing)
