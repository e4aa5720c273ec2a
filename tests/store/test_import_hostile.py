"""Import files tried as an attacker would, beyond store.rows' list of poison: each is a one-line
error that names the file and imports nothing, or imports and can be read back; and a backup
written by ``journal export`` can always be imported again."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from relcourse.cli import main
from relcourse.store.journal import Journal
from relcourse.store.schema import StoreError

from . import snapshot

SENTINEL = "SENTINEL-synthetic-private-words-7e19"
WHEN = "2026-03-01T10:00:00+00:00"
#: an integer JSON reads (fewer than Python's 4,300 digits) but no float can hold
HUGE = "9" * 400



@pytest.fixture
def store(private_home: Path) -> Path:
    with Journal() as journal:
        journal.save_reflection("m", "p", SENTINEL + " reflection")
        journal.add_entry("m", "t", {"what": SENTINEL + " entry"})
    return private_home / "journal.sqlite"


@pytest.mark.parametrize(("template", "fields"), [
    ("t", '{"what": %s}' % HUGE),
    ("result", '{"answers": {}, "scores": {"anxiety": %s}}' % HUGE),
])
def test_an_integer_too_large_for_a_float_is_a_one_line_error(template: str, fields: str, store: Path, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    """``math.isfinite`` raised OverflowError on it: ``journal import`` ended in a traceback."""
    row = {"module": "m", "template": template, "created": WHEN, "fields": fields}
    path = tmp_path / "huge.json"
    path.write_text(json.dumps({"format": "relcourse-journal", "version": 1, "entries": [row]}))
    before = snapshot(store)
    assert main(["journal", "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("relcourse: error: ") and err.count("\n") == 1 and str(path) in err
    assert "nothing was imported" in err and SENTINEL not in err
    assert snapshot(store) == before


def test_a_stored_integer_too_large_for_a_float_is_a_store_error(store: Path) -> None:
    """A row that got in some other way is a one-line StoreError, as other unusable rows are
    (the journal form shows it as a notice), not an OverflowError traceback in the notebook."""
    with sqlite3.connect(store) as conn:
        conn.execute("INSERT INTO entries (module, template, created, fields) VALUES ('m', 't', ?, ?)",
                     (WHEN, '{"what": %s}' % HUGE))
    conn.close()
    with Journal(store) as journal, pytest.raises(StoreError) as raised:
        journal.entries("m")
    assert "\n" not in str(raised.value) and SENTINEL not in str(raised.value)


def test_a_backup_exported_to_a_csv_name_imports_again(store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """``journal export backup.csv`` (no --format) wrote JSON under a .csv name, which import then read
    as CSV and refused ("the first line is not 'table,data'"): the learner's backup could not be restored."""
    backup = tmp_path / "backup.csv"
    assert main(["journal", "export", str(backup)]) == 0
    (tmp_path / "new-computer").mkdir()
    monkeypatch.setenv("RELCOURSE_HOME", str(tmp_path / "new-computer"))
    assert main(["journal", "import", str(backup)]) == 0, capsys.readouterr().err
    assert snapshot(tmp_path / "new-computer" / "journal.sqlite") == snapshot(store)
