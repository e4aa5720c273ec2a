"""Curated quiz items from ``content/quizzes/<slug>.yaml``, validated with clear errors.

Schema (one mapping)::

    items:                       # added, or replacing the generated item with the same id
      - id: my-question          # letters, digits, dashes
        type: single             # single | multiple | truefalse | ordering | matching (see quiz/kinds/)
        prompt: "Which …?"
        options: [A, B, C]       # single, multiple
        answer: A                # single: one option; multiple: a list of options; truefalse: true/false
        order: [first, second]   # ordering: the items in the right order
        pairs: {left: right}     # matching: each left side with its right side
        explanation: "Why."      # shown after answering, and in the facilitator's key
        section: Core Concepts   # the article section it comes from
    remove: [plan-timing]        # generated items to leave out
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from relcourse.content.yaml_files import read_yaml
from relcourse.course.quiz.kinds import ITEM_KINDS, ItemError, kind_of
from relcourse.course.quiz.model import QuizItem
from relcourse.errors import ContentError
from relcourse.i18n import _

ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,62}")  # whole string: fullmatch (a "$" would let "x\n" through)
COMMON_KEYS = frozenset({"id", "type", "prompt", "explanation", "section"})


def allowed_keys() -> frozenset[str]:
    """Keys an item may have: the common ones and those any registered type reads."""
    return COMMON_KEYS.union(*(kind.yaml_keys for kind in ITEM_KINDS.values()))


def _item(raw: Any, index: int, path: Path) -> QuizItem:
    def fail(message: str) -> ContentError:
        ident = raw.get("id") if isinstance(raw, dict) else None
        where = _("item {number} ({id})").format(number=index, id=ident) if ident else _("item {number}").format(number=index)
        return ContentError(path, _("{where}: {problem}").format(where=where, problem=message))

    if not isinstance(raw, dict):
        raise fail(_("each item must be a mapping with id, type, prompt …"))
    for key in ("id", "type", "prompt"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise fail(_("'{key}' is required and must be text").format(key=key))
    if not ID_RE.fullmatch(raw["id"]):
        raise fail(_("'id' may hold only letters, digits, '-' and '_'"))
    common = {"id": raw["id"], "prompt": raw["prompt"].strip(), "explanation": str(raw.get("explanation", "")).strip(),
              "section": str(raw.get("section", "")), "source": "curated"}
    try:
        kind = kind_of(raw["type"])
        allowed = allowed_keys()
        unknown = set(raw) - allowed
        if unknown:
            raise ItemError(_("unknown key(s) {keys}; allowed: {allowed}").format(
                keys=", ".join(sorted(map(str, unknown))), allowed=", ".join(sorted(allowed))))
        return kind.from_yaml(raw, common)
    except ItemError as exc:
        raise fail(str(exc)) from None


def load_curated(path: Path) -> tuple[list[QuizItem], list[str]]:
    """Items and removed ids from one curated quiz file."""
    data = read_yaml(path)
    if data is None:
        return [], []
    if not isinstance(data, dict) or set(data) - {"items", "remove"}:
        raise ContentError(path, _("expected a mapping with 'items' and/or 'remove' at the top level"))
    raw_items = data.get("items") or []
    if not isinstance(raw_items, list):
        raise ContentError(path, _("'items' must be a list"))
    items = [_item(raw, index, path) for index, raw in enumerate(raw_items, 1)]
    ids = [item.id for item in items]
    if len(set(ids)) != len(ids):
        raise ContentError(path, _("two items share the same id"))
    removed = data.get("remove") or []
    if not isinstance(removed, list) or not all(isinstance(r, str) for r in removed):
        raise ContentError(path, _("'remove' must be a list of item ids"))
    return items, removed
