"""Hostile content (tests/fixtures/hostile): script, images, javascript:/file: links and escape
sequences in an article title and body, a course.yaml help entry and an instrument citation.
Nothing of it may run, link, fetch or reach the terminal raw."""

from __future__ import annotations

import re
import shutil
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import nbformat
import pandas as pd
import pytest
from markdown_it import MarkdownIt

from relcourse.api import build
from relcourse.cli import main
from relcourse.export.exporter import PACKAGE, html_to_pdf
from relcourse.export.run import render_handouts
from relcourse.widgets.base import table_view

HOSTILE = Path(__file__).resolve().parent.parent / "fixtures" / "hostile" / "content"
TAG = re.compile(r"<[a-z][^>]*>", re.IGNORECASE)
LIVE = re.compile(r"^<(script|img|iframe|object|embed|svg|link|form|base)\b|\son\w+\s*=|javascript:|\s(src|href)\s*=\s*[\"']?+"
                  r"(?!data:|https://|#|[\w-]+\.ipynb)", re.IGNORECASE)


def live_tags(html: str) -> list[str]:
    """Tags that would run, load or link somewhere other than an https page or a module."""
    return [tag for tag in TAG.findall(html) if LIVE.search(tag)]


class Recorder(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        Recorder.hits.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[ThreadingHTTPServer]:
    """A local server that records every request (started and stopped here)."""
    Recorder.hits = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()
    thread.join()


@pytest.fixture
def hostile(tmp_path: Path, server: ThreadingHTTPServer) -> Path:
    """The hostile content, pointing at the recording server and at a PNG outside the package."""
    png = tmp_path / "local.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n")
    content = tmp_path / "content"
    shutil.copytree(HOSTILE, content)
    for path in content.rglob("*.*"):
        text = path.read_text().replace("PORT", str(server.server_address[1])).replace("LOCALPNG", str(png))
        path.write_text(text)
    build(content, tmp_path / "notebooks", tmp_path / "exports", notebooks_only=True)
    return tmp_path


@pytest.fixture
def opened() -> Iterator[list[str]]:
    """Every file Python opens while the test runs (an audit hook; it stays, but records only here)."""
    files: list[str] = []
    recording = [True]

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if recording[0] and event == "open" and isinstance(args[0], str):
            files.append(args[0])

    sys.addaudithook(hook)
    yield files
    recording[0] = False


def markdown_sources(notebooks: Path) -> list[str]:
    cells = [c for path in sorted(notebooks.glob("*.ipynb")) for c in nbformat.read(path, as_version=4).cells]
    return [c.source for c in cells if c.cell_type == "markdown"]


def test_notebook_markdown_renders_to_no_live_tag_or_url(hostile: Path) -> None:
    sources = markdown_sources(hostile / "notebooks")
    assert any("alert(1)" in s for s in sources) and any("alert(3)" in s for s in sources)  # all three files built
    for source in sources:
        html = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(source)
        assert live_tags(html) == [], source
        assert not re.search(r"(?<!\\)(https?|file):(?=//)", source)  # no bare address a renderer would link
        assert "\x1b" not in source


@pytest.mark.parametrize("edition", ["participant", "facilitator"])
def test_html_handouts_have_no_script_link_or_remote_image(hostile: Path, edition: str) -> None:
    notebooks = hostile / "notebooks"
    for item in render_handouts(notebooks, ["security-and-needs-901", "hostile-test"], [edition]):
        assert "alert(" in item.html  # the hostile text is there, as text
        assert live_tags(item.html) == []
        assert "Content-Security-Policy" in item.html


def test_pdf_fetches_nothing_and_reads_no_file_outside_the_package(hostile: Path, opened: list[str]) -> None:
    raw = (f'<img src="http://127.0.0.1:{hostile_port(hostile)}/raw.png"><img src="file:///etc/passwd">'
           f'<link rel="stylesheet" href="file:///etc/passwd"><img src="{hostile / "local.png"}">'
           '<img src="../../../../../../etc/passwd">')
    pages = [item.html for item in render_handouts(hostile / "notebooks", ["security-and-needs-901", "hostile-test"],
                                                   ["participant"])]
    for html in [*pages, raw]:
        assert html_to_pdf(html).startswith(b"%PDF")
    assert Recorder.hits == []
    outside = [f for f in opened if not Path(f).resolve().is_relative_to(PACKAGE)
               and ("passwd" in f or f.endswith("local.png"))]
    assert outside == []


def hostile_port(tmp_path: Path) -> str:
    text = (tmp_path / "content" / "course.yaml").read_text()
    return re.search(r"127\.0\.0\.1:(\d+)", text)[1]  # type: ignore[index]


def test_terminal_output_has_no_escape_sequences(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = hostile / "content"
    (content / "articles" / "bad\x1b[31m[red]name.txt").write_text("not an article")
    main(["check", str(content)])
    main(["inspect", str(content / "articles" / "security-and-needs-901.txt")])
    out, err = capsys.readouterr()
    assert "\x1b" not in out + err and "\x07" not in out + err
    assert "[red]Red[/red]" in out  # rich markup in a title shows as written


def test_tables_escape_the_learners_words() -> None:
    html = table_view(pd.DataFrame({"<b>label</b>": ["<script>alert(1)</script>"]})).to_html()
    assert "<script>" not in html and "<b>label" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_result_card_chart_shows_dollars_as_text() -> None:
    from dataclasses import replace

    from relcourse.course.loader import load_course_content
    from relcourse.course.selfcheck.instrument import score
    from relcourse.store.views import figure_png
    from relcourse.widgets.result_card import card_figure

    instrument = load_course_content(HOSTILE).instrument("hostile-test")
    instrument = replace(instrument, title="Costs $\\frac{$ a week")
    result = score(instrument, {item.id: 4 for item in instrument.items})
    assert figure_png(card_figure(instrument, result)).startswith(b"\x89PNG")
