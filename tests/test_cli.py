from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from relcourse.cli import main

from .conftest import CONTENT, FIXTURE_ARTICLES, FIXTURES, content_folder


def test_check_prints_a_row_per_article(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(CONTENT)]) == 0
    out = capsys.readouterr().out
    assert "security-and-needs-044" in out and "security-and-needs-133" in out
    assert f"{len(list((CONTENT / 'articles').glob('*.txt')))} article(s) ready, 0 file(s) failed" in out


def test_check_names_the_journal_logs_it_recognised(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--logs", str(FIXTURES / "articles")]) == 0
    out = capsys.readouterr().out
    assert "attachment-and-communication-116: journal logs: Evening bids log" in out
    assert "│ attachment-and-communication-116 │" in out  # slugs are never cut
    assert "prompts" in out and "logs" in out


def test_check_fails_on_a_bad_article_but_reports_the_good(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "good.txt").write_bytes((FIXTURES / "articles" / "scripts-and-tools-201.txt").read_bytes())
    (tmp_path / "bad.txt").write_bytes(b"")
    assert main(["check", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "scripts-and-tools-201" in out
    assert f"{tmp_path / 'bad.txt'}:1: error: the file is empty" in out


def test_check_a_content_folder_validates_quizzes_and_instruments(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "instruments").mkdir()
    (tmp_path / "articles" / "a.txt").write_bytes((FIXTURES / "articles" / "scripts-and-tools-201.txt").read_bytes())
    assert main(["check", str(tmp_path)]) == 0
    (tmp_path / "quizzes" / "scripts-and-tools-201.yaml").write_text("items:\n  - {id: x, type: essay, prompt: Why}\n")
    (tmp_path / "instruments" / "t.yaml").write_text("id: t\n")
    capsys.readouterr()
    assert main(["check", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "unknown item type 'essay'" in out and "t.yaml: error: 'title' is required" in out


def test_inspect_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inspect", str(CONTENT / "articles" / "security-and-needs-044.txt"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    for key in ("slug", "category", "number", "title", "steps", "cases", "experts", "faq", "try_this", "insights", "sections"):
        assert key in data
    assert data["slug"] == "security-and-needs-044" and data["number"] == 44
    assert data["steps"][-1]["unit"] == "ongoing" and data["steps"][-1]["start"] is None
    assert {"title", "start", "end", "unit"} <= set(data["steps"][0])
    assert data["steps"][0]["start"] == 1 and data["steps"][0]["end"] == 2 and data["steps"][0]["unit"] == "week"
    assert data["faq"] == []  # its only FAQ is answered by the page's cut teaser: left out
    assert [t["line"] for t in data["try_this"]] == [140] and data["try_this"][0]["text"].endswith("erosi…")


def test_inspect_bad_file_is_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "x.txt"
    bad.write_bytes(b"caf\xe9\n")
    assert main(["inspect", str(bad), "--json"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"relcourse: error: {bad}:1: not UTF-8 text (byte 0xe9): save the article as UTF-8"


def test_build_outside_a_course_folder_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("RELCOURSE_CONTENT", raising=False)
    assert main(["build"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == ("relcourse: error: content/articles: no such folder; run relcourse in the course folder "
                   "(the one holding content/) or give the path of your content folder")


def _relcourse(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The command in its own process with a time limit: a read that blocks fails the test instead of hanging the run."""
    return subprocess.run([sys.executable, "-c", "from relcourse.cli import main; raise SystemExit(main())", *args],
                          cwd=cwd, capture_output=True, text=True, timeout=120, check=False)


def test_special_files_in_notebooks_are_named_never_read(tmp_path: Path) -> None:
    content_folder(tmp_path, [FIXTURES / "articles" / "scripts-and-tools-201.txt"])
    assert _relcourse("build", "--notebooks-only", cwd=tmp_path).returncode == 0
    notebooks = tmp_path / "notebooks"
    os.mkfifo(notebooks / "pipe.ipynb")
    (notebooks / "zero.ipynb").symlink_to("/dev/zero")
    (notebooks / "folder.ipynb").mkdir()
    (notebooks / ".relcourse-build.json").unlink()
    os.mkfifo(notebooks / ".relcourse-build.json")

    build = _relcourse("build", "--notebooks-only", cwd=tmp_path)
    assert build.returncode == 0, build.stderr
    for name, why in [("pipe", "not a regular file"), ("zero", "not a regular file"), ("folder", "a folder, not a file")]:
        assert f"notebooks/{name}.ipynb: warning: {why}" in build.stderr
    assert "Traceback" not in build.stderr and "up to date" in build.stdout

    export = _relcourse("export", "--to", "html", cwd=tmp_path)
    assert export.returncode == 0, export.stderr
    assert "notebooks/pipe.ipynb: warning: not a regular file" in export.stderr
    assert "notebooks/zero.ipynb: warning: not a regular file" in export.stderr
    assert (tmp_path / "exports" / "scripts-and-tools-201-participant.html").is_file()


def test_a_pipe_where_a_notebook_goes_is_left_alone_and_the_rest_builds(tmp_path: Path) -> None:
    content_folder(tmp_path, FIXTURE_ARTICLES[:2])
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    os.mkfifo(notebooks / f"{FIXTURE_ARTICLES[0].stem}.ipynb")
    build = _relcourse("build", "--notebooks-only", cwd=tmp_path)
    assert build.returncode == 1
    [line] = [line for line in build.stderr.splitlines() if FIXTURE_ARTICLES[0].stem in line]
    assert ": error: not a regular file" in line and "its notebook is not written until then" in line
    assert (notebooks / f"{FIXTURE_ARTICLES[1].stem}.ipynb").is_file()
    assert stat.S_ISFIFO((notebooks / f"{FIXTURE_ARTICLES[0].stem}.ipynb").lstat().st_mode)


def test_inspect_json_escapes_bidi_and_control_characters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = FIXTURES / "articles" / "scripts-and-tools-201.txt"
    title = "Words That Reopen the Door After a Fight"
    path = tmp_path / article.name
    path.write_text(article.read_text("utf-8").replace(title, title + " \u202etxt.exe\u200b\x85"), "utf-8")
    assert main(["inspect", str(path), "--json"]) == 0
    out = capsys.readouterr().out
    assert not any(c in out for c in "\u202e\u200b\x85")
    assert "\\u202etxt.exe\\u200b" in out
    assert json.loads(out)["title"].endswith("\u202etxt.exe\u200b")  # the same data, shown as escapes
