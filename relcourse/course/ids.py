"""Ids that name what a thing is, made unique within a module."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any, TypeVar

T = TypeVar("T")


def unique_ids(items: Iterable[T], separator: str = "-") -> list[T]:
    """The same dataclass items, a repeated ``id`` getting ``-2``, ``-3``… (the first keeps its own).

    Ids are the keys of what a learner saves (a reflection, a journal entry's fields), so two
    things in one module never share one.
    """
    seen: set[str] = set()
    unique = []
    for item in items:
        base: str = getattr(item, "id")
        ident, n = base, 2
        while ident in seen:
            ident, n = f"{base}{separator}{n}", n + 1
        seen.add(ident)
        changed: Any = replace(item, id=ident) if ident != base else item  # type: ignore[type-var]
        unique.append(changed)
    return unique
