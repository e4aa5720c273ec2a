"""Errors a user can act on: each names the file (and line) and what to do."""

from __future__ import annotations

from pathlib import Path


class RelcourseError(Exception):
    """Base class for errors reported to the user as one line, without a traceback."""


class ArticleError(RelcourseError):
    """An article that cannot be read: ``path:line: message``."""

    def __init__(self, path: Path | str, line: int, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        super().__init__(f"{self.path}:{line}: {message}")


class ContentError(RelcourseError):
    """A content file (quiz YAML, course settings, instrument) that is not valid."""

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")
