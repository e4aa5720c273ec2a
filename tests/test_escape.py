"""relcourse.escape: each escaper leaves nothing live for its target, and ordinary text readable."""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt
from nbconvert.filters.markdown import markdown2html

from relcourse.escape import chart_text, html_text, markdown_block, markdown_text, safe_link, terminal_text

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
]
#: what a renderer may make of escaped text: paragraphs, emphasis and https links only
LIVE = re.compile(r"<(?!/?(p|em|strong|h[1-6]|ul|ol|li|blockquote|hr|br)\b|a href=\"https://|/a>)", re.IGNORECASE)


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
