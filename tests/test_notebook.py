from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat
import pytest

from relcourse.cli import main
from relcourse.metadata import from_cell, kind_of
from relcourse.module import load_course_content
from relcourse.notebook import module_notebook, notebook_text

from .conftest import CONTENT, FIXTURE_ARTICLES, FIXTURES, ROOT, SEED_ARTICLES, content_folder

GOLDEN = Path(__file__).parent / "golden"


def test_golden_notebook() -> None:
    """The generated notebook for one seed, byte for byte (set RELCOURSE_UPDATE_GOLDEN=1 to refresh)."""
    course = load_course_content(CONTENT)
    text = notebook_text(module_notebook(course.module("security-and-needs-133")))
    golden = GOLDEN / "security-and-needs-133.ipynb"
    if os.environ.get("RELCOURSE_UPDATE_GOLDEN"):
        golden.write_text(text)
    assert text == golden.read_text()


def test_notebook_structure_and_metadata() -> None:
    course = load_course_content(CONTENT)
    for module in course.modules:
        nb = module_notebook(module)
        kinds = [kind_of(c) for c in nb.cells]
        assert kinds[:2] == ["title", "safety"]
        assert "not therapy" in nb.cells[1].source and "violence, coercion, or fear" in nb.cells[1].source
        assert kinds.count("quiz") == len(module.quiz) >= 6
        assert {"reflection", "journal", "plan", "phrases", "score"} <= set(kinds)
        for cell in nb.cells:
            data = from_cell(cell)
            assert data is not None and data["schema"] == 1 and data["module"] == module.slug
            if cell.cell_type == "code":
                lines = cell.source.splitlines()
                assert len(lines) == 2 and lines[0].startswith("from relcourse.widgets import ")
                assert cell.outputs == [] and cell.execution_count is None
            if data["kind"] == "quiz":
                assert data["item"]["answer"] and data["item"]["prompt"]
        # the whole article is readable without a kernel
        markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        for step in module.article.plan:
            assert step.name.replace("&", "&amp;") in markdown


def test_markup_in_articles_stays_text(tmp_path: Path) -> None:
    content = content_folder(tmp_path, [FIXTURES / "articles" / "conflict-and-repair-012.txt"])
    nb = module_notebook(load_course_content(content).modules[0])
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "<script>" not in markdown and "<img" not in markdown and "&lt;script&gt;" in markdown


def test_build_is_deterministic_and_check_names_stale_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "nb"
    assert main(["build", "--content", str(CONTENT), "--notebooks", str(out), "--notebooks-only"]) == 0
    first = {p.name: p.read_bytes() for p in out.glob("*.ipynb")}
    assert set(first) == {"index.ipynb", "relationship-test.ipynb", "security-and-needs-044.ipynb", "security-and-needs-133.ipynb"}
    assert main(["build", "--content", str(CONTENT), "--notebooks", str(out), "--notebooks-only"]) == 0
    assert {p.name: p.read_bytes() for p in out.glob("*.ipynb")} == first
    assert main(["build", "--check", "--content", str(CONTENT), "--notebooks", str(out)]) == 0
    stale = out / "security-and-needs-044.ipynb"
    stale.write_text(stale.read_text().replace("Problem Scenario", "Old Scenario"))
    capsys.readouterr()
    assert main(["build", "--check", "--content", str(CONTENT), "--notebooks", str(out)]) == 1
    assert f"stale: {stale}" in capsys.readouterr().out


def test_committed_notebooks_match_content() -> None:
    assert main(["build", "--check", "--content", str(CONTENT), "--notebooks", str(ROOT / "notebooks")]) == 0


def test_index_lists_modules_by_category() -> None:
    nb = nbformat.read(ROOT / "notebooks" / "index.ipynb", as_version=4)
    text = json.dumps(nb.cells[1].source)
    assert "## Security and Needs" in nb.cells[1].source and "security-and-needs-044.ipynb" in text
    assert nb.cells[-1].source.endswith("course_progress()")


def test_unwritable_notebooks_folder_is_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["build", "--content", str(CONTENT), "--notebooks", str(blocker / "nb"), "--notebooks-only"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("relcourse: error: ") and "cannot write here" in err and "\n" not in err


def test_broken_article_keeps_its_last_good_notebook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = content_folder(tmp_path, SEED_ARTICLES)
    out = tmp_path / "nb"
    assert main(["build", "--content", str(content), "--notebooks", str(out), "--notebooks-only"]) == 0
    before = (out / "security-and-needs-044.ipynb").read_bytes()
    (content / "articles" / "security-and-needs-044.txt").write_bytes(b"\x00\xff binary")
    capsys.readouterr()
    assert main(["build", "--content", str(content), "--notebooks", str(out), "--notebooks-only"]) == 1
    err = capsys.readouterr().err
    assert "security-and-needs-044.txt:1: error: binary data" in err
    assert (out / "security-and-needs-044.ipynb").read_bytes() == before  # nothing already built is lost
    assert (out / "security-and-needs-133.ipynb").exists()


def test_modules_from_every_fixture_article_run_without_errors(tmp_path: Path, private_home: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Articles unlike the seeds (other variants, no cases, no quiz items) still give modules that run."""
    from nbclient import NotebookClient

    content = content_folder(tmp_path, FIXTURE_ARTICLES)
    out = tmp_path / "nb"
    assert main(["build", "--content", str(content), "--notebooks", str(out), "--notebooks-only"]) == 0
    monkeypatch.setenv("RELCOURSE_CONTENT", str(content))
    for path in sorted(out.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(out)}}).execute()
        errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
        notices = [c for c in nb.cells for o in c.get("outputs", []) if "relcourse error" in str(o.get("data", {}))]
        assert errors == [] and notices == [], path.name
