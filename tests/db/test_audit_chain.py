"""The audit trail: append-only in the database, chained with a hash, and checked row by row.

Before: a plain `UPDATE audit_events ...` or `DELETE ...` rewrote the trail and nothing showed
it. Now triggers refuse both on each backend, and a row changed or removed with the triggers
out of the way (a superuser, the sqlite3 shell) is named by `verify` at its id.
"""

from __future__ import annotations

import itertools
import threading
from typing import Any

import pytest
from alembic import command
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from guardian_desk.db.engine import session_scope
from guardian_desk.db.migrate import alembic_config, prepare_database
from guardian_desk.db.models import AuditEvent, Facility
from guardian_desk.services import audit, facilities
from guardian_desk.services.audit_chain import GENESIS, VerifyReport, verify
from tests.core import factories
from tests.db.data import fill_office, sessions

BEFORE_CHAIN = "3c1d2e4f5a60"  # the revision before the audit chain
TRIGGERS = {
    "sqlite": {"trg_audit_events_no_update", "trg_audit_events_no_delete"},
    "postgresql": {"trg_audit_events_append_only", "trg_audit_events_no_truncate"},
}


def sql(url: str, statement: str, **params: Any) -> None:
    with sessions(url) as factory, session_scope(factory) as s:
        s.execute(text(statement), params)


def check(url: str, expect_hash: str | None = None) -> VerifyReport:
    with sessions(url) as factory, session_scope(factory) as s:
        return verify(s, expect_hash=expect_hash, batch=3)  # small batches: streaming is used


def trail(url: str) -> list[tuple[int, str, str, str]]:
    with sessions(url) as factory, session_scope(factory) as s:
        rows = s.execute(
            select(
                AuditEvent.id, AuditEvent.action, AuditEvent.prev_hash, AuditEvent.hash
            ).order_by(AuditEvent.id)
        ).all()
        return [tuple(r) for r in rows]  # type: ignore[misc]


def drop_triggers(url: str, backend: str) -> None:
    """What a database superuser or someone with the sqlite3 shell can do."""
    for name in TRIGGERS[backend]:
        suffix = "" if backend == "sqlite" else " ON audit_events"
        sql(url, f"DROP TRIGGER {name}{suffix}")


def trigger_names(session: Session, backend: str) -> set[str]:
    if backend == "sqlite":
        query = (
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_events'"
        )
    else:
        query = (
            "SELECT tgname FROM pg_trigger "
            "WHERE tgrelid = 'audit_events'::regclass AND NOT tgisinternal"
        )
    return set(session.scalars(text(query)))


def test_the_triggers_exist_at_the_head(db: str, backend: str) -> None:
    """A later batch migration of `audit_events` on SQLite would drop them silently."""
    with sessions(db) as factory, session_scope(factory) as s:
        assert trigger_names(s, backend) >= TRIGGERS[backend]


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_events SET actor = 'someone else'",
        "UPDATE audit_events SET after = NULL WHERE id = 2",
        "DELETE FROM audit_events WHERE id = 2",
        "DELETE FROM audit_events",
    ],
)
def test_plain_sql_cannot_change_or_delete_audit_rows(db: str, statement: str) -> None:
    fill_office(db)
    before = trail(db)

    with pytest.raises(IntegrityError, match="audit_trail_append_only"):
        sql(db, statement)

    assert trail(db) == before
    assert check(db).intact


def test_truncate_is_refused_on_postgres(pg_db: str) -> None:
    fill_office(pg_db)
    with pytest.raises(IntegrityError, match="audit_trail_append_only"):
        sql(pg_db, "TRUNCATE audit_events")
    assert check(pg_db).rows == len(trail(pg_db)) > 0


def test_every_row_links_to_the_one_before(db: str) -> None:
    fill_office(db)
    rows = trail(db)

    report = check(db)

    assert report.intact
    assert (report.rows, report.last_id, report.last_hash) == (len(rows), rows[-1][0], rows[-1][3])
    assert [r[0] for r in rows] == list(range(1, len(rows) + 1))  # ids in chain order
    assert rows[0][2] == GENESIS
    assert all(later[2] == earlier[3] for earlier, later in itertools.pairwise(rows))
    assert report.line() == f"Audit trail intact: {len(rows)} rows, last hash {rows[-1][3]}."


