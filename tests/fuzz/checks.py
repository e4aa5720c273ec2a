"""What must never reach an output: a live tag, a script URL or anything that fetches."""

from __future__ import annotations

import json
import re
from pathlib import Path

import mistune

LIVE_TAG = re.compile(r"<\s*(script|img|iframe|frame|object|embed|link|base|form|svg|math|video|audio|source|input"
                      r"|button|textarea|meta\s+http-equiv=.refresh)\b", re.IGNORECASE)
ATTRIBUTE_URL = re.compile(r"\b(src|srcset|href|action|formaction|poster|background|xlink:href)\s*=\s*[\"']?([^\"'\s>]*)",
                           re.IGNORECASE)
TAG = re.compile(r"<[A-Za-z][^>]*>")
EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
CSS_URL = re.compile(r"url\(\s*['\"]?(?!data:font)", re.IGNORECASE)
#: a link to another notebook or handout of the course, next to this one
SIBLING = re.compile(r"^[\w.%-]+\.(ipynb|html|pdf)(#[^\s]*)?$")
#: what the handout templates themselves put in <head>
TEMPLATE_HEAD = re.compile(r"<meta (charset|name|http-equiv=\"Content-Security-Policy\")[^>]*>", re.IGNORECASE)

#: a Markdown link to a script/file/data URL (the renderer used here neutralises some; Jupyter's may not)
MARKDOWN_SCRIPT_LINK = re.compile(r"(?<!\\)\]\(\s*<?\s*(javascript|vbscript|data|file):", re.IGNORECASE)

_markdown = mistune.create_markdown(escape=False, plugins=["strikethrough", "table", "url"])


def problems_in_html(html: str) -> list[str]:
    """Live markup in an HTML page: tags that run or fetch, event handlers, links that are not https: or #anchors."""
    html = TEMPLATE_HEAD.sub("", html)
    found = [m.group(0) for m in LIVE_TAG.finditer(html)]
    found += [m.group(0)[:80] for m in EVENT_HANDLER.finditer(html)]
    for tag in TAG.finditer(html):  # attributes of real tags only: escaped text (&lt;img src=…) is harmless
        for match in ATTRIBUTE_URL.finditer(tag.group(0)):
            name, url = match.group(1).lower(), match.group(2)
            if name != "href" or not (url.startswith(("#", "https://")) or SIBLING.match(url)):
                found.append(match.group(0)[:80])
    found += [m.group(0) for m in CSS_URL.finditer(html)]
    return found


def problems_in_notebook(path: Path) -> list[str]:
    """Markdown cells rendered as a Markdown renderer would (raw HTML passes), then checked as HTML."""
    found = []
    for cell in json.loads(path.read_text("utf-8"))["cells"]:
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "markdown":
            found += [f"{path.name}: {p}" for p in problems_in_html(str(_markdown(source)))]
            found += [f"{path.name}: {m.group(0)}" for m in MARKDOWN_SCRIPT_LINK.finditer(source)]
        for output in cell.get("outputs", []):
            for mime, data in output.get("data", {}).items():
                if "html" in mime or "markdown" in mime:
                    found += [f"{path.name} output: {p}" for p in problems_in_html("".join(data))]
    return found
