"""Optimistic locking between two officers, each with their own connection."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import pytest
from sqlalchemy.orm import Session

from guardian_desk.db.engine import session_scope
from guardian_desk.domain.errors import ConflictError
from guardian_desk.services import audit, children, facilities, locking, staff
from tests.core import factories
from tests.db.data import sessions


@dataclass(frozen=True)
class Kind:
    entity: str  # as the audit rows name it
    module: ModuleType  # whose load_for_update the race test wraps
    create: Callable[[Session], Any]
    update: Callable[[Session, int, int, str], Any]  # (session, id, expected_version, notes)
    get: Callable[[Session, int], Any]


KINDS = {
    "child": Kind(
        "child",
        children,
        lambda s: children.create_child(s, factories.child()),
        lambda s, key, version, notes: children.update_child(
            s, key, factories.child(notes=notes), version
        ),
        children.get_child,
    ),
    "guardian": Kind(
        "guardian",
        staff,
        lambda s: staff.create_staff(s, "guardian", factories.guardian()),
        lambda s, key, version, notes: staff.update_staff(
            s, "guardian", key, factories.guardian(notes=notes), version
        ),
        lambda s, key: staff.get_staff(s, "guardian", key),
    ),
    "facility": Kind(
        "facility",
        facilities,
        lambda s: facilities.create_facility(s, factories.facility()),
        lambda s, key, version, notes: facilities.update_facility(
            s, key, factories.facility(notes=notes), version
        ),
        facilities.get_facility,
    ),
}


def check_only_a_was_saved(url: str, kind: Kind, key: int) -> None:
    with sessions(url) as factory, session_scope(factory) as s:
        row = kind.get(s, key)
        assert (row.notes, row.version) == ("saved by A", 2)
        trail = [(e.action, e.actor) for e in audit.history(s, kind.entity, key)]
        assert trail == [("create", "registrar"), ("update", "officer-a")]


@pytest.mark.parametrize("name", KINDS)
def test_a_stale_save_is_refused(db: str, name: str) -> None:
    """Both officers open version 1; A saves first; B's save names version 1 and is refused."""
    kind = KINDS[name]
    with sessions(db) as officer_a, sessions(db) as officer_b:
        with session_scope(officer_a, actor="registrar") as s:
            key = kind.create(s).id
        with session_scope(officer_a) as s:
            seen_by_a = kind.get(s, key).version
        with session_scope(officer_b) as s:
            seen_by_b = kind.get(s, key).version
        assert seen_by_a == seen_by_b == 1

        with session_scope(officer_a, actor="officer-a") as s:
            kind.update(s, key, seen_by_a, "saved by A")
        with (
            pytest.raises(ConflictError, match="changed by someone else") as conflict,
            session_scope(officer_b, actor="officer-b") as s,
        ):
            kind.update(s, key, seen_by_b, "saved by B")

    assert conflict.value.expected_version == 1
    assert conflict.value.current_version == 2
    assert "your copy is version 1, the stored one is version 2" in str(conflict.value)
    check_only_a_was_saved(db, kind, key)


@pytest.mark.parametrize("name", KINDS)
def test_a_save_slipping_in_between_check_and_write_is_a_conflict(
    db: str, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """B loads the record and passes the version check; before B writes, A saves and commits.
    B's UPDATE ... WHERE version = 1 then matches no row: a ConflictError, not a lost update."""
    kind = KINDS[name]
    real_load = locking.load_for_update
    with sessions(db) as officer_a, sessions(db) as officer_b:
        with session_scope(officer_a, actor="registrar") as s:
            key = kind.create(s).id

        def load_then_let_a_save(*args: Any, **kwargs: Any) -> Any:
            row = real_load(*args, **kwargs)  # B's check passed: row.version == 1
            monkeypatch.setattr(kind.module, "load_for_update", real_load)
            with session_scope(officer_a, actor="officer-a") as s:
                kind.update(s, key, 1, "saved by A")
            return row

        monkeypatch.setattr(kind.module, "load_for_update", load_then_let_a_save)
        with (
            pytest.raises(ConflictError, match="changed by someone else"),
            session_scope(officer_b, actor="officer-b") as s,
        ):
            kind.update(s, key, 1, "saved by B")

    check_only_a_was_saved(db, kind, key)


def test_sqlite_write_on_a_stale_snapshot_is_stale_data(sqlite_db: str) -> None:
    """SQLite (WAL): B has read, A commits, B writes -> SQLITE_BUSY_SNAPSHOT. The engine
    raises it as StaleDataError (SnapshotConflict), not as "database is locked"."""
    from sqlalchemy.orm.exc import StaleDataError

    from guardian_desk.db.engine import SnapshotConflict
    from guardian_desk.db.models import Facility

    with sessions(sqlite_db) as officer_a, sessions(sqlite_db) as officer_b:
        with session_scope(officer_a) as s:
            key = facilities.create_facility(s, factories.facility()).id
        with pytest.raises(StaleDataError) as stale, session_scope(officer_b) as b:
            row = b.get(Facility, key)  # B's read transaction starts here
            assert row is not None
            with session_scope(officer_a) as a:
                facilities.get_facility(a, key).notes = "saved by A"
            row.notes = "saved by B"
            b.flush()
        assert isinstance(stale.value, SnapshotConflict)
        with session_scope(officer_b) as s:
            assert (facilities.get_facility(s, key).notes, s.get(Facility, key).version) == (
                "saved by A",
                2,
            )
