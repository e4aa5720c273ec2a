"""relcourse.escape: each escaper leaves nothing live for its target, and ordinary text readable."""

from __future__ import annotations

import html as html_module
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from nbconvert.filters.markdown import markdown2html

from relcourse.escape import chart_text, html_text, markdown_block, markdown_text, safe_link, terminal_text

from .conftest import ROOT

HOSTILE = [
    "Security_and_Needs-133-<script>alert('XSS')</script>",
    "<img src=x onerror=alert(1)>",
    "![](http://127.0.0.1:8123/x.png)",
    "![photo](file:///etc/passwd)",
    "[click](javascript:alert(1))",
    '[c](javascript:alert(1) "title")',
    "<a href='javascript:alert(2)'>x</a>",
    "see http://127.0.0.1:8123/x and www.example.com and <https://example.org>",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "`<b>code</b>` $x^2$ | a | b |",
    "Title ![x](http://127.0.0.1:9/a.png) [y](javascript:alert(1)) $x$ \\(y\\) \\[z\\] $$w$$ www.evil.com",
    "a\\\\(b\\\\) [[x]](https://e.com) ![[y]](http://e.com) \\begin{equation}x\\end{equation}",
]
MARKED = ROOT / "node_modules" / "marked"
#: the maths delimiters MathJax looks for in JupyterLab's rendered page
MATHS = re.compile(r"\$|\\[(\[]|\\begin\{")
#: what a renderer may make of escaped text: paragraphs, emphasis and https links only
LIVE = re.compile(r"<(?!/?(p|em|strong|h[1-6]|ul|ol|li|blockquote|hr|br|table|thead|tbody|tr|th|td)\b|a href=\"https://|/a>"
                  r"|span class=\"tex2jax_ignore mathjax_ignore\">|/span>)", re.IGNORECASE)


def renders(markdown: str) -> list[str]:
    """The HTML two Markdown renderers make of it: CommonMark (+ tables, strikethrough) and nbconvert's."""
    commonmark = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)
    return [commonmark, markdown2html(markdown)]


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("escaper", [markdown_text, markdown_block])
def test_markdown_escapers_leave_no_live_tag_or_url(escaper: object, text: str) -> None:
    for html in renders(escaper(text)):  # type: ignore[operator]
        html = re.sub(r'<h(\d) id="[^"]*">', r"<h\1>", html)
        html = re.sub(r'<a class="anchor-link" href="#[^"]*">', "", html)
        assert not LIVE.search(html), html
        assert all(href.startswith("https://") for href in re.findall(r'<a\s[^>]*href="([^"]*)"', html)), html


@pytest.mark.parametrize("text", ["Mechanism 1: Safety **signals** — a *glance*, a touch.", "Gottman's 5:1 ratio & \"repair\""])
def test_markdown_text_reads_as_written(text: str) -> None:
    for html in renders(markdown_text(text)):
        shown = html.replace("&amp;", "&").replace("&quot;", '"').replace("<p>", "").replace("</p>", "").strip()
        assert shown == text


def test_markdown_block_keeps_the_articles_formatting() -> None:
    html = renders(markdown_block("### Step 1\n\n**Specific Actions**: record *three* moments."))[0]
    assert "<h3>Step 1</h3>" in html and "<strong>Specific Actions</strong>" in html and "<em>three</em>" in html


@pytest.mark.parametrize(("url", "linked"), [
    ("https://example.org/guide?a=1", True),
    ("http://example.org/", False), ("javascript:alert(1)", False), ("file:///etc/passwd", False),
    ("data:text/html,<script>", False), ("JaVaScRiPt:alert(1)", False), ("//example.org/x", False),
    ("https://example.org/<script>", False), ("guide.html", False),
])
def test_safe_link_keeps_only_https_and_shows_the_address(url: str, linked: bool) -> None:
    html = renders(safe_link("the guide", url))[0]
    assert ("<a href=" in html) is linked
    assert html_text(url) in html


def test_html_text() -> None:
    assert html_text("<b a=\"1\">'&") == "&lt;b a=&quot;1&quot;&gt;&#x27;&amp;"


def test_terminal_text_strips_sequences_and_markup() -> None:
    hostile = "a\x1b[31mred\x1b[0m\x1b]0;title\x07\x9b2J\x00\x07\u202etxt [red]x[/red]"
    assert terminal_text(hostile) == "aredtxt [red]x[/red]"
    assert terminal_text(hostile, markup=True) == r"aredtxt \[red]x\[/red]"
    assert terminal_text("two\nlines\tand a tab") == "two\nlines\tand a tab"


