"""Test-session set-up shared by tests/ and the nbval run over notebooks/."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest


def pytest_configure(config: pytest.Config) -> None:
    # Kernels started by nbval inherit this: notebook runs never touch a real learner's store.
    os.environ["RELCOURSE_HOME"] = tempfile.mkdtemp(prefix="relcourse-test-home-")
    os.environ["RELCOURSE_CONTENT"] = str(Path(__file__).parent / "content")
