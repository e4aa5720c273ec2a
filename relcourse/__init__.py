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


def _skip_iri_grammar() -> None:
    """jsonschema (under nbformat) imports ``rfc3987_syntax``, when installed, only to check the
    "iri" string format, and that import compiles a grammar: 1–1.5 s of every command that reads
    a notebook. No relcourse schema uses that format, so while jsonschema is not loaded yet it is
    told the package is absent (``sys.modules[name] = None`` makes importing it fail) and that one
    format check is left out; a process that loaded jsonschema first is left as it is."""
    import sys

    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


_skip_iri_grammar()

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
