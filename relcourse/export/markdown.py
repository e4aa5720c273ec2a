"""Markdown cells → HTML for the handouts: one mistune parser per process, built once.

nbconvert's ``markdown2html`` builds a new parser (and its plugins) for every cell and needs all
of nbconvert imported; this renders the same markup as it (CommonMark with tables, strikethrough,
bare URLs, task lists and definition lists; ``#Heading`` without a space is a heading; each heading
gets nbconvert's ``id`` and ``¶`` anchor link), minus maths: a handout loads no maths engine, and
cell text comes through ``relcourse.escape``, so ``$`` and ``\\(`` show as written.
"""

from __future__ import annotations

import functools
from typing import Any
from urllib.parse import quote
from xml.etree.ElementTree import Element, ParseError, fromstring, tostring

import mistune

#: nbconvert's plugin list (MarkdownWithMath.DEFAULT_PLUGINS)
PLUGINS = ("strikethrough", "table", "url", "task_lists", "def_list")
ANCHOR = "¶"


def _text_of(element: Element) -> str:
    return (element.text or "") + "".join(_text_of(child) for child in element) + (element.tail or "")


def add_anchor(heading: str) -> str:
    """The heading with an ``id`` from its text and a ``¶`` link to itself (nbconvert's ids, so links
    into a handout stay the same). The markup is mistune's own output of escaped text (no DTD, no
    entities to expand); a heading that does not parse as XML is left as it is, as nbconvert does."""
    try:
        element = fromstring(heading)
    except ParseError:
        return heading
    link = quote(_text_of(element).replace(" ", "-"), safe="?/:@!$&'()*+,;=")
    element.set("id", link)
    anchor = Element("a", {"class": "anchor-link", "href": "#" + link})
    anchor.text = ANCHOR
    element.append(anchor)
    return tostring(element).decode("utf-8")


class HandoutRenderer(mistune.HTMLRenderer):
    def heading(self, text: str, level: int, **attrs: Any) -> str:
        return add_anchor(super().heading(text, level, **attrs))


class _BlockParser(mistune.BlockParser):
    """A heading may start ``#Title`` without a space (Jupyter's and nbconvert's rule)."""

    SPECIFICATION = {**mistune.BlockParser.SPECIFICATION,
                     "atx_heading": r"^ {0,3}(?P<atx_1>#{1,6})(?!#+)(?P<atx_2>[ \t]*(.*?)?)$"}


@functools.cache
def _markdown() -> mistune.Markdown:
    plugins = [mistune.plugins.import_plugin(name) for name in PLUGINS]
    # escape=False: cell text is already escaped by relcourse.escape (``&amp;`` stays one entity), as
    # nbconvert renders it; links keep mistune's default of refusing javascript:, vbscript: and data:
    return mistune.Markdown(HandoutRenderer(escape=False), _BlockParser(), mistune.InlineParser(hard_wrap=False),
                            plugins)


def markdown2html(source: str) -> str:
    """A markdown cell's HTML (the templates' ``markdown2html`` filter). Not memoised: every handout
    is rendered in full, so the export's speed is the same for a course whose articles repeat text."""
    return str(_markdown()(source))
