"""Property-based: mutated journal export files are imported whole or refused with one line, never a traceback."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from relcourse.errors import RelcourseError
from relcourse.store.journal import Journal
from relcourse.store.transfer import export_journal, import_journal

from .strategies import HOSTILE, mutated


def _seed_exports() -> dict[str, str]:
    with tempfile.TemporaryDirectory() as folder:
        journal = Journal(Path(folder) / "journal.sqlite")
        journal.add_entry("security-and-needs-133", "practice-log", {"note": "fuzz seed"}, "2026-01-02T10:00:00")
        journal.save_reflection("security-and-needs-133", "what-felt-safe", "seed reflection")
        journal.record_attempt("security-and-needs-133", "plan-timing", "A", True)
        exports = {}
        for fmt in ("json", "csv"):
            export_journal(journal, Path(folder) / f"seed.{fmt}", fmt)
            exports[fmt] = (Path(folder) / f"seed.{fmt}").read_text("utf-8")
        return exports


SEEDS = _seed_exports()
JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
                           | st.sampled_from(HOSTILE), lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(st.text(max_size=10), inner, max_size=3), max_leaves=8)


@st.composite
def json_exports(draw: st.DrawFn) -> str:
    """The seed export with one value (or key) somewhere replaced by a random JSON value."""
    data = json.loads(SEEDS["json"])
    node = data
    while isinstance(node, (dict, list)) and node and draw(st.booleans()):
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        key = draw(st.sampled_from(keys))
        if not isinstance(node[key], (dict, list)) or draw(st.booleans()):
            node[key] = draw(JSON_VALUES)
            break
        node = node[key]
    else:
        if isinstance(node, dict):
            node[draw(st.text(max_size=10) | st.sampled_from(HOSTILE))] = draw(JSON_VALUES)
    return json.dumps(data)


IMPORT_FILES = st.one_of(
    st.tuples(st.just("json"), json_exports()),
    st.tuples(st.just("json"), mutated(SEEDS["json"])),
    st.tuples(st.just("csv"), mutated(SEEDS["csv"])),
)


@given(IMPORT_FILES)
def test_a_mutated_import_file_is_imported_or_refused_in_one_line(file: tuple[str, str]) -> None:
    fmt, text = file
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"import.{fmt}"
        path.write_text(text, "utf-8", errors="surrogatepass")
        journal = Journal(Path(folder) / "journal.sqlite")
        before = {table: journal.rows(table) for table in ("entries",)}
        try:
            import_journal(journal, path)
        except RelcourseError as exc:
            assert "\n" not in str(exc)
            assert {table: journal.rows(table) for table in before} == before  # a refused file changes nothing
