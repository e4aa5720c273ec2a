"""Errors and warnings about content files and the journal store speak the command line's language
(the course's ``locale``, else the terminal's): one line each, ``path:line: error: what; what to do``,
with the quoted content as written. Each is made where it is raised, in the language in effect then."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from relcourse.cli import main
from relcourse.content.parser import load_articles
from relcourse.i18n import set_default_language, use_language
from relcourse.store.schema import store_failure

from ..conftest import FIXTURES, content_folder

ZH_ARTICLE = FIXTURES / "articles-zh" / "security-and-needs-088.txt"
EN_ARTICLE = FIXTURES / "articles" / "attachment-and-communication-116.txt"
INSTRUMENT = FIXTURES / "instruments" / "weekly-checkin.yaml"
#: a "billion laughs" document: nine levels of ten aliases each
ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{name}: &{name} [{', '.join(['*' + prev] * 10)}]\n" for prev, name in zip("abcdefgh", "bcdefghi"))


@pytest.fixture
def chinese_terminal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.chdir(tmp_path)  # no content/course.yaml here whose locale would win over the terminal's


def bad_content(root: Path) -> Path:
    """A content folder with one good Chinese article and one of each kind of bad file."""
    content = content_folder(root, [ZH_ARTICLE])
    articles = content / "articles"
    (articles / "no-title.txt").write_text("这一行不是标题\n\n正文。\n", encoding="utf-8")
    (articles / "wide.txt").write_bytes("安全感与需求-090-标题\n正文。\n".encode("utf-16"))
    (content / "instruments").mkdir()
    (content / "instruments" / "bomb.yaml").write_text(ALIAS_BOMB, encoding="utf-8")
    bad_method = INSTRUMENT.read_text("utf-8").replace("method: sum", "method: median").replace("id: weekly-checkin", "id: weekly-bad")
    (content / "instruments" / "weekly-bad.yaml").write_text(bad_method, encoding="utf-8")
    (content / "quizzes").mkdir()
    (content / "quizzes" / "安全感与需求-088.yaml").write_text(
        "items:\n  - {id: q1, type: single, prompt: 哪一个？, options: [甲, 乙], answer: 丙}\n", encoding="utf-8")
    return content


def lines_naming(out: str, name: str) -> list[str]:
    return [line for line in out.splitlines() if name in line and ": " in line]


def test_bad_content_files_are_named_in_chinese_in_a_chinese_terminal(chinese_terminal: None, tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    content = bad_content(tmp_path)
    assert main(["check", str(content)]) == 1
    out = capsys.readouterr().out
    expected = {
        "no-title.txt": f"{content / 'articles' / 'no-title.txt'}:1: 错误: 没有标题行：第一行应写成“安全感与需求-088-标题”的样子",
        "wide.txt": f"{content / 'articles' / 'wide.txt'}:1: 错误: 这是 UTF-16 文本：请把文章另存为 UTF-8",
        "bomb.yaml": "错误: 拒绝读取：展开别名（*name）后超过 100000 个值；请简化文件",
        "weekly-bad.yaml": "错误: 第 1 个分量表（connection）：method 只能是 'mean' 或 'sum'，而不是 'median'",
        "安全感与需求-088.yaml": "错误: 第 1 题（q1）：答案 '丙' 不在选项之中",
    }
    for name, words in expected.items():
        found = lines_naming(out, name)
        assert len(found) == 1 and words in found[0], (name, found)
    for english in ("error:", "no title line", "save the article", "refused:", "method must be", "is not among", "item 1"):
        assert english not in out, english
    assert "0 篇文章就绪，5 个文件出错" in out  # the module whose curated quiz failed is not built


def test_the_same_files_in_an_english_terminal_stay_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = bad_content(tmp_path)
    assert main(["check", str(content)]) == 1
    out = capsys.readouterr().out
    for name, words in {"no-title.txt": ":1: error: no title line: the first line must look like",
                        "wide.txt": ":1: error: UTF-16 text: save the article as UTF-8",
                        "bomb.yaml": "error: refused: more than 100000 values once its aliases (*name) are expanded; simplify the file",
                        "weekly-bad.yaml": "error: subscale 1 (connection): method must be 'mean' or 'sum', not 'median'",
                        "安全感与需求-088.yaml": "error: item 1 (q1): answer '丙' is not among the options"}.items():
        found = lines_naming(out, name)
        assert len(found) == 1 and words in found[0], (name, found)
    assert "错误" not in out and "文本" not in out


def test_a_chinese_course_speaks_chinese_in_an_english_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = bad_content(tmp_path)
    (content / "course.yaml").write_text("locale: zh-Hans\n", encoding="utf-8")
    (content / "quizzes" / "gone.yml").write_text("items: []\n", encoding="utf-8")
    assert main(["check", str(content)]) == 1
    out = capsys.readouterr().out
    assert "错误: 没有标题行" in out and "no title line" not in out
    assert lines_naming(out, "gone.yml")[0].endswith(": 警告: 未读取：只读取 *.yaml 文件；请把它改名为 gone.yaml")


def test_article_warnings_are_made_in_the_language_of_the_command_line_not_the_article(tmp_path: Path) -> None:
    """A Chinese article read for an English command line warns in English, and the other way round:
    the message is made while loading (the command line's language), not later inside a module's language."""
    text = ZH_ARTICLE.read_text("utf-8").replace("（第1-3天）", "（某几天）", 1)
    assert text != ZH_ARTICLE.read_text("utf-8")
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "zh.txt").write_text(text, encoding="utf-8")
    english = [str(d) for d in load_articles(tmp_path / "articles").diagnostics]
    assert any(": warning: no duration recognised in '### 第1步：" in d for d in english), english
    set_default_language("zh-CN")
    chinese = load_articles(tmp_path / "articles").diagnostics
    with use_language("en"):  # shown later, inside an English module: it stays as it was made
        shown = [str(d) for d in chinese]
    assert any("无法从 '### 第1步：" in d and "中识别出时长" in d for d in shown), shown
    assert not any("no duration" in d for d in shown)


def test_a_bad_import_file_is_refused_in_chinese(chinese_terminal: None, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "old.json"
    bad.write_text('{"format": "relcourse-journal", "version": 1, "entries": [{"module": "m", "template": "t", '
                   '"created": "yesterday", "fields": "{}"}]}', encoding="utf-8")
    assert main(["journal", "import", str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert err.startswith(f"relcourse：错误：{bad}: 不是可用的 relcourse 日志导出文件：entries 表第 1 行：'created' 不是日期时间"), err
    assert err.endswith("；什么都没有导入")
    (tmp_path / "wide.json").write_bytes("{}".encode("utf-16"))
    assert main(["journal", "import", str(tmp_path / "wide.json")]) == 2
    assert "（不是 UTF-8 文本）；什么都没有导入" in capsys.readouterr().err


def test_a_bad_import_file_is_refused_in_english_in_an_english_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    bad = tmp_path / "old.csv"
    bad.write_text("table,data\n", encoding="utf-8")
    assert main(["journal", "import", str(bad)]) == 2
    assert "not a usable relcourse journal export (the second line is not the '_format' line" in capsys.readouterr().err


def test_journal_info_speaks_chinese(chinese_terminal: None, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("RELCOURSE_JOURNAL_MODE", "delete")
    assert main(["journal", "info"]) == 0
    out = capsys.readouterr().out
    assert "由 RELCOURSE_JOURNAL_MODE 指定" in out and "set by" not in out
    monkeypatch.delenv("RELCOURSE_JOURNAL_MODE")
    assert main(["journal", "info"]) == 0
    out = capsys.readouterr().out
    assert "文件系统" in out or "无法读取挂载表" in out, out
    assert "filesystem" not in out and "mount table" not in out


def test_store_failures_kept_as_constants_are_translated_where_shown(tmp_path: Path) -> None:
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorname = "SQLITE_FULL"
    with use_language("zh"):
        assert str(store_failure(tmp_path, full, "x")) == f"{tmp_path}: 磁盘已满；请腾出空间后再试；x"
    assert str(store_failure(tmp_path, full)) == f"{tmp_path}: the disk is full; free some space and try again"
