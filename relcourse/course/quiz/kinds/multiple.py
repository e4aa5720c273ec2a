"""Multiple choice: tick every right option, and only those."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from relcourse.course.quiz.kinds.base import ItemError, ItemKind, Mark, options_list, register
from relcourse.course.quiz.model import QuizItem
from relcourse.i18n import _


@register
class Multiple(ItemKind):
    name = "multiple"
    yaml_keys = frozenset({"options", "answer"})

    def from_yaml(self, raw: Mapping[str, Any], common: Mapping[str, Any]) -> QuizItem:
        options = options_list(raw)
        answers = raw.get("answer")
        if not isinstance(answers, list) or not answers:
            raise ItemError(_("'answer' must be a list of options"))
        for answer in answers:
            if str(answer) not in options:
                raise ItemError(_("answer {answer} is not among the options").format(answer=repr(answer)))
        return QuizItem(type=self.name, options=tuple(options), answer=tuple(str(a) for a in answers), **common)

    def grade(self, item: QuizItem, response: Any) -> bool:
        """``response``: the ticked options, in any order."""
        return set(response or ()) == set(item.answer)

    def answer_text(self, item: QuizItem) -> str:
        return "; ".join(item.answer)

    def review(self, item: QuizItem, response: Any) -> list[Mark]:
        """Each option the learner ticked (right or wrong), then each right one left unticked."""
        ticked = set(response or ())
        marks = [Mark(o, "right" if o in item.answer else "wrong") for o in item.options if o in ticked]
        return marks + [Mark(o, "missed") for o in item.options if o in item.answer and o not in ticked]
