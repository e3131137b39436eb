"""One error boundary for the command line and the app: what went wrong, in one line.

Everyday faults (a missing file, a read-only folder, a full disk, a locked or unreachable
database) become one sentence an officer can act on: what happened, to which file, what to do.
A database error's own text is never shown or logged: SQLAlchemy puts the statement's
parameters (children's names among them) into it. Anything else is a bug: the officer gets one
line, and the log gets the code locations only (``redacted_traceback``), never a message.
"""

from __future__ import annotations

import errno
import faulthandler
import logging
import sys
import threading
import traceback
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from guardian_desk.domain.errors import GuardianDeskError, ValidationErrors
from guardian_desk.i18n import N_, _
from guardian_desk.private_files import make_private

log = logging.getLogger("guardian_desk.faults")


@dataclass(frozen=True)
class Fault:
    message: str  # one line for the officer, with no database text in it
    expected: bool  # an everyday fault (file, disk, lock, rule), not a bug in the app


def _file(exc: OSError) -> str:
    name = exc.filename if exc.filename is not None else exc.filename2
    # TRANSLATORS: stands for {file} in the messages below when the system names no file.
    return str(name) if name is not None else _("the file")


_OS_MESSAGES = {
    errno.ENOENT: N_("{file}: no such file or folder. Check the name and try again."),
    errno.EACCES: N_(
        "{file}: permission denied. Choose a place you may write to, or ask IT for access."
    ),
    errno.EPERM: N_(
        "{file}: the operating system does not allow this. Choose another place, or "
        "ask IT for access."
    ),
    errno.EROFS: N_("{file} is on a read-only drive. Choose a writable drive or folder."),
    errno.ENOSPC: N_(
        "The disk holding {file} is full. Free some space and try again; nothing was saved."
    ),
    errno.EDQUOT: N_(
        "Your disk quota is used up where {file} is. Free some space and try "
        "again; nothing was saved."
    ),
    errno.EISDIR: N_("{file} is a folder; give a file name."),
    errno.ENOTDIR: N_("{file}: part of this path is a file, not a folder."),
    errno.EIO: N_(
        "The disk holding {file} reported a read or write error; it may be failing. "
        "Copy your backups elsewhere and ask IT."
    ),
    errno.ENAMETOOLONG: N_("{file}: the name is too long for this disk."),
    errno.EEXIST: N_("{file} already exists; choose a new name."),
}


def explain_os_error(exc: OSError) -> str:
    template = _OS_MESSAGES.get(exc.errno or 0)
    if template is None:
        # TRANSLATORS: {file} is a file's path; {reason} is the operating system's own words.
        return _("{file}: {reason}.").format(
            file=_file(exc), reason=exc.strerror or _("the operating system refused")
        )
    return _(template).format(file=_file(exc))


# SQLite's extended result names (sqlite3 exceptions carry them) by their family.
_SQLITE_MESSAGES = {
    "SQLITE_FULL": N_(
        "The disk holding the database {db} is full. Free some space and try "
        "again; nothing was saved."
    ),
    "SQLITE_READONLY": N_(
        "The database {db} cannot be written: the file, its folder or its "
        "drive is read-only. Ask IT to make it writable, or open a copy elsewhere."
    ),
    "SQLITE_CANTOPEN": N_(
        "The database {db} cannot be opened: its folder does not exist or may not be written to."
    ),
    "SQLITE_CORRUPT": N_(
        "The database {db} is damaged. Restore the latest backup (guardian-desk db restore FILE)."
    ),
    "SQLITE_NOTADB": N_("{db} is not a database file (or it is encrypted with another key)."),
    "SQLITE_IOERR": N_(
        "The disk holding the database {db} reported a read or write error; "
        "nothing was saved. Check the disk has space and is still connected."
    ),
    "SQLITE_BUSY": N_(
        "The database {db} is busy with another program's change. Try again in a moment."
    ),
    "SQLITE_LOCKED": N_(
        "The database {db} is busy with another program's change. Try again in a moment."
    ),
    "SQLITE_CONSTRAINT": N_(
        "The database refused the change: it would break one of the "
        "records' rules. Nothing was saved."
    ),
    "SQLITE_PERM": N_("The database {db} may not be written to (permission denied)."),
}

# PostgreSQL SQLSTATE classes and codes.
_PG_MESSAGES = {
    "08": N_(
        "The database server {db} cannot be reached. Check the network and that the "
        "server is running, then try again."
    ),
    "28": N_("The database server {db} refused the user name or password."),
    "53": N_(
        "The database server {db} is out of disk space or memory. Nothing was saved; "
        "tell the server's administrator."
    ),
    "57": N_("The database server {db} was shut down or restarted. Try again in a moment."),
    "40": N_("Another officer's change collided with yours; nothing was saved. Try again."),
    "23": N_(
        "The database refused the change: it would break one of the records' rules. "
        "Nothing was saved."
    ),
    "25006": N_(
        "The database server {db} is read-only just now (a standby or maintenance). "
        "Nothing was saved."
    ),
    "42501": N_("Your database account on {db} may not do this. Ask the server's administrator."),
}


