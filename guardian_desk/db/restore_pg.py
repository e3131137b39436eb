"""Restoring a PostgreSQL backup: only a Guardian Desk archive, checked in a scratch database.

The archive's table of contents (``pg_restore --list``) must name exactly our tables for its
schema version and nothing that reaches outside the database (foreign tables, servers,
extensions). It is then restored into a scratch database on the same server, checked,
upgraded to this version's schema and checked again; that checked copy replaces the target
in one transaction. Where the role may not create databases, the checks run on the archive's
table of contents alone and the single transaction is what keeps a bad archive out.
"""

from __future__ import annotations

import logging
import re
import secrets
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import inspect as sa_inspect
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from guardian_desk.db.backup import backup_database, libpq_uri, pg_tool, restore_postgres
from guardian_desk.db.engine import make_engine
from guardian_desk.db.migrate import (
    DatabaseState,
    ensure_openable,
    head_revision,
    timestamped_name,
    upgrade_database,
)
from guardian_desk.db.restore import (
    Restored,
    RestoreRefused,
    revision_problem,
    schema_at,
    schema_problem,
)
from guardian_desk.domain.errors import DatabaseRefused
from guardian_desk.i18n import _

log = logging.getLogger(__name__)
PG_MAGIC = b"PGDMP"
# What pg_dump writes for a Guardian Desk database; any other kind of entry is refused.
ALLOWED_KINDS = frozenset(
    {
        "TABLE",
        "TABLE DATA",
        "SEQUENCE",
        "SEQUENCE OWNED BY",
        "SEQUENCE SET",
        "DEFAULT",
        "CONSTRAINT",
        "CHECK CONSTRAINT",
        "FK CONSTRAINT",
        "INDEX",
        "TRIGGER",
        "FUNCTION",
        "PROCEDURE",
        "COMMENT",
        "ACL",
        "TYPE",
        "DOMAIN",
        "SCHEMA",
        "ENCODING",
        "STDSTRINGS",
        "SEARCHPATH",
    }
)
# pg_dump's multi-word kinds, longest first, so "TABLE DATA" is not read as "TABLE".
_KINDS = sorted(
    ALLOWED_KINDS
    | {
        "FOREIGN TABLE",
        "FOREIGN SERVER",
        "FOREIGN DATA WRAPPER",
        "USER MAPPING",
        "MATERIALIZED VIEW",
        "MATERIALIZED VIEW DATA",
        "EVENT TRIGGER",
        "DEFAULT ACL",
        "LARGE OBJECT",
        "BLOB METADATA",
        "PROCEDURAL LANGUAGE",
        "PUBLICATION TABLE",
        "TABLE ATTACH",
        "INDEX ATTACH",
        "ROW SECURITY",
        "SECURITY LABEL",
        "SHELL TYPE",
        "DATABASE PROPERTIES",
    },
    key=len,
    reverse=True,
)
_ENTRY = re.compile(r"^-?[0-9]+;\s+[0-9]+\s+[0-9]+\s+(.+)$")


@dataclass(frozen=True)
class TocEntry:
    kind: str
    schema: str
    name: str


def parse_toc(listing: str) -> list[TocEntry]:
    """Entries of ``pg_restore --list``: ``<id>; <oid> <oid> KIND schema name owner``."""
    entries = []
    for line in listing.splitlines():
        match = _ENTRY.match(line.strip())
        if match is None:
            continue
        rest = match.group(1)
        kind = next((k for k in _KINDS if rest.startswith(k + " ")), rest.split(" ", 1)[0])
        words = rest[len(kind) :].split()
        entries.append(
            TocEntry(kind, words[0] if words else "-", words[1] if len(words) > 1 else "")
        )
    return entries


def toc_problem(entries: list[TocEntry]) -> str | None:
    """Anything a Guardian Desk archive never holds, in words; None when all is ours."""
    for entry in entries:
        if entry.kind not in ALLOWED_KINDS:
            # TRANSLATORS: {kind} is PostgreSQL's (English) kind of object, such as FUNCTION;
            # {name} the object's name.
            return _(
                "it contains a {kind} ({name}), which a Guardian Desk backup never holds"
            ).format(kind=entry.kind, name=entry.name or entry.schema)
        if entry.schema not in ("public", "-") or (
            entry.kind == "SCHEMA" and entry.name != "public"
        ):
            where = entry.name if entry.kind == "SCHEMA" else entry.schema
            # TRANSLATORS: {schema} is a PostgreSQL schema's name.
            return _(
                "it contains objects in the schema {schema}, which Guardian Desk does not use"
            ).format(schema=where)
    return None


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), capture_output=True, text=True, check=False)


def _first_line(stderr: str) -> str:
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    if not lines:
        return _("no reason")
    return lines[0].removeprefix("pg_restore: ").removeprefix("error: ")


def _damaged(stderr: str) -> str:
    # TRANSLATORS: {reason} is pg_restore's own (English) first line of error text.
    return _("the backup is damaged: pg_restore reports {reason}").format(
        reason=_first_line(stderr)
    )


