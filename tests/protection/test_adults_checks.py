"""Accompanying adults: how the claimed relationship was checked, and what that makes them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from guardian_desk.domain.enums import ChildStatus
from guardian_desk.domain.errors import RuleViolation, ValidationError
from guardian_desk.domain.records import Companion
from guardian_desk.services import audit, children
from guardian_desk.services.adults import add_adult, adults_of, record_adult_check
from tests.scheduling.office import Office

CHECKED = date(2026, 6, 1)


@pytest.fixture
def office(session: Session) -> Office:
    return Office(session)


def test_a_new_adult_is_unverified_and_dated_now(session: Session, office: Office) -> None:
    child = office.child(office.facility())
    version = child.version
    adult = add_adult(session, child.id, "Karim Rahimi", "uncle")
    assert (adult.verified, adult.check_method, adult.check_outcome) == (False, "none", "pending")
    assert abs(adult.added_at - datetime.now(UTC)) < timedelta(minutes=1)
    assert adult.added_at.tzinfo is not None
    assert adults_of(session, child.id) == [adult]
    assert child.version == version + 1  # a child form opened before must reload
    (event,) = audit.history(session, "accompanying_adult", adult.adult_id)
    assert event.action == "add" and "Karim" not in str(event.after)


def test_only_a_confirmed_relationship_verifies(session: Session, office: Office) -> None:
    child = office.child(office.facility())
    adult = add_adult(session, child.id, "Karim Rahimi", "uncle")
    for method, outcome, verified in (
        ("documents", "confirmed", True),
        ("interview", "contradicted", False),
        ("consistency", "confirmed", True),
        ("interview", "not_confirmed", False),
        ("none", "pending", False),
    ):
        info = record_adult_check(
            session, adult.adult_id, method=method, outcome=outcome, checked_on=CHECKED
        )
        assert (info.check_method, info.check_outcome, info.verified) == (
            method,
            outcome,
            verified,
        )
    info = record_adult_check(
        session,
        adult.adult_id,
        method="documents",
        outcome="confirmed",
        checked_on=CHECKED,
        note="birth certificate seen",
    )
    assert info.checked_by == "test-officer" and info.checked_on == CHECKED
    assert info.check_note == "birth certificate seen"
    events = audit.history(session, "accompanying_adult", adult.adult_id)
    assert [e.action for e in events] == ["add"] + ["check"] * 6
    assert all("birth" not in str(e.after) and "Karim" not in str(e.after) for e in events)


def test_an_unchecked_confirmation_and_a_future_day_are_refused(
    session: Session, office: Office
) -> None:
    child = office.child(office.facility())
    adult = add_adult(session, child.id, "Karim Rahimi", "uncle")
    with pytest.raises(ValidationError) as refused:
        record_adult_check(
            session, adult.adult_id, method="none", outcome="confirmed", checked_on=CHECKED
        )
    assert refused.value.field == "method"
    assert "say how it was checked" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        record_adult_check(
            session,
            adult.adult_id,
            method="documents",
            outcome="confirmed",
            checked_on=date.today() + timedelta(days=2),
        )
    assert refused.value.field == "checked_on" and "future" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        record_adult_check(
            session, adult.adult_id, method="dna", outcome="confirmed", checked_on=CHECKED
        )
    assert refused.value.field == "method"
    assert adults_of(session, child.id)[0].verified is False


def test_the_childs_form_keeps_the_check(session: Session, office: Office) -> None:
    child = office.child(office.facility())
    adult = add_adult(session, child.id, "Karim Rahimi", "uncle")
    record_adult_check(
        session, adult.adult_id, method="documents", outcome="confirmed", checked_on=CHECKED
    )
    data = children.child_data(session, child)
    data.accompanying_adults = [
        *data.accompanying_adults,
        Companion(full_name="Samir Haidari", claimed_relationship="cousin"),
    ]
    children.update_child(session, child.id, data, child.version)
    kept, new = adults_of(session, child.id)
    assert (kept.adult_id, kept.verified, kept.check_method) == (adult.adult_id, True, "documents")
    assert new.full_name == "Samir Haidari" and not new.verified and new.added_at >= kept.added_at


def test_no_adult_is_added_to_a_closed_case(session: Session, office: Office) -> None:
    child = office.child(office.facility())
    child.status = ChildStatus.REUNIFIED
    session.flush()
    with pytest.raises(RuleViolation, match="reopen the case to add an adult"):
        add_adult(session, child.id, "Karim Rahimi", "uncle")
