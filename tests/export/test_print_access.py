"""Printed handouts are accessible and bilingual: tagged PDF/UA with language and title, and a
Chinese handout embeds a Simplified Chinese font and keeps every sentence of its article."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from relcourse.content.model import Article
from relcourse.course.loader import load_course_content
from relcourse.export.run import export_handouts
from relcourse.notebook.build import build_notebooks

from ..conftest import CONTENT, FIXTURES, content_folder

CHINESE = FIXTURES / "articles-zh" / "security-and-needs-088.txt"
SHIPPED = CONTENT / "articles" / "security-and-needs-091.txt"  # the course's own Chinese module


def _teaching_sentences(article: Article) -> list[str]:
    """What a participant must be able to read: concepts, plan steps and cases, as written."""
    texts: list[str] = []
    for concept in article.concepts:
        texts += [*concept.paragraphs, *(c.text for c in concept.concepts)]
    for step in article.plan:
        texts += [*step.intro, *step.actions]
    for case in article.cases:
        texts += case.paragraphs
    return [t for t in texts if t.strip()]


def _flat(text: str) -> str:
    """Extracted PDF text has line breaks wherever a line was full; Chinese has no spaces to keep."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module", params=[CHINESE, SHIPPED], ids=["fixture-088", "shipped-091"])
def chinese_pdf(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Article]:
    root = tmp_path_factory.mktemp("zh")
    course = load_course_content(content_folder(root, [request.param]))
    build_notebooks(course, root / "nb")
    module = course.modules[0]
    [pdf] = export_handouts(root / "nb", root / "out", [module.slug], ["participant"], ["pdf"], show_progress=False)
    return pdf, module.article


def test_a_chinese_handout_embeds_a_simplified_chinese_font(chinese_pdf: tuple[Path, Article]) -> None:
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts missing: install Debian's poppler-utils (scripts/setup does)")
    listing = subprocess.run(["pdffonts", str(chinese_pdf[0])], capture_output=True, text=True, check=True).stdout
    fonts = [line.split() for line in listing.splitlines()[2:]]
    assert any("CJK-SC" in row[0] for row in fonts), listing  # not the Japanese forms of a fallback
    assert all(row[-5] == "yes" for row in fonts), listing  # every font embedded


def test_a_chinese_handout_keeps_every_sentence_of_its_article(chinese_pdf: tuple[Path, Article]) -> None:
    pdf, article = chinese_pdf
    text = _flat("".join(page.extract_text() for page in PdfReader(pdf).pages))
    sentences = _teaching_sentences(article)
    assert len(sentences) >= 10
    missing = [s for s in sentences if _flat(s) not in text]
    assert not missing, missing
    assert "\ufffd" not in text and "□" not in text  # no missing glyphs
    assert str(PdfReader(pdf).trailer["/Root"].get_object()["/Lang"]).startswith("zh")  # type: ignore[index]


def test_handout_pdfs_are_tagged_with_language_and_title(tmp_path: Path, built_notebooks: Path) -> None:
    written = export_handouts(built_notebooks, tmp_path, ["security-and-needs-133"], ["participant", "facilitator"],
                              ["html", "pdf"], show_progress=False)
    for pdf in (p for p in written if p.suffix == ".pdf"):
        reader = PdfReader(pdf)
        catalog = reader.trailer["/Root"].get_object()
        assert isinstance(catalog, DictionaryObject)
        title = re.search(r"<title>(.*?)</title>", pdf.with_suffix(".html").read_text("utf-8"), re.S)
        assert title is not None
        assert reader.metadata is not None and reader.metadata.title == title.group(1).replace("&amp;", "&").strip()
        assert str(catalog["/Lang"]) == "en"
        assert bool(catalog["/MarkInfo"]["/Marked"])  # type: ignore[index]
        assert "/StructTreeRoot" in catalog
        assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])  # type: ignore[index]
