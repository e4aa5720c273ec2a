"""What each body line of an article is, as an ordered table (markdown-it's ``_rules``).

The parser offers every line to these rules in order; the first that takes it wins. Order
matters: a zone marker ("常见问题") must be seen before chrome, chrome before a heading, and a
heading before the catch-all body text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from relcourse.content.model import Block, Text

if TYPE_CHECKING:
    from relcourse.content.parser import ArticleParser

Rule = Callable[["ArticleParser", Block], bool]
RULE_LINE_RE = re.compile(r"-{3,}|\*{3,}|_{3,}")


def zone_marker(parser: ArticleParser, block: Block) -> bool:
    """"Try this sentence" / "常见问题" open the phrase or FAQ zone; the marker itself is chrome."""
    zone = parser.words.zone(block.text)
    if zone is None:
        return False
    parser.zone = zone
    parser.chrome.append(block)
    return True


def chrome(parser: ArticleParser, block: Block) -> bool:
    if parser.words.is_chrome(block.text) or parser.is_title_repeat(block.text):
        parser.chrome.append(block)
        return True
    return False


def phrase(parser: ArticleParser, block: Block) -> bool:
    if parser.zone != "phrases":
        return False
    parser.try_this.append(Text(block.text, block.line))
    return True


def faq(parser: ArticleParser, block: Block) -> bool:
    if parser.zone != "faq":
        return False
    parser.feed_faq(block)
    return True


def teaser(parser: ArticleParser, block: Block) -> bool:
    """The wiki's shortened teaser before the first heading ends with an ellipsis."""
    if parser.drafts or not block.text.endswith(("…", "...")) or parser.section_kind(block.text) is not None:
        return False
    parser.chrome.append(block)
    parser.teaser = parser.teaser or block.text
    return True


def heading(parser: ArticleParser, block: Block) -> bool:
    kind = parser.section_kind(block.text)
    if kind is None:
        return False
    parser.start_section(kind[0], kind[1], block)
    return True


def rule_line(parser: ArticleParser, block: Block) -> bool:
    """``---`` before the closing note on sources."""
    if not RULE_LINE_RE.fullmatch(block.text):
        return False
    parser.start_section("sources", "Sources", block)
    return True


def body(parser: ArticleParser, block: Block) -> bool:
    parser.add_to_section(block)
    return True


LINE_RULES: list[tuple[str, Rule]] = [
    ("zone_marker", zone_marker),
    ("chrome", chrome),
    ("phrase", phrase),
    ("faq", faq),
    ("teaser", teaser),
    ("heading", heading),
    ("rule_line", rule_line),
    ("body", body),
]
