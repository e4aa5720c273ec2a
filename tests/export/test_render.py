"""One renderer behind both ways of making a handout: ``relcourse export`` (no nbconvert) and
``jupyter nbconvert --to relcourse_handout`` (the entry points) give the same bytes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from nbconvert.exporters import HTMLExporter, get_exporter

from relcourse.escape import markdown_block, markdown_text
from relcourse.export.editions import EDITIONS
from relcourse.export.markdown import markdown2html
from relcourse.export.render import notebook_from_json, render_handout
from relcourse.export.run import render_handouts

SEEDS = ["security-and-needs-044", "security-and-needs-133"]


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_nbconvert_entry_point_gives_the_same_bytes(built_notebooks: Path, edition: str) -> None:
    exporter = get_exporter("relcourse_handout" if edition == "participant" else "relcourse_facilitator")()
    for slug in SEEDS:
        ours = next(iter(render_handouts(built_notebooks, [slug], [edition]))).html
        theirs, resources = exporter.from_filename(str(built_notebooks / f"{slug}.ipynb"))
        assert theirs == ours
        assert resources["output_extension"] == ".html"  # what nbconvert's writer names the file by


def test_rendering_leaves_the_notebook_as_read(built_notebooks: Path) -> None:
    nb = notebook_from_json((built_notebooks / f"{SEEDS[0]}.ipynb").read_bytes())
    before = json.dumps(nb, sort_keys=True)
    first = render_handout(nb, "participant", {"metadata": {"name": SEEDS[0]}})[0]
    assert json.dumps(nb, sort_keys=True) == before  # the participant step removed answers from a copy only
    assert render_handout(nb, "participant", {"metadata": {"name": SEEDS[0]}})[0] == first
    assert "<html" not in render_handout(nb, "facilitator", {"metadata": {"name": SEEDS[0]}, "relcourse_fragment": True})[0]


def test_notebook_json_is_read_as_nbformat_reads_it(built_notebooks: Path) -> None:
    import nbformat

    path = built_notebooks / f"{SEEDS[1]}.ipynb"
    assert notebook_from_json(path.read_bytes()) == nbformat.read(path, as_version=4)
    for text in ("[]", '{"nbformat": 3, "cells": []}', '{"nbformat": 4}', "{"):
        with pytest.raises(ValueError):
            notebook_from_json(text)


SAMPLES = [
    "# Title\n\nA paragraph with *emphasis*, _underscores_ and **strong** words.",
    "#NoSpace heading\n\n## Two & three <b>tags</b> \"quoted\" 'single'",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "- [ ] to do\n- [x] done\n\n1. one\n2. two\n\n> a quote",
    "term\n: its definition",
    "Costs $5 and $10; ~~struck~~; https://example.org/x and www.example.org",
    "<script>alert(1)</script> <img src=x onerror=alert(1)>",
    "    indented code",
    "安全感与需求：**重要**的一点。\n\n## 标题",
]


@pytest.mark.parametrize("sample", SAMPLES)
def test_markdown_as_nbconvert_renders_it(sample: str) -> None:
    """What the builder writes (escaped text, article blocks) renders exactly as nbconvert's filter does."""
    stock = HTMLExporter()
    for source in (sample, markdown_block(sample), markdown_text(sample)):
        assert markdown2html(source) == stock.markdown2html({}, source), source


def test_markdown_shows_maths_delimiters_as_written() -> None:
    """Where nbconvert would read ``\\(x\\)`` in article text as maths and print ``$x$``, a handout
    (which loads no maths engine) shows what the article says."""
    html = markdown2html(markdown_block(r"a \(x\) b"))
    assert r"\(x\)" in re.sub(r"<[^>]+>", "", html) and "$x$" not in html


def test_every_markdown_cell_of_the_course_renders_as_nbconvert_renders_it(built_notebooks: Path) -> None:
    stock = HTMLExporter()
    sources = [cell["source"] for path in sorted(built_notebooks.glob("*.ipynb"))
               for cell in notebook_from_json(path.read_bytes())["cells"] if cell["cell_type"] == "markdown"]
    assert len(sources) > 20
    assert [markdown2html(s) for s in sources] == [stock.markdown2html({}, s) for s in sources]


def test_naming_the_editions_imports_no_exporter() -> None:
    """``relcourse --help``, ``check`` and a build with nothing to do stay light: no nbconvert, no nbformat,
    no pandas or matplotlib (the room chart's fonts once brought pandas into every command: +0.2 s)."""
    code = ("import sys, relcourse.cli, relcourse.export.editions; "
            "print(sorted(m for m in ('nbconvert', 'nbformat', 'mistune', 'weasyprint', 'pandas', 'matplotlib')"
            " if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_export_imports_no_nbconvert() -> None:
    code = ("import sys, relcourse.export.run, relcourse.export.programme; "
            "print(sorted(m for m in ('nbconvert', 'nbformat') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_every_edition_step_exists() -> None:
    for edition in EDITIONS.values():
        steps = edition.pipeline()
        assert [type(s).__name__ for s in steps] == list(edition.steps)


def test_each_cell_is_read_once_for_every_edition(built_notebooks: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The renderer checks and types a cell's metadata once; steps and templates read the dataclasses."""
    from relcourse.export import handout
    from relcourse.notebook import cells

    reads: list[object] = []

    def counted(cell: Mapping[str, Any], notebook: str = "notebook") -> cells.CellData | None:
        reads.append(cell)
        return cells.read_cell(cell, notebook)

    monkeypatch.setattr(handout, "read_cell", counted)
    nb = notebook_from_json((built_notebooks / f"{SEEDS[0]}.ipynb").read_bytes())
    list(render_handouts(built_notebooks, [SEEDS[0]], list(EDITIONS)))
    assert len(reads) == len(nb["cells"])


def test_one_read_notebook_gives_the_same_participant_edition_after_the_facilitators(built_notebooks: Path) -> None:
    """Both editions render from one typed read of the notebook; the facilitator's answer keys must not
    leak into the participant's handout through data the two share (dicts inside frozen cells)."""
    from relcourse.export.handout import read_handout

    nb = notebook_from_json((built_notebooks / f"{SEEDS[0]}.ipynb").read_bytes())
    fresh, _ = render_handout(nb, "participant", {"metadata": {"name": SEEDS[0]}})
    shared = read_handout(nb)
    render_handout(shared, "facilitator", {"metadata": {"name": SEEDS[0]}})
    after, _ = render_handout(shared, "participant", {"metadata": {"name": SEEDS[0]}})
    assert after == fresh
