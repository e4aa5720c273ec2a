"""The cell-metadata contract: one dataclass per kind, a schema file per version, upgrades from 1."""

from __future__ import annotations

import copy
from importlib import resources
from pathlib import Path

import nbformat
import pytest
from nbformat import NotebookNode

from relcourse.course.loader import load_course_content
from relcourse.course.quiz.model import QuizItem
from relcourse.course.selfcheck.instrument import Instrument
from relcourse.errors import RelcourseError
from relcourse.export.handout import read_handout
from relcourse.export.render import render_handout
from relcourse.notebook.builder import assemble_notebook, module_notebook
from relcourse.notebook.cells import (
    CELL_KINDS,
    NAMESPACE,
    SCHEMA_VERSION,
    UPGRADES,
    InstrumentCell,
    JournalCell,
    NotebookInfo,
    QuizCell,
    TitleCell,
    read_cell,
    read_notebook,
    schema_text,
    upgrade_notebook,
)

from ..conftest import FIXTURE_ARTICLES, FIXTURES, content_folder

SCHEMA_1 = FIXTURES / "notebooks" / "schema-1.ipynb.json"  # cells as relcourse wrote them before schema 2


def schema_1_notebook() -> NotebookNode:
    nb: NotebookNode = nbformat.reads(SCHEMA_1.read_text("utf-8"), as_version=4)
    return nb


def built(folder: Path) -> dict[str, NotebookNode]:
    return {path.name: nbformat.read(path, as_version=4) for path in sorted(folder.glob("*.ipynb"))}


def test_shipped_schema_file_is_the_one_the_dataclasses_describe() -> None:
    """Changing a kind's fields means a new schema version: run ``python -m relcourse.notebook.versions``."""
    shipped = resources.files("relcourse.notebook").joinpath(f"schema/v{SCHEMA_VERSION}.json").read_text("utf-8")
    assert shipped == schema_text()


def test_every_version_has_a_schema_file_and_an_upgrade_to_the_next() -> None:
    folder = resources.files("relcourse.notebook").joinpath("schema")
    assert sorted(p.name for p in folder.iterdir() if p.name.endswith(".json")) == [
        f"v{n}.json" for n in range(1, SCHEMA_VERSION + 1)]
    assert sorted(UPGRADES) == list(range(1, SCHEMA_VERSION))


def test_a_schema_1_notebook_is_upgraded_when_read() -> None:
    nb = schema_1_notebook()
    assert {c.metadata[NAMESPACE]["schema"] for c in nb.cells} == {1}
    title = read_cell(nb.cells[0])
    assert isinstance(title, TitleCell) and title.title == nb.cells[0].metadata[NAMESPACE]["title"]
    assert (title.organisation, title.facilitator) == ("", "")  # schema 1 did not record them
    assert read_notebook(nb) == NotebookInfo(nb.metadata[NAMESPACE]["module"], nb.metadata[NAMESPACE]["title"], lang="en")
    journal = next(read_cell(c) for c in nb.cells if c.metadata[NAMESPACE]["kind"] == "journal")
    assert isinstance(journal, JournalCell) and journal.days > 0 and journal.fields


def test_a_schema_1_notebook_is_upgraded_in_place() -> None:
    nb = schema_1_notebook()
    before = [{k: v for k, v in c.metadata[NAMESPACE].items() if k != "schema"} for c in nb.cells]
    upgrade_notebook(nb, "notebooks/old.ipynb")
    assert nb.metadata[NAMESPACE]["schema"] == SCHEMA_VERSION and nb.metadata[NAMESPACE]["lang"] == "en"
    after = [c.metadata[NAMESPACE] for c in nb.cells]
    assert {d["schema"] for d in after} == {SCHEMA_VERSION}
    for old, new in zip(before, after):
        assert old.items() <= new.items()  # nothing lost, only added


def test_exporters_read_a_schema_1_notebook_as_current_typed_cells() -> None:
    nb = schema_1_notebook()
    handout = read_handout(nb, "old.ipynb")
    assert handout.info.lang == "en" and handout.title is not None and handout.title.organisation == ""
    assert [c.data.kind if c.data else None for c in handout.cells] == [
        c.metadata[NAMESPACE]["kind"] if NAMESPACE in c.metadata else None for c in nb.cells]
    assert {c.metadata[NAMESPACE]["schema"] for c in nb.cells} == {1}  # read, not rewritten
    html, _ = render_handout(nb, "facilitator", {"metadata": {"name": "old"}})
    assert handout.title.title in html


