"""Who holds the database lock another officer is waiting for.

SQLite does not say who holds its write lock, but the kernel does: on Linux the POSIX locks
SQLite takes on the database file and its -shm file are listed in /proc/locks with the process
id. PostgreSQL names every session (application_name "guardian-desk <account>@<PC>", set by
make_engine), so pg_stat_activity tells which officer's transaction is open. Elsewhere the
answer is honest: "another program". Nothing here names a child or reads a record.
"""

from __future__ import annotations

import os
import pwd
from pathlib import Path
from typing import Any

from guardian_desk.i18n import _

_PROC_LOCKS = Path("/proc/locks")


def _file_ids(path: Path) -> set[tuple[int, int, int]]:
    """(major, minor, inode) of the database and its -shm file: how /proc/locks names them."""
    ids = set()
    for candidate in (path, path.with_name(path.name + "-shm")):
        try:
            st = candidate.stat()
        except OSError:
            continue
        ids.add((os.major(st.st_dev), os.minor(st.st_dev), st.st_ino))
    return ids


def parse_proc_locks(text: str, files: set[tuple[int, int, int]]) -> list[int]:
    """Process ids holding a lock on one of ``files``, in the order the kernel lists them."""
    pids: list[int] = []
    for line in text.splitlines():
        fields = line.split()
        if "->" in fields:  # a waiter ("1: -> POSIX ..."), not a holder
            continue
        try:
            pid = int(fields[4])
            major, minor, inode = fields[5].split(":")
            key = (int(major, 16), int(minor, 16), int(inode))
        except (IndexError, ValueError):
            continue
        if key in files and pid not in pids:
            pids.append(pid)
    return pids


def _describe_process(pid: int) -> str:
    proc = Path(f"/proc/{pid}")
    try:
        name = (proc / "comm").read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        name = _("a program")
    try:
        user = pwd.getpwuid(proc.stat().st_uid).pw_name
    except (OSError, KeyError):
        # TRANSLATORS: {program} is a program's name, {pid} its process number.
        return _("{program} (process {pid})").format(program=name, pid=pid)
    # TRANSLATORS: {program} is a program's name, {pid} its process number, {user} a user name.
    return _("{program} (process {pid}, user {user})").format(program=name, pid=pid, user=user)


def sqlite_lock_holders(path: str | Path) -> list[str]:
    """Other processes locking the SQLite file, described; empty where the OS cannot say."""
    try:
        text = _PROC_LOCKS.read_text(encoding="ascii", errors="replace")
    except OSError:
        return []
    own = os.getpid()
    pids = parse_proc_locks(text, _file_ids(Path(path)))
    return [_describe_process(pid) for pid in pids if pid != own]


POSTGRES_HOLDERS_SQL = """
SELECT coalesce(nullif(application_name, ''), usename) AS who,
       host(client_addr) AS address,
       extract(epoch FROM now() - xact_start)::int AS seconds
FROM pg_stat_activity
WHERE pid <> pg_backend_pid()
  AND datname = current_database()
  AND xact_start IS NOT NULL
  AND backend_type = 'client backend'
ORDER BY xact_start
LIMIT 3
"""


def postgres_lock_holders(engine: Any) -> list[str]:
    """The sessions with an open transaction on this database, oldest first."""
    from sqlalchemy import text

    try:
        with engine.connect() as connection:
            rows = connection.execute(text(POSTGRES_HOLDERS_SQL)).all()
    except Exception:  # the answer is a courtesy; the officer still gets the busy message
        return []
    # TRANSLATORS: {who} is "guardian-desk <account>@<PC>", {address} a network address;
    # {seconds} how long that session has held its transaction open.
    return [
        _("{who} from {address}, for {seconds} s").format(
            # TRANSLATORS: where a session connects from when it runs on the server itself.
            who=who,
            address=address or _("this server"),
            seconds=seconds,
        )
        for who, address, seconds in rows
    ]
