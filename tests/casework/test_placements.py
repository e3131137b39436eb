"""Placements: a child's facility history, the move, and children.facility_id kept in step."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from guardian_desk.db.models import AuditEvent, Child, Placement
from guardian_desk.domain.case_history import PlacementReason
from guardian_desk.domain.enums import ChildStatus
from guardian_desk.domain.errors import ConflictError, RuleViolation, ValidationError
from guardian_desk.services import children
from guardian_desk.services.placements import move_child, placements_of
from tests.core import factories
from tests.scheduling.office import Office

TODAY = date(2026, 3, 20)


@pytest.fixture
def office(session: Session) -> Office:
    return Office(session)


def test_a_child_registered_at_a_facility_has_a_first_placement(
    session: Session, office: Office
) -> None:
    place = office.facility()
    child = office.child(place, identified_on=date(2026, 1, 5), arrived_on=date(2026, 1, 3))

    [first] = placements_of(session, child.id)

    assert (first.facility_id, first.from_facility, first.moved_on) == (
        place.id,
        None,
        date(2026, 1, 3),
    )
    assert first.current and first.reason is PlacementReason.FIRST


def test_without_an_arrival_date_the_first_placement_starts_at_identification(
    session: Session, office: Office
) -> None:
    child = office.child(office.facility(), identified_on=date(2026, 1, 5))
    assert [p.moved_on for p in placements_of(session, child.id)] == [date(2026, 1, 5)]


def test_a_child_without_a_facility_has_no_placement(session: Session, office: Office) -> None:
    child = office.child(None)
    assert placements_of(session, child.id) == []


def test_a_move_ends_the_placement_opens_the_next_and_moves_the_child(
    session: Session, office: Office
) -> None:
    first, second = office.facility(), office.facility(name="Shkodër Shelter")
    child = office.child(first)

    move_child(
        session,
        child.id,
        child.version,
        second.id,
        moved_on=date(2026, 2, 1),
        reason=PlacementReason.FAMILY,
        note="Near his brother",
        today=TODAY,
    )

    old, new = placements_of(session, child.id)
    assert (old.facility_id, old.left_on) == (first.id, date(2026, 2, 1))
    assert (new.facility_id, new.moved_on, new.left_on) == (second.id, date(2026, 2, 1), None)
    assert new.from_facility is not None and first.code in new.from_facility
    assert (new.reason, new.note, new.recorded_by) == (
        PlacementReason.FAMILY,
        "Near his brother",
        "test-officer",
    )
    session.expire_all()
    assert session.get(Child, child.id).facility_id == second.id  # type: ignore[union-attr]
    actions = session.scalars(
        select(AuditEvent.entity + ":" + AuditEvent.action).where(AuditEvent.action == "move")
    ).all()
    assert sorted(actions) == ["child:move", "placement:move"]


def test_a_child_without_a_facility_can_be_placed(session: Session, office: Office) -> None:
    place = office.facility()
    child = office.child(None)

    move_child(
        session, child.id, child.version, place.id, moved_on=date(2026, 1, 9),
        reason="needs", today=TODAY,
    )  # fmt: skip

    [only] = placements_of(session, child.id)
    assert (only.facility_id, only.from_facility, only.moved_on) == (
        place.id,
        None,
        date(2026, 1, 9),
    )


@pytest.mark.parametrize(
    ("moved_on", "reason", "note", "field"),
    [
        (date(2026, 1, 1), PlacementReason.NEEDS, "", "moved_on"),  # before the placement began
        (date(2026, 4, 1), PlacementReason.NEEDS, "", "moved_on"),  # in the future
        (date(2026, 2, 1), PlacementReason.OTHER, "", "note"),  # "other" needs words
        (date(2026, 2, 1), PlacementReason.FIRST, "", "reason"),  # not a reason for a move
    ],
)
def test_a_move_is_checked(
    session: Session,
    office: Office,
    moved_on: date,
    reason: PlacementReason,
    note: str,
    field: str,
) -> None:
    child = office.child(office.facility())
    other = office.facility(name="Elbasan House")

    with pytest.raises(ValidationError) as raised:
        move_child(
            session, child.id, child.version, other.id, moved_on=moved_on, reason=reason,
            note=note, today=TODAY,
        )  # fmt: skip
    assert raised.value.field == field


def test_no_move_to_where_the_child_lives_or_to_a_closed_facility(
    session: Session, office: Office
) -> None:
    place = office.facility()
    closed = office.facility(name="Old Shelter", active=False)
    child = office.child(place)
    for target in (place, closed):
        with pytest.raises(ValidationError, match=r"where the child lives now|is closed"):
            move_child(
                session, child.id, child.version, target.id, moved_on=date(2026, 2, 1),
                reason="needs", today=TODAY,
            )  # fmt: skip


def test_a_closed_case_is_not_moved(session: Session, office: Office) -> None:
    child = office.child(office.facility())
    children.close_child(session, child.id, child.version, "reunified", ChildStatus.REUNIFIED)

    with pytest.raises(RuleViolation, match="closed case"):
        move_child(
            session, child.id, child.version, office.facility(name="B").id,
            moved_on=date(2026, 2, 1), reason="needs", today=TODAY,
        )  # fmt: skip


def test_a_move_from_a_stale_record_is_a_conflict(session: Session, office: Office) -> None:
    child = office.child(office.facility())
    with pytest.raises(ConflictError):
        move_child(
            session, child.id, child.version - 1 + 5, office.facility(name="B").id,
            moved_on=date(2026, 2, 1), reason="needs", today=TODAY,
        )  # fmt: skip


def test_a_facility_changed_in_the_record_is_a_move_the_database_writes(
    session: Session, office: Office
) -> None:
    first, second = office.facility(), office.facility(name="Durrës Home")
    child = office.child(first)
    data = children.child_data(session, child)
    data.facility_code = second.code

    children.update_child(session, child.id, data, child.version)

    old, new = placements_of(session, child.id)
    assert old.left_on is not None and new.current
    assert (new.facility_id, new.reason) == (second.id, PlacementReason.RECORD_EDIT)
    assert new.moved_on == old.left_on == date.today()


def test_a_facility_cleared_in_the_record_ends_the_placement(
    session: Session, office: Office
) -> None:
    child = office.child(office.facility())
    data = children.child_data(session, child)
    data.facility_code = None

    children.update_child(session, child.id, data, child.version)

    [only] = placements_of(session, child.id)
    assert only.left_on is not None


def test_children_imported_in_bulk_get_their_first_placements(
    session: Session, office: Office
) -> None:
    place = office.facility()
    records = [
        factories.child(case_number=f"AL-2026-0090{n}", facility_code=place.code) for n in range(3)
    ]

    ids = children.create_children(session, records)

    placed = session.scalars(select(Placement.child_id).where(Placement.left_on.is_(None)))
    assert sorted(placed) == sorted(ids)
