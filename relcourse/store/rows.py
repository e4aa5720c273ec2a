"""The columns of each store table and what a valid row is: the one rule for import and reading.

Import files travel between computers and may be hand-edited or hostile: each row is checked
(type, ISO date, JSON text, size, and what the widgets read back: entry fields, self-check scores,
the plan's start date) before anything is written, and SQL only ever names the columns listed
here. The store's readers check rows by the same rule, so a row that got in some other way is a
one-line error, not a traceback. Messages name the table, row and column, never the row's text.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from relcourse.errors import RelcourseError
from relcourse.i18n import _

MAX_ROW_BYTES = 1_000_000
MAX_ROWS = 1_000_000
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})?")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
#: dates the store holds (entry times, the plan's start): wider than any course, narrower than what breaks
#: date arithmetic (a plan from 9999-12-31) or pandas (timestamps end in 2262)
EARLIEST, LATEST = date(1970, 1, 1), date(2199, 12, 31)

#: an entry's own columns: a field of the same name would be a second column of that name in ``entries()``
ENTRY_COLUMNS = ("id", "module", "template", "created", "fields")
MAX_FIELDS = 200
#: the template of a self-check take, whose fields are ``{"answers": {item: n}, "scores": {subscale: x or null}}``
RESULT_TEMPLATE = "result"
MAX_SCORE = 100_000  # a sum of 200 items on a 0–10 scale is 2,000
MAX_ANSWER = 1_000
#: the setting holding a module's practice-plan start day (``YYYY-MM-DD``)
PLAN_START = "plan_start"


class RowError(RelcourseError, ValueError):
    """One row does not fit the store; the message is safe to show (no row text)."""


def _unicode(value: str) -> str:
    """Text SQLite can hold: JSON's ``"\\ud800"`` decodes to a lone surrogate, which UTF-8 cannot encode."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise RowError(_("holds a lone surrogate (\\ud800–\\udfff), which is not text")) from None
    return value


def _text(value: Any) -> Any:
    if not isinstance(value, str) or "\x00" in value:
        raise RowError(_("is not text"))
    return _unicode(value)


def _name(value: Any) -> Any:
    if not _text(value).strip() or len(value) > 200:
        raise RowError(_("is not a name of 1 to 200 characters"))
    return value


def _in_range(day: date) -> None:
    if not EARLIEST <= day <= LATEST:
        raise RowError(_("is not between {first} and {last}").format(first=EARLIEST.isoformat(), last=LATEST.isoformat()))


def _iso(value: Any) -> Any:
    if not isinstance(value, str) or not _ISO.fullmatch(value):
        raise RowError(_("is not a date and time (ISO 8601, e.g. 2026-03-01T10:00:00+00:00)"))
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise RowError(_("is not a valid date and time")) from None
    _in_range(moment.date())
    return value


def plan_start(value: Any) -> date:
    """A saved practice-plan start: a real day (``2026-03-02``) in the range the store holds."""
    if not isinstance(value, str) or not _DAY.fullmatch(value):
        raise RowError(_("is not a day (YYYY-MM-DD, e.g. 2026-03-02)"))
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise RowError(_("is not a real day")) from None
    _in_range(day)
    return day


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


_DECODER = json.JSONDecoder(parse_constant=_no_constant)


def load_json(value: Any) -> Any:
    """A JSON text column's value; NaN and Infinity (which Python's json accepts) and lone surrogates are refused."""
    try:
        data = _DECODER.decode(_text(value))
        if "\\u" in value:  # only an escape can make a lone surrogate in parsed JSON
            json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise RowError(_("holds a lone surrogate (\\ud800–\\udfff), which is not text")) from None
    except (ValueError, RecursionError):
        raise RowError(_("is not JSON text")) from None
    return data


def _json(value: Any) -> Any:
    load_json(value)
    return value


def _number(value: Any, limit: float) -> bool:
    """A finite number within ``limit``; an integer too large for a float is compared as an integer
    (``math.isfinite`` of a 400-digit integer raises OverflowError)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return abs(value) <= limit and (isinstance(value, int) or math.isfinite(value))


def _is_name(key: Any) -> bool:
    return isinstance(key, str) and bool(key.strip()) and len(key) <= 200


def _names_to(value: Any, fits: Callable[[Any], bool], what: str) -> dict[str, Any]:
    if not isinstance(value, dict) or not all(_is_name(k) and fits(v) for k, v in value.items()) or len(value) > MAX_FIELDS:
        raise RowError(_("is not a mapping of names to {what}").format(what=what))
    return value


def result_scores(fields: Mapping[str, Any]) -> dict[str, float | None]:
    """A self-check take's scores by subscale (``None``: not scored), after checking the take's fields."""
    if set(fields) != {"answers", "scores"}:
        raise RowError(_("of a self-check result are not 'answers' and 'scores'"))
    _names_to(fields["answers"], lambda v: isinstance(v, int) and not isinstance(v, bool) and abs(v) <= MAX_ANSWER,
              _("whole-number answers (up to {most})").format(most=MAX_ANSWER))
    return _names_to(fields["scores"], lambda v: v is None or _number(v, MAX_SCORE),
                     _("scores (numbers up to {most} or null)").format(most=MAX_SCORE))


def entry_fields(template: str, value: Any) -> dict[str, Any]:
    """An entry's fields: one value (text, a number or none) per field, or a self-check take."""
    fields = load_json(value)
    if not isinstance(fields, dict):
        raise RowError(_("is not a JSON object"))
    if len(fields) > MAX_FIELDS:
        raise RowError(_("has more than {most} fields").format(most=MAX_FIELDS))
    clash = next((name for name in ENTRY_COLUMNS if name in fields), None)
    if clash is not None:
        raise RowError(_("has a field named {name}, which is a column of the entry").format(name=repr(clash)))
    if not all(_is_name(k) for k in fields):
        raise RowError(_("has a field name that is empty or longer than 200 characters"))
    if template == RESULT_TEMPLATE:
        result_scores(fields)
    elif not all(type(v) is str or v is None or _number(v, 1e15) for v in fields.values()):
        raise RowError(_("has a value that is not text, a number or null"))
    return fields


