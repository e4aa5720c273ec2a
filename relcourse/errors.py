"""Errors a user can act on: each names the file (and line) and what to do."""

from __future__ import annotations

from pathlib import Path


def one_line(message: str) -> str:
    """Messages quoted from libraries (YAML, SQLite) can span lines; ours are read as one."""
    return " ".join(message.split())


class RelcourseError(Exception):
    """Base class for errors reported to the user as one line, without a traceback."""


class ArticleError(RelcourseError):
    """An article that cannot be read: ``path:line: message``."""

    def __init__(self, path: Path | str, line: int, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = one_line(message)
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {self.message}")


class ContentError(RelcourseError):
    """A content file (quiz YAML, course settings, instrument) that is not valid."""

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {one_line(message)}")
