"""What every quiz item type provides, and the registry the rest of the kit looks types up in.

A type is one class: it checks a curated YAML item, grades a response, says the answer in
words, and gives the data its printed partial (``export/templates/relcourse_handout/quiz/
<name>.html.j2``) needs. Nothing else branches on an item's type.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Literal, TypeVar

from relcourse.course.quiz.model import QuizItem


class ItemError(ValueError):
    """A curated item that does not fit its type; the loader adds the file and item."""


#: what the hint shows in place of a word of the answer
GAP = "…"
#: words shorter than this ("the", "and") stay in a hint: hiding them gives nothing away
HINT_WORD = 4
#: a true/false hint names only the opening of the grounding sentence: the whole would give the verdict
OPENING_WORDS = 5


@dataclass(frozen=True)
class Mark:
    """One part of a learner's answer after *Show answer*: right, wrong, or a right one not given."""

    text: str
    verdict: Literal["right", "wrong", "missed"]


def masked(sentence: str, answers: Iterable[str]) -> str:
    """``sentence`` with the answers, and each of their words of ``HINT_WORD`` letters or more, as gaps.

    Empty when a gap would not hide the answer (an answer spelled differently in the sentence).
    """
    answers = [a for a in answers if a.strip()]
    whole = [re.compile(rf"(?<![A-Za-z0-9]){re.escape(a)}(?![A-Za-z0-9])", re.IGNORECASE)
             for a in sorted(answers, key=len, reverse=True)]  # whole answers first (Chinese has no spaces)
    text = sentence
    for pattern in whole:
        text = pattern.sub(GAP, text)
    words = {w.casefold() for a in answers for w in re.findall(r"\w+", a) if len(w) >= HINT_WORD}
    text = re.sub(r"\w+", lambda m: GAP if m.group(0).casefold() in words else m.group(0), text)
    text = re.sub(f"(?:{re.escape(GAP)}\\s*)+(?={re.escape(GAP)})", "", text)  # one gap per run
    return "" if any(p.search(text) for p in whole) or text == sentence else text


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

    def hint(self, item: QuizItem) -> str:
        """After a wrong answer: the grounding sentence with the answer left out ("" when it cannot be)."""
        return masked(item.quote, item.answer) if item.quote else ""

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
        raise ItemError(f"unknown item type {name!r}; use one of {', '.join(ITEM_KINDS)}") from None


def options_list(raw: Mapping[str, Any], key: str = "options") -> list[str]:
    """A list of at least two choices under ``key``, as text."""
    values = raw.get(key)
    if not isinstance(values, list) or len(values) < 2:
        raise ItemError(f"'{key}' must be a list of at least two choices")
    return [str(v) for v in values]
