"""Opening the private SQLite store safely: location, permissions, identity, migrations.

A store is recognised by SQLite's ``application_id``; any other file at the store path
(another database, a text file, a damaged store) is reported and never written to. A store
that cannot be written (read-only media) is opened read-only, so it can still be exported.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from relcourse.errors import RelcourseError, one_line
from relcourse.i18n import N_, _
from relcourse.store.mounts import JournalMode, choose_journal_mode
from relcourse.store.private import secure_store_files

APPLICATION_ID = 0x52434A4C  # "RCJL"
STORE_NAME = "journal.sqlite"
SQLITE_HEADER = b"SQLite format 3\x00"

#: schema version → SQL that brings the store from the previous version to it.
MIGRATIONS: dict[int, str] = {
    1: """
        CREATE TABLE entries (
            id INTEGER PRIMARY KEY,
            module TEXT NOT NULL,
            template TEXT NOT NULL,
            created TEXT NOT NULL,
            fields TEXT NOT NULL
        );
        CREATE INDEX entries_module ON entries(module, template, created);
        CREATE TABLE reflections (
            module TEXT NOT NULL,
            prompt_id TEXT NOT NULL,
            text TEXT NOT NULL,
            updated TEXT NOT NULL,
            PRIMARY KEY (module, prompt_id)
        );
        CREATE TABLE attempts (
            id INTEGER PRIMARY KEY,
            module TEXT NOT NULL,
            item_id TEXT NOT NULL,
            answer TEXT NOT NULL,
            correct INTEGER NOT NULL,
            created TEXT NOT NULL
        );
        CREATE INDEX attempts_module ON attempts(module, item_id, created);
        CREATE TABLE checkoffs (
            module TEXT NOT NULL,
            step_id TEXT NOT NULL,
            done INTEGER NOT NULL,
            updated TEXT NOT NULL,
            PRIMARY KEY (module, step_id)
        );
        CREATE TABLE settings (
            module TEXT NOT NULL,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (module, key)
        );
    """,
    # text typed but not saved yet, kept as the learner types (one row per text box)
    2: """
        CREATE TABLE drafts (
            module TEXT NOT NULL,
            field TEXT NOT NULL,
            text TEXT NOT NULL,
            updated TEXT NOT NULL,
            PRIMARY KEY (module, field)
        );
    """,
}
SCHEMA_VERSION = max(MIGRATIONS)


class StoreError(RelcourseError):
    """The journal store cannot be opened or used; the message says what to do."""


#: SQLite error → what the learner is told (anything else is reported as damage); translated where shown
FAILURES: dict[str, str] = {
    "SQLITE_FULL": N_("the disk is full; free some space and try again"),
    "SQLITE_READONLY": N_("the journal is read-only (read-only media or no write permission); copy it to a writable folder"),
    "SQLITE_BUSY": N_("another program is using the journal; close it (or the notebook) and try again"),
    "SQLITE_LOCKED": N_("another program is using the journal; close it (or the notebook) and try again"),
    "SQLITE_CANTOPEN": N_("the journal cannot be opened; check the folder and file permissions"),
    "SQLITE_IOERR": N_("the disk could not be read or written; check the disk and try again"),
    "SQLITE_PERM": N_("no permission to use the journal; check the file's owner and permissions"),
}
DAMAGED = N_("the journal store is damaged; keep a copy and run 'relcourse journal export' from a backup")


def store_failure(path: Path, exc: sqlite3.Error, tail: str = "") -> StoreError:
    """A one-line StoreError for an SQLite failure, naming the store and what to do."""
    name = getattr(exc, "sqlite_errorname", "")
    reason = next((_(text) for code, text in FAILURES.items() if name.startswith(code)), f"{_(DAMAGED)} ({one_line(str(exc))})")
    return StoreError(f"{path}: " + (_("{reason}; {then}").format(reason=reason, then=tail) if tail else reason))


def read_only_failure(path: Path) -> StoreError:
    """Writing to a store opened read-only: what the learner can do instead."""
    return StoreError(f"{path}: {_(FAILURES['SQLITE_READONLY'])}")


@dataclass
class Opened:
    """An open store: its connection, whether it is read-only, and the journal mode in use and why."""

    conn: sqlite3.Connection
    read_only: bool
    mode: JournalMode


def default_store_path() -> Path:
    """``$RELCOURSE_HOME/journal.sqlite`` if set, else the user's data folder."""
    home = os.environ.get("RELCOURSE_HOME")
    if home:
        return Path(home) / STORE_NAME
    folder = Path(user_data_dir("relcourse", appauthor=False))
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise StoreError(_("{folder}: cannot create the journal folder ({reason}); set RELCOURSE_HOME to a writable folder").format(
            folder=folder, reason=exc.strerror)) from None
    return folder / STORE_NAME


