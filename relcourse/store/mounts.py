"""Which SQLite journal mode the store uses, and why: WAL on local disk, rollback on network folders.

WAL needs shared memory that every process sees, which NFS, SMB and FUSE folders do not give:
two notebooks writing there can corrupt the store. Hosted hubs keep home folders on such
filesystems, so the store looks at the mount table and uses a rollback journal there.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from relcourse.errors import RelcourseError
from relcourse.i18n import _

MOUNT_TABLE = Path("/proc/self/mountinfo")
ENV_MODE = "RELCOURSE_JOURNAL_MODE"

#: filesystem types where SQLite's WAL is unsafe (shared memory is not shared between machines)
NETWORK_FILESYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "9p", "afs", "ceph", "glusterfs", "lustre", "gpfs",
    "beegfs", "orangefs", "davfs", "sshfs", "fuse.sshfs", "fuse.glusterfs", "fuse.s3fs", "fuse.rclone",
    "fuse.gcsfuse", "fuse.davfs2", "fuse.ceph", "fuse.cephfs", "fuse.juicefs",
})
#: modes a learner or admin may choose with RELCOURSE_JOURNAL_MODE
JOURNAL_MODES = ("wal", "delete", "truncate")


@dataclass(frozen=True)
class Mount:
    point: str
    fstype: str


@dataclass(frozen=True)
class JournalMode:
    """The mode to use at a store path and the reason, as shown by ``relcourse journal info``."""

    mode: str
    reason: str

    @property
    def network(self) -> bool:
        return self.mode != "wal"


def _unescape(field: str) -> str:
    """Mount points escape space, tab, newline and backslash as octal (``\\040``)."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def read_mounts(table: Path | None = None) -> list[Mount]:
    """Mounts from ``/proc/self/mountinfo`` or ``/proc/mounts`` format; [] when unreadable."""
    try:
        text = (table or MOUNT_TABLE).read_text("utf-8", errors="replace")
    except OSError:
        return []
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if " - " in line and len(fields) >= 7:  # mountinfo: id parent dev root POINT opts … - TYPE source
            mounts.append(Mount(_unescape(fields[4]), fields[fields.index("-") + 1]))
        elif len(fields) >= 3:  # /proc/mounts: source POINT TYPE opts
            mounts.append(Mount(_unescape(fields[1]), fields[2]))
    return mounts


def mount_of(path: Path, mounts: list[Mount]) -> Mount | None:
    """The mount holding ``path``: the longest mount point that is a prefix of it."""
    target = os.path.realpath(path)
    best: Mount | None = None
    for mount in mounts:
        point = mount.point.rstrip("/") or "/"
        inside = target == point or target.startswith(point if point == "/" else point + "/")
        if inside and (best is None or len(point) >= len(best.point.rstrip("/") or "/")):
            best = mount  # later entries over-mount earlier ones at the same point
    return best


def choose_journal_mode(folder: Path, table: Path | None = None) -> JournalMode:
    """RELCOURSE_JOURNAL_MODE if set; else rollback ("delete") on a network filesystem, WAL elsewhere."""
    chosen = os.environ.get(ENV_MODE, "").strip().lower()
    if chosen:
        if chosen not in JOURNAL_MODES:
            raise RelcourseError(_("{setting} is not a journal mode; use one of {modes}").format(
                setting=f"{ENV_MODE}={chosen[:20]!r}", modes=", ".join(JOURNAL_MODES)))
        return JournalMode(chosen, _("set by {variable}").format(variable=ENV_MODE))
    mount = mount_of(folder, read_mounts(table))
    if mount is None:
        return JournalMode("wal", _("the mount table could not be read; assuming a local disk"))
    if mount.fstype.lower() in NETWORK_FILESYSTEMS:
        return JournalMode("delete", _("network {type} filesystem mounted at {point}: WAL is unsafe there, so a rollback journal "
                                       "is used (set RELCOURSE_HOME to a local folder for WAL)").format(type=mount.fstype, point=mount.point))
    return JournalMode("wal", _("local {type} filesystem mounted at {point}").format(type=mount.fstype, point=mount.point))
