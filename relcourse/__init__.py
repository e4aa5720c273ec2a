"""relcourse: wiki articles on relationship communication → notebook modules and handouts.

The public API is a handful of verbs; everything else lives in the pipeline's packages
(``content`` → ``course`` → ``notebook`` / ``widgets`` / ``export``, with ``store`` to the side).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from relcourse.errors import ArticleError, ContentError, RelcourseError

if TYPE_CHECKING:
    from relcourse.api import build, export_handouts, load_course, read_article
    from relcourse.content.model import Article
    from relcourse.store.journal import Journal

__all__ = ["Article", "ArticleError", "ContentError", "Journal", "RelcourseError",
           "build", "export_handouts", "load_course", "read_article"]
__version__ = "0.2.0"

_LAZY = {
    "Article": "relcourse.content.model",
    "Journal": "relcourse.store.journal",
    "build": "relcourse.api",
    "export_handouts": "relcourse.api",
    "load_course": "relcourse.api",
    "read_article": "relcourse.api",
}


def __getattr__(name: str) -> Any:
    """Import on first use, so ``import relcourse`` does not pay for SQLite, nbformat or pandas."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'relcourse' has no attribute {name!r}")
