"""Quiz item types: one module per type, each registered in :data:`ITEM_KINDS` on import.

Adding a type: a module here with an :class:`ItemKind` subclass decorated with
:func:`register` (imported below), and its printed partial
``relcourse/export/templates/relcourse_handout/quiz/<name>.html.j2``.
"""

from __future__ import annotations

from typing import Any

from relcourse.course.quiz.kinds import matching, multiple, ordering, single, truefalse
from relcourse.course.quiz.kinds.base import ITEM_KINDS, ItemError, ItemKind, kind_of, register
from relcourse.course.quiz.model import QuizItem

__all__ = ["ITEM_KINDS", "ItemError", "ItemKind", "answer_text", "grade", "kind_of", "register",
           "matching", "multiple", "ordering", "single", "truefalse"]


def grade(item: QuizItem, response: Any) -> bool:
    """Is ``response`` right for ``item``? (Its type decides what form the response takes.)"""
    return kind_of(item).grade(item, response)


def answer_text(item: QuizItem) -> str:
    """The correct answer of ``item`` in words."""
    return kind_of(item).answer_text(item)