def test_chart_text() -> None:
    assert chart_text("$5 a $day$") == r"\$5 a \$day\$"


def test_markdown_block_keeps_the_articles_tables_as_text_cells() -> None:
    html = renders(markdown_block("| Time-out | <b>x</b> |\n|---|---|\n| calm | [a](javascript:x) |"))[0]
    assert "<table>" in html and "&lt;b&gt;x&lt;/b&gt;" in html and "href" not in html


def _marked(sources: list[str]) -> list[str]:
    """HTML from marked, the Markdown renderer JupyterLab uses, with its GFM options."""
    if shutil.which("node") is None or not MARKED.is_dir():
        if os.environ.get("CI"):
            pytest.fail("node and marked (npm ci) are needed: the escaping must be checked against JupyterLab's renderer")
        pytest.skip("node and node_modules/marked are not installed (npm ci)")
    script = ("const {marked} = require(process.argv[1]); let input = '';"
              "process.stdin.on('data', d => input += d).on('end', () => process.stdout.write("
              "JSON.stringify(JSON.parse(input).map(s => marked.parse(s, {gfm: true})))));")
    done = subprocess.run(["node", "-e", script, str(MARKED)], input=json.dumps(sources), capture_output=True,
                          text=True, check=True, timeout=60)
    return list(json.loads(done.stdout))


def test_the_escaping_tests_render_with_jupyterlabs_own_marked() -> None:
    """The pinned marked (package.json) is the one the installed JupyterLab bundles."""
    import sys

    bundled = Path(sys.prefix) / "share" / "jupyter" / "lab" / "static" / "third-party-licenses.json"
    if not bundled.exists() or not MARKED.is_dir():
        pytest.skip("JupyterLab's static files or node_modules/marked are not installed")
    versions = {p["name"]: p["versionInfo"] for p in json.loads(bundled.read_text("utf-8"))["packages"]}
    assert json.loads((MARKED / "package.json").read_text("utf-8"))["version"] == versions["marked"]


def _as_jupyterlab_shows(text: str) -> list[str]:
    """A title in a list link, a heading, a table cell and an article block, as the notebooks put them."""
    return [f"- [{markdown_text(text)}](module.ipynb): about", f"# {markdown_text(text)}",
            f"| {markdown_text(text)} | x |\n|---|---|\n| y | z |", markdown_block(text)]


def test_jupyterlab_renders_no_live_link_tag_or_maths_from_content() -> None:
    """JupyterLab's renderer undoes backslash escapes inside link text (a title made a live link in
    the course index), and JupyterLab typesets ``$…$`` and ``\\(…\\)`` in the rendered page."""
    sources = [source for text in HOSTILE for source in _as_jupyterlab_shows(text)]
    for source, html in zip(sources, _marked(sources), strict=True):
        hrefs = re.findall(r'<a\s[^>]*href="([^"]*)"', html)
        assert all(href == "module.ipynb" or href.startswith("https://") for href in hrefs), html
        assert html.count("<a ") == len(hrefs) <= 1 + source.count("https://"), html
        assert not LIVE.search(html.replace('<a href="module.ipynb">', "")), html
        outside_spans = re.sub(r'<span class="tex2jax_ignore mathjax_ignore">[^<]*</span>', "", html)
        assert not MATHS.search(outside_spans) and not MATHS.search(source.replace("\\\\", "")), html


def test_dollars_and_backslashes_still_read_as_written() -> None:
    text = "It costs $5 \\ a $day$; see \\(this\\)."
    for html in [*renders(markdown_text(text)), *_marked([markdown_text(text)])]:
        assert html_module.unescape(re.sub(r"<[^>]+>", "", html)).strip() == text, html


def test_the_terminal_never_receives_a_control_or_format_character() -> None:
    """One rule for terminal text and terminal JSON: every Cc (but newline and tab) and Cf character
    of this Python's Unicode data is dropped from text and written as an escape in JSON."""
    import sys
    import unicodedata

    from relcourse.escape import terminal_json

    hidden = "".join(chr(c) for c in range(sys.maxunicode + 1)
                     if unicodedata.category(chr(c)) in ("Cc", "Cf") and chr(c) not in "\n\t\x1b\x9b")
    assert terminal_text(f"a{hidden}b") == "ab"
    assert json.loads(f'"{terminal_json(hidden)}"') == hidden and all(ord(c) < 128 for c in terminal_json(hidden))
    kept = "Zoë 安全感 «quote» — \n\t"
    assert terminal_text(kept) == kept and terminal_json(kept) == kept
