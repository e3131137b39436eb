"""A SQLite file on an SMB/NFS share is refused, pointing the office to PostgreSQL."""

from __future__ import annotations

import sys
from pathlib import Path, PureWindowsPath

import pytest

from guardian_desk.db import filesystems
from guardian_desk.db.filesystems import (
    _windows_network,
    filesystem_type_linux,
    filesystem_type_macos,
    network_filesystem,
)
from guardian_desk.db.migrate import ensure_openable, prepare_database
from guardian_desk.domain.errors import DatabaseRefused
from tests.db.data import folder_state

MOUNTINFO = r"""22 1 0:21 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
35 22 0:40 / /srv/office rw,relatime shared:12 - nfs4 fileserver:/export/office rw,vers=4.2
36 35 0:41 / /srv/office/local rw,relatime - ext4 /dev/sdb1 rw
37 22 0:42 / /mnt/Office\040Share rw,nosuid - cifs //nas/office rw,vers=3.1.1
38 22 0:43 / /home/officer/remote rw - fuse.sshfs officer@server: rw
39 22 0:44 / /mnt/wsl rw - 9p drvfs rw
"""


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/srv/office", "nfs4"),
        ("/srv/office/data/guardian-desk", "nfs4"),
        ("/srv/office/local/data", "ext4"),  # a later, longer mount point hides the share
        ("/srv/officer", "ext4"),  # a name that only starts like the mount point
        ("/mnt/Office Share/db", "cifs"),  # \040 is a space in mountinfo
        ("/home/officer/remote/x", "fuse.sshfs"),
        ("/home/officer/Documents", "ext4"),
        ("/mnt/wsl/c", "9p"),
    ],
)
def test_the_file_system_of_a_folder_is_the_longest_mount_point(path: str, expected: str) -> None:
    assert filesystem_type_linux(MOUNTINFO, path) == expected


def test_proc_mounts_format_is_read_too() -> None:
    mounts = "/dev/sda1 / ext4 rw 0 0\nnas:/office /srv/office nfs rw,vers=3 0 0\n"
    assert filesystem_type_linux(mounts, "/srv/office/db") == "nfs"
    assert filesystem_type_linux(mounts, "/var/lib") == "ext4"


def test_macos_mount_output() -> None:
    output = (
        "/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)\n"
        "//officer@nas/Office on /Volumes/Office (smbfs, nodev, nosuid, mounted by officer)\n"
    )
    assert filesystem_type_macos(output, "/Volumes/Office/db") == "smbfs"
    assert filesystem_type_macos(output, "/Users/officer") == "apfs"


def test_windows_unc_paths_are_network_shares() -> None:
    assert _windows_network(PureWindowsPath(r"\\nas\office\db")) == "network share"
    assert _windows_network(PureWindowsPath(r"\\?\UNC\nas\office\db")) == "network share"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads Linux's mount table")
def test_network_types_are_refused_and_9p_and_local_disks_are_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    where = tmp_path.resolve()
    for fstype, refused in (("nfs4", True), ("cifs", True), ("ext4", False), ("9p", False)):
        table = f"22 1 0:21 / / rw - ext4 /dev/sda1 rw\n35 22 0:40 / {where} rw - {fstype} x rw\n"
        monkeypatch.setattr(filesystems, "_linux_mount_table", lambda t=table: t)
        assert network_filesystem(tmp_path / "not-made-yet") == (fstype if refused else None)


def test_a_sqlite_database_on_a_share_is_refused_untouched(
    sqlite_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(filesystems, "network_filesystem", lambda folder: "nfs4")
    before = folder_state(tmp_path)

    with pytest.raises(DatabaseRefused) as refused:
        prepare_database(sqlite_db, backup_folder=tmp_path / "backups", daily_backup=True)
    with pytest.raises(DatabaseRefused):
        ensure_openable(f"sqlite:///{tmp_path / 'new' / 'office.sqlite3'}")

    message = str(refused.value)
    assert "office.sqlite3 is on a network share (nfs4)" in message
    assert "SQLite cannot lock files safely there" in message
    assert "postgresql+psycopg://" in message
    assert folder_state(tmp_path) == before  # no backup, no -wal, no new database


def test_a_local_folder_is_accepted(sqlite_db: str) -> None:
    assert network_filesystem(Path(sqlite_db.removeprefix("sqlite:///")).parent) is None
    ensure_openable(sqlite_db)
