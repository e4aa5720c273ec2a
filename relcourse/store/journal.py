"""The learner's private store: journal entries, reflections, quiz attempts, check-offs.

Everything a learner writes lives only here (one SQLite file, mode 0600), never in
notebooks, exports or logs. Each write is its own short transaction, so concurrent
notebooks and a killed kernel never lose what was already saved.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pandas as pd

from relcourse.store.schema import StoreError, connect, default_store_path

TABLES = ("entries", "reflections", "attempts", "checkoffs", "settings")


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


class Journal:
    """A learner's store. ``Journal()`` opens the default one; pass ``path`` for another."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else default_store_path()
        self._conn = connect(self.path)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``: one writer at a time, all-or-nothing."""
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"{self.path}: cannot write to the journal ({exc}); check the folder is writable") from None
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    # --- journal entries -------------------------------------------------------------
    def add_entry(self, module: str, template: str, fields: dict[str, Any], created: str | None = None) -> int:
        """Save one structured journal entry; returns its id."""
        with self.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO entries (module, template, created, fields) VALUES (?, ?, ?, ?)",
                (module, template, created or now_iso(), json.dumps(fields, ensure_ascii=False, sort_keys=True)),
            )
        return int(cursor.lastrowid or 0)

    def entries(self, module: str | None = None, template: str | None = None) -> pd.DataFrame:
        """Entries as a DataFrame: id, module, template, created, then one column per field."""
        where, params = _filters(module=module, template=template)
        rows = self._conn.execute(
            f"SELECT id, module, template, created, fields FROM entries {where} ORDER BY created, id", params
        ).fetchall()
        base = pd.DataFrame(rows, columns=["id", "module", "template", "created", "fields"])
        fields = pd.DataFrame.from_records([json.loads(r[4]) for r in rows], index=base.index)
        frame = pd.concat([base.drop(columns="fields"), fields], axis=1)
        frame["created"] = pd.to_datetime(frame["created"], utc=True, format="ISO8601")
        return frame

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

    def delete_all(self) -> None:
        """Remove every entry, reflection, attempt, check-off and setting, and reclaim the space."""
        with self.transaction() as conn:
            for table in TABLES:
                conn.execute(f"DELETE FROM {table}")
        self._conn.execute("VACUUM")
        self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _filters(**values: str | None) -> tuple[str, tuple[str, ...]]:
    pairs = [(name, value) for name, value in values.items() if value is not None]
    if not pairs:
        return "", ()
    return "WHERE " + " AND ".join(f"{name} = ?" for name, _ in pairs), tuple(v for _, v in pairs)
