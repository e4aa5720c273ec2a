"""Single choice: one right option among several."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from relcourse.course.quiz.kinds.base import ItemError, ItemKind, options_list, register
from relcourse.course.quiz.model import QuizItem
from relcourse.i18n import _


@register
class Single(ItemKind):
    name = "single"
    yaml_keys = frozenset({"options", "answer"})

    def from_yaml(self, raw: Mapping[str, Any], common: Mapping[str, Any]) -> QuizItem:
        options = options_list(raw)
        if raw.get("answer") is None:
            raise ItemError(_("'answer' is required"))
        if str(raw["answer"]) not in options:
            raise ItemError(_("answer {answer} is not among the options").format(answer=repr(raw["answer"])))
        return QuizItem(type=self.name, options=tuple(options), answer=(str(raw["answer"]),), **common)

    def grade(self, item: QuizItem, response: Any) -> bool:
        """``response``: the chosen option."""
        return bool(response == item.answer[0])

    def answer_text(self, item: QuizItem) -> str:
        return item.answer[0]
