"""Names (module slugs, instrument ids) that more than one content file claims.

The rule for every such name: all the files claiming it are reported, none is used. Letting
the first file by name win would replace a good notebook with whichever file sorts first,
and blame the good one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


def claimed_once(items: Sequence[T], name: Callable[[T], str]) -> tuple[list[T], dict[str, list[T]]]:
    """The items whose name no other item claims (in their order), and each name claimed more than once with its claimants."""
    by_name: dict[str, list[T]] = {}
    for item in items:
        by_name.setdefault(name(item), []).append(item)
    shared = {key: claimants for key, claimants in by_name.items() if len(claimants) > 1}
    return [item for item in items if name(item) not in shared], shared
