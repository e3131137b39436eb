"""The timeline: every dated event of a child's case, typed, oldest first, filterable."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy.orm import Session

from guardian_desk.db.models import IssuedDocument
from guardian_desk.domain.case_history import EventKind, NoteKind
from guardian_desk.domain.enums import ChildStatus, DocumentKind
from guardian_desk.i18n.formats import date_text
from guardian_desk.services import children
from guardian_desk.services.case_notes import add_note, amend_note
from guardian_desk.services.missing import record_return, report_missing
from guardian_desk.services.placements import move_child
from guardian_desk.services.timeline import event_line, timeline
from guardian_desk.services.visit_reports import ReportInput, record_held
from tests.scheduling.office import Office

TODAY = date(2026, 3, 20)


@pytest.fixture
def case(session: Session) -> int:
    """A child's first weeks: arrival, placement, a guardian, a move, a visit and its report,
    a note, a paper, a status change and a disappearance with a return."""
    office = Office(session)
    first, second = office.facility(), office.facility(name="Shkodër Shelter")
    child = office.child(first, identified_on=date(2026, 1, 5), arrived_on=date(2026, 1, 3))
    guardian = office.guardian()
    office.appoint(child, guardian, date(2026, 1, 12))
    data = children.child_data(session, child)
    data.status = ChildStatus.AWAITING_GUARDIAN  # as an officer might have set it back
    children.update_child(session, child.id, data, child.version)
    move_child(
        session, child.id, child.version, second.id, moved_on=date(2026, 2, 2),
        reason="family", today=TODAY,
    )  # fmt: skip
    visit = office.stored_visit(
        child, office.at(2026, 2, 10, 10), guardian=guardian, facility=second
    )
    record_held(
        session, visit.id, visit.version, ReportInput(minutes=50, wellbeing=4),
        now=datetime(2026, 2, 10, 12, tzinfo=UTC),
    )  # fmt: skip
    note = add_note(
        session, child.id, NoteKind.PHONE_CALL, date(2026, 2, 12), "School called", today=TODAY
    )
    amend_note(session, note.id, "School called: he starts Monday")
    session.add(
        IssuedDocument(
            reference="GD-2026-000001",
            kind=DocumentKind.CARD,
            child_id=child.id,
            issued_at=datetime(2026, 2, 13, 9, tzinfo=UTC),
            issued_by="test-officer",
        )
    )
    episode = report_missing(
        session, child.id, missing_since=datetime(2026, 3, 1, 18, tzinfo=UTC),
        last_seen_place="the bus station", now=datetime(2026, 3, 2, 8, tzinfo=UTC),
    )  # fmt: skip
    record_return(
        session, episode.id, episode.version, returned_at=datetime(2026, 3, 4, 9, tzinfo=UTC),
        now=datetime(2026, 3, 4, 10, tzinfo=UTC),
    )  # fmt: skip
    session.flush()
    return child.id


def test_every_kind_of_event_in_date_order(session: Session, case: int) -> None:
    events = timeline(session, case)

    assert [e.on for e in events] == sorted(e.on for e in events)
    assert {e.kind for e in events} == set(EventKind)
    titles = [e.title for e in events]
    number = children.get_child(session, case).case_number
    assert titles[:3] == [
        "Arrived",
        "Placed at FAC-0001 — Tirana Reception Centre",
        f"Identified; case {number} opened",
    ]
    assert any(t.startswith("Placed at ") for t in titles)
    assert any(t.startswith("Moved from ") and "Shkodër Shelter" in t for t in titles)
    assert any(t.endswith("appointed guardian") for t in titles)
    assert "Visit (held)" in titles and "Visit report" in titles
    assert "Note (Phone call)" in titles
    assert "Child's card issued (GD-2026-000001)" in titles
    assert "Went missing; last seen at the bus station" in titles
    assert "Returned" in titles
    note = next(e for e in events if e.kind is EventKind.NOTE)
    assert note.detail == "School called: he starts Monday"  # the note as it reads now


def test_a_status_change_comes_from_the_audit_trail(session: Session, case: int) -> None:
    statuses = [e.title for e in timeline(session, case, [EventKind.STATUS])]
    assert "Case status changed from under guardianship to awaiting guardian" in statuses


def test_the_timeline_filters_by_kind(session: Session, case: int) -> None:
    events = timeline(session, case, [EventKind.PLACEMENT, EventKind.MISSING])

    assert {e.kind for e in events} == {EventKind.PLACEMENT, EventKind.MISSING}
    assert [e.on for e in events] == sorted(e.on for e in events)


def test_a_visit_comes_before_its_report(session: Session, case: int) -> None:
    events = timeline(session, case, [EventKind.VISIT, EventKind.VISIT_REPORT])
    assert [e.kind for e in events] == [EventKind.VISIT, EventKind.VISIT_REPORT]
    assert "wellbeing 4/5" in events[1].detail
    assert events[0].title == "Visit (held)"


def test_a_line_for_the_paper(session: Session, case: int) -> None:
    [arrival] = timeline(session, case, [EventKind.ARRIVAL])
    assert event_line(arrival) == f"{date_text(date(2026, 1, 3))} — Arrived"


def test_who_recorded_an_event_is_named_as_the_office_knows_the_account(
    session: Session, case: int
) -> None:
    """A placement row keeps the user name, a note its author's full name: the timeline
    names both the same way, by the account's full name."""
    from sqlalchemy import select

    from guardian_desk.db.models import Account

    names = dict(session.execute(select(Account.username, Account.full_name)).all())
    by = {e.by for e in timeline(session, case, [EventKind.PLACEMENT, EventKind.NOTE]) if e.by}
    assert by
    assert not by & set(names)  # no user name left where the account's full name is known
