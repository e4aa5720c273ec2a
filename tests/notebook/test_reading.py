"""Comfortable reading: long sections as several cells (the article's text unchanged), a short
"Start here" at the top, and a last cell that takes the view back to the title."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from relcourse.course.loader import Module, load_course_content
from relcourse.escape import markdown_block, markdown_text
from relcourse.notebook.builder import CELL_CHARS, module_notebook, paragraph_groups
from relcourse.notebook.cells import from_cell, kind_of
from relcourse.widgets import back_to_top
from relcourse.widgets.top import BackToTop

from ..conftest import CONTENT, FIXTURE_ARTICLES, content_folder

LIST_ITEM = re.compile(r"\s*(?:[-*+]|\d+[.)])\s")


def modules(tmp_path: Path) -> list[Module]:
    fixtures = load_course_content(content_folder(tmp_path, FIXTURE_ARTICLES)).modules
    return [*load_course_content(CONTENT).modules, *fixtures]


def section_text(module: Module, line: int) -> str:
    """What the section reads as, written out here independently of the builder's grouping."""
    section = next(s for s in module.article.sections if s.line == line)
    blocks = [markdown_block(b.text) for b in section.blocks]
    if section.kind == "sources" and section.heading is not None:
        return "\n\n".join(["---", *blocks])
    heading = [f"## {markdown_text(section.title)}"] if section.heading is not None or section.kind != "intro" else []
    return "\n\n".join([*heading, *blocks])


def test_sections_split_by_paragraphs_keep_the_article_text(tmp_path: Path) -> None:
    split = 0
    for module in modules(tmp_path):
        cells = [c for c in module_notebook(module).cells if kind_of(c) == "section"]
        lines = sorted({from_cell(c)["line"] for c in cells})  # type: ignore[index]
        for line in lines:
            parts = [c.source for c in cells if from_cell(c)["line"] == line]  # type: ignore[index]
            assert "\n\n".join(parts) == section_text(module, line), (module.slug, line)
            split += len(parts) > 1
            for before, after in zip(parts, parts[1:]):
                last = before.split("\n\n")[-1]
                assert not last.lstrip().startswith("#"), (module.slug, last)  # a heading stays with what follows
                first = after.split("\n\n")[0]
                assert not (LIST_ITEM.match(last) and LIST_ITEM.match(first)), (module.slug, first)  # lists whole
                assert not (last.lstrip().startswith("|") and first.lstrip().startswith("|"))  # tables whole
    assert split >= 10  # long sections were found and split


def test_cells_stay_short_unless_a_list_or_paragraph_is_longer() -> None:
    paragraph, item = "p" * 400, "- " + "i" * 200
    groups = paragraph_groups(["## Title", paragraph, paragraph, paragraph, paragraph, "**Steps**:", *[item] * 9, "end"])
    assert [len(g) for g in groups] == [4, 1, 10, 1]
    assert all(sum(len(p) + 2 for p in g) <= CELL_CHARS for g in groups[:2])
    assert groups[0][0] == "## Title" and ["**Steps**:", *[item] * 9] in groups  # lead-in and list together
    assert paragraph_groups(["x" * 3000]) == [["x" * 3000]]  # a paragraph is never cut
    headed = paragraph_groups(["a" * 800, "### Step 2", "b" * 100])
    assert headed == [["a" * 800], ["### Step 2", "b" * 100]]  # rather before a heading than after half a cell


def test_module_opens_with_start_here_and_ends_with_back_to_top() -> None:
    course = load_course_content(CONTENT)
    module = course.module("security-and-needs-133")
    nb = module_notebook(module)
    start = next(c for c in nb.cells[:4] if c.id == "start-here")
    assert kind_of(start) == "note"  # the notebook's own guidance: handouts leave it out
    assert f"{len(module.quiz)} quiz questions" in start.source and "Run All Cells" in start.source
    assert "relcourse journal info" in start.source  # where the private store is
    last = nb.cells[-1]
    assert last.cell_type == "code" and last.id == "back-to-top" and "back_to_top(" in last.source
    assert [c.id for c in nb.cells] == [c.id for c in module_notebook(module).cells]  # ids stay the same
    assert nbformat.writes(nb) == nbformat.writes(module_notebook(module))


def test_back_to_top_links_to_the_title(tmp_path: Path) -> None:
    widget = back_to_top("security-and-needs-133")
    assert isinstance(widget, BackToTop)
    title = load_course_content(CONTENT).module("security-and-needs-133").article.title
    assert widget.link.anchor == title.replace(" ", "-") and "Back to top" in widget.link.label
    assert "top" in repr(widget)


def test_escaping_does_not_move_a_cell_boundary() -> None:
    """Cells are cut by the article's own text: a `$` (41 characters escaped) or a `[` (5) must not
    push a paragraph into the next cell and renumber the cells after it."""
    plain = ["## Costs", "a" * 600, "b" * 600, "c" * 600]
    dollars = ["## Costs", "$" * 600, "[" * 600, "c" * 600]
    escaped = [markdown_block(p) for p in dollars]
    by_text = paragraph_groups(escaped, lengths=[len(p) for p in dollars])
    assert [len(g) for g in by_text] == [len(g) for g in paragraph_groups(plain)]
    assert [len(g) for g in paragraph_groups(escaped)] != [len(g) for g in by_text]  # measured escaped, it would move