def _entry(row: Mapping[str, Any]) -> None:
    entry_fields(row["template"], row["fields"])


def _setting(row: Mapping[str, Any]) -> None:
    if row["key"] == PLAN_START:
        plan_start(row["value"])


def _flag(value: Any) -> Any:
    if value not in (0, 1) or isinstance(value, float):
        raise RowError(_("is not 0 or 1"))
    return int(value)


def _row_id(value: Any) -> Any:
    if not isinstance(value, int) or isinstance(value, bool):
        raise RowError(_("is not a whole number"))
    return value


Check = Callable[[Any], Any]


@dataclass(frozen=True)
class TableSpec:
    """A table's importable columns; ``key`` says when an imported row is already present."""

    name: str
    columns: Mapping[str, Check]
    key: tuple[str, ...]
    optional: tuple[str, ...] = ()  # accepted and ignored (the row id of the other computer)
    #: what the columns mean together (an entry's fields, a setting's value); raises RowError about ``column``
    row_check: tuple[str, Callable[[Mapping[str, Any]], None]] | None = None

    def insert_sql(self) -> str:
        names = ", ".join(self.columns)
        return f"INSERT INTO {self.name} ({names}) VALUES ({', '.join('?' * len(self.columns))})"

    def exists_sql(self) -> str:
        return f"SELECT 1 FROM {self.name} WHERE " + " AND ".join(f"{k} = ?" for k in self.key)

    def check(self, row: Any, number: int) -> tuple[Any, ...]:
        """The row's values in column order, or RowError naming table, row and column."""
        where = _("{table} row {number}").format(table=self.name, number=number)
        if not isinstance(row, dict):
            raise RowError(_("{where} is not an object of columns").format(where=where))
        unknown = set(row) - set(self.columns) - set(self.optional)
        missing = [c for c in self.columns if c not in row]
        if unknown or missing:
            raise RowError(_("{where} does not have the columns {columns}").format(where=where, columns=", ".join(self.columns)))
        if len(json.dumps(row, ensure_ascii=False).encode("utf-8", "surrogatepass")) > MAX_ROW_BYTES:
            raise RowError(_("{where} is larger than {size} kB").format(where=where, size=MAX_ROW_BYTES // 1000))
        for name in self.optional:
            if name in row:
                self._checked(_row_id, row[name], where, name)
        return self._values(row, where)

    def _values(self, row: dict[str, Any], where: str) -> tuple[Any, ...]:
        values = tuple(self._checked(check, row[name], where, name) for name, check in self.columns.items())
        if self.row_check is not None:
            column, check_row = self.row_check
            self._checked(lambda _: check_row(dict(zip(self.columns, values))), None, where, column)
        return values

    @staticmethod
    def _checked(check: Check, value: Any, where: str, name: str) -> Any:
        try:
            return check(value)
        except RowError as exc:
            raise RowError(_("{where}: {column} {problem}").format(where=where, column=repr(name), problem=exc)) from None


TABLE_SPECS: dict[str, TableSpec] = {spec.name: spec for spec in (
    TableSpec("entries", {"module": _name, "template": _name, "created": _iso, "fields": _text},  # JSON: row_check
              key=("module", "template", "created", "fields"), optional=("id",), row_check=("fields", _entry)),
    TableSpec("reflections", {"module": _name, "prompt_id": _name, "text": _text, "updated": _iso},
              key=("module", "prompt_id")),
    TableSpec("attempts", {"module": _name, "item_id": _name, "answer": _json, "correct": _flag, "created": _iso},
              key=("module", "item_id", "created"), optional=("id",)),
    TableSpec("checkoffs", {"module": _name, "step_id": _name, "done": _flag, "updated": _iso},
              key=("module", "step_id")),
    TableSpec("settings", {"module": _name, "key": _name, "value": _text}, key=("module", "key"), row_check=("value", _setting)),
    TableSpec("drafts", {"module": _name, "field": _name, "text": _text, "updated": _iso}, key=("module", "field")),
)}


def stored_entry(row: Mapping[str, Any], number: int) -> dict[str, Any]:
    """The fields of an entry read back from the store (id ``number``), once the row passes the
    import's checks; SQLite keeps its columns and size, so those are not checked again."""
    spec, where = TABLE_SPECS["entries"], _("{table} row {number}").format(table="entries", number=number)
    for name, check in spec.columns.items():
        if name != "fields":
            spec._checked(check, row[name], where, name)
    fields: dict[str, Any] = spec._checked(lambda value: entry_fields(row["template"], value), row["fields"], where, "fields")
    return fields
