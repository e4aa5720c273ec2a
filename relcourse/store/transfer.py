"""Export and import all of a learner's data (CSV or JSON), for backup or moving machines.

Exports are private files (0600, never through a link). An import is checked row by row before
anything is written and then added in one transaction: a bad file changes nothing.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from relcourse.errors import RelcourseError
from relcourse.i18n import _
from relcourse.store.journal import TABLES, Journal
from relcourse.store.private import read_limited, write_private
from relcourse.store.rows import MAX_ROWS, TABLE_SPECS, RowError

FORMAT_NAME = "relcourse-journal"
FORMAT_VERSION = 1
CSV_COLUMNS = ["table", "data"]
CSV_FORMAT_ROW = "_format"  # the row after the column names: {"format": …, "version": …}; required
MAX_IMPORT_BYTES = 100 * 2**20


def export_journal(journal: Journal, path: Path, fmt: str | None = None) -> int:
    """Write every table to ``path`` (CSV for a ``.csv`` name unless ``fmt`` says otherwise, else
    JSON); returns the number of rows written."""
    fmt = fmt or ("csv" if path.suffix.lower() == ".csv" else "json")
    data = {table: journal.rows(table) for table in TABLES}
    count = sum(len(rows) for rows in data.values())
    header = {"format": FORMAT_NAME, "version": FORMAT_VERSION}
    if fmt == "json":
        text = json.dumps({**header, **data}, ensure_ascii=False, indent=1) + "\n"
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_COLUMNS)
        writer.writerow([CSV_FORMAT_ROW, json.dumps(header)])
        for table, rows in data.items():
            for row in rows:
                writer.writerow([table, json.dumps(row, ensure_ascii=False, sort_keys=True)])
        text = buffer.getvalue()
    else:
        raise RelcourseError(_("unknown export format {format}: use csv or json").format(format=repr(fmt)))
    write_private(path, text.encode("utf-8"))
    return count


def _check_header(header: Any) -> None:
    if not isinstance(header, dict) or header.get("format") != FORMAT_NAME:
        raise ValueError(_("not a relcourse journal export"))
    version = header.get("version")
    if type(version) is not int or version != FORMAT_VERSION:
        raise ValueError(_("format version is not {version}: written by another relcourse version").format(version=FORMAT_VERSION))


def _parse_csv(text: str) -> dict[str, list[Any]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    if next(reader, None) != CSV_COLUMNS:
        raise ValueError(_("the first line is not 'table,data'"))
    # like a JSON file's format and version: a file without them is not known to be an export of this kind
    missing = ValueError(_("the second line is not the '_format' line 'relcourse journal export' writes; export the journal again"))
    first = next(reader, None)
    if first is None or len(first) != 2 or first[0] != CSV_FORMAT_ROW:
        raise missing
    _check_header(json.loads(first[1]))
    tables: dict[str, list[Any]] = {t: [] for t in TABLES}
    for number, row in enumerate(reader, start=3):
        if len(row) != 2:
            raise ValueError(_("line {number} does not have 2 columns").format(number=number))
        table, data = row
        if table in tables:
            tables[table].append(json.loads(data))
        else:
            raise ValueError(_("line {number} names an unknown table").format(number=number))
    return tables


def _parse_json(text: str) -> dict[str, list[Any]]:
    payload = json.loads(text)
    _check_header(payload)
    extra = set(payload) - {"format", "version", *TABLES}
    if extra:
        raise ValueError(_("it has sections relcourse does not know"))
    tables = {t: payload.get(t, []) for t in TABLES}
    if not all(isinstance(rows, list) for rows in tables.values()):
        raise ValueError(_("a table is not a list of rows"))
    return tables


def read_export(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of an export file, checked against the store's columns, in column order."""
    data = read_limited(path, MAX_IMPORT_BYTES)
    fail = _("{path}: not a usable relcourse journal export").format(path=path)
    try:
        text = data.decode("utf-8-sig")
        csv_like = text.lstrip().startswith("table,data")  # by what it holds, whatever its name: a CSV export's first line
        tables = _parse_csv(text) if csv_like else _parse_json(text)
    except UnicodeDecodeError:
        raise RelcourseError(_("{failure} ({reason}); nothing was imported").format(failure=fail, reason=_("not UTF-8 text"))) from None
    except (ValueError, csv.Error, RecursionError) as exc:
        reason = _("not valid JSON") if isinstance(exc, json.JSONDecodeError) else str(exc).split(":")[0]
        raise RelcourseError(_("{failure} ({reason}); nothing was imported").format(failure=fail, reason=reason)) from None
    if sum(len(rows) for rows in tables.values()) > MAX_ROWS:
        raise RelcourseError(_("{failure} ({reason}); nothing was imported").format(
            failure=fail, reason=_("more than {count} rows").format(count=MAX_ROWS)))
    try:
        return {t: [TABLE_SPECS[t].check(row, n) for n, row in enumerate(rows, start=1)] for t, rows in tables.items()}
    except RowError as exc:
        raise RelcourseError(_("{failure}: {problem}; nothing was imported").format(failure=fail, problem=exc)) from None


def import_journal(journal: Journal, path: Path) -> int:
    """Merge an export into the store (rows already present are skipped); returns rows added."""
    tables = read_export(path)
    added = 0
    with journal.transaction() as conn:  # one transaction: a full disk or a kill half-way adds nothing
        for table, rows in tables.items():
            spec = TABLE_SPECS[table]
            positions = [list(spec.columns).index(k) for k in spec.key]
            insert, exists = spec.insert_sql(), spec.exists_sql()
            for values in rows:
                if conn.execute(exists, [values[i] for i in positions]).fetchone() is None:
                    conn.execute(insert, values)
                    added += 1
    return added
