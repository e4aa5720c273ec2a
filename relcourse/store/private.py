"""Files that hold a learner's words: created 0600, never written through a symlink, read with limits.

A new file is made with ``O_CREAT | O_EXCL`` (a symlink planted at the temporary name makes the
open fail) and renamed over the target, so an existing file's looser mode or its link target
is never reused. Store files that are already there are checked and tightened in place.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from relcourse.errors import RelcourseError
from relcourse.files import FileRefused, read_regular_file
from relcourse.i18n import _

PRIVATE_MODE = 0o600
STORE_COMPANIONS = ("", "-wal", "-shm", "-journal")


def _reason(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return _("the disk is full; free some space and try again")
    if exc.errno == errno.EROFS:
        return _("the folder is on read-only media; choose a writable folder")
    return _("{reason}; choose a writable folder").format(reason=exc.strerror or exc)


def write_private(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` readable by its owner only; on failure the old file is untouched."""
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise RelcourseError(_("{path}: is a link or not a plain file; choose another file name (nothing was written)").format(path=path))
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")  # O_EXCL, 0600
    except OSError as exc:
        raise RelcourseError(_("{path}: cannot write ({reason})").format(path=path, reason=_reason(exc))) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), PRIVATE_MODE)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)  # rename replaces the name, never follows a link at it
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise RelcourseError(_("{path}: cannot write ({reason}); nothing was changed").format(path=path, reason=_reason(exc))) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (no pipes, devices or folders: the
    project's one bounded reader, :func:`relcourse.files.read_regular_file`), with the import's words."""
    try:
        if os.stat(path).st_size > limit:
            raise RelcourseError(_too_large(path, limit))
        return read_regular_file(path, limit)
    except FileRefused as refused:
        raise RelcourseError(f"{path}: {refused.message}") from None
    except OSError as exc:
        raise RelcourseError(_("{path}: cannot read the file ({reason})").format(path=path, reason=exc.strerror)) from None


def _too_large(path: Path, limit: int) -> str:
    return _("{path}: the file is larger than {size} MB; split it or check it is a journal export").format(path=path, size=limit // 2**20)


def secure_store_files(path: Path) -> None:
    """Make the store and its journal files 0600; refuse links, folders and other users' files."""
    for suffix in STORE_COMPANIONS:
        name = Path(f"{path}{suffix}")
        try:
            fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except FileNotFoundError:
            continue
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise RelcourseError(_("{path}: is a symbolic link; the journal must be a plain file (move the link away)").format(path=name)) from None
            if exc.errno == errno.EACCES:
                continue  # unreadable by us: SQLite reports it when opening
            raise RelcourseError(_("{path}: cannot open ({reason})").format(path=name, reason=exc.strerror)) from None
        try:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                raise RelcourseError(_("{path}: is a folder, not a journal file; move it away or set RELCOURSE_HOME to another folder").format(
                    path=name))
            if not stat.S_ISREG(info.st_mode):
                raise RelcourseError(_("{path}: is not a plain file; move it away or set RELCOURSE_HOME to another folder").format(path=name))
            if info.st_uid != os.geteuid():
                raise RelcourseError(_("{path}: belongs to another user; the journal must be your own file (it was not changed)").format(path=name))
            if stat.S_IMODE(info.st_mode) & 0o077:
                try:
                    os.fchmod(fd, PRIVATE_MODE)
                except OSError as exc:
                    if exc.errno != errno.EROFS:  # read-only media: nothing can be changed, opened read-only
                        raise RelcourseError(_("{path}: others can read it and it cannot be made private ({reason})").format(
                            path=name, reason=exc.strerror)) from None
        finally:
            os.close(fd)
