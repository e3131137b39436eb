"""Files with personal data are readable by their owner only (Linux and macOS).

Everything the app writes holds children's data or traces of it: the SQLite database and its
-wal/-shm/-journal, backups, CSV exports, calendars, papers, logs and crash.log. So:

- ``keep_private()`` sets the process umask to 077 once, at the start of the command line and
  of the desktop app: every file the process creates after that is 0600 and every folder 0700,
  whichever library creates it (SQLite, the logging module, pg_dump run as a child process).
  It also tightens the app's own folders (data, logs, backups) and the files directly in them,
  which an older version or a copy by hand may have left readable by others.
- ``make_private(path)`` is the explicit chmod for a file that may already have existed with
  a wider mode (an export written over an older one) or that came through tempfile/os.replace.
- ``tighten_database(url)``: a SQLite database found with a wider mode is tightened to 0600
  when the app opens it, silently (SQLite then gives its -wal and -shm the same mode).

Windows: nothing is done. A file in the user's profile is readable by that user, the
administrators and SYSTEM only, through the folder's access control list; POSIX modes do not
exist there (os.chmod only sets the read-only flag).
"""

from __future__ import annotations

import logging
import os
import stat
import sys
from collections.abc import Iterable
from pathlib import Path

log = logging.getLogger(__name__)

FILE_MODE = 0o600
FOLDER_MODE = 0o700
PRIVATE_UMASK = 0o077
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")

POSIX = sys.platform != "win32"


def keep_private() -> None:
    """Owner-only files and folders from now on, and the app's own folders tightened.

    Called once at the start of the command line and of the desktop app. Keeps any stricter
    bits already in the umask.
    """
    if not POSIX:
        return
    previous = os.umask(PRIVATE_UMASK)
    os.umask(previous | PRIVATE_UMASK)
    from guardian_desk.paths import backup_dir, data_dir, log_dir

    for folder_of in (data_dir, log_dir, backup_dir):
        try:
            tighten_folder(folder_of())
        except OSError:  # a read-only or foreign folder: the open that follows says why
            log.warning("could not make one of the app's folders private")


def _tighten(path: Path, mode: int) -> None:
    """chmod to ``mode`` if the item is ours and wider; symbolic links are not followed."""
    info = path.lstat()
    if stat.S_ISLNK(info.st_mode) or info.st_uid != os.getuid():
        return
    if stat.S_IMODE(info.st_mode) & ~mode:
        os.chmod(path, stat.S_IMODE(info.st_mode) & mode)


def make_private(path: Path) -> None:
    """The file is readable and writable by its owner only (no-op on Windows)."""
    if POSIX:
        os.chmod(path, FILE_MODE)


def make_private_all(paths: Iterable[Path]) -> None:
    for path in paths:
        make_private(path)


def refuse_special_file(path: Path) -> None:
    """A file the officer names must be a file: writing "over" a device, a pipe or a folder
    would replace it (as root) or hang. Refused by name before anything is written."""
    from guardian_desk.domain.errors import ValidationError
    from guardian_desk.i18n import _

    target = Path(path)
    if target.exists() and not target.is_file():
        if target.is_dir():
            # TRANSLATORS: a phrase about a file name the officer gave ("'x' is a folder; ...").
            problem = _("is a folder; choose a file name")
        else:
            # TRANSLATORS: a phrase about a file name the officer gave.
            problem = _("is not a regular file (a device or a pipe); choose a file name")
        raise ValidationError("file", str(target), problem)


def write_private_bytes(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` as an owner-only file, also over an existing wider one.

    The mode is set before the first byte is written, so the new content is never readable
    by others, not even for a moment.
    """
    refuse_special_file(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, FILE_MODE)
    with os.fdopen(fd, "wb") as f:
        if POSIX:
            os.fchmod(f.fileno(), FILE_MODE)
        f.write(content)


def private_folder(folder: Path) -> Path:
    """Create ``folder`` (and missing parents) as 0700; an existing one is left as it is.

    For folders the officer chose (an export folder): its mode is theirs to decide.
    """
    folder = Path(folder)
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        if POSIX:
            os.chmod(folder, FOLDER_MODE)
    return folder


def tighten_folder(folder: Path) -> None:
    """The app's own folder 0700 and the regular files directly in it 0600."""
    if not POSIX or not folder.is_dir():
        return
    _tighten(folder, FOLDER_MODE)
    for item in folder.iterdir():
        if item.is_file() and not item.is_symlink():
            try:
                _tighten(item, FILE_MODE)
            except OSError:
                log.warning("could not make a file in the app's folders private")


def tighten_database(url: str) -> None:
    """A SQLite database (and its side files) found readable by others becomes 0600.

    Said nothing about: the officer cannot act on it, and the wider mode was never wanted.
    PostgreSQL is the server's business.
    """
    if not POSIX:
        return
    from guardian_desk.db.engine import sqlite_path

    path = sqlite_path(url)
    if path is None:
        return
    main = Path(path)
    for candidate in (main, *(main.with_name(main.name + s) for s in SQLITE_SIDE_FILES)):
        try:
            _tighten(candidate, FILE_MODE)
        except FileNotFoundError:
            continue
        except OSError:
            log.warning("could not make the database file private")
