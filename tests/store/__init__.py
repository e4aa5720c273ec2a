"""Tests of relcourse.store; helpers the test files share."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from relcourse.store.journal import TABLES, Journal


def snapshot(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table of the store at ``path``: what an import that fails must leave as it was."""
    with Journal(path) as journal:
        return {t: journal.rows(t) for t in TABLES}
