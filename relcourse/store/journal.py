"""The learner's private store: journal entries, reflections, quiz attempts, check-offs.

Everything a learner writes lives only here (one SQLite file, mode 0600), never in
notebooks, exports or logs. Each write is its own short transaction, so concurrent
notebooks and a killed kernel never lose what was already saved.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pandas as pd

from relcourse.i18n import _
from relcourse.store.mounts import JournalMode
from relcourse.store.private import STORE_COMPANIONS
from relcourse.store.rows import TABLE_SPECS, RowError, stored_entry
from relcourse.store.schema import SCHEMA_VERSION, StoreError, default_store_path, open_store, read_only_failure, store_failure

TABLES = tuple(TABLE_SPECS)
ENTRIES = TABLE_SPECS["entries"]
MIN_SECRET_BYTES = 6  # shorter values (module slugs, "yes") also occur in the schema and page headers


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class UnusableRow:
    """A stored entry the widgets cannot show: its id and what is wrong (never its text)."""

    id: int
    problem: str


@dataclass(frozen=True)
class ReadableEntries:
    """What a log can show: the usable entries, and the rows left out of ``frame``."""

    frame: pd.DataFrame
    unusable: tuple[UnusableRow, ...]


class Journal:
    """A learner's store. ``Journal()`` opens the default one; pass ``path`` for another."""

    def __init__(self, path: Path | str | None = None, mount_table: Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_store_path()
        opened = open_store(self.path, mount_table)
        self._conn = opened.conn
        #: True on read-only media: everything can be read and exported, nothing written
        self.read_only = opened.read_only
        #: the SQLite journal mode in use and why (WAL on local disk, rollback on network folders)
        self.mode: JournalMode = opened.mode

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``: one writer at a time, all-or-nothing."""
        if self.read_only:
            raise read_only_failure(self.path)
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise store_failure(self.path, exc) from None
        try:
            yield self._conn
            self._conn.execute("COMMIT")
        except BaseException as exc:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):  # a full disk, a lost network folder: one line, nothing half-saved
                raise store_failure(self.path, exc, _("nothing was saved")) from None
            raise

    # --- journal entries -------------------------------------------------------------
    def add_entry(self, module: str, template: str, fields: dict[str, Any], created: str | None = None) -> int:
        """Save one structured journal entry; returns its id. An entry that ``entries()`` could not
        show back (a field named like a column, a value that is a list) is refused with RowError."""
        row = {"module": module, "template": template, "created": created or now_iso(),
               "fields": json.dumps(fields, ensure_ascii=False, sort_keys=True)}
        values = ENTRIES.check(row, 0)
        with self.transaction() as conn:
            cursor = conn.execute("INSERT INTO entries (module, template, created, fields) VALUES (?, ?, ?, ?)", values)
        return int(cursor.lastrowid or 0)

    def entries(self, module: str | None = None, template: str | None = None) -> pd.DataFrame:
        """Entries as a DataFrame: id, module, template, created, then one column per field.

        All or nothing, for code that must not miss a row: an unusable row (written by another
        program or an older relcourse) is a StoreError naming the row. Widgets use ``readable_entries``.
        """
        readable = self.readable_entries(module, template)
        if readable.unusable:
            raise StoreError(_("{path}: {problem}; this entry cannot be shown: run 'relcourse journal repair' "
                               "to remove the entries that cannot be shown and keep the others").format(
                                   path=self.path, problem=readable.unusable[0].problem))
        return readable.frame

    def readable_entries(self, module: str | None = None, template: str | None = None) -> ReadableEntries:
        """The usable entries (as ``entries()``) and, apart, one line per row that fails the import's check,
        so one bad row never hides a whole log."""
        where, params = _filters(module=module, template=template)
        rows = self._conn.execute(
            f"SELECT id, module, template, created, fields FROM entries {where} ORDER BY created, id", params
        ).fetchall()
        usable, records, unusable = [], [], []
        for entry_id, *values in rows:
            try:
                records.append(stored_entry(dict(zip(ENTRIES.columns, values)), entry_id))
            except RowError as exc:
                unusable.append(UnusableRow(int(entry_id), str(exc)))
                continue
            usable.append((entry_id, *values))
        base = pd.DataFrame(usable, columns=["id", "module", "template", "created", "fields"])
        fields = pd.DataFrame.from_records(records, index=base.index)
        frame = pd.concat([base.drop(columns="fields"), fields], axis=1)
        frame["created"] = pd.to_datetime(frame["created"], utc=True, format="ISO8601")
        return ReadableEntries(frame, tuple(unusable))

    def drop_unusable_entries(self, ids: Iterable[int], wait: float = 30.0) -> int:
        """Delete those of ``ids`` that are still unusable entries (checked again inside the
        transaction, so a usable row is never deleted); returns how many were deleted.

        An unusable row may still hold the learner's words, so this deletes as ``delete_all`` does:
        it waits for (or refuses, before deleting anything) a notebook still reading old pages,
        zeroes the deleted cells (``secure_delete``), folds the WAL into the file and checks that
        none of the deleted text is left in any of the store's files.
        """
        self._release_old_pages(wait, _("nothing was deleted"))
        self._conn.execute("PRAGMA secure_delete = ON")
        dropped, secrets = 0, set()
        with self.transaction() as conn:
            for wanted in sorted(set(ids)):
                row = conn.execute("SELECT id, module, template, created, fields FROM entries WHERE id = ?", (wanted,)).fetchone()
                if row is None:
                    continue
                entry_id, *values = row
                try:
                    stored_entry(dict(zip(ENTRIES.columns, values)), entry_id)
                except RowError:
                    texts = [values[3], *_strings(values[3], keys=False)] if isinstance(values[3], str) else []  # what was written
                    secrets |= {b for t in texts if len(b := t.encode("utf-8", "surrogatepass")) >= MIN_SECRET_BYTES}
                    conn.execute("DELETE FROM entries WHERE id = ?", (entry_id,))
                    dropped += 1
        if dropped:
            self._release_old_pages(wait, _("the rows are deleted but traces remain; close it and run the command again"))
            kept = b"\0".join(self._stored_texts())  # words the kept rows also hold ("pursue") are not traces
            secrets = {secret for secret in secrets if secret not in kept}
            left = [p.name for p in self._files() if any(secret in p.read_bytes() for secret in secrets)]
            if left:
                raise StoreError(_("{path}: deleted text is still in {files}; close every notebook and run the command again").format(
                    path=self.path, files=", ".join(left)))
        return dropped

    def delete_entry(self, entry_id: int) -> None:
        with self.transaction() as conn:
            conn.execute("DELETE FROM entries WHERE id = ?", (entry_id,))

    # --- reflections ------------------------------------------------------------------
    def save_reflection(self, module: str, prompt_id: str, text: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO reflections (module, prompt_id, text, updated) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (module, prompt_id) DO UPDATE SET text = excluded.text, updated = excluded.updated",
                (module, prompt_id, text, now_iso()),
            )

    def reflection(self, module: str, prompt_id: str) -> str | None:
        row = self._conn.execute(
            "SELECT text FROM reflections WHERE module = ? AND prompt_id = ?", (module, prompt_id)
        ).fetchone()
        return None if row is None else str(row[0])

    # --- drafts: text typed but not saved yet -------------------------------------------
    def save_draft(self, module: str, field: str, text: str) -> None:
        """Keep what is typed in one text box (``field``: e.g. ``reflection/<prompt>``); empty text drops it."""
        with self.transaction() as conn:
            if not text:
                conn.execute("DELETE FROM drafts WHERE module = ? AND field = ?", (module, field))
                return
            conn.execute(
                "INSERT INTO drafts (module, field, text, updated) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (module, field) DO UPDATE SET text = excluded.text, updated = excluded.updated",
                (module, field, text, now_iso()),
            )

    def draft(self, module: str, field: str) -> str | None:
        row = self._conn.execute("SELECT text FROM drafts WHERE module = ? AND field = ?", (module, field)).fetchone()
        return None if row is None else str(row[0])

    def clear_drafts(self, module: str, prefix: str) -> None:
        """Drop the drafts of one widget once what they hold is saved (fields starting with ``prefix``)."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM drafts WHERE module = ? AND substr(field, 1, ?) = ?", (module, len(prefix), prefix))

    # --- quiz attempts and practice check-offs ---------------------------------------
    def record_attempt(self, module: str, item_id: str, answer: Any, correct: bool) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO attempts (module, item_id, answer, correct, created) VALUES (?, ?, ?, ?, ?)",
                (module, item_id, json.dumps(answer, ensure_ascii=False), int(correct), now_iso()),
            )

    def attempts(self, module: str | None = None) -> pd.DataFrame:
        where, params = _filters(module=module)
        rows = self._conn.execute(
            f"SELECT module, item_id, answer, correct, created FROM attempts {where} ORDER BY created, id", params
        ).fetchall()
        frame = pd.DataFrame(rows, columns=["module", "item_id", "answer", "correct", "created"])
        frame["correct"] = frame["correct"].astype(bool)
        return frame

    def check_step(self, module: str, step_id: str, done: bool = True) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO checkoffs (module, step_id, done, updated) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (module, step_id) DO UPDATE SET done = excluded.done, updated = excluded.updated",
                (module, step_id, int(done), now_iso()),
            )

    def checked_steps(self, module: str) -> set[str]:
        rows = self._conn.execute("SELECT step_id FROM checkoffs WHERE module = ? AND done = 1", (module,))
        return {str(r[0]) for r in rows}

    def set_setting(self, module: str, key: str, value: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO settings (module, key, value) VALUES (?, ?, ?) "
                "ON CONFLICT (module, key) DO UPDATE SET value = excluded.value",
                (module, key, value),
            )

    def setting(self, module: str, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM settings WHERE module = ? AND key = ?", (module, key)).fetchone()
        return None if row is None else str(row[0])

    # --- overview ---------------------------------------------------------------------
    def progress(self, module: str | None = None) -> pd.DataFrame:
        """Per module: quiz items answered / answered correctly (latest try), reflections, entries, steps done."""
        where, params = _filters(module=module)
        queries = {
            "quiz_answered": f"SELECT module, COUNT(DISTINCT item_id) FROM attempts {where} GROUP BY module",
            # SQLite returns the bare column `correct` from the row holding MAX(id): the latest attempt
            "quiz_correct": f"""SELECT module, SUM(correct) FROM (
                SELECT module, item_id, correct, MAX(id) FROM attempts {where} GROUP BY module, item_id) GROUP BY module""",
            "reflections": f"SELECT module, COUNT(*) FROM reflections {where} GROUP BY module",
            "entries": f"SELECT module, COUNT(*) FROM entries {where} GROUP BY module",
            "steps_done": f"SELECT module, SUM(done) FROM checkoffs {where} GROUP BY module",
        }
        columns = {name: dict(self._conn.execute(sql, params).fetchall()) for name, sql in queries.items()}
        modules = sorted({m for values in columns.values() for m in values} | ({module} if module else set()))
        frame = pd.DataFrame({name: [int(values.get(m) or 0) for m in modules] for name, values in columns.items()}, index=modules)
        frame.index.name = "module"
        return frame

    def rows(self, table: str) -> list[dict[str, Any]]:
        """Every row of one table, as plain dicts (for export)."""
        if table not in TABLES:
            raise ValueError(f"unknown table {table!r}")
        cursor = self._conn.execute(f"SELECT * FROM {table} ORDER BY rowid")
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor]

    def delete_all(self, wait: float = 30.0) -> None:
        """Remove every row, then the old pages (VACUUM, WAL checkpoint), and check no text is left.

        A notebook reading the store keeps the old pages alive, so this waits up to ``wait``
        seconds for readers to finish and refuses, before deleting anything, if they do not.
        """
        secrets = self._stored_texts()
        self._release_old_pages(wait, _("nothing was deleted"))
        self._conn.execute("PRAGMA secure_delete = ON")  # deleted cells are zeroed, not just unlinked
        with self.transaction() as conn:
            for table in TABLES:
                conn.execute(f"DELETE FROM {table}")  # table names from the fixed TABLES list
        try:
            self._conn.execute("VACUUM")
        except sqlite3.Error as exc:
            raise store_failure(self.path, exc, _("the rows are deleted; run the command again to clear the space")) from None
        self._release_old_pages(wait, _("the rows are deleted but traces remain; close it and run the command again"))
        left = [p.name for p in self._files() if any(secret in p.read_bytes() for secret in secrets)]
        if left:
            raise StoreError(_("{path}: deleted text is still in {files}; close every notebook and run the command again").format(
                path=self.path, files=", ".join(left)))

    def _stored_texts(self) -> set[bytes]:
        """Every text value in the store (JSON fields opened up), as bytes to look for after deleting."""
        texts: set[str] = set()
        for table in TABLES:
            for row in self._conn.execute(f"SELECT * FROM {table}"):
                texts.update(v for v in row if isinstance(v, str))
                if table == "entries":
                    texts.update(_strings(row[4]))
        return {t.encode("utf-8") for t in texts if len(t.encode("utf-8")) >= MIN_SECRET_BYTES}

    def _release_old_pages(self, wait: float, refusal: str) -> None:
        """Wait until no other connection reads an old snapshot, then fold the WAL into the file."""
        busy = _("{path}: another program (an open notebook?) is reading the journal; shut its kernel down; {refusal}").format(
            path=self.path, refusal=refusal)
        if self.read_only:
            raise read_only_failure(self.path)
        deadline = time.monotonic() + wait
        self._conn.execute(f"PRAGMA busy_timeout = {int(max(wait, 0) * 1000)}")
        try:
            while True:
                try:
                    if self.mode.mode == "wal":
                        # an empty WAL checkpoints even under a reader: write one frame, which it must then fold in
                        self._conn.execute("BEGIN IMMEDIATE")
                        self._conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")  # the same value: no change
                        self._conn.execute("COMMIT")
                        blocked = self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0] != 0
                    else:  # a rollback journal: readers hold a shared lock that EXCLUSIVE waits for
                        self._conn.execute("BEGIN EXCLUSIVE")
                        self._conn.execute("ROLLBACK")
                        blocked = False
                except sqlite3.OperationalError:
                    if self._conn.in_transaction:
                        self._conn.execute("ROLLBACK")
                    blocked = True
                if not blocked:
                    return
                if time.monotonic() >= deadline:
                    raise StoreError(busy)
                time.sleep(0.1)
        finally:
            self._conn.execute("PRAGMA busy_timeout = 60000")

    def _files(self) -> list[Path]:
        return [p for p in (Path(f"{self.path}{s}") for s in STORE_COMPANIONS) if p.is_file()]


def _filters(**values: str | None) -> tuple[str, tuple[str, ...]]:
    pairs = [(name, value) for name, value in values.items() if value is not None]
    if not pairs:
        return "", ()
    return "WHERE " + " AND ".join(f"{name} = ?" for name, _ in pairs), tuple(v for _, v in pairs)


def _strings(text: str, keys: bool = True) -> list[str]:
    """The strings inside a JSON text at any depth (none if it is not JSON: the text itself is searched);
    without ``keys``, only values (keys are field names, also in the schema: not a learner's words)."""
    try:
        stack: list[Any] = [json.loads(text)]
    except (ValueError, RecursionError):
        return []
    found = []
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            stack.extend([*value, *value.values()] if keys else value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return found
