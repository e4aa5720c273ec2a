"""Export and import all of a learner's data (CSV or JSON), for backup or moving machines."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any

from relcourse.errors import RelcourseError
from relcourse.store.journal import TABLES, Journal

FORMAT_NAME = "relcourse-journal"
FORMAT_VERSION = 1
CSV_COLUMNS = ["table", "data"]


def _write_private(path: Path, text: str) -> None:
    """Write a file only its owner can read: exports hold private words."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    except OSError as exc:
        raise RelcourseError(f"{path}: cannot write the export ({exc.strerror}); choose a writable folder") from None
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)


def export_journal(journal: Journal, path: Path, fmt: str) -> int:
    """Write every table to ``path``; returns the number of rows written."""
    data = {table: journal.rows(table) for table in TABLES}
    count = sum(len(rows) for rows in data.values())
    if fmt == "json":
        payload: dict[str, Any] = {"format": FORMAT_NAME, "version": FORMAT_VERSION, **data}
        _write_private(path, json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_COLUMNS)
        for table, rows in data.items():
            for row in rows:
                writer.writerow([table, json.dumps(row, ensure_ascii=False, sort_keys=True)])
        _write_private(path, buffer.getvalue())
    else:
        raise RelcourseError(f"unknown export format {fmt!r}: use csv or json")
    return count


def _read_export(path: Path) -> dict[str, list[dict[str, Any]]]:
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RelcourseError(f"{path}: cannot read the file ({exc}); pass a file written by 'relcourse journal export'") from None
    try:
        if path.suffix.lower() == ".csv" or text.startswith("table,data"):
            tables: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
            for row in csv.DictReader(text.splitlines()):
                tables[row["table"]].append(json.loads(row["data"]))
            return tables
        payload = json.loads(text)
        if payload.get("format") != FORMAT_NAME:
            raise ValueError("not a relcourse journal export")
        return {t: list(payload.get(t, [])) for t in TABLES}
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise RelcourseError(f"{path}: not a relcourse journal export ({exc}); nothing was imported") from None


def import_journal(journal: Journal, path: Path) -> int:
    """Merge an export into the store (rows already present are skipped); returns rows added."""
    tables = _read_export(path)
    added = 0
    with journal.transaction() as conn:
        for row in tables["entries"]:
            exists = conn.execute(
                "SELECT 1 FROM entries WHERE module=? AND template=? AND created=? AND fields=?",
                (row["module"], row["template"], row["created"], row["fields"]),
            ).fetchone()
            if not exists:
                conn.execute("INSERT INTO entries (module, template, created, fields) VALUES (?,?,?,?)",
                             (row["module"], row["template"], row["created"], row["fields"]))
                added += 1
        for row in tables["attempts"]:
            exists = conn.execute("SELECT 1 FROM attempts WHERE module=? AND item_id=? AND created=?",
                                  (row["module"], row["item_id"], row["created"])).fetchone()
            if not exists:
                conn.execute("INSERT INTO attempts (module, item_id, answer, correct, created) VALUES (?,?,?,?,?)",
                             (row["module"], row["item_id"], row["answer"], row["correct"], row["created"]))
                added += 1
        for table, keys in (("reflections", ("module", "prompt_id")), ("checkoffs", ("module", "step_id")),
                            ("settings", ("module", "key"))):
            for row in tables[table]:
                names = list(row)
                cursor = conn.execute(
                    f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))}) "
                    f"ON CONFLICT ({', '.join(keys)}) DO NOTHING",
                    [row[n] for n in names],
                )
                added += cursor.rowcount
    return added
