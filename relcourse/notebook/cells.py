"""The ``relcourse`` cell metadata: reading it back, checked, upgraded and typed, and checking it
before a notebook is written.

A cell's metadata is validated when a notebook is written (:func:`validate_notebook`) and when
it is read (:func:`read_cell`, :func:`read_notebook`), which return the typed dataclasses of
:mod:`relcourse.notebook.kinds`; the schema files and upgrades are :mod:`relcourse.notebook.versions`.
This module is the import path for all three (the kinds and versions names are re-exported).
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any

from relcourse.errors import RelcourseError
from relcourse.notebook.kinds import (
    CELL_KINDS,
    NAMESPACE,
    SCHEMA_VERSION,
    CellData,
    Concept,
    FaqCell,
    FaqItem,
    HelpLine,
    HistoryCell,
    IndexCell,
    InstrumentCell,
    JournalCell,
    JournalField,
    NotebookInfo,
    NoteCell,
    Phrase,
    PhrasesCell,
    PlanCell,
    PlanStep,
    ProgressCell,
    QuizCell,
    ReflectionCell,
    ResultCell,
    SafetyCell,
    ScoreCell,
    SectionCell,
    ShareCell,
    TitleCell,
)
from relcourse.notebook.versions import SCHEMA_FOLDER, UPGRADES, check, json_schema, schema_text, to_current

__all__ = [
    "CELL_KINDS", "MAX_NOTEBOOK_BYTES", "NAMESPACE", "SCHEMA_FOLDER", "SCHEMA_VERSION", "UPGRADES", "CellData", "Concept",
    "FaqCell", "FaqItem", "HelpLine", "HistoryCell", "IndexCell", "InstrumentCell", "JournalCell", "JournalField",
    "NoteCell", "NotebookInfo", "Phrase", "PhrasesCell", "PlanCell", "PlanStep", "ProgressCell", "QuizCell",
    "ReflectionCell", "ResultCell", "SafetyCell", "ScoreCell", "SectionCell", "ShareCell", "TitleCell", "from_cell",
    "json_schema", "kind_of", "read_cell", "read_notebook", "schema_text", "upgrade_notebook", "validate_notebook",
]

#: a built module notebook is under 100 KB; a file in notebooks/ far larger than this is not one to read
MAX_NOTEBOOK_BYTES = 50_000_000
NOT_WRITTEN = "not written (the builder and the schema file disagree: a relcourse bug, please report it)"


def read_cell(cell: Mapping[str, Any], notebook: str = "notebook") -> CellData | None:
    """A cell's relcourse data, checked and upgraded to the current schema; None for other cells."""
    data = cell.get("metadata", {}).get(NAMESPACE)
    if data is None:
        return None
    current = to_current(data, "cell", notebook, f"cell {cell.get('id')!r}")
    return CELL_KINDS[current["kind"]].from_metadata(current)


def read_notebook(nb: Mapping[str, Any], notebook: str = "notebook") -> NotebookInfo:
    """The notebook's relcourse data, checked and upgraded; an error if relcourse did not build it."""
    data = nb.get("metadata", {}).get(NAMESPACE)
    if data is None:
        raise RelcourseError(f"{notebook}: not a relcourse module notebook; build it with 'relcourse build'")
    current = to_current(data, "notebook", notebook, "notebook metadata")
    return NotebookInfo(**{k: v for k, v in current.items() if k != "schema"})


def upgrade_notebook(nb: MutableMapping[str, Any], notebook: str = "notebook") -> None:
    """Check every cell and bring the notebook's metadata to the current schema, in place."""
    nb["metadata"][NAMESPACE] = read_notebook(nb, notebook).to_metadata()
    for cell in nb["cells"]:
        data = read_cell(cell, notebook)
        if data is not None:
            cell["metadata"][NAMESPACE] = data.to_metadata()


def validate_notebook(nb: Mapping[str, Any], notebook: str) -> None:
    """Refuse to write a notebook whose relcourse metadata does not match the current schema."""
    check(nb["metadata"].get(NAMESPACE, {}), SCHEMA_VERSION, "notebook", notebook, "notebook metadata", NOT_WRITTEN)
    for cell in nb["cells"]:
        if NAMESPACE in cell["metadata"]:
            check(cell["metadata"][NAMESPACE], SCHEMA_VERSION, "cell", notebook, f"cell {cell.get('id')!r}", NOT_WRITTEN)


def from_cell(cell: Mapping[str, Any]) -> dict[str, Any] | None:
    """A cell's relcourse data as plain JSON (current schema), or None for other cells."""
    data = read_cell(cell)
    return None if data is None else data.to_metadata()


def kind_of(cell: Mapping[str, Any]) -> str | None:
    data = read_cell(cell)
    return None if data is None else data.kind
