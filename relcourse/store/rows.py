"""The columns of each store table and how an imported row is checked against them.

Import files travel between computers and may be hand-edited or hostile: each row is checked
(type, ISO date, JSON text, size) before anything is written, and SQL only ever names the
columns listed here. Messages name the table, row and column, never the row's text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

MAX_ROW_BYTES = 1_000_000
MAX_ROWS = 1_000_000
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})?")


class RowError(ValueError):
    """One imported row does not fit the store; the message is safe to show (no row text)."""


def _text(value: Any) -> Any:
    if not isinstance(value, str) or "\x00" in value:
        raise RowError("is not text")
    return value


def _name(value: Any) -> Any:
    if not _text(value).strip() or len(value) > 200:
        raise RowError("is not a name of 1 to 200 characters")
    return value


def _iso(value: Any) -> Any:
    if not isinstance(value, str) or not _ISO.fullmatch(value):
        raise RowError("is not a date and time (ISO 8601, e.g. 2026-03-01T10:00:00+00:00)")
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise RowError("is not a valid date and time") from None
    return value


def _json(value: Any) -> Any:
    try:
        json.loads(_text(value))
    except (ValueError, RecursionError):
        raise RowError("is not JSON text") from None
    return value


def _json_object(value: Any) -> Any:
    if not isinstance(json.loads(_json(value)), dict):
        raise RowError("is not a JSON object")
    return value


def _flag(value: Any) -> Any:
    if value not in (0, 1) or isinstance(value, float):
        raise RowError("is not 0 or 1")
    return int(value)


def _row_id(value: Any) -> Any:
    if not isinstance(value, int) or isinstance(value, bool):
        raise RowError("is not a whole number")
    return value


Check = Callable[[Any], Any]


@dataclass(frozen=True)
class TableSpec:
    """A table's importable columns; ``key`` says when an imported row is already present."""

    name: str
    columns: Mapping[str, Check]
    key: tuple[str, ...]
    optional: tuple[str, ...] = ()  # accepted and ignored (the row id of the other computer)

    def insert_sql(self) -> str:
        names = ", ".join(self.columns)
        return f"INSERT INTO {self.name} ({names}) VALUES ({', '.join('?' * len(self.columns))})"

    def exists_sql(self) -> str:
        return f"SELECT 1 FROM {self.name} WHERE " + " AND ".join(f"{k} = ?" for k in self.key)

    def check(self, row: Any, number: int) -> tuple[Any, ...]:
        """The row's values in column order, or RowError naming table, row and column."""
        where = f"{self.name} row {number}"
        if not isinstance(row, dict):
            raise RowError(f"{where} is not an object of columns")
        unknown = set(row) - set(self.columns) - set(self.optional)
        missing = [c for c in self.columns if c not in row]
        if unknown or missing:
            raise RowError(f"{where} does not have the columns {', '.join(self.columns)}")
        if len(json.dumps(row, ensure_ascii=False).encode("utf-8")) > MAX_ROW_BYTES:
            raise RowError(f"{where} is larger than {MAX_ROW_BYTES // 1000} kB")
        for name in self.optional:
            if name in row:
                self._checked(_row_id, row[name], where, name)
        return tuple(self._checked(check, row[name], where, name) for name, check in self.columns.items())

    @staticmethod
    def _checked(check: Check, value: Any, where: str, name: str) -> Any:
        try:
            return check(value)
        except RowError as exc:
            raise RowError(f"{where}: {name!r} {exc}") from None


TABLE_SPECS: dict[str, TableSpec] = {spec.name: spec for spec in (
    TableSpec("entries", {"module": _name, "template": _name, "created": _iso, "fields": _json_object},
              key=("module", "template", "created", "fields"), optional=("id",)),
    TableSpec("reflections", {"module": _name, "prompt_id": _name, "text": _text, "updated": _iso},
              key=("module", "prompt_id")),
    TableSpec("attempts", {"module": _name, "item_id": _name, "answer": _json, "correct": _flag, "created": _iso},
              key=("module", "item_id", "created"), optional=("id",)),
    TableSpec("checkoffs", {"module": _name, "step_id": _name, "done": _flag, "updated": _iso},
              key=("module", "step_id")),
    TableSpec("settings", {"module": _name, "key": _name, "value": _text}, key=("module", "key")),
    TableSpec("drafts", {"module": _name, "field": _name, "text": _text, "updated": _iso}, key=("module", "field")),
)}
