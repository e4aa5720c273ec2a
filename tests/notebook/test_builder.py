from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from relcourse.cli import main
from relcourse.course.loader import load_course_content
from relcourse.course.logs import Field
from relcourse.course.selfcheck.instrument import score
from relcourse.notebook.builder import module_notebook
from relcourse.notebook.cells import SCHEMA_VERSION, from_cell, kind_of
from relcourse.store.journal import Journal
from relcourse.widgets.plan import START_KEY
from relcourse.widgets.selfcheck import RESULT_TEMPLATE

from ..conftest import CONTENT, FIXTURE_ARTICLES, FIXTURES, GOLDEN, ROOT, SEED_ARTICLES, content_folder
from ..regen import GOLDEN_MODULE, golden_notebook


def test_golden_notebook() -> None:
    """The generated notebook for one seed, byte for byte (refresh on purpose: python -m tests.regen)."""
    assert golden_notebook() == (GOLDEN / f"{GOLDEN_MODULE}.ipynb").read_text("utf-8")


#: what every safety note says: it is not therapy, and not for relationships with violence or fear
SAFETY_WORDS = {"en": ("not therapy", "violence, coercion, or fear"), "zh": ("不是心理治疗", "暴力、胁迫")}


def test_notebook_structure_and_metadata() -> None:
    course = load_course_content(CONTENT)
    for module in course.modules:
        nb = module_notebook(module)
        kinds = [kind_of(c) for c in nb.cells]
        assert kinds[:2] == ["title", "safety"]
        for words in SAFETY_WORDS[module.article.lang]:  # in the module's own language
            assert words in nb.cells[1].source
        assert kinds.count("quiz") == len(module.quiz) >= 3  # only items the article itself grounds
        assert {"reflection", "journal", "plan", "phrases", "score"} <= set(kinds)
        for cell in nb.cells:
            data = from_cell(cell)
            assert data is not None and data["schema"] == SCHEMA_VERSION and data["module"] == module.slug
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
    modules = {f"{m.slug}.ipynb" for m in load_course_content(CONTENT).modules}
    assert set(first) == {"index.ipynb", "relationship-test.ipynb", *modules} and len(modules) == len(list((CONTENT / "articles").iterdir()))
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


def test_index_lists_modules_by_category(built_notebooks: Path) -> None:
    nb = nbformat.read(built_notebooks / "index.ipynb", as_version=4)
    text = json.dumps(nb.cells[1].source)
    assert "## Security and Needs" in nb.cells[1].source and "security-and-needs-044.ipynb" in text
    assert [c.source.splitlines()[-1] for c in nb.cells[-2:]] == ["course_progress()", "quiz_sharing()"]


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


def _fill(field: Field, n: int) -> object:
    if field.kind == "choice":
        return field.options[n % len(field.options)] if field.options else None
    return n % 11 if field.kind == "scale" else f"entry {n}: {field.label}"


def test_modules_show_a_learners_history_without_errors(tmp_path: Path, private_home: Path, built_notebooks: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Every committed notebook, run against a store that already holds weeks of use.

    Past-entry tables, charts, progress and self-check history are only drawn when there is data;
    a display error there shows up inside a widget's output, so the saved widget state is searched too.
    """
    from nbclient import NotebookClient

    course = load_course_content(CONTENT)
    with Journal() as journal:
        for module in course.modules:
            for template in module.templates:
                for n in range(12):
                    fields = {f.id: _fill(f, n) for f in template.fields}
                    journal.add_entry(module.slug, template.id, fields, created=f"2026-03-{1 + 2 * n:02d}T20:00:00+00:00")
            for prompt in module.prompts:
                journal.save_reflection(module.slug, prompt.id, "a reflection")
            for n, item in enumerate(module.quiz):
                journal.record_attempt(module.slug, item.id, "x", n % 2 == 0)
            journal.set_setting(module.slug, START_KEY, "2026-03-02")
            journal.check_step(module.slug, f"{module.article.plan[0].kind.lower()}-1")
        for instrument in course.instruments:
            for take in range(2):
                answers = {item.id: (take + n) % 7 + 1 for n, item in enumerate(instrument.items)}
                result = score(instrument, answers)
                journal.add_entry(instrument.id, RESULT_TEMPLATE, {
                    "answers": answers, "scores": {k: s.score for k, s in result.scores.items()}})
    # kernels as a scrubbing JupyterLab starts them (stored words drawn); set after the imports above,
    # since importing relcourse.widgets takes the mark out of the environment
    from relcourse.jupyter.privacy import WORDS_SHOWN_ENV, kernel_mark

    monkeypatch.setenv(WORDS_SHOWN_ENV, kernel_mark())  # the kernels below are this process's children
    for path in sorted(built_notebooks.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(tmp_path)}}).execute()
        saved = json.dumps(nb)
        assert "Traceback" not in saved and "relcourse error" not in saved, path.name
        errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
        assert errors == [], path.name
        widget_outputs = [o for state in nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"].values()
                          for o in state["state"].get("outputs", [])]
        charts = [o for o in widget_outputs if 'class="rc-chart"' in o.get("data", {}).get("text/html", "")]
        assert charts or path.stem == "index", path.name  # drawn for both themes, as HTML with a summary
