"""The one escaping policy: content text (articles, YAML, the learner's store) reaches each
output only through the escaper for that target, so it always shows as text and never
runs, links or fetches anything.

=====================  ==========================================================
target                 escaper
=====================  ==========================================================
Markdown, one value    :func:`markdown_text` (titles, names, YAML text, store text)
Markdown, article body :func:`markdown_block` (keeps the article's headings, lists
                       and emphasis; HTML, images, links and maths show as text)
a link from content    :func:`safe_link` (``https:`` only, shown with its address)
HTML (widgets, cards)  :func:`html_text`; Jinja ``.html`` templates autoescape
HTML output in a       also inside an element of class :data:`NO_MATHS` (JupyterLab
notebook (tables,      typesets text/html outputs, so ``$5 and $10`` in an entry
charts)                became maths)
terminal               :func:`terminal_text` (no control characters, no markup)
JSON in the terminal   :func:`terminal_json` (control and format characters as JSON escapes)
charts (matplotlib)    :func:`chart_text` (no maths markup)
=====================  ==========================================================
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from rich.markup import escape as rich_escape

#: characters that make Markdown (CommonMark + GFM + Jupyter's maths) do something
_INLINE = re.compile(r"([\\`*_\[\]!|~$])")
#: the same minus the article's own emphasis (``*``, ``_``) and tables (``|``), kept in article blocks
_BLOCK_INLINE = re.compile(r"([\\`\[\]!~$])")
#: a line start that would make a heading, quote, list, rule or setext underline
_LINE_START = re.compile(r"^([ \t]*)([#>+=-]|\d+[.)])", re.MULTILINE)
#: what renderers turn into links by themselves (GFM autolinks: ``x://…``, ``www.``, ``name@host``)
_AUTOLINK = re.compile(r":(?=//)|(?<=www)\.|@", re.IGNORECASE)  # www. glued to a word too ("访问www.x.com"); e-mail
#: Markdown link/image syntax and bare addresses in article text
#: (label, address and title bounded, so a line of thousands of ``[`` is scanned in linear time)
_LINK = re.compile(r"(?P<image>!?)\[(?P<label>[^\[\]\n]{0,500})\]\((?P<url>[^()\s]{0,2000}(?:\([^()\s]{0,2000}\)[^()\s]{0,2000})?)"
                   r"(?:\s+\"[^\"\n]{0,500}\")?\)"
                   r"|(?P<bare>https://[^\s<>\"]+[^\s<>\".,;:!?)\]'])")
#: what an address shown as a link may contain (no quotes, brackets, spaces or controls)
_SAFE_URL = re.compile(r"[A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]+")
#: ANSI/VT sequences (CSI, OSC, other ESC pairs), then any other control character
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?|\x9b[0-?]*[ -/]*[@-~]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: what a terminal must never receive raw, for text and JSON alike: control characters but newline
#: and tab (Cc) and every format character (Cf: bidi overrides, zero-width marks, soft hyphen, tags),
#: as Unicode 15 lists them; tests/test_escape.py checks it against the running Python's Unicode data
_TERMINAL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]")


def html_text(text: str) -> str:
    """Text for an HTML page or widget: ``< > & " '`` as entities."""
    return html.escape(text, quote=True)


def _entities(text: str) -> str:
    """``& < >`` as entities; control characters (terminal sequences) dropped."""
    return _CONTROL.sub("", _ANSI.sub("", text)).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


#: the classes MathJax skips, with everything inside: MathJax 3's (JupyterLab) and MathJax 2's
#: (the HTML ``jupyter nbconvert`` and nbviewer make)
NO_MATHS = "tex2jax_ignore mathjax_ignore"

#: how a character that means something in Markdown is written so it only shows: a numeric
#: character reference (backslash escapes are undone inside link text by JupyterLab's renderer,
#: so ``[\\[x\\](http://…)](m.ipynb)`` became a live link); ``$`` and ``\\`` also sit in a span
#: that MathJax skips, because JupyterLab typesets the rendered page, where ``$x$`` is maths again
_LITERAL = {char: f"&#{ord(char)};" for char in "`*_[]!|~"} | {
    char: f'<span class="{NO_MATHS}">&#{ord(char)};</span>' for char in "$\\"}


def _literal(match: re.Match[str]) -> str:
    return _LITERAL[match[1]]


def _no_autolink(match: re.Match[str]) -> str:
    return f"&#{ord(match[0])};"


def markdown_text(text: str) -> str:
    """One value shown exactly as written in a Markdown cell: no HTML, emphasis, link,
    image, code, maths, table, heading or list is made from it."""
    escaped = _INLINE.sub(_literal, _entities(text))
    escaped = _AUTOLINK.sub(_no_autolink, escaped)
    return _LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if len(m[2]) == 1 else f"{m[1]}{m[2][:-1]}\\{m[2][-1]}", escaped)


def _block_plain(text: str) -> str:
    escaped = _BLOCK_INLINE.sub(_literal, _entities(text))
    return _AUTOLINK.sub(_no_autolink, escaped)


def markdown_block(text: str) -> str:
    """An article's Markdown block: its headings, lists, emphasis and tables stay; raw HTML,
    maths and code show as text; images and links become text with their address
    (https links stay clickable, nothing is ever loaded)."""
    parts: list[str] = []
    end = 0
    for match in _LINK.finditer(text):
        parts.append(_block_plain(text[end:match.start()]))
        if match["bare"]:
            parts.append(safe_link(match["bare"], match["bare"]))
        else:
            label = (f"image: {match['label']}" if match["label"] else "image") if match["image"] else match["label"]
            parts.append(safe_link(label, match["url"]))
        end = match.end()
    parts.append(_block_plain(text[end:]))
    return "".join(parts)


def safe_link(label: str, url: str) -> str:
    """Markdown for a link from content: an ``https:`` address becomes a link that shows the
    address itself; anything else (``javascript:``, ``file:``, ``data:``, ``http:``, relative)
    is plain text."""
    shown = url if not label or label == url else f"{label} ({url})"
    parts = urlsplit(url) if _SAFE_URL.fullmatch(url) else None
    if parts is None or parts.scheme.lower() != "https" or not parts.hostname:
        return markdown_text(shown)
    address = f"[{markdown_text(url)}](<{url}>)"
    return address if shown == url else f"{markdown_text(label)} ({address})"


def terminal_text(text: str, markup: bool = False) -> str:
    """Text for the terminal: no escape sequences or other control characters (only newline
    and tab stay); with ``markup``, also no rich markup (for rich tables and consoles)."""
    clean = _TERMINAL.sub("", _ANSI.sub("", text))
    return rich_escape(clean) if markup else clean


def terminal_json(text: str) -> str:
    """JSON text for the terminal: every control or format character (C1 controls, bidi overrides
    such as U+202E, zero-width marks) written as its ``\\uXXXX`` escape, so the output shows what it
    holds and parses to the same data; letters of every script (Chinese too) stay as they are.
    Outside its strings JSON has only spaces and newlines, so only string contents change."""
    return _TERMINAL.sub(lambda m: _json_escape(m[0]), text)


def _json_escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # beyond the BMP: a UTF-16 surrogate pair, as JSON writes it
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def chart_text(text: str) -> str:
    """A label for a matplotlib chart: ``$`` shows as a dollar sign, never starts maths."""
    return text.replace("$", r"\$")
