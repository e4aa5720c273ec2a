"""The nbgitpuller link, nbgitpuller keeping a learner's own work, and the room summary."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import nbformat
import pytest

from relcourse.cli import main
from relcourse.errors import RelcourseError
from relcourse.hub.link import gitpuller_link
from relcourse.hub.room import room_summary, share_quiz_results, withdraw_quiz_results
from relcourse.store.journal import Journal

from ..conftest import ROOT

GIT_ENV = {"GIT_AUTHOR_NAME": "Course Author", "GIT_AUTHOR_EMAIL": "author@example.org",
           "GIT_COMMITTER_NAME": "Course Author", "GIT_COMMITTER_EMAIL": "author@example.org"}


def test_link_opens_the_course_index() -> None:
    link = gitpuller_link("https://github.com/example-org/couples-course.git", "https://hub.example.org/", "main")
    parts = urlsplit(link)
    assert parts.netloc == "hub.example.org" and parts.path == "/hub/user-redirect/git-pull"
    query = parse_qs(parts.query)
    assert query == {"repo": ["https://github.com/example-org/couples-course.git"], "branch": ["main"],
                     "urlpath": ["lab/tree/couples-course/notebooks/index.ipynb"]}


@pytest.mark.parametrize(("repo", "hub"), [("javascript:alert(1)", "https://hub.example.org"),
                                           ("https://github.com/x/y", "hub.example.org")])
def test_link_refuses_what_is_not_an_address(repo: str, hub: str) -> None:
    with pytest.raises(RelcourseError, match="URL"):
        gitpuller_link(repo, hub)


def test_cli_prints_the_link(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["hub", "link", "--repo", "https://example.org/c.git", "--hub", "https://hub.example.org"]) == 0
    assert capsys.readouterr().out.strip().startswith("https://hub.example.org/hub/user-redirect/git-pull?repo=")


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True, env={**os.environ, **GIT_ENV})


def _gitpuller(upstream: Path, course: Path) -> None:
    """nbgitpuller's own command, as the hub's git-pull handler runs it."""
    subprocess.run([sys.executable, "-m", "nbgitpuller.pull", f"file://{upstream}", "main", str(course)],
                   check=True, capture_output=True, env={**os.environ, **GIT_ENV})


def test_pulling_again_keeps_the_learners_work_and_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    upstream = tmp_path / "upstream"
    for part in ("content", "notebooks"):
        shutil.copytree(ROOT / part, upstream / part)
    _git(upstream, "init", "-q", "-b", "main")
    _git(upstream, "add", ".")
    _git(upstream, "commit", "-q", "-m", "course")
    monkeypatch.setenv("RELCOURSE_HOME", str(tmp_path / "store"))
    (tmp_path / "store").mkdir()
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    course = tmp_path / "home" / "upstream"
    _gitpuller(upstream, course)
    with Journal() as journal:
        journal.save_reflection("security-and-needs-133", "p1", "a sentence only the learner wrote")
    store_bytes = (tmp_path / "store" / "journal.sqlite").read_bytes()
    # the learner adds a note cell to a module and a file of their own
    mine = course / "notebooks" / "security-and-needs-133.ipynb"
    notebook = nbformat.read(mine, as_version=4)
    notebook.cells.append(nbformat.v4.new_markdown_cell("My own note for next week", id="my-note"))
    nbformat.write(notebook, mine)
    (course / "my-notes.md").write_text("notes")
    # the course changes upstream: another module and a new file
    other = upstream / "notebooks" / "security-and-needs-044.ipynb"
    changed = nbformat.read(other, as_version=4)
    changed.cells.insert(1, nbformat.v4.new_markdown_cell("Updated for the second session", id="update"))
    nbformat.write(changed, other)
    (upstream / "notebooks" / "session-2.md").write_text("second session")
    _git(upstream, "add", ".")
    _git(upstream, "commit", "-q", "-m", "session 2")
    _gitpuller(upstream, course)
    assert "My own note for next week" in mine.read_text()
    assert (course / "my-notes.md").read_text() == "notes"
    assert "Updated for the second session" in (course / "notebooks" / "security-and-needs-044.ipynb").read_text()
    assert (course / "notebooks" / "session-2.md").exists()
    assert (tmp_path / "store" / "journal.sqlite").read_bytes() == store_bytes
    assert not list(course.rglob("journal.sqlite"))


def test_sharing_is_quiz_results_only_and_withdrawable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    os.chmod(exchange, 0o777)
    with pytest.raises(RelcourseError, match="1733"):
        share_quiz_results(Journal(tmp_path / "a.sqlite"), exchange)  # not sticky: anyone could remove a share
    os.chmod(exchange, 0o1777)
    with pytest.raises(RelcourseError, match="not listable"):
        share_quiz_results(Journal(tmp_path / "a.sqlite"), exchange)  # learners could list each other's files
    os.chmod(exchange, 0o755)  # a learner's own folder (one mount per learner, as on Kubernetes) is fine too
    with Journal(tmp_path / "own.sqlite") as own:
        assert share_quiz_results(own, exchange).parent == exchange and withdraw_quiz_results(own, exchange)
    os.chmod(exchange, 0o1733)
    learners = []
    for name, right in (("a", [True, True]), ("b", [False, True])):
        journal = Journal(tmp_path / f"{name}.sqlite")
        journal.save_reflection("m1", "p1", f"secret reflection {name}")
        for index, correct in enumerate(right):
            journal.record_attempt("m1", f"q{index}", "my answer", correct)
        share_quiz_results(journal, exchange)
        share_quiz_results(journal, exchange)  # sharing again refreshes the same file
        learners.append(journal)
    files = list(exchange.glob("*.json"))
    assert len(files) == 2
    text = "".join(f.read_text() for f in files)
    assert "secret" not in text and "my answer" not in text
    (exchange / "notes.json").write_text(json.dumps({"hello": 1}))
    summary = room_summary(exchange)
    assert summary.shared == 2 and summary.skipped == ["notes.json"]
    assert summary.modules["m1"].mean_score == 0.75
    assert summary.most_missed("m1") == [("q0", 1, 2)]
    assert main(["room", str(exchange), "--content", str(tmp_path), "--chart", str(tmp_path / "room.png")]) == 0
    out = capsys.readouterr().out
    assert "2 learner(s) shared" in out and "75%" in out and (tmp_path / "room.png").stat().st_size > 1000
    assert withdraw_quiz_results(learners[0], exchange) is True
    assert room_summary(exchange).shared == 1
    for journal in learners:
        journal.close()


def test_share_widget_shares_and_withdraws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from relcourse.widgets.share import ShareQuizResults

    journal = Journal(tmp_path / "j.sqlite")
    monkeypatch.delenv("RELCOURSE_EXCHANGE", raising=False)
    alone = ShareQuizResults(journal)
    assert not hasattr(alone, "share_button") and not alone.children  # alone on a laptop: nothing shown
    exchange = tmp_path / "exchange"
    exchange.mkdir(mode=0o1733)
    os.chmod(exchange, 0o1733)
    monkeypatch.setenv("RELCOURSE_EXCHANGE", str(exchange))
    journal.record_attempt("m1", "q1", "x", True)
    widget = ShareQuizResults(journal)
    widget.share_button.click()
    assert len(list(exchange.glob("*.json"))) == 1 and "Shared" in widget.state.value
    widget.withdraw_button.click()
    assert not list(exchange.glob("*.json")) and "deleted" in widget.state.value
    assert repr(widget) == "<relcourse share quiz-results>"
    journal.close()
