"""The store under attack: hostile import files, loose permissions, links, read-only media, deletion."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import stat
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from relcourse.cli import main
from relcourse.errors import RelcourseError
from relcourse.store import transfer
from relcourse.store.journal import TABLES, Journal
from relcourse.store.schema import StoreError

from . import snapshot

SENTINEL = "SENTINEL-synthetic-private-words-7f3a"


def _fill(journal: Journal) -> None:
    journal.add_entry("m", "t", {"trigger": SENTINEL + " entry", "intensity": 4})
    journal.save_reflection("m", "p", SENTINEL + " reflection")
    journal.record_attempt("m", "q", ["x"], True)
    journal.check_step("m", "s1")
    journal.set_setting("m", "start", "2026-01-05")



def _export(rows: dict[str, Any], **header: Any) -> str:
    return json.dumps({"format": "relcourse-journal", "version": 1, **header, **rows})


def _one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.startswith("relcourse: error: ") and err.count("\n") == 1 and "Traceback" not in err
    return err


@pytest.fixture
def store(private_home: Path) -> Path:
    with Journal() as journal:
        _fill(journal)
    return private_home / "journal.sqlite"


GOOD_ROW = {"module": "m2", "prompt_id": "p", "text": "fine", "updated": "2026-03-01T10:00:00+00:00"}


def test_import_keys_never_reach_sql(store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """JSON keys used to be joined into the INSERT: this key copied every reflection."""
    key = "module, prompt_id, text, updated) SELECT module || '-copy', prompt_id, text, ? FROM reflections --"
    bad = tmp_path / "attack.json"
    bad.write_text(_export({"reflections": [{key: "2026-01-01T00:00:00+00:00"}]}))
    before = snapshot(store)
    assert main(["journal", "import", str(bad)]) == 2
    assert "reflections row 1 does not have the columns" in _one_line_error(capsys)
    assert snapshot(store) == before


CSV_FORMAT = b'table,data\n_format,"{""format"": ""relcourse-journal"", ""version"": 1}"\n'
MALFORMED: dict[str, bytes] = {
    "empty": b"",
    "binary": bytes(range(256)) * 4,
    "utf-16": _export({}).encode("utf-16"),
    "not-json": b"{'format': 'relcourse-journal'",
    "json-list": b"[1, 2, 3]",
    "table-not-list": _export({"entries": {"a": 1}}).encode(),
    "row-not-object": _export({"settings": [["m", "k", "v"]]}).encode(),
    "missing-column": _export({"settings": [{"module": "m", "key": "k"}]}).encode(),
    "unknown-section": _export({}, extra=[]).encode(),
    "deep-nesting": b'{"format": "relcourse-journal", "version": 1, "entries": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "csv-bad-header": b"tab,data\nentries,{}\n",
    "csv-unknown-table": CSV_FORMAT + b"sqlite_master,{}\n",
    "csv-bad-json": CSV_FORMAT + b"settings,{not json\n",
    "csv-three-columns": CSV_FORMAT + b"settings,{},{}\n",
    "csv-second-format-row": CSV_FORMAT + b'_format,"{""format"": ""relcourse-journal"", ""version"": 1}"\n',
    "csv-only-column-names": b"table,data\n",
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_import_files_are_one_line_errors(name: str, store: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / (f"{name}.csv" if name.startswith("csv") else f"{name}.json")
    bad.write_bytes(MALFORMED[name])
    before = snapshot(store)
    assert main(["journal", "import", str(bad)]) == 2
    err = _one_line_error(capsys)
    assert str(bad) in err and "nothing was imported" in err
    assert snapshot(store) == before


def test_import_of_a_folder_or_a_pipe_is_refused(store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    for path in (tmp_path, pipe, tmp_path / "missing.json"):
        assert main(["journal", "import", str(path)]) == 2
        assert str(path) in _one_line_error(capsys)


POISON: dict[str, dict[str, list[dict[str, Any]]]] = {
    "fields-not-json": {"entries": [{"module": "m", "template": "t", "created": "2026-03-01T10:00:00+00:00", "fields": "not json"}]},
    "fields-not-object": {"entries": [{"module": "m", "template": "t", "created": "2026-03-01T10:00:00+00:00", "fields": "[1]"}]},
    "created-yesterday": {"entries": [{"module": "m", "template": "t", "created": "yesterday", "fields": "{}"}]},
    "month-13": {"attempts": [{"module": "m", "item_id": "q", "answer": "1", "correct": 1, "created": "2026-13-01T10:00:00"}]},
    "correct-yes": {"attempts": [{"module": "m", "item_id": "q", "answer": "1", "correct": "yes", "created": "2026-03-01T10:00:00Z"}]},
    "text-number": {"reflections": [{**GOOD_ROW, "text": 5}]},
    "empty-module": {"checkoffs": [{"module": " ", "step_id": "s", "done": 1, "updated": "2026-03-01T10:00:00Z"}]},
    "nul-in-text": {"settings": [{"module": "m", "key": "k", "value": "a\x00b"}]},
}


@pytest.mark.parametrize("name", sorted(POISON))
def test_poisoned_rows_import_nothing_and_echo_nothing(name: str, store: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    rows = {"reflections": [{**GOOD_ROW, "text": SENTINEL + " good row before the bad one"}]}
    for table, bad_rows in POISON[name].items():
        rows[table] = rows.get(table, []) + [{**row, "module": row["module"]} for row in bad_rows]
    bad = tmp_path / "poison.json"
    bad.write_text(_export(rows))
    before = snapshot(store)
    assert main(["journal", "import", str(bad)]) == 2
    err = _one_line_error(capsys)
    assert "row " in err and SENTINEL not in err
    assert snapshot(store) == before
    with Journal(store) as journal:
        journal.entries()  # every form still works


def test_a_newer_format_version_is_refused(store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for version in (99, "1", True):
        bad = tmp_path / "new.json"
        bad.write_text(json.dumps({"format": "relcourse-journal", "version": version, "settings": []}))
        assert main(["journal", "import", str(bad)]) == 2
        assert "format version is not 1" in _one_line_error(capsys)


def test_file_and_row_size_are_limited(store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    big_row = tmp_path / "row.json"
    big_row.write_text(_export({"reflections": [{**GOOD_ROW, "text": "x" * 1_100_000}]}))
    assert main(["journal", "import", str(big_row)]) == 2
    assert "reflections row 1 is larger than" in _one_line_error(capsys)
    monkeypatch.setattr(transfer, "MAX_IMPORT_BYTES", 2**20)
    assert main(["journal", "import", str(big_row)]) == 2
    assert "larger than 1 MB" in _one_line_error(capsys)


def test_csv_without_format_row_is_refused(store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A CSV file used to be taken without the '_format' line a JSON file must carry as format and version."""
    old = tmp_path / "old.csv"
    with old.open("w", newline="") as handle:
        csv.writer(handle).writerows([["table", "data"], ["settings", json.dumps({"module": "m", "key": "k", "value": "v"})]])
    before = snapshot(store)
    assert main(["journal", "import", str(old)]) == 2
    err = _one_line_error(capsys)
    assert str(old) in err and "'_format' line" in err and "export the journal again" in err and "nothing was imported" in err
    assert snapshot(store) == before
    with old.open("w", newline="") as handle:
        csv.writer(handle).writerows([["table", "data"], ["_format", json.dumps({"format": "relcourse-journal", "version": 1})],
                                      ["settings", json.dumps({"module": "m", "key": "k", "value": "v"})]])
    assert main(["journal", "import", str(old)]) == 0
    with Journal(store) as journal:
        assert journal.setting("m", "k") == "v"


