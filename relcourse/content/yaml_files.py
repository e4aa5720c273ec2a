"""Reading the content folder's YAML files (course settings, curated quizzes, instruments).

Every way such a file can be unreadable (bad bytes, control characters, a syntax error) becomes one
:class:`~relcourse.errors.ContentError` naming the file, the line where known, and the fix.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from relcourse.errors import ContentError


def read_yaml(path: Path, fix: str = "fix the indentation or quoting there") -> Any:
    """The parsed YAML document in ``path``; ``fix`` says what to do about a syntax error."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ContentError(path, f"cannot read the file ({exc.strerror}); check it exists and is readable") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError(path, f"not UTF-8 text (byte {exc.start}); save it as UTF-8 YAML") from None
    try:
        return yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark is not None else None
        raise ContentError(path, f"not valid YAML ({exc.problem}); {fix}", line) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        raise ContentError(path, f"not valid YAML text (control character {char}); save it as UTF-8 YAML", line) from None
    except yaml.YAMLError as exc:
        raise ContentError(path, f"not valid YAML ({exc}); {fix}") from None  # ContentError makes it one line
