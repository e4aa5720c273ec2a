"""Parser cases as data: every article in tests/fixtures/articles/ has its expected
``relcourse inspect --json`` output beside it (``<name>.expected.json``).

Add a case by adding an article and running ``python -m tests.regen``; read the JSON it writes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import FIXTURE_ARTICLES
from ..regen import FIXTURE_ARTICLES as FIXTURE_FOLDER
from ..regen import expected_json_path, inspect_json


def test_every_fixture_article_has_its_expected_json() -> None:
    assert FIXTURE_ARTICLES, "no fixture articles found"
    expected = sorted(FIXTURE_FOLDER.glob("*.expected.json"))
    assert expected == sorted(expected_json_path(a) for a in FIXTURE_ARTICLES), "run python -m tests.regen"


@pytest.mark.parametrize("article", FIXTURE_ARTICLES, ids=lambda p: p.stem)
def test_inspect_json_matches_expected(article: Path) -> None:
    assert inspect_json(article) == expected_json_path(article).read_text("utf-8")