# --- private files -----------------------------------------------------------------------------

def test_export_over_a_loose_file_is_private(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "backup.json"
    out.write_text("old")
    out.chmod(0o666)
    assert main(["journal", "export", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600 and SENTINEL in out.read_text()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_export_never_follows_a_link(store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "public.txt"
    target.write_text("someone else's file\n")
    target.chmod(0o644)
    link = tmp_path / "backup.json"
    link.symlink_to(target)
    assert main(["journal", "export", str(link)]) == 2
    assert "is a link" in _one_line_error(capsys)
    assert target.read_text() == "someone else's file\n" and link.is_symlink()


def test_an_empty_loose_store_is_made_private(private_home: Path) -> None:
    path = private_home / "journal.sqlite"
    path.touch(mode=0o644)
    path.chmod(0o644)
    with Journal() as journal:
        journal.add_entry("m", "t", {"n": 1})
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(Path(f"{path}-wal").stat().st_mode) == 0o600


def test_a_loose_store_and_its_wal_are_tightened(store: Path) -> None:
    with Journal(store) as journal:  # keeps the -wal file while open
        store.chmod(0o644)
        Path(f"{store}-wal").chmod(0o644)
        with Journal(store):
            assert stat.S_IMODE(store.stat().st_mode) == 0o600
            assert stat.S_IMODE(Path(f"{store}-wal").stat().st_mode) == 0o600
        journal.entries()


def test_store_that_is_a_link_folder_or_not_ours_is_refused(tmp_path: Path, store: Path) -> None:
    link = tmp_path / "link" / "journal.sqlite"
    link.parent.mkdir()
    link.symlink_to(store)
    with pytest.raises(RelcourseError, match="is a symbolic link"):
        Journal(link)
    folder = tmp_path / "dir" / "journal.sqlite"
    folder.mkdir(parents=True)
    with pytest.raises(StoreError, match="is a folder, not a journal file"):
        Journal(folder)
    if os.geteuid() == 0:
        os.chown(store, 65534, 65534)
        with pytest.raises(RelcourseError, match="belongs to another user"):
            Journal(store)


def test_store_folder_path_via_cli_is_one_line(private_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (private_home / "journal.sqlite").mkdir()
    assert main(["journal", "info"]) == 2
    assert "is a folder" in _one_line_error(capsys)


def test_truncated_store_is_damaged_not_foreign(store: Path) -> None:
    data = store.read_bytes()
    for size in (60, 10):
        store.write_bytes(data[:size])
        with pytest.raises(StoreError, match="damaged") as info:
            Journal(store)
        assert "another program" not in str(info.value)


# --- read-only media, full disks -----------------------------------------------------------------

@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A small tmpfs (root only): remounted read-only or filled up by the tests."""
    if os.geteuid() != 0:
        pytest.skip("needs root to mount a small tmpfs")
    folder = tmp_path / "mnt"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs: {mounted.stderr.decode().strip()}")
    yield folder
    if subprocess.run(["umount", str(folder)]).returncode != 0:
        subprocess.run(["umount", "-l", str(folder)], check=True)  # a file still open in a failed test


def _remount_read_only(folder: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)


def test_store_on_read_only_media_can_be_read_and_exported(tmpfs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("RELCOURSE_HOME", str(tmpfs))
    with Journal() as journal:
        _fill(journal)
    _remount_read_only(tmpfs)
    with Journal() as journal:
        assert journal.read_only and journal.reflection("m", "p") == SENTINEL + " reflection"
        with pytest.raises(StoreError, match="read-only"):
            journal.add_entry("m", "t", {})
    assert main(["journal", "info"]) == 0
    assert "read-only" in capsys.readouterr().out
    out = tmp_path / "rescued.json"
    assert main(["journal", "export", str(out)]) == 0
    assert SENTINEL in out.read_text()
    assert main(["journal", "import", str(out)]) == 2
    err = _one_line_error(capsys)
    assert "read-only" in err and "damaged" not in err


def test_full_disk_during_export_keeps_the_old_file(store: Path, tmpfs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Journal(store) as journal:
        journal.save_reflection("m", "big", "y" * 400_000)
    out = tmpfs / "backup.json"
    out.write_text("previous backup")
    (tmpfs / "filler").write_bytes(b"\0" * 200_000)
    assert main(["journal", "export", str(out)]) == 2
    assert "disk is full" in _one_line_error(capsys)
    assert out.read_text() == "previous backup" and sorted(p.name for p in tmpfs.iterdir()) == ["backup.json", "filler"]


def test_full_disk_during_import_writes_nothing(tmpfs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("RELCOURSE_HOME", str(tmpfs))
    with Journal() as journal:
        _fill(journal)
    before = snapshot(tmpfs / "journal.sqlite")
    rows = [{**GOOD_ROW, "prompt_id": f"p{n}", "text": f"{n} " + "z" * 20_000} for n in range(60)]
    big = tmp_path / "big.json"
    big.write_text(_export({"reflections": rows}))
    assert main(["journal", "import", str(big)]) == 2
    err = _one_line_error(capsys)
    assert "disk is full" in err and "nothing was saved" in err
    assert snapshot(tmpfs / "journal.sqlite") == before


# --- deletion ------------------------------------------------------------------------------------

@pytest.fixture(params=["wal", "delete"])
def journal_mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("RELCOURSE_JOURNAL_MODE", request.param)
    return str(request.param)


def _store_bytes(path: Path) -> bytes:
    return b"".join(Path(f"{path}{s}").read_bytes() for s in ("", "-wal", "-shm", "-journal") if Path(f"{path}{s}").exists())


def _reader(path: Path, hold: threading.Event, holding: threading.Event) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    conn.execute("SELECT * FROM reflections").fetchall()
    holding.set()
    hold.wait(30)
    conn.execute("COMMIT")
    conn.close()


def test_delete_all_waits_for_a_reader_and_leaves_no_text(journal_mode: str, tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite"
    with Journal(path) as journal:
        _fill(journal)
        hold, holding = threading.Event(), threading.Event()
        reader = threading.Thread(target=_reader, args=(path, hold, holding))
        reader.start()
        holding.wait(10)
        threading.Timer(1.0, hold.set).start()
        journal.delete_all(wait=20)
        reader.join()
        assert journal.rows("reflections") == [] and journal.mode.mode == journal_mode
    assert SENTINEL.encode() not in _store_bytes(path)


def test_delete_all_refuses_while_a_reader_stays(journal_mode: str, tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite"
    with Journal(path) as journal:
        _fill(journal)
        hold, holding = threading.Event(), threading.Event()
        reader = threading.Thread(target=_reader, args=(path, hold, holding))
        reader.start()
        holding.wait(10)
        try:
            with pytest.raises(StoreError, match="another program .* is reading the journal.*nothing was deleted"):
                journal.delete_all(wait=0.5)
        finally:
            hold.set()
            reader.join()
        assert journal.reflection("m", "p") == SENTINEL + " reflection"


def test_delete_all_refuses_a_reader_that_began_before_any_wal_frame(journal_mode: str, tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str],
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A read begun on a store just opened (an empty WAL) used to pass the check: rows went, then a refusal."""
    monkeypatch.setenv("RELCOURSE_HOME", str(tmp_path))
    path = tmp_path / "journal.sqlite"
    with Journal(path) as journal:
        _fill(journal)
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0
    before = snapshot(path)
    reader = sqlite3.connect(path, isolation_level=None)
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT * FROM reflections").fetchall()
        with Journal(path) as journal:
            with pytest.raises(StoreError, match="is reading the journal.*nothing was deleted"):
                journal.delete_all(wait=0.3)
        assert snapshot(path) == before  # every row is still there
        reader.execute("COMMIT")
    finally:
        reader.close()
    assert main(["journal", "delete", "--all", "--yes"]) == 0
    assert snapshot(path) == {t: [] for t in TABLES}
    assert SENTINEL.encode() not in _store_bytes(path)


@pytest.mark.parametrize("text", ["[1, 2]", "", "\n\ufeff{}"])
def test_a_file_that_is_no_csv_export_is_read_as_json(store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       text: str) -> None:
    """Only a file whose first line is CSV's 'table,data' is read as CSV: anything else is told it is not
    usable JSON, not "the first line is not 'table,data'"."""
    bad = tmp_path / "x.json"
    bad.write_text(text, encoding="utf-8")
    assert main(["journal", "import", str(bad)]) == 2
    assert "table,data" not in _one_line_error(capsys)
