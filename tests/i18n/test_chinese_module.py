"""A Chinese article becomes a Chinese module: the article's words and the kit's own words in Chinese,
byte for byte as the golden files hold them (refresh on purpose: ``python -m tests.regen``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ..regen import GOLDEN, chinese_golden_files

#: fixed English words of the kit that a Chinese page must not show
ENGLISH_CHROME = ["How to use this module", "Start here", "Please read first", "Check your understanding", "Phrases to try",
                  "Your practice plan", "Answer key", "Participant handout", "Educational material, not therapy"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, str]:
    return chinese_golden_files(tmp_path_factory.mktemp("zh"))


def test_golden_chinese_module_and_handout(built: dict[Path, str]) -> None:
    for path, text in built.items():
        assert path.parent == GOLDEN
        assert text == path.read_text("utf-8"), f"{path.name} differs; python -m tests.regen if the change is meant"


def test_the_kit_speaks_chinese(built: dict[Path, str]) -> None:
    notebook_path = next(p for p in built if p.suffix == ".ipynb")
    notebook = json.loads(built[notebook_path])
    assert notebook["metadata"]["relcourse"]["lang"] == "zh"
    markdown = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")
    html = next(text for path, text in built.items() if path.suffix == ".html")
    assert "从这里开始" in markdown and "请先阅读" in markdown  # the module's Start here note
    assert '<html lang="zh">' in html and "学员讲义" in html and "教育材料，不是心理治疗" in html
    for words in ENGLISH_CHROME:
        assert words not in markdown and words not in html, words
