"""Journal mode by filesystem: rollback on network folders, WAL on local disk, from a simulated mount table."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from relcourse.cli import main
from relcourse.errors import RelcourseError
from relcourse.store.journal import Journal
from relcourse.store.mounts import choose_journal_mode, mount_of, read_mounts


def mountinfo(tmp_path: Path, *mounts: tuple[str, str]) -> Path:
    """A mount table in /proc/self/mountinfo format: (mount point, filesystem type) pairs."""
    lines = [f"{20 + n} 1 0:{n} / {point.replace(' ', chr(92) + '040')} rw,relatime shared:{n} - {fstype} src{n} rw"
             for n, (point, fstype) in enumerate(mounts)]
    table = tmp_path / "mountinfo"
    table.write_text("\n".join(lines) + "\n")
    return table


def test_longest_mount_point_wins(tmp_path: Path) -> None:
    table = mountinfo(tmp_path, ("/", "ext4"), ("/home", "nfs4"), ("/home/alice/local", "ext4"), ("/srv/my share", "cifs"))
    mounts = read_mounts(table)
    assert [m.point for m in mounts] == ["/", "/home", "/home/alice/local", "/srv/my share"]
    assert mount_of(Path("/home/alice/course"), mounts) == mounts[1]
    assert mount_of(Path("/home/alice/local/x"), mounts) == mounts[2]
    assert mount_of(Path("/homework"), mounts) == mounts[0]  # a prefix of the name is not a parent folder
    assert mount_of(Path("/srv/my share/j"), mounts) == mounts[3]


def test_proc_mounts_format_is_read_too(tmp_path: Path) -> None:
    table = tmp_path / "mounts"
    table.write_text("/dev/sda1 / ext4 rw 0 0\nserver:/export /home nfs rw,vers=3 0 0\n")
    assert choose_journal_mode(Path("/home/bob"), table).mode == "delete"
    assert choose_journal_mode(Path("/tmp"), table).mode == "wal"


@pytest.mark.parametrize("fstype", ["nfs", "nfs4", "cifs", "smb3", "fuse.sshfs", "9p"])
def test_network_folders_get_a_rollback_journal(fstype: str, tmp_path: Path) -> None:
    table = mountinfo(tmp_path, ("/", "ext4"), (str(tmp_path), fstype))
    path = tmp_path / "journal.sqlite"
    with Journal(path, mount_table=table) as journal:
        journal.add_entry("m", "t", {"n": 1})
        assert journal.mode.mode == "delete" and fstype in journal.mode.reason
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_store_moved_to_a_network_folder_leaves_wal(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite"
    local = mountinfo(tmp_path, ("/", "ext4"))
    with Journal(path, mount_table=local) as journal:
        journal.add_entry("m", "t", {"n": 1})
        assert journal.mode.mode == "wal"
    network = mountinfo(tmp_path, ("/", "ext4"), (str(tmp_path), "nfs"))
    with Journal(path, mount_table=network) as journal:
        assert journal.mode.mode == "delete" and len(journal.entries()) == 1
    assert not Path(f"{path}-wal").exists()


def test_environment_overrides_and_bad_values_are_clear(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    table = mountinfo(tmp_path, ("/", "nfs"))
    monkeypatch.setenv("RELCOURSE_JOURNAL_MODE", "WAL")
    assert choose_journal_mode(tmp_path, table).mode == "wal"
    monkeypatch.setenv("RELCOURSE_JOURNAL_MODE", "memory")
    with pytest.raises(RelcourseError, match="RELCOURSE_JOURNAL_MODE='memory' is not a journal mode"):
        choose_journal_mode(tmp_path, table)


def test_unreadable_mount_table_means_local(tmp_path: Path) -> None:
    assert choose_journal_mode(tmp_path, tmp_path / "missing").mode == "wal"


def test_journal_info_says_where_and_why(private_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("relcourse.store.mounts.MOUNT_TABLE", mountinfo(tmp_path, ("/", "ext4"), (str(private_home), "nfs4")))
    with Journal() as journal:
        journal.save_reflection("m", "p", "SENTINEL-info-words")
    assert main(["journal", "info"]) == 0
    out = capsys.readouterr().out
    assert f"store: {private_home / 'journal.sqlite'}" in out
    assert "journal mode: delete (network nfs4 filesystem" in out and "read and write" in out
    assert "SENTINEL" not in out