def test_a_row_rewritten_behind_the_triggers_is_named(db: str, backend: str) -> None:
    fill_office(db)
    drop_triggers(db, backend)
    sql(db, "UPDATE audit_events SET actor = 'nobody' WHERE id = 4")

    report = check(db)

    assert report.broken is not None
    assert (report.broken.row_id, report.rows, report.last_id) == (4, 3, 3)
    assert report.broken.reason == "row 4 was changed after it was written"
    assert report.line().startswith(
        "Audit trail broken at row 4 (row 4 was changed after it was written); "
        "3 rows before it are intact."
    )


def test_a_row_rewritten_with_its_own_hash_recomputed_breaks_the_next_link(
    db: str, backend: str
) -> None:
    """Recomputing the changed row's hash is not enough: the next row links to the old one."""
    from guardian_desk.services.audit_chain import row_hash

    fill_office(db)
    drop_triggers(db, backend)
    with sessions(db) as factory, session_scope(factory) as s:
        row = s.execute(select(AuditEvent.__table__).where(AuditEvent.id == 2)).one()._asdict()
        forged = row | {"action": "delete"}
        s.execute(
            text("UPDATE audit_events SET action = 'delete', hash = :h WHERE id = 2"),
            {"h": row_hash(forged)},
        )

    report = check(db)

    assert report.broken is not None and report.broken.row_id == 3
    assert report.broken.reason == "row 3 does not link to row 2: one of them was changed"


@pytest.mark.parametrize(
    ("deleted", "reason"),
    [
        ((5,), "row 5 is missing: the chain jumps from 4 to 6"),
        ((5, 6, 7), "rows 5 to 7 are missing: the chain jumps from 4 to 8"),
        ((1, 2), "the rows before row 3 are missing: it does not start the chain"),
    ],
)
def test_deleted_rows_are_named(
    db: str, backend: str, deleted: tuple[int, ...], reason: str
) -> None:
    fill_office(db)
    drop_triggers(db, backend)
    for row_id in deleted:
        sql(db, "DELETE FROM audit_events WHERE id = :id", id=row_id)

    report = check(db)

    assert report.broken is not None
    assert report.broken.reason == reason
    assert report.broken.row_id == max(deleted) + 1


def test_rows_removed_from_the_end_are_found_with_a_noted_hash(db: str, backend: str) -> None:
    fill_office(db)
    noted = check(db)
    assert noted.last_hash is not None and noted.last_id is not None
    drop_triggers(db, backend)
    sql(db, "DELETE FROM audit_events WHERE id = :id", id=noted.last_id)

    assert check(db).intact  # nothing follows the removed rows: the chain alone cannot tell
    assert check(db, expect_hash=noted.last_hash[:16]).broken is not None
    with sessions(db) as factory, session_scope(factory) as s:
        facilities.create_facility(s, factories.facility())
    after = check(db, expect_hash=noted.last_hash)
    assert after.broken is not None and after.broken.row_id is None
    assert "no row has the hash" in after.broken.reason


def test_a_savepoint_rolled_back_takes_only_its_own_audit_rows(db: str) -> None:
    """Rows queued before a savepoint survive its rollback, also when a read inside it had
    already written them; rows queued inside it are gone."""
    with sessions(db) as factory, session_scope(factory, actor="officer") as s:
        audit.record(s, "child", 1, "first")
        with pytest.raises(RuntimeError), s.begin_nested():
            audit.record(s, "child", 1, "undone")
            assert len(audit.history(s, "child", 1)) == 2  # the read writes both rows
            raise RuntimeError("refused")
        audit.record(s, "child", 1, "second")
        with s.begin_nested():
            event = audit.record(s, "child", 1, "third")

    assert [action for _, action, _, _ in trail(db)] == ["first", "second", "third"]
    assert event.id == 3 and event.hash == trail(db)[-1][3]
    assert check(db).intact


def test_a_rolled_back_unit_leaves_no_audit_row(db: str) -> None:
    with (
        pytest.raises(RuntimeError),
        sessions(db) as factory,
        session_scope(factory) as s,
    ):
        facilities.create_facility(s, factories.facility())
        raise RuntimeError("cancelled")
    assert trail(db) == []
    with sessions(db) as factory, session_scope(factory) as s:
        facilities.create_facility(s, factories.facility())
    assert [r[2] for r in trail(db)] == [GENESIS]


