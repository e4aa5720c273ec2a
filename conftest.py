"""Test-session set-up shared by tests/ and the nbval run over notebooks/."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

HOME = pytest.StashKey[str]()


def pytest_configure(config: pytest.Config) -> None:
    # Kernels started by nbval inherit this: notebook runs never touch a real learner's store.
    config.stash[HOME] = os.environ["RELCOURSE_HOME"] = tempfile.mkdtemp(prefix="relcourse-test-home-")
    os.environ["RELCOURSE_CONTENT"] = str(Path(__file__).parent / "content")


def pytest_unconfigure(config: pytest.Config) -> None:
    """The session's store folder goes with the session: test stores hold sentinel words, not litter in /tmp."""
    if HOME in config.stash:
        shutil.rmtree(config.stash[HOME], ignore_errors=True)
