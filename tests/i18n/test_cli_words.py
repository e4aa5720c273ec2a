"""The command line speaks the course's language (``locale`` in course.yaml) or the terminal's (``LANG``),
and a module's review sheet and review file speak the module's language, as its handouts do."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from relcourse.cli import main

from ..conftest import FIXTURES, content_folder

ZH_ARTICLE = FIXTURES / "articles-zh" / "security-and-needs-088.txt"
ZH_SLUG = "安全感与需求-088"
#: ``relcourse check``'s English column headings, none of which a Chinese course shows
CHECK_HEADINGS = ["article", "sections", "steps", "cases", "experts", "phrases", "prompts", "warnings"]


@pytest.fixture
def chinese_course(tmp_path: Path) -> Path:
    content = content_folder(tmp_path, [ZH_ARTICLE])
    (content / "course.yaml").write_text("locale: zh-Hans\n", encoding="utf-8")
    return content


@pytest.fixture
def chinese_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")


def test_check_on_a_chinese_course_speaks_chinese(chinese_course: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--logs", "--polarity", str(chinese_course)]) == 0
    out = capsys.readouterr().out
    for words in ("中的文章", "文章", "章节", "步骤", "案例", "专家", "反思提示", "警告", "1 篇文章就绪，0 个文件出错",
                  f"{ZH_SLUG}：自动生成", f"{ZH_SLUG}：日志：", f"{ZH_SLUG}：语句倾向：推荐"):
        assert words in out, words
    headings = "".join(line for line in out.splitlines() if "┃" in line)
    assert not [words for words in CHECK_HEADINGS if words in headings]
    for words in ["article(s) ready", "generated,", "journal logs:", "polarity:", "recommended", "warning"]:
        assert words not in out, words


def test_check_on_an_english_course_stays_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = content_folder(tmp_path, [FIXTURES / "articles" / "attachment-and-communication-116.txt"])
    (content / "course.yaml").write_text("locale: en\n", encoding="utf-8")
    assert main(["check", "--polarity", str(content)]) == 0
    out = capsys.readouterr().out
    assert "┃ article" in out and "1 article(s) ready" in out and "polarity: " in out
    assert "文章" not in out


def test_review_of_a_chinese_module_writes_chinese(chinese_course: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "exports"
    assert main(["review", ZH_SLUG, "--content", str(chinese_course), "--out", str(out_dir)]) == 0
    printed = capsys.readouterr().out
    assert "审阅页：" in printed and "请在这个文件中逐条作出决定：" in printed and "review sheet" not in printed
    review_file = (chinese_course / "reviewed" / f"{ZH_SLUG}.yaml").read_text("utf-8")
    header = review_file.split("module:")[0]
    assert header.startswith(f"# 单元 {ZH_SLUG} 的审阅文件") and "pending（待审）" in header
    assert "Review of module" not in header and "status: pending" in review_file  # the values it reads back stay as they are
    sheet = (out_dir / "review" / f"{ZH_SLUG}.html").read_text("utf-8")
    assert "<html lang='zh'>" in sheet
    for words in ("<h1>审阅：", "测验题（", "反思提示（", "<th>状态</th>", "<th>依据的句子</th>", "<th>单元实际使用的内容</th>",
                  ">待审<", "请在 <code>"):
        assert words in sheet, words
    for words in ("Review:", "Quiz items", "Reflection prompts", "sentence it came from", "Decide each entry", ">pending<"):
        assert words not in sheet, words


def test_review_of_an_english_module_stays_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = content_folder(tmp_path, [FIXTURES / "articles" / "attachment-and-communication-116.txt"])
    assert main(["review", "attachment-and-communication-116", "--content", str(content), "--out", str(tmp_path / "x")]) == 0
    sheet = (tmp_path / "x" / "review" / "attachment-and-communication-116.html").read_text("utf-8")
    assert "<html lang='en'>" in sheet and "Quiz items (" in sheet and "<th>sentence it came from</th>" in sheet
    assert "# Review of module attachment-and-communication-116" in (content / "reviewed" /
                                                                      "attachment-and-communication-116.yaml").read_text("utf-8")
    assert "review sheet: " in capsys.readouterr().out


def test_a_bad_review_entry_says_what_to_do_in_chinese(chinese_course: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (chinese_course / "reviewed").mkdir()
    (chinese_course / "reviewed" / f"{ZH_SLUG}.yaml").write_text(
        "entries:\n  - kind: quiz\n    id: q1\n    status: maybe\n    content: {}\n", encoding="utf-8")
    assert main(["review", ZH_SLUG, "--content", str(chinese_course)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and f"{ZH_SLUG}.yaml:2:" in err
    assert "relcourse：错误：" in err and "条目q1：'status' 只能是以下之一：pending, approved, edited, rejected" in err


def test_help_speaks_the_terminals_language(chinese_terminal: None, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "把 wiki 文章做成课程笔记本和讲义。" in out and "解析每篇文章，报告识别出的内容" in out
    assert "Turn wiki articles" not in out and "parse every article" not in out
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    out = capsys.readouterr().out
    assert "两次课之间相隔的天数（默认：7）" in out and "days from one programme session" not in out
    assert out.startswith("用法：relcourse export") and "选项" in out and "显示本帮助信息并退出" in out  # argparse's own words
    assert "usage:" not in out and "show this help message" not in out
    with pytest.raises(SystemExit):
        main(["export", "--weeks", "2"])
    assert "relcourse：错误：" in capsys.readouterr().err


def test_help_in_an_english_terminal(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LANGUAGE", "en_GB")
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    out = capsys.readouterr().out
    assert "a content folder (with articles/) or a folder of articles" in out and out.startswith("usage: relcourse check")
    assert "show this help message and exit" in out


def test_room_speaks_the_courses_language(chinese_course: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "exchange"
    folder.mkdir()
    share = {"format": "relcourse-quiz-share", "version": 1, "modules": {ZH_SLUG: {"some-item": False}}}
    (folder / "a1.json").write_text(json.dumps(share), encoding="utf-8")
    (folder / "notes.json").write_text("not a share", encoding="utf-8")
    chart = tmp_path / "room.png"
    assert main(["room", str(folder), "--content", str(chinese_course), "--chart", str(chart)]) == 0
    out = capsys.readouterr().out
    for words in ("位学员在", "分享了测验结果", "全班概览", "单元", "平均得分", "最常答错的题", "跳过了", "图表："):
        assert words in out, words
    for words in ("shared their quiz results", "The room at a glance", "mean score", "skipped"):
        assert words not in out, words
    assert chart.read_bytes().startswith(b"\x89PNG")  # drawn with the CJK font: no missing-glyph warning (warnings are errors)


def test_a_bad_course_file_says_what_to_do_in_the_terminals_language(chinese_terminal: None, chinese_course: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    (chinese_course / "course.yaml").write_text("locale: zh-Hans\npaper: a5\n", encoding="utf-8")
    assert main(["check", str(chinese_course)]) != 0
    captured = capsys.readouterr()
    line = next(line for line in (captured.out + captured.err).splitlines() if "course.yaml" in line)
    assert "paper 只能是 a4, letter 之一，而不是 'a5'" in line and "must be one of" not in line
