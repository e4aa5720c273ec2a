"""Parser cases as data: every article in tests/fixtures/articles/ has its expected
``relcourse inspect --json`` output beside it (``<name>.expected.json``).

Add a case by adding an article and running ``python -m tests.regen``; read the JSON it writes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import FIXTURE_ARTICLES
from ..regen import FIXTURE_ARTICLES as FIXTURE_FOLDER
from ..regen import FIXTURE_ARTICLES_ZH, expected_json_path, inspect_json

ZH_ARTICLES = sorted(FIXTURE_ARTICLES_ZH.glob("*.txt"))


@pytest.mark.parametrize(("folder", "articles"), [(FIXTURE_FOLDER, FIXTURE_ARTICLES), (FIXTURE_ARTICLES_ZH, ZH_ARTICLES)],
                         ids=["en", "zh"])
def test_every_fixture_article_has_its_expected_json(folder: Path, articles: list[Path]) -> None:
    assert articles, f"no fixture articles found in {folder}"
    expected = sorted(folder.glob("*.expected.json"))
    assert expected == sorted(expected_json_path(a) for a in articles), "run python -m tests.regen"


@pytest.mark.parametrize("article", FIXTURE_ARTICLES + ZH_ARTICLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_inspect_json_matches_expected(article: Path) -> None:
    assert inspect_json(article) == expected_json_path(article).read_text("utf-8")