def test_a_cell_that_does_not_match_names_the_notebook_and_the_cell() -> None:
    nb = schema_1_notebook()
    journal = next(c for c in nb.cells if c.metadata[NAMESPACE]["kind"] == "journal")
    journal.metadata[NAMESPACE]["days"] = "fourteen"
    with pytest.raises(RelcourseError) as caught:
        render_handout(nb, "participant", {"metadata": {"name": "old", "path": "notebooks"}})
    message = str(caught.value)
    assert message.startswith(f"{Path('notebooks') / 'old.ipynb'}: cell '{journal.id}': metadata does not match schema 1:")
    assert "(at days)" in message and message.endswith("rebuild with 'relcourse build'") and "\n" not in message


@pytest.mark.parametrize("change", [
    lambda d: d.update(surprise="x"),
    lambda d: d.pop("module"),
    lambda d: d.update(kind="no-such-kind"),
], ids=["unknown key", "missing key", "unknown kind"])
def test_current_schema_refuses_what_it_does_not_describe(change: object, built_notebooks: Path) -> None:
    nb = built(built_notebooks)["security-and-needs-133.ipynb"]
    cell = nb.cells[0]
    change(cell.metadata[NAMESPACE])  # type: ignore[operator]
    with pytest.raises(RelcourseError, match=rf"^x\.ipynb: cell '{cell.id}': metadata does not match schema {SCHEMA_VERSION}"):
        read_cell(cell, "x.ipynb")


def test_a_notebook_from_a_newer_relcourse_is_refused(built_notebooks: Path) -> None:
    nb = built(built_notebooks)["index.ipynb"]
    nb.cells[1].metadata[NAMESPACE]["schema"] = SCHEMA_VERSION + 1
    with pytest.raises(RelcourseError, match=r"newer relcourse .*upgrade relcourse"):
        read_cell(nb.cells[1], "index.ipynb")


def test_a_notebook_is_checked_before_it_is_written(built_notebooks: Path) -> None:
    nb = built(built_notebooks)["security-and-needs-133.ipynb"]
    cells = copy.deepcopy(nb.cells)
    cells[3].metadata[NAMESPACE]["kind"] = "quiz"  # a section cell claiming to be a quiz: no item
    with pytest.raises(RelcourseError, match=rf"^m\.ipynb: cell '{cells[3].id}': .*'item' is a required property.*not written"):
        assemble_notebook(cells, NotebookInfo("m", "Title", lang="en"))


def test_every_built_notebook_validates_and_reads_back_unchanged(built_notebooks: Path, tmp_path: Path) -> None:
    """The seed course, its self-check and index, and the fixture articles (markup, odd layouts)."""
    notebooks = built(built_notebooks)
    course = load_course_content(content_folder(tmp_path, FIXTURE_ARTICLES))
    notebooks.update({f"{m.slug}.ipynb": module_notebook(m) for m in course.modules})
    assert len(notebooks) >= 4 + len(FIXTURE_ARTICLES)
    for name, nb in notebooks.items():
        assert read_notebook(nb, name).to_metadata() == nb.metadata[NAMESPACE]
        for cell in nb.cells:
            data = read_cell(cell, name)
            assert data is None or data.to_metadata() == cell.metadata[NAMESPACE], (name, cell.id)


def test_the_registry_holds_exactly_the_kinds_the_builder_writes(built_notebooks: Path, tmp_path: Path) -> None:
    """Over the seed course and the fixture articles (the seeds' only FAQ is the wiki's cut teaser)."""
    notebooks = list(built(built_notebooks).values())
    notebooks += [module_notebook(m) for m in load_course_content(content_folder(tmp_path, FIXTURE_ARTICLES)).modules]
    written = {c.metadata[NAMESPACE]["kind"] for nb in notebooks for c in nb.cells if NAMESPACE in c.metadata}
    assert written == set(CELL_KINDS)
    assert all(cls.kind == kind for kind, cls in CELL_KINDS.items())


def test_quiz_and_self_check_cells_read_back_as_their_models(built_notebooks: Path) -> None:
    """A quiz cell holds a QuizItem and a self-check cell an Instrument, not JSON looked up by key."""
    notebooks = built(built_notebooks)
    cells = [read_cell(c) for nb in notebooks.values() for c in nb.cells]
    quiz = [c for c in cells if isinstance(c, QuizCell)]
    statements = [c for c in cells if isinstance(c, InstrumentCell)]
    assert quiz and statements
    assert all(isinstance(c.item, QuizItem) and c.item.answer for c in quiz)
    assert all(isinstance(c.instrument, Instrument) and c.instrument.subscales for c in statements)
