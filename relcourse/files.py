"""Writing output files so that a failure never destroys what was built before."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from relcourse.errors import RelcourseError


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write via a temporary file in the same folder and rename it into place."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise RelcourseError(f"{path.parent}: cannot write here ({exc.strerror}); check the folder is writable") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content.encode("utf-8") if isinstance(content, str) else content)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:  # a full disk or a lost mount: the old file (if any) is untouched
        Path(tmp).unlink(missing_ok=True)
        raise RelcourseError(f"{path}: cannot write it ({exc.strerror}); free some space or check the folder, "
                             "then run again (files already written are complete)") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
