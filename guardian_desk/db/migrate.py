"""Opening a database safely: recognise it, refuse what is not ours, back up, then upgrade.

Nothing here writes to a database it refuses: a foreign file or one from a newer version of
the app is inspected read-only and left byte for byte as it was.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect as sa_inspect
from sqlalchemy import text
from sqlalchemy.pool import NullPool

from guardian_desk.db.backup import backup_database
from guardian_desk.db.engine import describe, make_engine, sqlite_path
from guardian_desk.db.filesystems import refuse_network_share
from guardian_desk.db.revisions import read_revisions
from guardian_desk.db.writable import refuse_unwritable
from guardian_desk.domain.errors import DatabaseRefused
from guardian_desk.i18n import _, ngettext
from guardian_desk.paths import migrations_dir
from guardian_desk.private_files import tighten_database
from guardian_desk.security.encrypted_files import SQLITE_MAGIC as SQLITE_MAGIC

if TYPE_CHECKING:  # Alembic loads only to upgrade (0.3 s on the way to the first screen)
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from sqlalchemy import Engine

log = logging.getLogger(__name__)

# Tables whose presence (with alembic_version) marks a Guardian Desk database.
OUR_MARKER_TABLES = {"children", "guardians", "office_settings"}


class DatabaseState(StrEnum):
    EMPTY = "empty"  # nothing there yet: will be created
    CURRENT = "current"
    OUTDATED = "outdated"  # ours, written by an older version: will be upgraded
    NEWER = "newer"  # ours, written by a newer version: refused
    FOREIGN = "foreign"  # not a Guardian Desk database: refused


@dataclass(frozen=True)
class DatabaseStatus:
    url: str
    state: DatabaseState
    revision: str | None
    head: str
    detail: str = ""

    @property
    def where(self) -> str:
        return describe(self.url)


def alembic_config(url: str) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def _script() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(migrations_dir()))


def head_revision() -> str:
    read = read_revisions(migrations_dir())
    if read is not None:
        return read.head
    head = _script().get_current_head()
    assert head is not None, "the migrations folder has no revisions"
    return head


def _known_revisions() -> set[str]:
    read = read_revisions(migrations_dir())
    if read is not None:
        return set(read.known)
    return {rev.revision for rev in _script().walk_revisions()}


def is_known_revision(revision: str) -> bool:
    """A schema version this app's migrations know (the head or an older one)."""
    return revision in _known_revisions()


def _classify(tables: set[str], revision: str | None, url: str) -> DatabaseStatus:
    head = head_revision()
    if not tables:
        return DatabaseStatus(url, DatabaseState.EMPTY, None, head)
    if "alembic_version" not in tables or not tables >= OUR_MARKER_TABLES:
        shown = ", ".join(sorted(tables)[:5])
        # TRANSLATORS: why a file is not a Guardian Desk database; {tables} lists table names.
        detail = _("it holds tables of another program ({tables})").format(tables=shown)
        return DatabaseStatus(url, DatabaseState.FOREIGN, None, head, detail)
    if revision is None:
        return DatabaseStatus(url, DatabaseState.FOREIGN, None, head, _("it has no schema version"))
    if revision not in _known_revisions():
        return DatabaseStatus(
            url,
            DatabaseState.NEWER,
            revision,
            head,
            # TRANSLATORS: {revision} and {schema} are schema revisions (codes).
            _("its schema version {revision} is newer than this app knows ({schema})").format(
                revision=revision, schema=head
            ),
        )
    state = DatabaseState.CURRENT if revision == head else DatabaseState.OUTDATED
    return DatabaseStatus(url, state, revision, head)


