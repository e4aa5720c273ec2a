"""Curated quiz items from ``content/quizzes/<slug>.yaml``, validated with clear errors.

Schema (one mapping)::

    items:                       # added, or replacing the generated item with the same id
      - id: my-question          # letters, digits, dashes
        type: single             # single | multiple | truefalse | ordering | matching
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
from relcourse.course.quiz.model import ITEM_TYPES, QuizItem
from relcourse.errors import ContentError

ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$")
ALLOWED_KEYS = {"id", "type", "prompt", "options", "answer", "order", "pairs", "explanation", "section"}


def _item(raw: Any, index: int, path: Path) -> QuizItem:
    def fail(message: str) -> ContentError:
        ident = raw.get("id") if isinstance(raw, dict) else None
        return ContentError(path, f"item {index}{f' ({ident})' if ident else ''}: {message}")

    if not isinstance(raw, dict):
        raise fail("each item must be a mapping with id, type, prompt …")
    unknown = set(raw) - ALLOWED_KEYS
    if unknown:
        raise fail(f"unknown key(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(ALLOWED_KEYS))}")
    for key in ("id", "type", "prompt"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise fail(f"'{key}' is required and must be text")
    if not ID_RE.match(raw["id"]):
        raise fail("'id' may hold only letters, digits, '-' and '_'")
    kind = raw["type"]
    if kind not in ITEM_TYPES:
        raise fail(f"unknown item type {kind!r}; use one of {', '.join(ITEM_TYPES)}")
    common = {"id": raw["id"], "prompt": raw["prompt"].strip(), "explanation": str(raw.get("explanation", "")).strip(),
              "section": str(raw.get("section", "")), "source": "curated"}
    if kind in ("single", "multiple"):
        options = raw.get("options")
        if not isinstance(options, list) or len(options) < 2:
            raise fail("'options' must be a list of at least two choices")
        options = [str(o) for o in options]
        answers = raw.get("answer")
        answers = [answers] if kind == "single" else answers
        if not isinstance(answers, list) or not answers:
            raise fail("'answer' must be a list of options" if kind == "multiple" else "'answer' is required")
        for answer in answers:
            if str(answer) not in options:
                raise fail(f"answer {answer!r} is not among the options")
        return QuizItem(type=kind, options=tuple(options), answer=tuple(str(a) for a in answers), **common)
    if kind == "truefalse":
        if not isinstance(raw.get("answer"), bool):
            raise fail("'answer' must be true or false")
        return QuizItem(type=kind, options=("true", "false"), answer=("true" if raw["answer"] else "false",), **common)
    if kind == "ordering":
        order = raw.get("order")
        if not isinstance(order, list) or len(order) < 2 or len(set(map(str, order))) != len(order):
            raise fail("'order' must list at least two different items in the right order")
        order = [str(o) for o in order]
        return QuizItem(type=kind, answer=tuple(order), options=tuple(sorted(order)), **common)
    pairs = raw.get("pairs")
    if not isinstance(pairs, dict) or len(pairs) < 2:
        raise fail("'pairs' must map at least two left-hand items to their right-hand matches")
    rights = [str(v) for v in pairs.values()]
    if len(set(rights)) != len(rights):
        raise fail("each right-hand match in 'pairs' must be different")
    return QuizItem(type=kind, left=tuple(map(str, pairs)), answer=tuple(rights), options=tuple(sorted(rights)), **common)


def load_curated(path: Path) -> tuple[list[QuizItem], list[str]]:
    """Items and removed ids from one curated quiz file."""
    data = read_yaml(path)
    if data is None:
        return [], []
    if not isinstance(data, dict) or set(data) - {"items", "remove"}:
        raise ContentError(path, "expected a mapping with 'items' and/or 'remove' at the top level")
    raw_items = data.get("items") or []
    if not isinstance(raw_items, list):
        raise ContentError(path, "'items' must be a list")
    items = [_item(raw, index, path) for index, raw in enumerate(raw_items, 1)]
    ids = [item.id for item in items]
    if len(set(ids)) != len(ids):
        raise ContentError(path, "two items share the same id")
    removed = data.get("remove") or []
    if not isinstance(removed, list) or not all(isinstance(r, str) for r in removed):
        raise ContentError(path, "'remove' must be a list of item ids")
    return items, removed
