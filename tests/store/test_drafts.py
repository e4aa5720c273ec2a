"""Drafts in the store: kept per text box, exported with the rest, gone with delete --all."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from relcourse.store.journal import Journal
from relcourse.store.schema import SCHEMA_VERSION
from relcourse.store.transfer import export_journal, import_journal


def test_draft_kept_replaced_and_dropped(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite") as journal:
        assert journal.draft("m1", "reflection/p1/text") is None
        journal.save_draft("m1", "reflection/p1/text", "half a tho")
        journal.save_draft("m1", "reflection/p1/text", "half a thought")
        journal.save_draft("m1", "journal/log/tried", "named it")
        assert journal.draft("m1", "reflection/p1/text") == "half a thought"
        journal.save_draft("m1", "reflection/p1/text", "")  # emptied box: nothing to keep
        assert journal.draft("m1", "reflection/p1/text") is None
        journal.save_draft("m1", "reflection/p1/text", "again")
        journal.clear_drafts("m1", "reflection/p1/")
        assert journal.draft("m1", "reflection/p1/text") is None and journal.draft("m1", "journal/log/tried") == "named it"


def test_store_of_schema_1_gains_the_drafts_table(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite"
    Journal(path).close()
    with sqlite3.connect(path) as conn:  # make it look like a store written before drafts existed
        conn.execute("DROP TABLE drafts")
        conn.execute("PRAGMA user_version = 1")
    conn.close()
    with Journal(path) as journal:
        journal.save_draft("m1", "reflection/p1/text", "kept")
        assert journal.draft("m1", "reflection/p1/text") == "kept"
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
    conn.close()


def test_drafts_exported_imported_and_deleted(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite") as journal:
        journal.save_draft("m1", "reflection/p1/text", "an unsaved thought")
        out = tmp_path / "all.json"
        export_journal(journal, out, "json")
        assert json.loads(out.read_text())["drafts"][0]["text"] == "an unsaved thought"
        with Journal(tmp_path / "other.sqlite") as other:
            assert import_journal(other, out) == 1
            assert other.draft("m1", "reflection/p1/text") == "an unsaved thought"
        journal.delete_all(wait=1)
        assert journal.draft("m1", "reflection/p1/text") is None
        assert b"an unsaved thought" not in (tmp_path / "j.sqlite").read_bytes()
