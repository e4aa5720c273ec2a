"""Matching: each left-hand item with its statement. Statements are long, so on paper and in
the notebook alike they are listed with letters and answered by letter."""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any

from relcourse.course.quiz.kinds.base import ItemError, ItemKind, Mark, register
from relcourse.course.quiz.model import QuizItem
from relcourse.i18n import _


def letters(item: QuizItem) -> dict[str, str]:
    """Letter → statement, in the order the statements are listed."""
    return dict(zip(string.ascii_uppercase, item.options))


@register
class Matching(ItemKind):
    name = "matching"
    yaml_keys = frozenset({"pairs"})

    def from_yaml(self, raw: Mapping[str, Any], common: Mapping[str, Any]) -> QuizItem:
        pairs = raw.get("pairs")
        if not isinstance(pairs, dict) or len(pairs) < 2:
            raise ItemError(_("'pairs' must map at least two left-hand items to their right-hand matches"))
        if len(pairs) > len(string.ascii_uppercase):
            raise ItemError(_("'pairs' may hold at most {count} items (one letter each)").format(count=len(string.ascii_uppercase)))
        rights = [str(v) for v in pairs.values()]
        if len(set(rights)) != len(rights):
            raise ItemError(_("each right-hand match in 'pairs' must be different"))
        return QuizItem(type=self.name, left=tuple(map(str, pairs)), answer=tuple(rights),
                        options=tuple(sorted(rights)), **common)

    def grade(self, item: QuizItem, response: Any) -> bool:
        """``response``: {left item: statement}."""
        return dict(response or {}) == dict(zip(item.left, item.answer))

    def answer_text(self, item: QuizItem) -> str:
        return "; ".join(f"{left} → {right}" for left, right in zip(item.left, item.answer))

    def review(self, item: QuizItem, response: Any) -> list[Mark]:
        """Each left-hand item with the statement the learner gave it."""
        given, right = dict(response or {}), dict(zip(item.left, item.answer))
        return [Mark(f"{left} → {given[left]}", "right" if given[left] == right[left] else "wrong")
                for left in item.left if left in given]

    def key_text(self, item: QuizItem) -> str:
        letter_of = {text: letter for letter, text in letters(item).items()}
        return "; ".join(f"{n}. {left} → {letter_of[right]}" for n, (left, right) in enumerate(zip(item.left, item.answer), 1))

    def worksheet(self, item: QuizItem) -> dict[str, Any]:
        return {"left": list(item.left), "rights": list(letters(item).items())}
