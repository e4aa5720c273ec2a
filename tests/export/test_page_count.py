"""The page count printed after export is in the command line's language ("(5 页)", "(1 page)")."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfWriter

from relcourse.export.run import with_page_count
from relcourse.i18n import use_language


def blank_pdf(path: Path, pages: int) -> Path:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    with path.open("wb") as out:
        writer.write(out)
    return path


def test_page_count_in_english_and_chinese(tmp_path: Path) -> None:
    one, five = blank_pdf(tmp_path / "one.pdf", 1), blank_pdf(tmp_path / "five.pdf", 5)
    with use_language("en"):
        assert with_page_count(one) == f"{one} (1 page)"
        assert with_page_count(five) == f"{five} (5 pages)"
    with use_language("zh"):
        assert with_page_count(five) == f"{five}（5 页）"
        assert with_page_count(one) == f"{one}（1 页）"


def test_html_has_no_page_count(tmp_path: Path) -> None:
    html = tmp_path / "x.html"
    html.write_text("<p>x</p>", encoding="utf-8")
    assert with_page_count(html) == str(html)
