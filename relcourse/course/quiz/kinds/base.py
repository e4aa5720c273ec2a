"""What every quiz item type provides, and the registry the rest of the kit looks types up in.

A type is one class: it checks a curated YAML item, grades a response, says the answer in
words, and gives the data its printed partial (``export/templates/relcourse_handout/quiz/
<name>.html.j2``) needs. Nothing else branches on an item's type.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any, ClassVar, Literal, TypeVar

from relcourse.content.lexicon import LEXICONS
from relcourse.content.text import CJK_CHARS, CJK_RE
from relcourse.course.quiz.model import QuizItem
from relcourse.i18n import _


class ItemError(ValueError):
    """A curated item that does not fit its type; the loader adds the file and item."""


#: a hint names at most this many opening words of the grounding sentence (a CJK character: half a word)
OPENING_WORDS = 6
#: fewer opening words than this (or none but "the", "when") say nothing of where to look: no hint
MIN_OPENING = 2
#: a word of a Latin script, or one CJK character (Chinese has no spaces between words)
WORD = re.compile(f"[{CJK_CHARS}]|[^\\W_]+")
CJK = CJK_RE
#: words that carry no content in any language ("the", "is", "的"): a hint may show them
FUNCTION_WORDS = frozenset(w.casefold() for lex in LEXICONS.values() for w in lex.prompt_stop_words)


@dataclass(frozen=True)
class Mark:
    """One part of a learner's answer after *Show answer*: right, wrong, or a right one not given."""

    text: str
    verdict: Literal["right", "wrong", "missed"]


def content_words(text: str) -> set[str]:
    """The words of ``text`` that carry meaning (case folded), CJK characters one by one."""
    return {w.casefold() for w in WORD.findall(text) if w.casefold() not in FUNCTION_WORDS}


def opening(sentence: str, avoid: Iterable[str]) -> str:
    """The first words of ``sentence``, up to the first content word of any text in ``avoid``.

    A hint shows where to read, never what it says: the answer and the other choices alike (a
    choice seen in the hint is one ruled in or out). Cut between words as written ("don't" whole,
    a CJK character at a time); "" when too few words come before.
    """
    banned = set().union(*(content_words(text) for text in avoid))
    end, weight = 0, 0.0
    for chunk in re.finditer(r"\S+", sentence):
        pieces = list(CJK.finditer(chunk.group(0))) if CJK.search(chunk.group(0)) else [chunk]
        for piece in pieces:
            words = WORD.findall(piece.group(0))
            weight += 0.5 if CJK.fullmatch(piece.group(0)) else len(words)
            if weight > OPENING_WORDS or any(w.casefold() in banned for w in words):
                return _shown(sentence[:end])
            end = chunk.start() + piece.end() if piece is not chunk else chunk.end()
    return _shown(sentence[:end])


def _shown(text: str) -> str:
    text = re.sub(r"[\s,;:(\[\u2014\u2013\uff0c\u3001-]+$", "", text)
    return text if len(WORD.findall(text)) >= MIN_OPENING and content_words(text) else ""


class ItemKind(ABC):
    """One quiz item type. Subclasses are stateless; :func:`register` keeps one instance."""

    #: the ``type`` of an item, in YAML and in notebook metadata
    name: ClassVar[str]
    #: YAML keys this type reads, besides the ones every item has
    yaml_keys: ClassVar[frozenset[str]] = frozenset()
    #: the widget input (``relcourse.widgets.quiz_inputs``) this type is answered with; "": its own
    widget: ClassVar[str] = ""

    @property
    def input_name(self) -> str:
        """The name of the widget input for this type."""
        return self.widget or self.name

    @abstractmethod
    def from_yaml(self, raw: Mapping[str, Any], common: Mapping[str, Any]) -> QuizItem:
        """A valid item from a curated YAML mapping, or :class:`ItemError` saying what to fix."""

    @abstractmethod
    def grade(self, item: QuizItem, response: Any) -> bool:
        """Is ``response`` (in the form the widget input gives) right?"""

    @abstractmethod
    def answer_text(self, item: QuizItem) -> str:
        """The correct answer in words, for feedback in the notebook."""

    def key_text(self, item: QuizItem) -> str:
        """The answer as the printed key states it (the worksheet may label options differently)."""
        return self.answer_text(item)

    def worksheet(self, item: QuizItem) -> dict[str, Any]:
        """What the printed partial shows besides number and prompt."""
        return {"options": list(item.options)}

    def without_answer(self, item: QuizItem) -> QuizItem:
        """A participant's copy: what gives the answer away (the answer, its explanation and the
        quote it comes from) emptied; a type whose worksheet shows more of it empties that too."""
        return replace(item, answer=(), explanation="", quote="")

    def hint_avoids(self, item: QuizItem) -> tuple[str, ...]:
        """Texts none of whose words a hint may show: every choice, not only the right one."""
        return (*item.options, *item.answer, *item.left)

    def hint(self, item: QuizItem) -> str:
        """After a wrong answer: the opening words of the grounding sentence ("" when none can be shown)."""
        return opening(item.quote, self.hint_avoids(item)) if item.quote else ""

    def review(self, item: QuizItem, response: Any) -> list[Mark]:
        """The learner's answer, part by part, marked against the right one (for *Show answer*)."""
        return [Mark(str(response), "right" if self.grade(item, response) else "wrong")]


K = TypeVar("K", bound=type[ItemKind])

#: every known item type by name, in the order they were registered
ITEM_KINDS: dict[str, ItemKind] = {}


def register(cls: K) -> K:
    """Class decorator: make an item type known to validation, grading, widgets and handouts."""
    if cls.name in ITEM_KINDS:
        raise ValueError(f"quiz item type {cls.name!r} is already registered")
    ITEM_KINDS[cls.name] = cls()
    return cls


def kind_of(item: QuizItem | str) -> ItemKind:
    """The type of an item (or a type name); a clear error for a type nobody registered."""
    name = item if isinstance(item, str) else item.type
    try:
        return ITEM_KINDS[name]
    except KeyError:
        raise ItemError(_("unknown item type {name}; use one of {kinds}").format(name=repr(name), kinds=", ".join(ITEM_KINDS))) from None


def options_list(raw: Mapping[str, Any], key: str = "options") -> list[str]:
    """A list of at least two choices under ``key``, as text."""
    values = raw.get(key)
    if not isinstance(values, list) or len(values) < 2:
        raise ItemError(_("'{key}' must be a list of at least two choices").format(key=key))
    return [str(v) for v in values]
