from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from relcourse.cli import main
from relcourse.store.journal import Journal
from relcourse.store.schema import SCHEMA_VERSION, StoreError
from relcourse.store.views import (
    counts_by,
    entries_per_week,
    over_time,
    summary_chart,
)


def test_round_trip(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite") as journal:
        first = journal.add_entry("m1", "activation", {"trigger": "late text", "intensity": 6, "response": "pursue"})
        journal.add_entry("m1", "activation", {"trigger": "silence", "intensity": 3, "response": "withdraw"})
        journal.add_entry("m2", "security-moments", {"moment_1": "coffee"})
        assert first == 1
        frame = journal.entries("m1", "activation")
        assert list(frame["trigger"]) == ["late text", "silence"]
        assert list(frame["intensity"]) == [6, 3]
        assert len(journal.entries()) == 3 and len(journal.entries(template="security-moments")) == 1
        assert journal.reflection("m1", "p1") is None
        journal.save_reflection("m1", "p1", "first")
        journal.save_reflection("m1", "p1", "second thoughts")
        assert journal.reflection("m1", "p1") == "second thoughts"
        journal.record_attempt("m1", "q1", ["a"], False)
        journal.record_attempt("m1", "q1", ["b"], True)
        journal.record_attempt("m1", "q2", "x", False)
        journal.check_step("m1", "step-1")
        journal.check_step("m1", "step-2")
        journal.check_step("m1", "step-2", done=False)
        assert journal.checked_steps("m1") == {"step-1"}
        progress = journal.progress()
        assert progress.loc["m1"].to_dict() == {
            "quiz_answered": 2, "quiz_correct": 1, "reflections": 1, "entries": 2, "steps_done": 1}
        assert progress.loc["m2", "entries"] == 1
        assert journal.progress("m3").loc["m3"].sum() == 0


def test_store_is_private_and_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite"
    Journal(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_default_location_follows_relcourse_home(private_home: Path) -> None:
    with Journal() as journal:
        assert journal.path == private_home / "journal.sqlite"


def test_views_and_chart(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite") as journal:
        for day, response, intensity in [(1, "pursue", 7), (2, "pursue", 5), (9, "withdraw", 4)]:
            journal.add_entry("m", "t", {"response": response, "intensity": intensity}, created=f"2026-03-{day:02d}T10:00:00+00:00")
        entries = journal.entries("m", "t")
    weekly = entries_per_week(entries)
    # 1 March 2026 is a Sunday: weeks start on Monday 23 Feb, 2 Mar and 9 Mar
    assert [(str(w.date()), n) for w, n in zip(weekly["week"], weekly["entries"])] == [("2026-02-23", 1), ("2026-03-02", 1), ("2026-03-09", 1)]
    assert counts_by(entries, "response").set_index("response")["count"].to_dict() == {"pursue": 2, "withdraw": 1}
    assert list(over_time(entries, "intensity")["intensity"]) == [7, 5, 4]
    figure = summary_chart(entries, "response", "intensity")
    assert len(figure.axes) == 3


def test_choices_of_several_fields_are_counted_together(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite") as journal:
        journal.add_entry("m", "moments", {"felt_1": "secure", "felt_2": "insecure", "felt_3": None})
        journal.add_entry("m", "moments", {"felt_1": "secure", "felt_2": "secure"})
        entries = journal.entries("m", "moments")
    counts = counts_by(entries, ("felt_1", "felt_2", "felt_3"))
    assert counts.set_index("felt_1")["count"].to_dict() == {"insecure": 1, "secure": 3}
    figure = summary_chart(entries, ("felt_1", "felt_2", "felt_3"), None, "Secure or insecure?")
    assert [axis.get_title() for axis in figure.axes] == ["Entries per week", "Secure or insecure?"]


WRITER = """
import sys
from relcourse.store.journal import Journal
journal = Journal(sys.argv[1])
for n in range(int(sys.argv[2])):
    journal.add_entry("m", "t", {"writer": sys.argv[3], "n": n})
"""


@pytest.fixture(params=["wal", "delete"])
def journal_mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both modes the store uses: WAL on local disk, a rollback journal on network folders."""
    monkeypatch.setenv("RELCOURSE_JOURNAL_MODE", request.param)  # inherited by the writer processes
    return str(request.param)


def test_two_processes_writing_at_once_lose_nothing(journal_mode: str, tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite"
    Journal(path).close()
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), "1000", name]) for name in ("a", "b")]
    assert [p.wait(timeout=300) for p in procs] == [0, 0]
    with Journal(path) as journal:
        frame = journal.entries()
        assert journal.mode.mode == journal_mode
    assert len(frame) == 2000
    assert frame.groupby("writer")["n"].nunique().to_dict() == {"a": 1000, "b": 1000}


KILLED = """
import sys
from relcourse.store.journal import Journal
journal = Journal(sys.argv[1])
for n in range(50):
    journal.add_entry("m", "t", {"n": n})
conn = journal._conn
conn.execute("BEGIN IMMEDIATE")
for n in range(50, 5000):
    conn.execute("INSERT INTO entries (module, template, created, fields) VALUES ('m', 't', 'x', '{}')")
print("in-transaction", flush=True)
import time
time.sleep(60)
"""


def test_writer_killed_mid_transaction_keeps_committed_entries(journal_mode: str, tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite"
    proc = subprocess.Popen([sys.executable, "-c", KILLED, str(path)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "in-transaction"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    with Journal(path) as journal:
        frame = journal.entries()
        assert list(frame["n"]) == list(range(50)) and journal.mode.mode == journal_mode
        journal.add_entry("m", "t", {"n": 50})  # and it is still writable
        assert len(journal.entries()) == 51


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_foreign_files_are_never_overwritten(tmp_path: Path) -> None:
    text = tmp_path / "text" / "journal.sqlite"
    text.parent.mkdir()
    text.write_text("my notes, not a database\n")
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    for path, words in ((text, "not a relcourse journal store"), (other, "belongs to another program")):
        before = _digest(path)
        with pytest.raises(StoreError, match=words) as info:
            Journal(path)
        assert str(info.value).startswith(str(path)) and "\n" not in str(info.value)
        assert _digest(path) == before


def test_corrupted_store_is_reported_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite"
    with Journal(path) as journal:
        for n in range(300):
            journal.add_entry("m", "t", {"text": "x" * 200, "n": n})
        journal._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    data[4096 * 2 : 4096 * 2 + 2000] = b"\xff" * 2000
    path.write_bytes(bytes(data))
    before = _digest(path)
    with pytest.raises(StoreError, match="damaged"):
        Journal(path)
    assert _digest(path) == before


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Journal(tmp_path / "nowhere" / "journal.sqlite")
    (tmp_path / "a-file").write_text("")
    with pytest.raises(StoreError, match="a-file: is a file, not a folder"):
        Journal(tmp_path / "a-file" / "journal.sqlite")


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder nobody can write to, even root (a read-only tmpfs when we are root)."""
    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
        return
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"running as root and cannot mount a read-only folder: {mounted.stderr.decode().strip()}")
    yield folder
    subprocess.run(["umount", str(folder)], check=True)


def test_read_only_folder_is_a_clear_error(read_only_folder: Path) -> None:
    with pytest.raises(StoreError, match="read-only") as info:
        Journal(read_only_folder / "journal.sqlite")
    assert str(info.value).startswith(str(read_only_folder))
    assert not (read_only_folder / "journal.sqlite").exists()


def _fill(journal: Journal) -> None:
    journal.add_entry("m", "t", {"trigger": "a, \"quoted\"\nline", "intensity": 4})
    journal.save_reflection("m", "p", "é ünïcode")
    journal.record_attempt("m", "q", ["x", "y"], True)
    journal.check_step("m", "s1")
    journal.set_setting("m", "start", "2026-01-05")


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_cli_export_import_round_trip(fmt: str, tmp_path: Path, private_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Journal() as journal:
        _fill(journal)
        original = {t: journal.rows(t) for t in ("entries", "reflections", "attempts", "checkoffs", "settings")}
    out = tmp_path / f"backup.{fmt}"
    assert main(["journal", "export", "--format", fmt, str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert main(["journal", "delete", "--all", "--yes"]) == 0
    with Journal() as journal:
        assert journal.entries().empty
    assert main(["journal", "import", str(out)]) == 0
    assert main(["journal", "import", str(out)]) == 0  # importing twice adds nothing
    assert "imported 0 new row(s)" in capsys.readouterr().out
    with Journal() as journal:
        restored = {t: journal.rows(t) for t in original}
    strip = lambda rows: [{k: v for k, v in r.items() if k != "id"} for r in rows]  # noqa: E731
    assert {t: strip(r) for t, r in restored.items()} == {t: strip(r) for t, r in original.items()}


def test_cli_delete_needs_confirmation(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    with Journal() as journal:
        _fill(journal)
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    assert main(["journal", "delete", "--all"]) == 1
    with Journal() as journal:
        assert len(journal.entries()) == 1
    monkeypatch.setattr("builtins.input", lambda prompt: "delete")
    assert main(["journal", "delete", "--all"]) == 0
    with Journal() as journal:
        assert journal.entries().empty and journal.reflection("m", "p") is None


def test_import_rejects_foreign_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "x.json"
    bad.write_text(json.dumps({"hello": 1}))
    assert main(["journal", "import", str(bad)]) == 2
    assert "not a relcourse journal export" in capsys.readouterr().err
