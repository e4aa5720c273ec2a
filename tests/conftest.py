from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .regen import build_seed_notebooks

# the golden notebook is an expected output, not a course notebook: nbval must not run it
collect_ignore = ["golden"]

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"
CONTENT = ROOT / "content"
SEED_ARTICLES = sorted((CONTENT / "articles").glob("*.txt"))
FIXTURE_ARTICLES = sorted((FIXTURES / "articles").glob("*.txt"))


def content_folder(root: Path, articles: list[Path]) -> Path:
    """A throwaway ``content/`` holding copies of the given article files."""
    content = root / "content"
    (content / "articles").mkdir(parents=True, exist_ok=True)
    for article in articles:
        (content / "articles" / article.name).write_bytes(article.read_bytes())
    return content


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own journal store folder: no test touches a real learner's data."""
    home = tmp_path_factory.mktemp("relcourse-home")
    monkeypatch.setenv("RELCOURSE_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def english_terminal(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The CLI speaks the terminal's language: tests read its English words, whatever this machine's LANG."""
    from relcourse.i18n import set_default_language

    monkeypatch.setenv("LANGUAGE", "en")
    yield
    set_default_language("en")  # a command run on a Chinese course leaves the process in Chinese


@pytest.fixture(scope="session")
def built_notebooks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content freshly built, once per run: export tests never read the committed notebooks/."""
    return build_seed_notebooks(tmp_path_factory.mktemp("notebooks"))


@pytest.fixture
def zone() -> Iterator[Callable[[str], None]]:
    """Set the process's time zone (as a kernel started in that zone has it), restored afterwards."""
    before = os.environ.get("TZ")

    def use(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()

    yield use
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()