def archive_revision(source: Path) -> str | None:
    """The schema version kept in the archive's alembic_version data, read without a server."""
    result = _run(
        pg_tool("pg_restore"),
        "--data-only",
        "--schema=public",
        "--table=alembic_version",
        "--file=-",
        str(source),
    )
    lines = result.stdout.splitlines()
    for index, line in enumerate(lines):
        if line.startswith("COPY public.alembic_version") and index + 1 < len(lines):
            value = lines[index + 1].strip()
            return None if value in ("\\.", "") else value
    return None


def _database_schema(url: str) -> dict[str, frozenset[str]]:
    engine = make_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            inspector = sa_inspect(connection)
            found = {
                table: frozenset(c["name"] for c in inspector.get_columns(table))
                for table in inspector.get_table_names()
            }
            foreign = connection.execute(
                text("SELECT count(*) FROM information_schema.foreign_tables")
            ).scalar()
            if foreign:
                found["(foreign tables)"] = frozenset()
            return found
    finally:
        engine.dispose()


def _admin(url: str, statement: str) -> None:
    engine = make_engine(url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


def _create_scratch(url: str) -> str | None:
    """A scratch database beside the target, or None when the role may not create one."""
    name = f"gd_restore_check_{secrets.token_hex(6)}"
    try:
        _admin(url, f'CREATE DATABASE "{name}" TEMPLATE template0')
    except SQLAlchemyError:
        return None
    return make_url(url).set(database=name).render_as_string(hide_password=False)


def _drop_scratch(url: str, scratch_url: str) -> None:
    """Best effort: a scratch database left behind must not hide why the restore failed."""
    name = make_url(scratch_url).database
    try:
        _admin(url, f'DROP DATABASE IF EXISTS "{name}"')
    except SQLAlchemyError:
        log.warning("could not drop the scratch database %s; drop it by hand", name)


def _check_in_scratch(scratch_url: str, source: Path, revision: str, folder: Path) -> Path:
    """Restore, check, upgrade and check again in the scratch database; dump the result."""
    result = _run(
        pg_tool("pg_restore"),
        "--no-owner",
        "--single-transaction",
        "--exit-on-error",
        f"--dbname={libpq_uri(scratch_url)}",
        str(source),
    )
    if result.returncode != 0:
        raise RestoreRefused(source, _damaged(result.stderr))
    problem = schema_problem(_database_schema(scratch_url), schema_at(revision))
    if problem:
        raise RestoreRefused(source, problem)
    head = head_revision()
    if revision != head:
        try:
            upgrade_database(scratch_url)
        except (DatabaseRefused, SQLAlchemyError) as exc:
            # TRANSLATORS: {schema} is a schema revision; {kind} the programmer's name of the
            # error.
            reason = _("it cannot be upgraded to schema {schema} ({kind})").format(
                schema=head, kind=type(exc).__name__
            )
            raise RestoreRefused(source, reason) from None
        problem = schema_problem(_database_schema(scratch_url), schema_at(head))
        if problem:
            # TRANSLATORS: {problem} is a phrase such as "table visits is missing".
            raise RestoreRefused(source, _("after the upgrade, {problem}").format(problem=problem))
    return backup_database(scratch_url, folder / "checked.dump")


def restore_postgres_checked(url: str, source: Path, backup_folder: Path) -> Restored:
    status = ensure_openable(url)
    with source.open("rb") as handle:
        if handle.read(len(PG_MAGIC)) != PG_MAGIC:
            raise RestoreRefused(
                source, _("it is not a PostgreSQL backup (guardian-desk db backup writes those)")
            )
    listing = _run(pg_tool("pg_restore"), "--list", str(source))
    if listing.returncode != 0:
        raise RestoreRefused(source, _damaged(listing.stderr))
    entries = parse_toc(listing.stdout)
    tables = {e.name: frozenset[str]() for e in entries if e.kind == "TABLE"}
    revision = archive_revision(source) if "alembic_version" in tables else None
    problem = toc_problem(entries) or revision_problem(revision, tables)
    if problem is None and revision is not None:
        expected = schema_at(revision)
        problem = schema_problem({t: expected.get(t, frozenset()) for t in tables}, expected)
    if problem:
        raise RestoreRefused(source, problem)
    assert revision is not None
    head = head_revision()
    backup_folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=backup_folder, prefix=".restore-check-") as work:
        scratch_url = _create_scratch(url)
        if scratch_url is not None:
            try:
                checked = _check_in_scratch(scratch_url, source, revision, Path(work))
            finally:
                _drop_scratch(url, scratch_url)
        else:
            checked = source
            left = set(_database_schema(url)) - set(tables)
            if left:
                raise RestoreRefused(
                    source,
                    # TRANSLATORS: {table} is a table's name; CREATEDB is PostgreSQL's word.
                    _(
                        "it is older than the database (which has {table}), and this "
                        "server role may not create a scratch database to upgrade it in; "
                        "restore as a role with CREATEDB"
                    ).format(table=sorted(left)[0]),
                )
        safety = None
        if status.state is not DatabaseState.EMPTY:
            name = Path(f"{make_url(url).database or 'server'}.dump")
            safety = backup_database(url, backup_folder / timestamped_name(name))
        restore_postgres(checked, url)
    if scratch_url is None and revision != head:
        upgrade_database(url)
    return Restored(revision, head, safety)