def _check_location(path: Path) -> None:
    folder = path.parent
    if folder.exists() and not folder.is_dir():
        raise StoreError(_("{folder}: is a file, not a folder; set RELCOURSE_HOME to a folder for the journal").format(folder=folder))
    if not folder.is_dir():
        raise StoreError(_("{folder}: the journal folder does not exist; create it or set RELCOURSE_HOME to an existing folder").format(
            folder=folder))
    if path.is_dir() and not path.is_symlink():
        raise StoreError(_("{path}: is a folder, not a journal file; move it away or set RELCOURSE_HOME to another folder").format(
            path=path))
    if not path.exists() and not os.access(folder, os.W_OK | os.X_OK):
        raise StoreError(_("{folder}: the journal folder is read-only; make it writable or set RELCOURSE_HOME to a writable folder").format(
            folder=folder))


def _check_identity(path: Path) -> bool:
    """True when ``path`` holds an existing store; raise if it holds something else."""
    if not path.exists() or path.stat().st_size == 0:
        return False
    with path.open("rb") as handle:
        header = handle.read(100)
    if not header.startswith(SQLITE_HEADER[: len(header)]):
        raise StoreError(_("{path}: this file is not a relcourse journal store; move it away (it was not changed)").format(path=path))
    if len(header) < 100:
        raise StoreError(_("{path}: {problem} (the file is cut short)").format(path=path, problem=_(DAMAGED)))
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        raise StoreError(_("{path}: this SQLite file belongs to another program, not relcourse; move it away (it was not changed)").format(
            path=path))
    return True  # relcourse writes its application_id before switching to WAL, so the header always has it


def _create_private_file(path: Path) -> None:
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW, 0o600)
    os.close(fd)


def _writable(path: Path) -> bool:
    """Can the store and its journal files be written (not read-only media, not someone else's)?"""
    return os.access(path.parent, os.W_OK | os.X_OK) and (not path.exists() or os.access(path, os.W_OK))


def _open_read_only(path: Path) -> sqlite3.Connection:
    """``mode=ro``, or ``immutable=1`` where SQLite cannot even make its lock files (read-only media)."""
    uri = path.absolute().as_uri()
    for query in ("mode=ro", "mode=ro&immutable=1"):
        conn = sqlite3.connect(f"{uri}?{query}", uri=True, timeout=60, isolation_level=None, check_same_thread=False)
        try:
            if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                conn.close()
                raise StoreError(_("{path}: {problem} (read-only)").format(path=path, problem=_(DAMAGED)))
            return conn
        except sqlite3.OperationalError:
            conn.close()  # no -shm can be made beside a WAL store: try immutable
    raise StoreError(_("{path}: the journal is on read-only media and cannot be read; copy it to a writable folder").format(path=path))


def open_store(path: Path, mount_table: Path | None = None) -> Opened:
    """Open (creating if needed) the store at ``path``, private, migrated, in the right journal mode."""
    _check_location(path)
    secure_store_files(path)
    existed = _check_identity(path)
    mode = choose_journal_mode(path.parent, mount_table)
    if existed and not _writable(path):
        try:
            conn = _open_read_only(path)
        except sqlite3.Error as exc:
            raise store_failure(path, exc) from None
        return Opened(conn, True, JournalMode(mode.mode, _("read-only: {reason}").format(reason=mode.reason)))
    if not path.exists():
        try:
            _create_private_file(path)
        except FileExistsError:
            pass  # another process created it first
        except OSError as exc:
            raise StoreError(_("{path}: cannot create the journal ({reason}); set RELCOURSE_HOME to a writable folder").format(
                path=path, reason=exc.strerror)) from None
    try:
        conn = sqlite3.connect(path, timeout=60, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA busy_timeout = 60000")
        if existed:
            result = conn.execute("PRAGMA quick_check").fetchone()[0]
            if result != "ok":
                raise StoreError(f"{path}: {_(DAMAGED)} ({one_line(str(result))[:200]})")
        _migrate(conn, path)  # before WAL: a new store's header (application_id) goes straight to the file
        mode = _set_journal_mode(conn, mode)
    except sqlite3.Error as exc:
        raise store_failure(path, exc) from None
    return Opened(conn, False, mode)


def _set_journal_mode(conn: sqlite3.Connection, wanted: JournalMode) -> JournalMode:
    """Switch to ``wanted``; leaving WAL needs the store to itself, so another open notebook may delay it."""
    try:
        actual = str(conn.execute(f"PRAGMA journal_mode = {wanted.mode}").fetchone()[0])  # mode from a fixed list
    except sqlite3.OperationalError:
        actual = str(conn.execute("PRAGMA journal_mode").fetchone()[0])
    # rollback journals on network folders: every commit reaches the server before it returns
    conn.execute("PRAGMA synchronous = NORMAL" if actual == "wal" else "PRAGMA synchronous = FULL")
    if actual != wanted.mode:
        return JournalMode(actual, _("{reason}; still {mode} because another program has the journal open").format(
            reason=wanted.reason, mode=actual))
    return wanted


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreError(_("{path}: this journal was written by a newer relcourse (schema {version}); upgrade relcourse").format(
            path=path, version=version))
    if version == SCHEMA_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]  # another process may have migrated
        for target in range(version + 1, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS[target].split(";"):
                if statement.strip():
                    conn.execute(statement)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
