"""Unusable entries (written past the checks by another program or an older relcourse): the readers
keep the others, and 'journal repair' deletes only those rows, after a confirmation."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from relcourse.cli import main
from relcourse.store.journal import Journal
from relcourse.store.schema import StoreError

SENTINEL = "words-only-the-learner-knows"
WHEN = "2026-03-01T10:00:00+00:00"


@pytest.fixture
def store(private_home: Path) -> Path:
    """The default store with two good entries around two unusable ones (ids 2 and 3)."""
    with Journal() as journal:
        journal.add_entry("m", "t", {"what": f"{SENTINEL} one"}, created="2026-03-01T09:00:00+00:00")
        path = journal.path
    with sqlite3.connect(path) as conn:
        for fields in (f'{{"created": "{SENTINEL}"}}', f"not json {SENTINEL}"):
            conn.execute("INSERT INTO entries (module, template, created, fields) VALUES ('m', 't', ?, ?)", (WHEN, fields))
    conn.close()
    with Journal() as journal:
        journal.add_entry("m", "t", {"what": f"{SENTINEL} two"}, created="2026-03-02T09:00:00+00:00")
    return path


def test_readable_entries_keep_the_usable_rows_and_name_the_others(store: Path) -> None:
    with Journal() as journal:
        readable = journal.readable_entries("m", "t")
    assert list(readable.frame["what"]) == [f"{SENTINEL} one", f"{SENTINEL} two"]
    assert [row.id for row in readable.unusable] == [2, 3]
    assert "field named 'created'" in readable.unusable[0].problem and "is not JSON text" in readable.unusable[1].problem
    assert all(SENTINEL not in row.problem and row.problem.startswith(f"entries row {row.id}: ") for row in readable.unusable)


def test_drop_unusable_entries_never_deletes_a_usable_row(store: Path) -> None:
    with Journal() as journal:
        assert journal.drop_unusable_entries([1, 2, 3, 4, 99]) == 2
        readable = journal.readable_entries()
    assert not readable.unusable and list(readable.frame["id"]) == [1, 4]


def test_repair_asks_then_deletes_only_the_unusable_rows(store: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("builtins.input", lambda _prompt: "no")
    assert main(["journal", "repair"]) == 1
    out = capsys.readouterr().out
    assert "entries row 2: " in out and "entries row 3: " in out and "nothing deleted" in out and SENTINEL not in out
    with Journal() as journal:
        assert len(journal.readable_entries().unusable) == 2
    monkeypatch.setattr("builtins.input", lambda _prompt: "delete")
    assert main(["journal", "repair"]) == 0
    assert "deleted 2 entries that could not be shown" in capsys.readouterr().out
    with Journal() as journal:
        assert list(journal.entries()["what"]) == [f"{SENTINEL} one", f"{SENTINEL} two"]
    assert main(["journal", "repair", "--yes"]) == 0
    assert "nothing to repair" in capsys.readouterr().out


def test_repaired_rows_leave_no_text_in_the_store_file(private_home: Path) -> None:
    with Journal() as journal:
        path = journal.path
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")  # no WAL: what is deleted is in the main file or nowhere
        conn.execute("INSERT INTO entries (module, template, created, fields) VALUES ('m', 't', ?, ?)",
                     (WHEN, f'{{"created": "{SENTINEL}"}}'))
    conn.close()
    with Journal() as journal:
        journal._conn.execute("PRAGMA secure_delete = OFF")  # the default of SQLite builds other than Debian's
        assert journal.drop_unusable_entries([1]) == 1
        journal._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert SENTINEL.encode() not in path.read_bytes()


def test_repair_refuses_before_deleting_while_a_notebook_reads(store: Path) -> None:
    """Like delete --all: a reader holding old pages would keep the deleted words in the file."""
    reader = sqlite3.connect(store)
    reader.execute("BEGIN")
    reader.execute("SELECT * FROM entries").fetchall()
    try:
        with Journal(store) as journal, pytest.raises(StoreError, match="nothing was deleted"):
            journal.drop_unusable_entries([2, 3], wait=0.3)
    finally:
        reader.execute("COMMIT")
        reader.close()
    with Journal(store) as journal:
        assert len(journal.readable_entries().unusable) == 2
        assert journal.drop_unusable_entries([2, 3]) == 2
