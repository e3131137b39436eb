"""Every early warning fires, and clears, as docs/protection.md says; ages in working days."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.db.models import AccompanyingAdult, Child, Placement, Referral, Screening
from guardian_desk.domain.enums import ChildStatus
from guardian_desk.domain.errors import PermissionDenied
from guardian_desk.security.roles import Role, SignedIn
from guardian_desk.services import children
from guardian_desk.services.adults import add_adult, record_adult_check
from guardian_desk.services.early_warning import (
    WARNING_NAMES,
    EarlyWarning,
    WarningKind,
    child_warnings,
    early_warnings,
    warning_counts,
)
from guardian_desk.services.missing import record_return, report_missing
from guardian_desk.services.placements import move_child
from guardian_desk.services.screenings import ScreeningInput, record_decision, record_screening
from guardian_desk.services.settings import get_settings
from tests.scheduling.office import Office

FLAGGING = {
    "cl-dr-01": "observed",
    "cl-dr-02": "observed",
    "cl-ex-01": "observed",
    "office-crime": "reported_by_others",
}
POSITIVE = {"cl-dr-01": "observed", "cl-dr-02": "reported_by_child"}  # recruitment only
TODAY = date(2026, 6, 15)  # a Monday


@pytest.fixture
def office(session: Session) -> Office:
    return Office(session)


def screen(session: Session, office: Office, child: Child, day: date, **changes: object):  # type: ignore[no-untyped-def]
    values: dict[str, object] = dict(
        child_id=child.id, screened_at=office.at(day.year, day.month, day.day, 10), answers={}
    )
    values.update(changes)
    return record_screening(session, ScreeningInput(**values))  # type: ignore[arg-type]


def kinds(session: Session, child: Child, today: date = TODAY) -> dict[WarningKind, EarlyWarning]:
    found = [w for w in early_warnings(session, today) if w.child_id == child.id]
    by_kind = {w.kind: w for w in found}
    assert len(by_kind) == len(found)  # one warning of a kind per child
    assert by_kind == {w.kind: w for w in child_warnings(session, child.id, today)}
    return by_kind


def test_not_screened_fires_from_identification_and_clears_on_a_screening(
    session: Session, office: Office
) -> None:
    child = office.child(office.facility(), identified_on=date(2026, 6, 1))
    warning = kinds(session, child)[WarningKind.NOT_SCREENED]
    assert warning.since == date(2026, 6, 1) and warning.case_number == child.case_number
    assert warning.working_days == 10  # two weeks of weekdays, no holiday in Albania
    assert child.given_name not in warning.detail
    screen(session, office, child, date(2026, 6, 3))
    assert WarningKind.NOT_SCREENED not in kinds(session, child)


def test_working_days_skip_the_weekend(session: Session, office: Office) -> None:
    child = office.child(None, identified_on=date(2026, 3, 6))  # a Friday
    aged = {
        today: kinds(session, child, today)[WarningKind.NOT_SCREENED].working_days
        for today in (date(2026, 3, 6), date(2026, 3, 7), date(2026, 3, 9), date(2026, 3, 10))
    }
    assert aged == {
        date(2026, 3, 6): 0,
        date(2026, 3, 7): 0,  # Saturday
        date(2026, 3, 9): 1,  # Monday: Saturday and Sunday do not count
        date(2026, 3, 10): 2,
    }


def test_positive_not_referred_clears_on_a_referral_from_the_screening_day(
    session: Session, office: Office
) -> None:
    child = office.child(office.facility())
    screen(session, office, child, date(2026, 6, 2), answers=FLAGGING)
    warning = kinds(session, child)[WarningKind.POSITIVE_NOT_REFERRED]
    assert warning.since == date(2026, 6, 2)
    assert "Deceptive recruitment" in warning.detail and "flags" in warning.detail

    def refer(on: date) -> None:
        session.add(Referral(child_id=child.id, recipient_kind="nrm", sent_on=on, status_on=on))
        session.flush()

    refer(date(2026, 5, 20))  # an older referral does not answer this screening
    assert WarningKind.POSITIVE_NOT_REFERRED in kinds(session, child)
    refer(date(2026, 6, 2))
    assert WarningKind.POSITIVE_NOT_REFERRED not in kinds(session, child)


def test_positive_not_referred_fires_for_a_positive_element_and_clears_on_no_indication(
    session: Session, office: Office
) -> None:
    child = office.child(office.facility())
    info = screen(session, office, child, date(2026, 6, 2), answers=POSITIVE)
    assert info.flagged is False and info.positive_elements == ("deceptive_recruitment",)
    warning = kinds(session, child)[WarningKind.POSITIVE_NOT_REFERRED]
    assert warning.detail == (
        "Positive element: Deceptive recruitment (including transfer and transport)."
    )
    decided = record_decision(session, info.screening_id, info.version, "monitor", "")
    assert WarningKind.POSITIVE_NOT_REFERRED in kinds(session, child)  # monitoring is not enough
    record_decision(session, info.screening_id, decided.version, "no_indication", "explained")
    assert WarningKind.POSITIVE_NOT_REFERRED not in kinds(session, child)


def test_a_negative_screening_raises_no_positive_warning(session: Session, office: Office) -> None:
    child = office.child(office.facility())
    screen(session, office, child, date(2026, 6, 2), answers={"cl-dr-01": "observed"})
    assert kinds(session, child) == {}


def test_an_unverified_adult_is_a_warning_until_the_relationship_is_confirmed(
    session: Session, office: Office
) -> None:
    child = office.child(office.facility())
    screen(session, office, child, date(2026, 6, 2))
    adult = add_adult(session, child.id, "Karim Rahimi", "uncle")
    session.execute(
        update(AccompanyingAdult)
        .where(AccompanyingAdult.id == adult.adult_id)
        .values(added_at=datetime(2026, 6, 1, 9, tzinfo=UTC))  # before the screening
    )
    warning = kinds(session, child)[WarningKind.UNVERIFIED_ADULT]
    assert warning.since == date(2026, 6, 1)
    assert "uncle" in warning.detail and "Karim" not in warning.detail
    assert WarningKind.RESCREEN_NEW_ADULT not in kinds(session, child)  # known when screened
    record_adult_check(
        session, adult.adult_id, method="interview", outcome="not_confirmed", checked_on=TODAY
    )
    assert WarningKind.UNVERIFIED_ADULT in kinds(session, child)
    record_adult_check(
        session, adult.adult_id, method="documents", outcome="confirmed", checked_on=TODAY
    )
    assert kinds(session, child) == {}


def test_a_return_from_missing_asks_for_a_new_screening(session: Session, office: Office) -> None:
    child = office.child(office.facility())
    screen(session, office, child, date(2026, 5, 4))
    episode = report_missing(
        session, child.id, missing_since=office.at(2026, 5, 20, 21), now=office.at(2026, 5, 21, 8)
    )
    assert WarningKind.RESCREEN_AFTER_MISSING not in kinds(session, child)  # still missing
    record_return(
        session,
        episode.id,
        episode.version,
        returned_at=office.at(2026, 6, 1, 12),
        now=office.at(2026, 6, 1, 13),
    )
    warning = kinds(session, child)[WarningKind.RESCREEN_AFTER_MISSING]
    assert warning.since == date(2026, 6, 1) and warning.working_days == 10
    screen(session, office, child, date(2026, 6, 3), occasion="after_missing")
    assert WarningKind.RESCREEN_AFTER_MISSING not in kinds(session, child)


def test_a_new_adult_contact_asks_for_a_new_screening(session: Session, office: Office) -> None:
    child = office.child(office.facility())
    first = screen(session, office, child, date(2026, 6, 2))
    session.execute(  # written on the day, as it happens in an office
        update(Screening)
        .where(Screening.id == first.screening_id)
        .values(created_at=datetime(2026, 6, 2, 10, tzinfo=UTC))
    )
    adult = add_adult(session, child.id, "Samir Haidari", "cousin")
    session.execute(
        update(AccompanyingAdult)
        .where(AccompanyingAdult.id == adult.adult_id)
        .values(added_at=datetime(2026, 6, 8, 9, tzinfo=UTC))
    )
    found = kinds(session, child)
    assert found[WarningKind.RESCREEN_NEW_ADULT].since == date(2026, 6, 8)
    assert "cousin" in found[WarningKind.RESCREEN_NEW_ADULT].detail
    assert "Samir" not in found[WarningKind.RESCREEN_NEW_ADULT].detail
    screen(session, office, child, date(2026, 6, 9), occasion="new_adult")
    found = kinds(session, child)
    assert WarningKind.RESCREEN_NEW_ADULT not in found
    assert WarningKind.UNVERIFIED_ADULT in found  # a screening does not verify the adult


def test_an_adult_known_before_a_back_dated_screening_is_not_new(
    session: Session, office: Office
) -> None:
    """The child and the adult with them are registered today; the first-contact screening,
    held two days ago, is written after them: the screener knew of the adult."""
    child = office.child(office.facility())
    add_adult(session, child.id, "Samir Haidari", "cousin")
    screen(session, office, child, TODAY - timedelta(days=2))
    found = kinds(session, child)
    assert WarningKind.RESCREEN_NEW_ADULT not in found
    assert WarningKind.UNVERIFIED_ADULT in found


def test_a_move_to_another_facility_asks_for_a_new_screening(
    session: Session, office: Office
) -> None:
    child = office.child(office.facility())  # the first placement asks for nothing
    screen(session, office, child, date(2026, 6, 2))
    assert kinds(session, child) == {}
    other = office.facility(name="Durrës Home")
    move_child(
        session, child.id, child.version, other.id, moved_on=date(2026, 6, 5), reason="needs"
    )
    assert kinds(session, child)[WarningKind.RESCREEN_FACILITY_CHANGE].since == date(2026, 6, 5)
    screen(session, office, child, date(2026, 6, 8), occasion="facility_change")
    assert kinds(session, child) == {}


def test_a_facility_changed_in_the_childs_form_asks_for_a_new_screening(
    session: Session, office: Office
) -> None:
    child = office.child(office.facility())
    screen(session, office, child, date(2026, 6, 2))
    data = children.child_data(session, child)
    data.facility_code = office.facility(name="Shkodër Home").code
    children.update_child(session, child.id, data, child.version)  # the database adds the move
    moved = session.scalars(
        select(Placement).where(Placement.child_id == child.id).order_by(Placement.id.desc())
    ).first()
    assert moved is not None and moved.from_facility_id is not None
    today = max(TODAY, moved.moved_on)
    assert WarningKind.RESCREEN_FACILITY_CHANGE in kinds(session, child, today)
    # Screened later that day: the move is answered.
    moved.created_at = datetime.now(UTC) - timedelta(hours=2)
    session.flush()
    screen(
        session, office, child, moved.moved_on, screened_at=datetime.now(UTC) - timedelta(hours=1)
    )
    assert WarningKind.RESCREEN_FACILITY_CHANGE not in kinds(session, child, today)


def test_a_periodic_screening_falls_due_after_the_setting(session: Session, office: Office) -> None:
    get_settings(session).rescreen_after_days = 30
    session.flush()
    child = office.child(office.facility())
    screen(session, office, child, date(2026, 5, 1))
    assert WarningKind.RESCREEN_PERIODIC not in kinds(session, child, date(2026, 5, 30))
    warning = kinds(session, child, date(2026, 6, 1))[WarningKind.RESCREEN_PERIODIC]
    assert warning.since == date(2026, 5, 31) and "every 30 days" in warning.detail
    screen(session, office, child, date(2026, 6, 1), occasion="periodic")
    assert WarningKind.RESCREEN_PERIODIC not in kinds(session, child, date(2026, 6, 20))
    # and again one interval later, counted from the first screening
    assert kinds(session, child, date(2026, 6, 30))[WarningKind.RESCREEN_PERIODIC].since == date(
        2026, 6, 30
    )


def test_closed_cases_raise_no_warning(session: Session, office: Office) -> None:
    child = office.child(office.facility())
    add_adult(session, child.id, "Karim Rahimi", "uncle")
    assert set(kinds(session, child)) == {WarningKind.NOT_SCREENED, WarningKind.UNVERIFIED_ADULT}
    child.status = ChildStatus.CLOSED
    session.flush()
    assert kinds(session, child) == {}
    assert warning_counts(session, TODAY)[WarningKind.NOT_SCREENED] == 0


def test_the_list_puts_the_oldest_first_and_counts_every_kind(
    session: Session, office: Office
) -> None:
    place = office.facility()
    newer = office.child(place, identified_on=date(2026, 6, 10))
    older = office.child(place, identified_on=date(2026, 5, 4))
    assert [w.child_id for w in early_warnings(session, TODAY)] == [older.id, newer.id]
    counts = warning_counts(session, TODAY)
    assert set(counts) == set(WarningKind) == set(WARNING_NAMES)
    assert counts[WarningKind.NOT_SCREENED] == 2 and sum(counts.values()) == 2


def test_an_auditor_reads_the_warnings_but_records_no_check(
    factory: sessionmaker[Session],
) -> None:
    with session_scope(factory, actor="test") as session:
        office = Office(session)
        child = office.child(None)
        adult = add_adult(session, child.id, "Karim Rahimi", "uncle")
    auditor = SignedIn("aud.user", "An auditor", Role.AUDITOR)
    with session_scope(factory, account=auditor) as session:
        assert warning_counts(session, TODAY)[WarningKind.UNVERIFIED_ADULT] == 1
        with pytest.raises(PermissionDenied):
            record_adult_check(
                session, adult.adult_id, method="documents", outcome="confirmed", checked_on=TODAY
            )
