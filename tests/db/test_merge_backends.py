"""Merging on SQLite and PostgreSQL: the moves, the savepoint of a refused move, the upgrade."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from guardian_desk.db.engine import session_scope
from guardian_desk.db.models import Assignment, Child, ChildMerge, Visit
from guardian_desk.domain.errors import RuleViolation
from guardian_desk.services import assignments, children, staff
from guardian_desk.services.duplicates import KEY_CACHE, likely_duplicates
from guardian_desk.services.merge import merge_children
from tests.core import factories
from tests.db.data import sessions

TODAY = date(2026, 11, 20)


def test_merge_moves_rows_and_refuses_a_second_mediator(db: str) -> None:
    KEY_CACHE.clear()
    with sessions(db) as factory, session_scope(factory) as s:
        keep = children.create_child(s, factories.child())
        other = children.create_child(s, factories.child(given_name="Ahmed"))
        twin = children.create_child(s, factories.child(given_name="Ahmet"))
        guardian = staff.create_staff(s, "guardian", factories.guardian())
        mediator = staff.create_staff(s, "mediator", factories.guardian(given_name="Dari"))
        assignments.assign_guardian(s, other.id, guardian.id, starts_on=TODAY)
        assignments.assign_mediator(s, keep.id, mediator.id, starts_on=TODAY)
        assignments.assign_mediator(s, twin.id, mediator.id, starts_on=TODAY)
        ids = keep.id, other.id, twin.id
    with sessions(db) as factory, session_scope(factory) as s:
        assert likely_duplicates(s, given_name="Ahmad", family_name="Rahimi", nationality="AF")
        merge_children(s, ids[0], ids[1], on=TODAY)
    with sessions(db) as factory, session_scope(factory) as s:
        assert s.get(Child, ids[1]) is None
        owners = set(s.scalars(select(Assignment.child_id)))
        assert owners == {ids[0], ids[2]}
        assert s.scalar(select(func.count()).select_from(ChildMerge)) == 1
    with sessions(db) as factory:
        with pytest.raises(RuleViolation, match="same mediator"), session_scope(factory) as s:
            merge_children(s, ids[0], ids[2], on=TODAY)
        with session_scope(factory) as s:  # nothing of the refused merge was written
            assert s.get(Child, ids[2]) is not None
            assert s.scalar(select(func.count()).select_from(ChildMerge)) == 1
            assert s.scalar(select(func.count()).select_from(Visit)) == 0
