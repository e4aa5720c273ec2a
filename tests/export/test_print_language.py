"""A Chinese module's facilitator guide and a programme of it read in Chinese: no kit word is left in English."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from relcourse.cli import main
from relcourse.i18n import catalogs

from ..conftest import ROOT

MODULE = "安全感与需求-091"
#: an English kit sentence long enough not to be a name or a code ("ok ", "S%(n)s")
LONG = 12


def _english_kit_words() -> set[str]:
    with catalogs()["zh_Hans"].open("rb") as po:
        messages = read_po(po)
    found = set()
    for message in messages:
        ids = message.id if isinstance(message.id, (tuple, list)) else (message.id,)
        for text in map(str, ids):
            plain = re.split(r"%\(\w+\)[sd]|\{\w+[^}]*\}|[*<>\n]", text)  # the parts around placeholders and markup
            found |= {part.strip(" :;,.") for part in plain if len(part.strip(" :;,.")) >= LONG}
    return found


def _text(page: Path) -> str:
    markup = re.sub(r"<style>.*?</style>", "", page.read_text(encoding="utf-8"), flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("zh-print")
    notebooks = str(ROOT / "notebooks")
    assert main(["export", "--notebooks", notebooks, "--out", str(out), "--edition", "facilitator", "--to", "html", MODULE]) == 0
    assert main(["export", "--notebooks", notebooks, "--out", str(out), "--programme", "重逢", "--sessions", "2",
                 "--to", "html", MODULE]) == 0
    return {page.stem: _text(page) for page in out.glob("*.html")}


def test_facilitator_guide_and_programme_speak_chinese(pages: dict[str, str]) -> None:
    assert set(pages) == {f"{MODULE}-facilitator", "programme-重逢-facilitator", "programme-重逢-participant"}
    english = _english_kit_words()
    assert "Session agendas" in english and "Materials for the whole programme" in english  # the check can fail
    for name, text in pages.items():
        left = sorted(words for words in english if words in text)
        assert not left, f"{name}: {left}"
    programme = pages["programme-重逢-facilitator"]
    for words in ("带领者课程方案", "共 2 次，每次 90 分钟", "第 1 次活动：", "基本约定与知情同意", "第1–7天"):
        assert words in programme, words
    assert "伴侣练习不适用于存在暴力、控制或一方害怕伴侣的关系" in pages[f"{MODULE}-facilitator"]
