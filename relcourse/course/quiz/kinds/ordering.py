"""Ordering: put the items in the article's order."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from relcourse.course.quiz.kinds.base import ItemError, ItemKind, Mark, register
from relcourse.course.quiz.model import QuizItem
from relcourse.i18n import _


@register
class Ordering(ItemKind):
    name = "ordering"
    yaml_keys = frozenset({"order"})

    def from_yaml(self, raw: Mapping[str, Any], common: Mapping[str, Any]) -> QuizItem:
        order = raw.get("order")
        if not isinstance(order, list) or len(order) < 2 or len(set(map(str, order))) != len(order):
            raise ItemError(_("'order' must list at least two different items in the right order"))
        texts = tuple(str(o) for o in order)
        return QuizItem(type=self.name, answer=texts, options=tuple(sorted(texts)), **common)

    def grade(self, item: QuizItem, response: Any) -> bool:
        """``response``: the items, first to last."""
        return list(response or ()) == list(item.answer)

    def answer_text(self, item: QuizItem) -> str:
        return " → ".join(item.answer)

    def review(self, item: QuizItem, response: Any) -> list[Mark]:
        """Each place in the learner's order: right where the article has the same item there."""
        return [Mark(f"{n}. {text}", "right" if n <= len(item.answer) and item.answer[n - 1] == text else "wrong")
                for n, text in enumerate(response or (), 1)]
