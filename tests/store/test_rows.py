"""What a valid row is (store.rows): import refuses what the widgets could not read back, and the
store's readers refuse, in one line, a row that got in some other way."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from relcourse.cli import main
from relcourse.store.journal import Journal
from relcourse.store.rows import RowError, plan_start
from relcourse.store.schema import StoreError

from . import snapshot

SENTINEL = "SENTINEL-synthetic-private-words-51c2"
WHEN = "2026-03-01T10:00:00+00:00"


def _entry(fields: Any, template: str = "t", created: str = WHEN) -> dict[str, Any]:
    return {"module": "m", "template": template, "created": created,
            "fields": fields if isinstance(fields, str) else json.dumps(fields)}


def _result(fields: Any) -> dict[str, Any]:
    return _entry(fields, template="result")


def _setting(value: str) -> dict[str, Any]:
    return {"module": "m", "key": "plan_start", "value": value}



@pytest.fixture
def store(private_home: Path) -> Path:
    with Journal() as journal:
        journal.save_reflection("m", "p", SENTINEL + " reflection")
    return private_home / "journal.sqlite"


#: rows that import used to take, after which the journal, plan or self-check widgets failed
POISON: dict[str, tuple[str, dict[str, Any], str]] = {
    "field-created": ("entries", _entry({"created": "x", "a": SENTINEL}), "field named 'created', which is a column"),
    "field-id": ("entries", _entry({"id": 3}), "field named 'id'"),
    "field-template": ("entries", _entry({"template": "t"}), "field named 'template'"),
    "field-list": ("entries", _entry({"a": [SENTINEL]}), "not text, a number or null"),
    "field-object": ("entries", _entry({"a": {"b": 1}}), "not text, a number or null"),
    "field-huge-number": ("entries", _entry('{"a": 1e308}'), "not text, a number or null"),
    "field-nan": ("entries", _entry('{"a": NaN}'), "is not JSON text"),
    "field-empty-name": ("entries", _entry({"": "x"}), "field name that is empty"),
    "created-year-9999": ("entries", _entry({}, created="9999-01-01T00:00:00"), "not between 1970-01-01 and 2199-12-31"),
    "created-year-1": ("entries", _entry({}, created="0001-01-01T00:00:00Z"), "not between"),
    "surrogate-text": ("reflections", {"module": "m2", "prompt_id": "p", "text": "a\ud800b", "updated": WHEN}, "lone surrogate"),
    "surrogate-name": ("settings", {"module": "m\udfff", "key": "k", "value": "v"}, "lone surrogate"),
    "surrogate-in-fields": ("entries", _entry({"a": "\ud800"}), "lone surrogate"),
    "surrogate-field-name": ("entries", _entry({"\ud800": "x"}), "lone surrogate"),
    "surrogate-unknown-column": ("settings", {"module": "m", "key": "k", "value": "v", "\ud800": 1}, "does not have the columns"),
    "plan-start-garbage": ("settings", _setting("garbage"), "'value' is not a day (YYYY-MM-DD"),
    "plan-start-9999": ("settings", _setting("9999-12-31"), "not between 1970-01-01 and 2199-12-31"),
    "plan-start-datetime": ("settings", _setting("2026-03-01T10:00:00"), "is not a day"),
    "plan-start-no-such-day": ("settings", _setting("2026-02-30"), "is not a real day"),
    "plan-start-empty": ("settings", _setting(""), "is not a day"),
    "scores-text": ("entries", _result({"answers": {}, "scores": "x"}), "not a mapping of names to scores"),
    "scores-missing": ("entries", _result({"answers": {}}), "are not 'answers' and 'scores'"),
    "scores-extra-key": ("entries", _result({"answers": {}, "scores": {}, "note": SENTINEL}), "are not 'answers' and 'scores'"),
    "scores-word": ("entries", _result({"answers": {}, "scores": {"anxiety": "high"}}), "not a mapping of names to scores"),
    "scores-nan": ("entries", _result('{"answers": {}, "scores": {"anxiety": NaN}}'), "is not JSON text"),
    "scores-infinity": ("entries", _result('{"answers": {}, "scores": {"anxiety": Infinity}}'), "is not JSON text"),
    "scores-huge": ("entries", _result({"answers": {}, "scores": {"anxiety": 1e300}}), "not a mapping of names to scores"),
    "scores-bool": ("entries", _result({"answers": {}, "scores": {"anxiety": True}}), "not a mapping of names to scores"),
    "scores-list": ("entries", _result({"answers": {}, "scores": [1, 2]}), "not a mapping of names to scores"),
    "answers-float": ("entries", _result({"answers": {"a1": 2.5}, "scores": {}}), "whole-number answers"),
}


@pytest.mark.parametrize("fmt", ["json", "csv"])
@pytest.mark.parametrize("name", sorted(POISON))
def test_rows_the_widgets_cannot_read_are_refused_at_import(name: str, fmt: str, store: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    table, row, reason = POISON[name]
    good = {"module": "m2", "prompt_id": "p2", "text": SENTINEL + " good row first", "updated": WHEN}
    path = tmp_path / f"poison.{fmt}"
    if fmt == "json":  # json.dumps writes a lone surrogate as the escape "\ud800", as an attacker would
        path.write_text(json.dumps({"format": "relcourse-journal", "version": 1, "reflections": [good], table: [row]}))
    else:
        with path.open("w", newline="") as handle:
            csv.writer(handle).writerows([["table", "data"], ["_format", json.dumps({"format": "relcourse-journal", "version": 1})],
                                          ["reflections", json.dumps(good)], [table, json.dumps(row)]])
    before = snapshot(store)
    assert main(["journal", "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("relcourse: error: ") and err.count("\n") == 1 and "Traceback" not in err
    assert str(path) in err and reason in err and "nothing was imported" in err
    assert SENTINEL not in err
    assert snapshot(store) == before


def test_good_rows_of_each_kind_still_import(store: Path, tmp_path: Path) -> None:
    rows = {
        "entries": [_entry({"trigger": "words", "intensity": 4, "response": None}, created="2026-03-01T10:00:00"),
                    _result({"answers": {"a1": 3}, "scores": {"anxiety": 3.5, "avoidance": None}})],
        "settings": [_setting("2026-03-02"), {"module": "m", "key": "other", "value": "anything at all"}],
    }
    path = tmp_path / "good.json"
    path.write_text(json.dumps({"format": "relcourse-journal", "version": 1, **rows}))
    assert main(["journal", "import", str(path)]) == 0
    with Journal(store) as journal:
        entries = journal.entries("m")
        assert list(entries["template"]) == ["t", "result"]
        assert entries["scores"].iloc[1] == {"anxiety": 3.5, "avoidance": None}
        assert plan_start(journal.setting("m", "plan_start")).isoformat() == "2026-03-02"


def test_an_entry_the_table_could_not_show_is_never_saved(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite") as journal:
        for fields in ({"created": "x"}, {"a": ["list"]}, {"a": "\ud800"}):
            with pytest.raises(RowError):
                journal.add_entry("m", "t", fields)
        with pytest.raises(RowError, match="not between"):
            journal.add_entry("m", "t", {"a": "x"}, created="9999-01-01T00:00:00")
        assert journal.rows("entries") == []


def _poison_store(path: Path, fields: str, template: str = "t", created: str = WHEN) -> None:
    """A row written past the import's checks (an older relcourse, another program)."""
    with Journal(path):
        pass
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("INSERT INTO entries (module, template, created, fields) VALUES ('m', ?, ?, ?)", (template, created, fields))
    conn.close()


@pytest.mark.parametrize(("fields", "created", "reason"), [
    ('{"created": "x"}', WHEN, "field named 'created'"),
    ("not json", WHEN, "is not JSON text"),
    ('{"a": [1]}', WHEN, "not text, a number or null"),
    ("{}", "yesterday", "'created' is not a date and time"),
    ("{}", "9999-01-01T00:00:00", "not between"),
])
def test_a_stored_row_that_is_not_usable_is_a_one_line_store_error(fields: str, created: str, reason: str, tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite"
    _poison_store(path, fields, created=created)
    with Journal(path) as journal:
        with pytest.raises(StoreError) as caught:
            journal.entries("m")
    message = str(caught.value)
    assert message.startswith(f"{path}: entries row 1: ") and reason in message and "\n" not in message
    assert "relcourse journal repair" in message