def test_two_officers_writing_at_once_leave_one_chain(pg_db: str) -> None:
    """Without the chain lock both would chain onto the same row (and the second be refused)."""
    rounds, failures = 25, []
    start = threading.Barrier(2)

    def officer(number: int) -> None:
        name = f"officer-{number}"
        try:
            with sessions(pg_db) as factory:
                start.wait()
                for i in range(rounds):
                    code = f"FAC-{number}{i:03d}"  # facility numbering is not what is tested
                    with session_scope(factory, actor=name) as s:
                        made = facilities.create_facility(s, factories.facility(code=code))
                        facilities.update_facility(
                            s, made.id, factories.facility(code=made.code, notes=name), 1
                        )
        except Exception as exc:  # reported below, with the thread's name
            failures.append(f"{name}: {type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=officer, args=(number,)) for number in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    report = check(pg_db)
    assert report.intact, report.line()
    assert report.rows == 2 * rounds * 2
    with sessions(pg_db) as factory, session_scope(factory) as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == report.rows


OLD_ROWS = [
    # id, at (as the old app wrote it), actor, entity, entity_id, action, before, after
    (1, "2026-11-29 01:25:00.123456", "filler", "child", "1", "create", None,
     '{"given_name": "Ahmad", "family_name": "Rahimi", "languages": ["prs:native"]}'),
    (2, "2026-11-29 01:25:01.000000", "filler", "child", "1", "update",
     '{"notes": ""}', '{"notes": "ذهب الطفل إلى المدرسة", "n": 1.5, "ok": true}'),
    (7, "2026-11-30 23:59:59.999999", "Zoë", "settings", "1", "update", '{}', 'null'),
]  # fmt: skip


def test_an_older_database_with_audit_rows_is_chained_on_upgrade(
    blank_url: str, backend: str
) -> None:
    """The rows written before the chain existed are chained in id order (gaps and all), and
    the next row written by the app continues the chain."""
    config = alembic_config(blank_url)
    command.upgrade(config, BEFORE_CHAIN)
    for row_id, at, actor, entity, entity_id, action, before, after in OLD_ROWS:
        at_value = at if backend == "sqlite" else f"{at}+00"
        sql(
            blank_url,
            "INSERT INTO audit_events (id, at, actor, entity, entity_id, action, before, after)"
            " VALUES (:id, :at, :actor, :entity, :entity_id, :action, :before, :after)",
            id=row_id, at=at_value, actor=actor, entity=entity, entity_id=entity_id,
            action=action, before=before, after=after,
        )  # fmt: skip

    prepare_database(blank_url)

    report = check(blank_url)
    assert report.intact, report.line()
    assert (report.rows, report.last_id) == (3, 7)
    with sessions(blank_url) as factory, session_scope(factory) as s:
        facilities.create_facility(s, factories.facility())
        assert trigger_names(s, backend) >= TRIGGERS[backend]
    rows = trail(blank_url)
    assert [r[0] for r in rows] == [1, 2, 7, 8]
    assert rows[-1][2] == report.last_hash
    assert check(blank_url).intact


def test_downgrade_removes_the_chain_and_upgrade_restores_it(db: str, backend: str) -> None:
    fill_office(db)
    rows = trail(db)
    config = alembic_config(db)

    command.downgrade(config, BEFORE_CHAIN)
    with sessions(db) as factory, session_scope(factory) as s:
        assert trigger_names(s, backend) == set()
    command.upgrade(config, "head")

    assert trail(db) == rows  # the same rows chain to the same hashes again
    assert check(db).intact


def test_a_writer_waiting_for_the_chain_lock_is_told_and_saves_nothing(pg_db: str) -> None:
    """Another session holding the audit chain (a stuck commit) makes the writer wait up to
    its lock timeout, then say so; its change is not saved without its audit row."""
    from sqlalchemy.pool import NullPool

    from guardian_desk.db.engine import make_engine, make_session_factory
    from guardian_desk.domain.errors import DatabaseBusy
    from guardian_desk.services.audit_chain import CHAIN_LOCK

    holder = make_engine(pg_db, poolclass=NullPool, actor="officer-a")
    waiter = make_engine(pg_db, poolclass=NullPool, lock_timeout=0.5, actor="officer-b")
    try:
        with holder.begin() as held:
            held.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK})
            with (
                pytest.raises(DatabaseBusy, match="busy: a change by guardian-desk officer-a"),
                session_scope(make_session_factory(waiter), actor="officer-b") as s,
            ):
                facilities.create_facility(s, factories.facility())
    finally:
        holder.dispose()
        waiter.dispose()

    assert trail(pg_db) == []
    with sessions(pg_db) as factory, session_scope(factory) as s:
        assert s.scalar(select(func.count()).select_from(Facility)) == 0
