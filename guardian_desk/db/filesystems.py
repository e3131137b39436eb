"""Is a folder on a network share? SQLite's locking (and WAL's shared memory) is unsafe there.

SMB and NFS clients do not implement the byte-range locks and the memory-mapped -shm file that
SQLite's WAL mode relies on, so two PCs writing the same file can corrupt it. The check is
conservative: only file systems that are network protocols by name are refused; local,
FUSE-local and virtual-machine file systems (9p, virtiofs, vboxsf) are let through.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path, PurePath

from guardian_desk.domain.errors import DatabaseRefused
from guardian_desk.i18n import _

# File system types (as Linux and macOS name them) that are network shares.
NETWORK_TYPES = frozenset(
    {
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "nfs",
        "nfs4",
        "ncpfs",
        "afs",
        "afpfs",
        "webdav",
        "davfs",
        "fuse.davfs2",
        "fuse.sshfs",
        "sshfs",
        "fuse.rclone",
    }
)
DRIVE_REMOTE = 4  # GetDriveTypeW: a mapped network drive


def is_network_type(fstype: str) -> bool:
    return fstype.strip().lower() in NETWORK_TYPES


def _unescape(field: str) -> str:
    """Mount points in /proc are octal-escaped: a space is \\040, a tab \\011."""
    out, i = [], 0
    while i < len(field):
        code = field[i + 1 : i + 4]
        if field[i] == "\\" and len(code) == 3 and all(c in "01234567" for c in code):
            out.append(chr(int(code, 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def _mount_points(table: str) -> list[tuple[str, str]]:
    """(mount point, fs type) pairs from /proc/self/mountinfo or /proc/mounts text."""
    found: list[tuple[str, str]] = []
    for line in table.splitlines():
        fields = line.split()
        if " - " in line and len(fields) >= 7:  # mountinfo: ... mountpoint opts [tags] - type
            left, right = line.split(" - ", 1)
            left_fields, right_fields = left.split(), right.split()
            if len(left_fields) >= 5 and right_fields:
                found.append((_unescape(left_fields[4]), right_fields[0]))
        elif len(fields) >= 3:  # mounts: source mountpoint type opts 0 0
            found.append((_unescape(fields[1]), fields[2]))
    return found


def _within(path: str, mount_point: str) -> bool:
    if mount_point == "/":
        return path.startswith("/")
    return path == mount_point or path.startswith(mount_point.rstrip("/") + "/")


def filesystem_type_linux(table: str, path: str) -> str | None:
    """The type of the longest mount point holding ``path`` (later mounts hide earlier ones)."""
    best: tuple[int, str] | None = None
    for mount_point, fstype in _mount_points(table):
        if _within(path, mount_point) and (best is None or len(mount_point) >= best[0]):
            best = (len(mount_point), fstype)
    return best[1] if best else None


def filesystem_type_macos(mount_output: str, path: str) -> str | None:
    """From `mount` output: ``//user@server/share on /Volumes/share (smbfs, nodev, ...)``."""
    best: tuple[int, str] | None = None
    for line in mount_output.splitlines():
        if " on " not in line or "(" not in line:
            continue
        rest = line.split(" on ", 1)[1]
        mount_point, _, options = rest.rpartition(" (")
        fstype = options.split(",", 1)[0].strip(" )")
        if _within(path, mount_point) and (best is None or len(mount_point) >= best[0]):
            best = (len(mount_point), fstype)
    return best[1] if best else None


def _existing(folder: Path) -> Path:
    """The folder itself or, for one not made yet, its nearest existing parent (resolved)."""
    folder = Path(os.path.abspath(folder))
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    return folder.resolve()


def _windows_network(folder: PurePath) -> str | None:
    text = str(folder)
    if text.startswith(("\\\\", "//")) and not text.startswith(("\\\\?\\", "\\\\.\\")):
        return _("network share")
    if text.startswith("\\\\?\\UNC\\"):
        return _("network share")
    drive = folder.drive
    if not drive:
        return None
    import ctypes

    kind = ctypes.windll.kernel32.GetDriveTypeW(f"{drive}\\")  # type: ignore[attr-defined]
    return _("mapped network drive") if kind == DRIVE_REMOTE else None


def _linux_mount_table() -> str:
    for table_file in ("/proc/self/mountinfo", "/proc/mounts"):
        try:
            return Path(table_file).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
    return ""


def network_filesystem(folder: Path) -> str | None:
    """The network file system ``folder`` is on ("nfs4", "cifs"), or None when local/unknown."""
    if sys.platform == "win32":
        return _windows_network(Path(os.path.abspath(folder)))
    where = str(_existing(folder))
    if sys.platform.startswith("linux"):
        table = _linux_mount_table()
        fstype = filesystem_type_linux(table, where) if table else None
        return fstype if fstype and is_network_type(fstype) else None
    if sys.platform == "darwin":
        try:
            output = subprocess.run(
                ["/sbin/mount"], capture_output=True, text=True, check=False, timeout=5
            ).stdout
        except (OSError, subprocess.SubprocessError):
            return None
        fstype = filesystem_type_macos(output, where)
        return fstype if fstype and is_network_type(fstype) else None
    return None


def refuse_network_share(database: Path) -> None:
    """Raise DatabaseRefused when the SQLite file's folder is on a network share."""
    kind = network_filesystem(Path(database).parent)
    if kind is not None:
        raise DatabaseRefused(
            # TRANSLATORS: {file} is the database's path; {kind} the kind of share (nfs4, cifs,
            # network share).
            _(
                "{file} is on a network share ({kind}); SQLite cannot lock files safely "
                "there. Keep the database on this PC, or use a shared PostgreSQL server "
                "(--db postgresql+psycopg://...)"
            ).format(file=database, kind=kind)
        )