def _inspect_encrypted_file(url: str, path: Path, key: bytes | None) -> DatabaseStatus:
    """An encrypted file (SQLCipher): read it read-only with the key from sign-in."""
    from guardian_desk.db.cipher import cipher_connect, cipher_module

    if key is None:
        raise DatabaseRefused(
            _(
                "The database {db} is encrypted: sign in with an account "
                "(or set GUARDIAN_DESK_USER and GUARDIAN_DESK_PASSWORD) to open it."
            ).format(db=describe(url))
        )
    try:
        connection = cipher_connect(f"{path.as_uri()}?mode=ro", key, uri=True)
        try:
            tables = {
                str(row[0])
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            revision = None
            if "alembic_version" in tables:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            connection.close()
    except cipher_module().DatabaseError:
        raise DatabaseRefused(
            _(
                "The database {db} cannot be opened with this account's key; "
                "its key slots file may belong to another database."
            ).format(db=describe(url))
        ) from None
    tables.discard("sqlite_sequence")
    return _classify(tables, revision, url)


def _inspect_sqlite_file(url: str, path: Path, key: bytes | None = None) -> DatabaseStatus:
    head = head_revision()
    if not path.exists() or path.stat().st_size == 0:
        return DatabaseStatus(url, DatabaseState.EMPTY, None, head)
    if path.is_dir():
        return DatabaseStatus(url, DatabaseState.FOREIGN, None, head, _("it is a folder"))
    with path.open("rb") as handle:
        header = handle.read(100)
    if not header.startswith(SQLITE_MAGIC):
        from guardian_desk.security.encrypted_files import is_encrypted

        if is_encrypted(path):
            return _inspect_encrypted_file(url, path, key)
        return DatabaseStatus(
            url, DatabaseState.FOREIGN, None, head, _("it is not a SQLite database file")
        )
    # Read-only: a file we end up refusing must not change by a single byte. A WAL-mode file
    # (header bytes 18-19 = 2) opened read-only still gets -wal and -shm files created beside
    # it, and left there; with no -wal present everything is in the main file, so it is read
    # as immutable, which creates nothing. (A -wal present means a writer or a crash: read it.)
    in_wal_mode = header[18:20] == b"\x02\x02"
    quiet = in_wal_mode and not path.with_name(path.name + "-wal").exists()
    try:
        connection = sqlite3.connect(
            f"{path.as_uri()}?mode=ro{'&immutable=1' if quiet else ''}", uri=True
        )
        try:
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            revision = None
            if "alembic_version" in tables:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        return DatabaseStatus(
            # TRANSLATORS: {reason} is SQLite's own (English) error text.
            url,
            DatabaseState.FOREIGN,
            None,
            head,
            _("SQLite cannot read it ({reason})").format(reason=exc),
        )
    tables.discard("sqlite_sequence")
    return _classify(tables, revision, url)


def inspect_database(
    url: str, *, key: bytes | None = None, engine: Engine | None = None
) -> DatabaseStatus:
    """Classify the database behind ``url`` without writing to it (``key``: SQLCipher's;
    ``engine``: a server's, to check on one of its connections instead of a new one)."""
    path = sqlite_path(url)
    if path is not None:
        return _inspect_sqlite_file(url, Path(path), key)
    owned = engine is None
    if engine is None:
        engine = make_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            tables = set(sa_inspect(connection).get_table_names())
            revision = None
            if "alembic_version" in tables:
                revision = connection.execute(
                    text("SELECT version_num FROM alembic_version")
                ).scalar()
            return _classify(tables, revision, url)
    finally:
        if owned:
            engine.dispose()


def refuse_message(status: DatabaseStatus) -> str:
    if status.state is DatabaseState.NEWER:
        # TRANSLATORS: {db} names the database; {detail} says why ("its schema version ...").
        return _(
            "The database {db} was written by a newer version of Guardian Desk: "
            "{detail}. Install the newer version to open it. "
            "The database has not been changed."
        ).format(db=status.where, detail=status.detail)
    # TRANSLATORS: {db} names the database; {detail} says why ("it is a folder").
    return _(
        "{db} is not a Guardian Desk database: {detail}. "
        "It has not been changed. Choose another file, or a new file name to start afresh."
    ).format(db=status.where, detail=status.detail)


def ensure_openable(
    url: str, *, key: bytes | None = None, engine: Engine | None = None
) -> DatabaseStatus:
    """Refuse a SQLite file on a network share, a foreign database and a newer one."""
    path = sqlite_path(url)
    if path is not None:
        refuse_network_share(Path(path))
    status = inspect_database(url, key=key, engine=engine)
    if status.state in (DatabaseState.FOREIGN, DatabaseState.NEWER):
        raise DatabaseRefused(refuse_message(status))
    return status


def upgrade_database(url: str, *, key: bytes | None = None) -> None:
    """Apply pending migrations in ONE transaction; on any failure nothing is changed.

    On SQLite the migration runs with foreign keys off (batch mode recreates tables, and with
    them on, ON DELETE CASCADE would silently delete child rows) and checks them before commit.
    """
    path = sqlite_path(url)
    if path is not None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    from alembic import command

    engine = make_engine(url, foreign_keys=False, poolclass=NullPool, key=key)
    try:
        with engine.begin() as connection:
            config = alembic_config(url)
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            if engine.dialect.name == "sqlite":
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise DatabaseRefused(
                        # TRANSLATORS: {table} is a table's name in the database.
                        ngettext(
                            "the upgrade would leave {count} row pointing at missing records "
                            "(in table {table}); nothing was changed",
                            "the upgrade would leave {count} rows pointing at missing records "
                            "(first in table {table}); nothing was changed",
                            len(broken),
                        ).format(count=len(broken), table=broken[0][0])
                    )
    finally:
        engine.dispose()


def prepare_database(
    url: str,
    *,
    backup_folder: Path | None = None,
    daily_backup: bool = False,
    key: bytes | None = None,
    engine: Engine | None = None,
) -> DatabaseStatus:
    """Refuse what is not ours, back up an existing SQLite file, and upgrade to the head.

    A backup is taken before every upgrade and, with ``daily_backup`` (the app's start), once a
    day. Returns the status found before any upgrade. ``engine``: a server's, for the check
    (an upgrade opens connections of its own).
    """
    status = ensure_openable(url, key=key, engine=engine)
    path = sqlite_path(url)
    if path is not None:
        refuse_unwritable(Path(path))
        tighten_database(url)  # a database found readable by others becomes owner-only
    keeps = path is not None and backup_folder is not None
    if keeps and status.state is not DatabaseState.EMPTY:
        assert backup_folder is not None
        if status.state is DatabaseState.OUTDATED or (
            daily_backup and daily_backup_due(url, backup_folder)
        ):
            take_backup(url, backup_folder, key=key)
    if status.state is not DatabaseState.CURRENT:
        log.info("upgrading database schema from %s to %s", status.revision, status.head)
        upgrade_database(url, key=key)
    return status


def daily_backup_due(url: str, backup_folder: Path) -> bool:
    """Whether an existing SQLite database has no backup of today in ``backup_folder`` (a
    PostgreSQL server is backed up by its administrator: never due here)."""
    path = sqlite_path(url)
    if path is None or not Path(path).exists():
        return False
    stem = Path(path).stem
    return not any(taken.date() == date.today() for taken, _path in backups_of(backup_folder, stem))


def take_backup(url: str, backup_folder: Path, *, key: bytes | None = None) -> Path:
    """A timestamped copy of the SQLite database in ``backup_folder`` (SQLite's online backup
    API: officers keep working while it copies), then the oldest beyond the kept number go."""
    path = sqlite_path(url)
    if path is None:
        raise ValueError("only a SQLite database is backed up by the app")
    made = backup_database(url, backup_folder / timestamped_name(Path(path)), key=key)
    prune_backups(backup_folder, Path(path).stem, just_made=made)
    return made


def timestamped_name(path: Path) -> str:
    """``{stem}-YYYYMMDD-HHMMSS-ffffff{suffix}``: sorts by time, matched by backups_of."""
    return f"{path.stem}-{datetime.now():%Y%m%d-%H%M%S-%f}{path.suffix or '.sqlite3'}"


def _backup_pattern(stem: str) -> re.Pattern[str]:
    # [0-9], not \d: only ASCII digits; one plain suffix, so `x.sqlite3.partial` is not one.
    return re.compile(re.escape(stem) + r"-([0-9]{8}-[0-9]{6}-[0-9]{6})(\.[A-Za-z0-9]+)?", re.ASCII)


def backups_of(folder: Path, stem: str) -> list[tuple[datetime, Path]]:
    """The backups of ``stem`` in ``folder`` (exactly its timestamped names), oldest first.

    ``office-old-20260101-...`` is not a backup of ``office``, and neither is a file with a
    timestamp that is not a real date.
    """
    pattern = _backup_pattern(stem)
    found: list[tuple[datetime, Path]] = []
    if not folder.is_dir():
        return found
    for entry in folder.iterdir():
        match = pattern.fullmatch(entry.name)
        if match is None or not entry.is_file():
            continue
        try:
            taken = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S-%f")
        except ValueError:
            continue
        found.append((taken, entry))
    found.sort()
    return found


def prune_backups(
    folder: Path, stem: str, keep: int = 20, *, just_made: Path | None = None
) -> None:
    """Delete all but the newest ``keep`` backups of ``stem``; never ``just_made``."""
    backups = [path for _taken, path in backups_of(folder, stem)]
    for old in backups[: -max(keep, 1)]:
        if just_made is not None and old.resolve() == Path(just_made).resolve():
            continue
        old.unlink(missing_ok=True)
