"""Quiz item types: one module per type, each registered in :data:`ITEM_KINDS` when imported.

Every module in this package is imported here, so adding a type is one new module (an
:class:`ItemKind` subclass decorated with :func:`register`) and its printed partial
``relcourse/export/templates/relcourse_handout/quiz/<name>.html.j2``.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

from relcourse.course.quiz.kinds.base import ITEM_KINDS, ItemError, ItemKind, kind_of, register
from relcourse.course.quiz.model import QuizItem

__all__ = ["ITEM_KINDS", "ItemError", "ItemKind", "answer_text", "grade", "kind_of", "register"]

for _module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    importlib.import_module(f"{__name__}.{_module.name}")


def grade(item: QuizItem, response: Any) -> bool:
    """Is ``response`` right for ``item``? (Its type decides what form the response takes.)"""
    return kind_of(item).grade(item, response)


def answer_text(item: QuizItem) -> str:
    """The correct answer of ``item`` in words."""
    return kind_of(item).answer_text(item)
