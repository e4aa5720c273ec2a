"""The per-language lexicons: complete, loaded as data, and used by the parser."""

from __future__ import annotations

import typing
from pathlib import Path

import pytest

from relcourse.content.lexicon import FOLDER, LEXICONS, _load
from relcourse.content.model import SectionKind
from relcourse.content.parser import parse_article
from relcourse.content.text import detect_lang

HEADED_KINDS = set(typing.get_args(SectionKind)) - {"intro", "sources", "other"}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_language_names_every_section_kind(lang: str) -> None:
    lexicon = LEXICONS[lang]
    assert set(lexicon.sections) == HEADED_KINDS
    assert all(lexicon.sections[kind] for kind in HEADED_KINDS)


def test_a_heading_synonym_is_one_line_of_data(tmp_path: Path) -> None:
    text = (FOLDER / "en.yaml").read_text("utf-8")
    changed = tmp_path / "en.yaml"
    changed.write_text(text.replace("  summary: [summary, conclusion]", "  summary: [summary, conclusion, Wrapping Up]"), "utf-8")
    assert "wrapping up" in _load(changed).sections["summary"]
    assert "wrapping up" not in LEXICONS["en"].sections["summary"]


def test_an_unknown_key_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "xx.yaml"
    bad.write_text((FOLDER / "en.yaml").read_text("utf-8") + "colour: blue\n", "utf-8")
    with pytest.raises(ValueError, match="unknown keys \\['colour'\\]"):
        _load(bad)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Partners who notice small signals build a steadier base.", "en"),
        ("伴侣之间的安全感很少因为一次大的背叛而崩塌。", "zh"),
        ("戈特曼（Gottman）和约翰逊（Sue Johnson）的研究都说明了这一点。", "zh"),
        ("Try this sentence: 可以直接复制的话 is the wiki's chrome, but this text is English.", "en"),
    ],
)
def test_detect_lang(text: str, lang: str) -> None:
    assert detect_lang(text) == lang


def test_a_chinese_plan_step_is_read_with_the_chinese_words() -> None:
    article = parse_article(
        "冲突与修复-040-关上门的话\n问题情境\n他们为钱争吵。\n实践指南\n### 第1步：选择措辞（第1-3天）\n"
        "- 不要说“你从来不听我说话。”\n- 可以说：“我觉得没有被听见，我想理解你。”\n"
    )
    assert article.lang == "zh"
    assert article.plan[0].title == "第1步：选择措辞"
    assert [(d.start, d.end) for d in [article.plan[0].duration] if d] == [(1, 3)]


def test_a_word_yaml_reads_as_true_must_be_quoted(tmp_path: Path) -> None:
    bad = tmp_path / "en.yaml"
    bad.write_text((FOLDER / "en.yaml").read_text("utf-8").replace('"on"', "on", 1), "utf-8")
    with pytest.raises(ValueError, match="quote the words"):
        _load(bad)
