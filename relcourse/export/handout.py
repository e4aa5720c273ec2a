"""A module notebook as the edition steps and the handout template read it.

Each cell's relcourse metadata is checked, upgraded and read once, by :func:`read_handout`, into
the typed dataclasses of :mod:`relcourse.notebook.cells`; the steps and the template then use
their attributes, so a field's name lives in its dataclass only, and nothing is validated twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from relcourse.notebook.cells import CellData, NotebookInfo, TitleCell, read_cell, read_notebook


@dataclass
class HandoutCell:
    """One notebook cell: its text, its checked data (None for a cell relcourse did not write) and
    what the steps add: the printed part it starts ("" inside a part) and its printed form."""

    cell_type: str
    source: str
    data: CellData | None
    print_part: str = ""
    view: Mapping[str, object] | None = None


@dataclass
class Handout:
    """The notebook's own data and its cells, in the order the steps leave them."""

    info: NotebookInfo
    cells: list[HandoutCell]

    @property
    def title(self) -> TitleCell | None:
        """The module's title cell (covers, footers, facilitator pages), None if it has none."""
        return next((c.data for c in self.cells if isinstance(c.data, TitleCell)), None)

    def copy(self) -> Handout:
        """A copy the steps may change (cell data is frozen: a step replaces it, never edits it)."""
        return Handout(self.info, [replace(cell) for cell in self.cells])


def notebook_name(resources: Mapping[str, Any]) -> str:
    """The notebook as messages name it: ``folder/slug.ipynb`` from nbconvert's ``metadata`` resource."""
    metadata = resources.get("metadata", {})
    name = f"{metadata.get('name', 'notebook')}.ipynb"
    return str(Path(metadata["path"]) / name) if metadata.get("path") else name


def _source(cell: Mapping[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def read_handout(nb: Mapping[str, Any], notebook: str = "notebook") -> Handout:
    """Every cell checked against its schema and brought to the current one (a clear error naming the
    notebook and the cell otherwise); the notebook itself is not changed."""
    info = read_notebook(nb, notebook)
    return Handout(info, [HandoutCell(str(cell.get("cell_type", "")), _source(cell), read_cell(cell, notebook))
                          for cell in nb["cells"]])
