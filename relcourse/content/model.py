"""The typed content model of a wiki article.

Sections own the article's raw lines (as :class:`Block` objects, exactly as
written), so a renderer can always show the whole text; the structured views
(steps, cases, experts, ...) are parsed from those blocks and keep the line
number where each element starts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from relcourse.content.lexicon import LEXICONS
from relcourse.content.text import is_cut
from relcourse.i18n import N_, _

#: a diagnostic's severity as printed (in the terminal's language)
SEVERITY_WORDS = {"error": N_("error"), "warning": N_("warning")}

SectionKind = Literal[
    "intro", "scenario", "concepts", "practice", "cases", "experts", "summary", "sources", "other"
]
Unit = Literal["day", "week", "ongoing"]


class Text(str):
    """A piece of article text (a paragraph, an action, an insight) that knows its source line.

    It is a ``str``, so every renderer uses it as one; ``.line`` says where it starts.
    """

    line: int

    def __new__(cls, value: str, line: int) -> Text:
        text = super().__new__(cls, value)
        text.line = line
        return text

    def __getnewargs__(self) -> tuple[str, int]:  # type: ignore[override]
        return (str(self), self.line)


@dataclass(frozen=True)
class Block:
    """One non-blank source line, kept verbatim (markdown markup included)."""

    line: int
    text: str


@dataclass(frozen=True)
class Duration:
    """How long a practice step lasts: ``start``-``end`` days/weeks, or ongoing."""

    unit: Unit
    start: int | None = None
    end: int | None = None
    text: str = ""

    @property
    def length_days(self) -> int | None:
        """Days spanned by the step (inclusive), or None when ongoing."""
        if self.unit == "ongoing" or self.start is None:
            return None
        end = self.end if self.end is not None else self.start
        span = end - self.start + 1
        return span * 7 if self.unit == "week" else span


@dataclass(frozen=True)
class Concept:
    """A named mechanism or concept: ``**Mechanism 1: Name**. text``."""

    name: str
    text: str
    line: int
    label: str = ""


@dataclass(frozen=True)
class Subsection:
    """A ``### 2.1 Title`` part of the core concepts, with its concepts."""

    title: str
    line: int
    paragraphs: tuple[Text, ...] = ()
    concepts: tuple[Concept, ...] = ()

    @property
    def is_distinction(self) -> bool:
        title = self.title.lower()
        return any(word in title for lex in LEXICONS.values() for word in lex.distinction_words)


@dataclass(frozen=True)
class Step:
    """One step or phase of the practice plan."""

    kind: str  # "Step" or "Phase", as written
    number: int
    name: str
    duration: Duration | None
    line: int
    intro: tuple[Text, ...] = ()
    actions: tuple[Text, ...] = ()
    lang: str = "en"  # the language of the heading's words: "Step 1: …" or "第1步：…"

    @property
    def title(self) -> str:
        return LEXICONS[self.lang].step_title.format(kind=self.kind, number=self.number, name=self.name)


@dataclass(frozen=True)
class Case:
    title: str
    line: int
    paragraphs: tuple[Text, ...] = ()
    label: str = ""


@dataclass(frozen=True)
class Expert:
    """An expert insight; ``person`` is the named researcher when there is one."""

    name: str
    text: str
    line: int
    person: str | None = None


@dataclass(frozen=True)
class Summary:
    line: int
    paragraphs: tuple[Text, ...] = ()
    insights: tuple[Text, ...] = ()
    closing: Text | None = None


@dataclass(frozen=True)
class Phrase:
    """A sentence to try, as relcourse.course.polarity offers it: ``source`` is "try-this" (the page's
    own "Try this sentence") or "script" (the practice guide); ``replaces``: the sentence the article
    says it replaces ("Instead of X, try Y"), so a card can show it."""

    text: str
    line: int
    source: Literal["try-this", "script"]
    replaces: str = ""


@dataclass(frozen=True)
class Faq:
    question: Block
    answer: tuple[Block, ...] = ()

    @property
    def line(self) -> int:
        return self.question.line

    @property
    def truncated(self) -> bool:
        """The answer is only the page's cut teaser (the wiki fills empty FAQ answers with it)."""
        return bool(self.answer) and all(is_cut(b.text) for b in self.answer)

    @property
    def answer_text(self) -> str:
        return "\n\n".join(b.text for b in self.answer)


@dataclass(frozen=True)
class Section:
    """A top-level section: its heading line and every line under it, verbatim."""

    kind: SectionKind
    title: str
    heading: Block | None
    blocks: tuple[Block, ...] = ()

    @property
    def line(self) -> int:
        if self.heading is not None:
            return self.heading.line
        return self.blocks[0].line if self.blocks else 0


@dataclass(frozen=True)
class Diagnostic:
    """A problem found while reading an article, located as ``path:line``."""

    path: str
    line: int
    message: str
    severity: Literal["error", "warning"] = "warning"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {_(SEVERITY_WORDS[self.severity])}: {self.message}"


@dataclass
class Article:
    """A parsed wiki article."""

    slug: str
    category: str
    number: int
    title: str
    path: Path
    title_block: Block
    teaser: str = ""
    lang: str = "en"  # "zh" when the text is Chinese (detected, see relcourse.content.text.detect_lang)
    sections: list[Section] = field(default_factory=list)
    concepts: list[Subsection] = field(default_factory=list)
    plan: list[Step] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    experts: list[Expert] = field(default_factory=list)
    summary: Summary | None = None
    #: the page's own "Try this sentence" lines, verbatim: raw data (whether one is a phrase to try,
    #: like every quoted script, is relcourse.course.polarity's call)
    try_this: list[Text] = field(default_factory=list)
    faq: list[Faq] = field(default_factory=list)
    chrome: list[Block] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    #: what was left out on purpose (an FAQ answered only by the cut teaser): 'relcourse check' says so,
    #: but it is the wiki's page furniture, not a problem with the article
    left_out: list[Diagnostic] = field(default_factory=list)

    @property
    def scenario(self) -> list[Text]:
        """The problem scenario's paragraphs."""
        return [Text(b.text, b.line) for s in self.sections if s.kind == "scenario" for b in s.blocks]

    @property
    def insights(self) -> list[Text]:
        return list(self.summary.insights) if self.summary else []

    def section(self, kind: SectionKind) -> Section | None:
        return next((s for s in self.sections if s.kind == kind), None)

    def owned_blocks(self) -> list[Block]:
        """Every block the article keeps as content (not chrome), in source order."""
        blocks = [self.title_block]
        for section in self.sections:
            if section.heading is not None:
                blocks.append(section.heading)
            blocks.extend(section.blocks)
        blocks.extend(Block(t.line, str(t)) for t in self.try_this)
        for item in self.faq:
            blocks.append(item.question)
            blocks.extend(item.answer)
        return sorted(blocks, key=lambda b: b.line)
