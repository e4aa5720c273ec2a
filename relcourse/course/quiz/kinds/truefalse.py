"""True or false about one statement."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from relcourse.course.quiz.kinds.base import ItemError, ItemKind, Mark, register
from relcourse.course.quiz.model import QuizItem
from relcourse.i18n import _

#: how the two answers are stored (``QuizItem.answer``) and shown
CHOICES = (("true", "True"), ("false", "False"))


@register
class TrueFalse(ItemKind):
    name = "truefalse"
    yaml_keys = frozenset({"answer"})

    def from_yaml(self, raw: Mapping[str, Any], common: Mapping[str, Any]) -> QuizItem:
        if not isinstance(raw.get("answer"), bool):
            raise ItemError(_("'answer' must be true or false"))
        return QuizItem(type=self.name, options=tuple(value for value, _ in CHOICES),
                        answer=("true" if raw["answer"] else "false",), **common)

    def grade(self, item: QuizItem, response: Any) -> bool:
        """``response``: True or False (None: not answered)."""
        return response is not None and bool(response) == (item.answer[0] == "true")

    def answer_text(self, item: QuizItem) -> str:
        return dict(CHOICES)[item.answer[0]]

    def hint_avoids(self, item: QuizItem) -> tuple[str, ...]:
        """The statement's words: the sentence they come from would settle true or false."""
        return (item.prompt,)

    def review(self, item: QuizItem, response: Any) -> list[Mark]:
        given = "true" if response else "false"
        return [Mark(dict(CHOICES)[given], "right" if self.grade(item, response) else "wrong")]

    def worksheet(self, item: QuizItem) -> dict[str, Any]:
        return {"options": [label for _, label in CHOICES]}
