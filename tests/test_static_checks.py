"""Static checks as part of the suite: mypy --strict on relcourse/, ruff on the code and tests."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def test_mypy_strict() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff() -> None:
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "relcourse", "tests", "bench"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_subpackage_is_packaged() -> None:
    """A folder without __init__.py is skipped by find_packages and missing from wheel installs."""
    from setuptools import find_packages

    packages = set(find_packages(str(ROOT), include=["relcourse*"]))
    folders = {".".join(p.relative_to(ROOT).parts) for p in (ROOT / "relcourse").rglob("*.py")
               for p in [p.parent] if "templates" not in p.parts}
    assert folders <= packages, folders - packages
