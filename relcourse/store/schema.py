"""Opening the private SQLite store safely: location, permissions, identity, migrations.

A store is recognised by SQLite's ``application_id``; any other file at the store path
(another database, a text file, a damaged store) is reported and never written to.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from platformdirs import user_data_dir

from relcourse.errors import RelcourseError

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
}
SCHEMA_VERSION = max(MIGRATIONS)


class StoreError(RelcourseError):
    """The journal store cannot be opened or used; the message says what to do."""


def default_store_path() -> Path:
    """``$RELCOURSE_HOME/journal.sqlite`` if set, else the user's data folder."""
    home = os.environ.get("RELCOURSE_HOME")
    if home:
        return Path(home) / STORE_NAME
    folder = Path(user_data_dir("relcourse", appauthor=False))
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise StoreError(f"{folder}: cannot create the journal folder ({exc.strerror}); set RELCOURSE_HOME to a writable folder") from None
    return folder / STORE_NAME


def _check_location(path: Path) -> None:
    folder = path.parent
    if folder.exists() and not folder.is_dir():
        raise StoreError(f"{folder}: is a file, not a folder; set RELCOURSE_HOME to a folder for the journal")
    if not folder.is_dir():
        raise StoreError(f"{folder}: the journal folder does not exist; create it or set RELCOURSE_HOME to an existing folder")
    if not path.exists() and not os.access(folder, os.W_OK | os.X_OK):
        raise StoreError(f"{folder}: the journal folder is read-only; make it writable or set RELCOURSE_HOME to a writable folder")


def _check_identity(path: Path) -> bool:
    """True when ``path`` holds an existing store; raise if it holds something else."""
    if not path.exists() or path.stat().st_size == 0:
        return False
    with path.open("rb") as handle:
        header = handle.read(100)
    if not header.startswith(SQLITE_HEADER):
        raise StoreError(f"{path}: this file is not a relcourse journal store; move it away (it was not changed)")
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        raise StoreError(f"{path}: this SQLite file belongs to another program, not relcourse; move it away (it was not changed)")
    return True  # relcourse writes its application_id before switching to WAL, so the header always has it


def _create_private_file(path: Path) -> None:
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) the store at ``path``, migrated to the current schema."""
    _check_location(path)
    existed = _check_identity(path)
    if not path.exists():
        try:
            _create_private_file(path)
        except FileExistsError:
            pass  # another process created it first
        except OSError as exc:
            raise StoreError(f"{path}: cannot create the journal ({exc.strerror}); set RELCOURSE_HOME to a writable folder") from None
    try:
        conn = sqlite3.connect(path, timeout=60, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA busy_timeout = 60000")
        if existed:
            result = conn.execute("PRAGMA quick_check").fetchone()[0]
            if result != "ok":
                raise sqlite3.DatabaseError(result)
        _migrate(conn, path)  # before WAL: a new store's header (application_id) goes straight to the file
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: the journal store is damaged ({exc}); keep a copy and run 'relcourse journal export' from a backup") from None
    return conn


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreError(f"{path}: this journal was written by a newer relcourse (schema {version}); upgrade relcourse")
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
