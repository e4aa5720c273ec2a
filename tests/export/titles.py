"""A module's title cell for tests of what is computed from it (objectives, discussion questions)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from relcourse.notebook.cells import TitleCell

BLANK = TitleCell("m", title="A module", category="A category", course="A course", help=(), paper="a4",
                  organisation="", facilitator="")


def title_cell(**changes: Any) -> TitleCell:
    """The blank title cell with the given fields set (``concepts``, ``subsections``, ``cases`` …)."""
    return replace(BLANK, **changes)
