"""The quiz generators' words of one language: the ``quiz:`` block of ``content/lexicon/<lang>.yaml``.

Cue words and the wording of questions are data, so a Chinese article gets Chinese questions
built from Chinese cues, and a new cue is one line in a lexicon file.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from relcourse.content.lexicon import LEXICONS

#: a quotation in either language's marks (the text inside is group ``term``)
QUOTED = r"(?:“(?P<term>[^”]{2,40})”|\"(?P<term2>[^\"]{2,40})\"|「(?P<term3>[^」]{2,40})」)"
#: a quoted example (group ``example``): a whole sentence may be quoted
EXAMPLE = r"(?:“(?P<example>[^”]{4,200})”|\"(?P<example2>[^\"]{4,200})\"|「(?P<example3>[^」]{4,200})」)"


def quoted(match: re.Match[str], name: str) -> str:
    """The text of whichever alternative of :data:`QUOTED`/:data:`EXAMPLE` matched."""
    return next((match[key] for key in (name, f"{name}2", f"{name}3") if match.groupdict().get(key)), "")


@dataclass(frozen=True)
class Style:
    """A style of speech an article may label its examples with (complaint, criticism …)."""

    name: str
    words: tuple[str, ...]
    use: bool  # False: an example of what goes wrong, never a correct answer


@dataclass(frozen=True)
class QuizWords:
    lang: str
    negations: Mapping[str, str]
    partial: tuple[str, ...]
    affirm_joins: tuple[str, ...]
    vague_subjects: frozenset[str]
    lead_ins: tuple[str, ...]
    statement: str
    definitions: tuple[re.Pattern[str], ...]
    styles: tuple[Style, ...]
    style_patterns: tuple[str, ...]
    step_reference: str
    prompts: Mapping[str, str]
    explanations: Mapping[str, str]
    match_what: Mapping[str, str]

    @property
    def spaced(self) -> bool:
        """Words are separated by spaces (English), not run together (Chinese)."""
        return self.lang != "zh"

    @functools.cached_property
    def distinction_re(self) -> re.Pattern[str]:
        """A whole sentence drawing a distinction: ``subj neg denied [join affirmed] [tail]``."""
        gap = r"\s+" if self.spaced else r"\s*"
        negs = "|".join(re.escape(n) for n in sorted(self.negations, key=len, reverse=True))
        partial = "|".join(re.escape(p) for p in self.partial)
        joins = "|".join(re.escape(j) for j in sorted(self.affirm_joins, key=len, reverse=True))
        subj = r"[\w'’-]+(?: [\w'’-]+){0,5}" if self.spaced else r"[^，,。；;：:“”「」\s]{1,12}?"
        part = r"[^—–;:.!?。；：，,“”\"「」]+?" if not self.spaced else r"[^—–;:.!?\"“”]+?"
        boundary = r"\b" if self.spaced else ""
        leads = "|".join(self.lead_ins)
        # what may follow the claim: a dash or colon in English ("a comma" would cut a list short), a comma too in Chinese
        tail = r"[—–;:]" if self.spaced else r"[—–;:，,；：]"
        return re.compile(
            rf"^(?P<lead>{leads})?(?P<subj>{subj}){gap}(?P<neg>{negs}){gap}(?!(?:{partial}){boundary})(?P<denied>{part})"
            rf"(?:\s*[,，]?\s*(?:{joins}){gap}(?P<affirmed>{part}))?\s*(?:{tail}.*)?[.!。！]?$",
            re.IGNORECASE,
        )

    def step_reference_re(self, kind: str, number: int) -> re.Pattern[str]:
        """"In Phase 3," / "在第3步中，": a sentence that names one step of the plan."""
        return re.compile(self.step_reference.format(kind=re.escape(kind), number=number), re.IGNORECASE)

    def style_res(self, style: Style) -> list[tuple[str, re.Pattern[str]]]:
        """(word, pattern) for every word of ``style``: each finds one labelled example."""
        return [(word, re.compile(p.format(word=re.escape(word), q=EXAMPLE), re.IGNORECASE))
                for word in style.words for p in self.style_patterns]


def _styles(raw: Mapping[str, Any]) -> tuple[Style, ...]:
    return tuple(Style(str(name), tuple(str(w) for w in spec["words"]), bool(spec["use"])) for name, spec in raw.items())


@functools.cache
def quiz_words(lang: str) -> QuizWords:
    """The quiz words of ``lang`` (English when the language has no lexicon)."""
    raw = (LEXICONS[lang] if lang in LEXICONS else LEXICONS["en"]).quiz
    return QuizWords(
        lang=lang if lang in LEXICONS else "en",
        negations={str(k): str(v) for k, v in raw["negations"].items()},
        partial=tuple(map(str, raw["partial"])), affirm_joins=tuple(map(str, raw["affirm_joins"])),
        vague_subjects=frozenset(str(s).lower() for s in raw["vague_subjects"]),
        lead_ins=tuple(map(str, raw["lead_ins"])), statement=str(raw["statement"]),
        definitions=tuple(re.compile(str(p).replace("{q}", QUOTED)) for p in raw["definitions"]),
        styles=_styles(raw["styles"]), style_patterns=tuple(map(str, raw["style_patterns"])),
        step_reference=str(raw["step_reference"]),
        prompts={str(k): str(v) for k, v in raw["prompts"].items()},
        explanations={str(k): str(v) for k, v in raw["explanations"].items()},
        match_what={str(k): str(v) for k, v in raw["match_what"].items()},
    )
