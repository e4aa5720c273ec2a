"""The ``relcourse`` cell-metadata namespace: versioned data that lets exporters and tests
render an interactive cell without a kernel.

``cell.metadata["relcourse"] = {"schema": 1, "kind": "quiz", "module": slug, ...}``
"""

from __future__ import annotations

from typing import Any

NAMESPACE = "relcourse"
SCHEMA_VERSION = 1
KINDS = ("title", "safety", "section", "note", "instrument", "result", "history", "quiz", "score", "reflection", "journal", "plan", "phrases", "faq", "index", "progress")


def cell_data(kind: str, module: str, **data: Any) -> dict[str, Any]:
    """The metadata for one cell (``kind`` is one of :data:`KINDS`)."""
    if kind not in KINDS:
        raise ValueError(f"unknown relcourse cell kind {kind!r}")
    return {NAMESPACE: {"schema": SCHEMA_VERSION, "kind": kind, "module": module, **data}}


def from_cell(cell: Any) -> dict[str, Any] | None:
    """The relcourse data of a cell, upgraded to the current schema, or None for other cells."""
    data = cell.get("metadata", {}).get(NAMESPACE)
    if data is None:
        return None
    if data.get("schema", 0) > SCHEMA_VERSION:
        raise ValueError(f"cell {cell.get('id')} was written by a newer relcourse (schema {data['schema']}); upgrade relcourse")
    return dict(data)


def kind_of(cell: Any) -> str | None:
    data = from_cell(cell)
    return None if data is None else str(data["kind"])
