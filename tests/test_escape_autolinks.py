"""Addresses JupyterLab's marked links by itself (GFM autolinks), tried as an attacker would: content
text may only ever make ``https:`` links, and only through escape.safe_link."""

from __future__ import annotations

import html as html_module
import re

import pytest

from relcourse.escape import markdown_block, markdown_text

from .test_escape import _marked

#: ``www.`` right after a letter, digit or ``_`` (the escaper's ``\bwww`` misses it), as Chinese
#: text writes an address without a space; marked links it as ``http://www.…``
GLUED_WWW = ["访问www.example.com了解更多", "xwww.example.com", "a_www.example.com", "2024www.example.com"]
#: a bare e-mail address: marked makes a ``mailto:`` link of it
EMAIL = ["write to help@example.org", "联系help@example.org"]


def _hrefs(html: str) -> list[str]:
    return re.findall(r'<a\s[^>]*href="([^"]*)"', html)


@pytest.mark.parametrize("text", GLUED_WWW + EMAIL)
@pytest.mark.parametrize("escaper", [markdown_text, markdown_block])
def test_marked_makes_no_link_but_https_from_content(escaper: object, text: str) -> None:
    source = escaper(text)  # type: ignore[operator]
    html = _marked([source])[0]
    assert all(href.startswith("https://") for href in _hrefs(html)), (source, html)
    assert html_module.unescape(re.sub(r"<[^>]+>", "", html)).strip() == text  # and the address still reads as written
