"""Widgets read the shipped course and write to a store of their own, one per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from relcourse.store.journal import Journal

from ..conftest import CONTENT


@pytest.fixture(autouse=True)
def content(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RELCOURSE_CONTENT", str(CONTENT))


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    return Journal(tmp_path / "j.sqlite")
