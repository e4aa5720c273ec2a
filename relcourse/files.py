"""Reading and writing files: only regular files of a bounded size are read (a named pipe would
block forever, a link to a device file would never end), and a failed write never destroys
what was built before."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from relcourse.errors import RelcourseError
from relcourse.i18n import _

#: what one read asks for at a time
_CHUNK = 1 << 20


class FileRefused(Exception):
    """A file that is not read at all; ``message`` says why and what to do (the caller names the file)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _refuse_unless_regular(mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise FileRefused(_("a folder, not a file; rename or move the folder"))
    if not stat.S_ISREG(mode):
        raise FileRefused(_("not a regular file (a named pipe, socket or device); remove it from this folder"))


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of ``path`` if it is a regular file (or a link to one) of at most ``limit`` bytes.

    The type is checked before opening, so a device is never opened, and again on the opened
    file, so a name swapped in between is caught too; the open is non-blocking, so a named
    pipe cannot hang us. At most ``limit + 1`` bytes are ever read.
    """
    try:
        _refuse_unless_regular(os.stat(path).st_mode)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise FileRefused(_("cannot read the file ({reason}); check it exists and is readable").format(reason=exc.strerror)) from None
    try:
        _refuse_unless_regular(os.fstat(fd).st_mode)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise FileRefused(_("cannot read the file ({reason}); check it is readable").format(reason=exc.strerror)) from None
    finally:
        os.close(fd)
    if size > limit:
        raise FileRefused(_("larger than {size} MB; this is not a course file, remove it or split it").format(size=f"{limit / 1_000_000:g}"))
    return b"".join(chunks)


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write via a temporary file in the same folder and rename it into place."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise RelcourseError(_("{folder}: cannot write here ({reason}); check the folder is writable").format(
            folder=path.parent, reason=exc.strerror)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content.encode("utf-8") if isinstance(content, str) else content)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:  # a full disk or a lost mount: the old file (if any) is untouched
        Path(tmp).unlink(missing_ok=True)
        raise RelcourseError(_("{path}: cannot write it ({reason}); free some space or check the folder, "
                               "then run again (files already written are complete)").format(path=path, reason=exc.strerror)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