def _database_driver_error(exc: BaseException) -> BaseException | None:
    """The DBAPI exception behind a SQLAlchemy error, or the exception itself if it is one."""
    original = getattr(exc, "orig", None)
    candidate = original if isinstance(original, BaseException) else exc
    module = type(candidate).__module__
    if module.startswith(("sqlite3", "psycopg", "pysqlcipher", "sqlcipher3")):
        return candidate
    return None


def explain_database_error(exc: BaseException, database: str = "") -> str | None:
    driver = _database_driver_error(exc)
    if driver is None:
        return None
    db = database or _("(the office database)")
    name = getattr(driver, "sqlite_errorname", None)
    if isinstance(name, str):
        for family, template in _SQLITE_MESSAGES.items():
            if name == family or name.startswith(family + "_"):
                return _(template).format(db=db)
        # TRANSLATORS: {db} names the database; {code} is SQLite's error name (SQLITE_...).
        return _("The database {db} refused the operation ({code}); nothing was saved.").format(
            db=db, code=name
        )
    state = getattr(driver, "sqlstate", None) or ""
    for key in (state, state[:2]):
        if key in _PG_MESSAGES:
            return _(_PG_MESSAGES[key]).format(db=db)
    if type(driver).__name__ in ("OperationalError", "InterfaceError"):
        return _(_PG_MESSAGES["08"]).format(db=db)
    if state:
        # TRANSLATORS: {db} names the database server; {code} is PostgreSQL's SQLSTATE code.
        return _(
            "The database {db} refused the operation (code {code}); nothing was saved."
        ).format(db=db, code=state)
    return _("The database {db} refused the operation; nothing was saved.").format(db=db)


def explain(exc: BaseException, *, database: str = "") -> Fault:
    """The one line an officer reads for ``exc``; ``database`` names the database in it."""
    if isinstance(exc, ValidationErrors):
        return Fault("; ".join(str(e) for e in exc.errors), True)
    if isinstance(exc, GuardianDeskError):
        return Fault(str(exc), True)
    from_database = explain_database_error(exc, database)
    if from_database is not None:
        return Fault(from_database, True)
    if isinstance(exc, OSError):
        return Fault(explain_os_error(exc), True)
    if isinstance(exc, MemoryError):
        return Fault(
            _(
                "The computer ran out of memory; nothing was saved. Close other programs and "
                "try again."
            ),
            True,
        )
    return Fault(
        # TRANSLATORS: {kind} is the programmer's name of the error (such as KeyError).
        _(
            "Guardian Desk hit an unexpected problem ({kind}); the action did not finish. Your "
            "saved records are safe. The report in the log holds no personal data."
        ).format(kind=type(exc).__name__),
        False,
    )


def redacted_traceback(
    exc_type: type[BaseException], tb: TracebackType | None, exc: BaseException | None = None
) -> str:
    """Where it failed: file, line and function of every frame, and the exception's type.

    Messages and source lines are left out: they may quote names or SQL parameters. Chained
    causes (``raise ... from``) are listed the same way.
    """
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    current_type, current_tb = exc_type, tb
    while True:
        frames = "".join(
            f"  {frame.filename}:{frame.lineno} in {frame.name}\n"
            for frame in traceback.extract_tb(current_tb)
        )
        parts.append(f"{frames}{current_type.__module__}.{current_type.__qualname__}")
        if current is None:
            break
        seen.add(id(current))
        cause = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
        if cause is None or id(cause) in seen:
            break
        current, current_type, current_tb = cause, type(cause), cause.__traceback__
    return "\n-- caused by --\n".join(reversed(parts))


_crash_file: IO[str] | None = None


def install_crash_traces(folder: Path) -> Path | None:
    """A hard crash (segfault, abort) leaves a trace in ``folder``/crash.log, and an exception
    in a background thread is logged by code location; neither carries personal data."""
    global _crash_file
    path = folder / "crash.log"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if _crash_file is None:
            _crash_file = path.open("a", encoding="utf-8")
            make_private(path)  # owner only (issue 11)
            faulthandler.enable(file=_crash_file, all_threads=True)
    except OSError:
        log.warning("crash traces cannot be written to the log folder")
        return None

    def thread_hook(args: Any) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else "?"
        log.error(
            "unexpected error in thread %s:\n%s",
            name,
            redacted_traceback(args.exc_type, args.exc_traceback, args.exc_value),
        )

    threading.excepthook = thread_hook
    return path


def error_line(message: str) -> str:
    """The command line's one line for a refusal or a fault: "error: ..." in the language."""
    # TRANSLATORS: the command line's prefix for a refusal; {message} says what went wrong.
    return _("error: {message}").format(message=message)


def report_to_stderr(exc: BaseException, *, database: str = "") -> int:
    """The command line's boundary: one line on stderr, the locations in the log, status 1."""
    fault = explain(exc, database=database)
    if not fault.expected:
        log.error("unexpected error:\n%s", redacted_traceback(type(exc), exc.__traceback__, exc))
    print(error_line(fault.message), file=sys.stderr)
    return 1
