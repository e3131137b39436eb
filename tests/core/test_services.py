"""Use cases: every write audited, rules enforced, stale saves refused."""

from __future__ import annotations

from datetime import date

import pytest

from guardian_desk.domain.enums import ChildStatus, GenderPreference, Sex
from guardian_desk.domain.errors import ConflictError, RuleViolation, ValidationErrors
from guardian_desk.domain.records import SettingsData
from guardian_desk.services import assignments, audit, children, settings, staff
from tests.core import factories

START = date(2026, 10, 5)


def test_create_and_update_child_are_audited_with_before_and_after(session) -> None:  # type: ignore[no-untyped-def]
    child = children.create_child(session, factories.child())
    data = children.child_data(session, child)
    data.family_name = "Rahimi-Karimi"
    children.update_child(session, child.id, data, expected_version=1)
    events = audit.history(session, "child", child.id)
    assert [e.action for e in events] == ["create", "update"]
    assert all(e.actor == "test-officer" for e in events)
    assert events[1].before["family_name"] == "Rahimi"
    assert events[1].after["family_name"] == "Rahimi-Karimi"
    assert child.version == 2


def test_stale_copy_is_refused_and_nothing_overwritten(session) -> None:  # type: ignore[no-untyped-def]
    child = children.create_child(session, factories.child())
    first = children.child_data(session, child)
    first.notes = "met the psychologist"
    children.update_child(session, child.id, first, expected_version=1)
    stale = factories.child(notes="typed on an old copy")
    with pytest.raises(ConflictError, match="changed by someone else"):
        children.update_child(session, child.id, stale, expected_version=1)
    assert children.get_child(session, child.id).notes == "met the psychologist"


def test_case_numbers_follow_office_country_and_year(session) -> None:  # type: ignore[no-untyped-def]
    made = [children.create_child(session, factories.child()) for _ in range(3)]
    assert [c.case_number for c in made] == [f"AL-2026-0000{n}" for n in (1, 2, 3)]
    with pytest.raises(ValidationErrors, match="case_number: 'AL-2026-00002' is already"):
        children.create_child(session, factories.child(case_number="AL-2026-00002"))


def test_siblings_are_symmetric(session) -> None:  # type: ignore[no-untyped-def]
    older = children.create_child(session, factories.child(given_name="Omid"))
    younger = children.create_child(
        session, factories.child(given_name="Navid", sibling_case_numbers=[older.case_number])
    )
    assert children.child_data(session, older).sibling_case_numbers == [younger.case_number]


def test_closing_a_case_keeps_the_record(session) -> None:  # type: ignore[no-untyped-def]
    child = children.create_child(session, factories.child())
    children.close_child(
        session,
        child.id,
        1,
        "reunified with mother in Germany",
        status=ChildStatus.REUNIFIED,
        on=date(2026, 11, 1),
    )
    assert child.status is ChildStatus.REUNIFIED
    assert child.closure_note == "reunified with mother in Germany"
    assert audit.history(session, "child", child.id)[-1].action == "close"


def test_one_active_guardian_and_history_kept(session) -> None:  # type: ignore[no-untyped-def]
    child = children.create_child(session, factories.child())
    first = staff.create_staff(session, "guardian", factories.guardian())
    second = staff.create_staff(
        session, "guardian", factories.guardian(given_name="Arben", sex=Sex.MALE)
    )
    appointment = assignments.assign_guardian(session, child.id, first.id, starts_on=START)
    with pytest.raises(RuleViolation, match="already has a guardian"):
        assignments.assign_guardian(
            session, child.id, second.id, starts_on=START, override_reason="urgent"
        )
    assignments.end_assignment(
        session, appointment.id, 1, ends_on=date(2026, 11, 1), end_reason="guardian moved abroad"
    )
    assert child.status is ChildStatus.AWAITING_GUARDIAN
    assignments.assign_guardian(session, child.id, second.id, starts_on=date(2026, 11, 1))
    history = assignments.assignments_of_child(session, child.id)
    assert [(a.guardian_id, a.ends_on) for a in history] == [
        (first.id, date(2026, 11, 1)),
        (second.id, None),
    ]


def test_caseload_cap_and_gender_preference_need_a_written_override(session) -> None:  # type: ignore[no-untyped-def]
    guardian = staff.create_staff(session, "guardian", factories.guardian(max_caseload=1))
    first = children.create_child(session, factories.child())
    assignments.assign_guardian(session, first.id, guardian.id, starts_on=START)
    boy = children.create_child(
        session, factories.child(guardian_gender_preference=GenderPreference.MALE)
    )
    with pytest.raises(RuleViolation) as caught:
        assignments.assign_guardian(session, boy.id, guardian.id, starts_on=START)
    message = str(caught.value)
    assert "caseload 1 of 1" in message and "asked for a male guardian" in message
    assert "override needs a written reason" in message
    made = assignments.assign_guardian(
        session,
        boy.id,
        guardian.id,
        starts_on=START,
        override_reason="only Dari speaker; boy agreed in interview",
    )
    event = audit.history(session, "assignment", made.id)[0]
    assert event.action == "override_assign"
    assert event.after["override_reason"].startswith("only Dari speaker")
    assert "caseload 1 of 1" in event.after["overridden_rules"]


def test_office_cap_applies_below_personal_maximum(session) -> None:  # type: ignore[no-untyped-def]
    row = settings.get_settings(session)
    data = settings.settings_data(row)
    data.caseload_cap = 1
    settings.update_settings(session, data, expected_version=row.version)
    guardian = staff.create_staff(session, "guardian", factories.guardian(max_caseload=25))
    for _ in range(1):
        child = children.create_child(session, factories.child())
        assignments.assign_guardian(session, child.id, guardian.id, starts_on=START)
    another = children.create_child(session, factories.child())
    with pytest.raises(RuleViolation, match="caseload 1 of 1"):
        assignments.assign_guardian(session, another.id, guardian.id, starts_on=START)


def test_suspended_or_unvetted_guardian_is_not_appointed(session) -> None:  # type: ignore[no-untyped-def]
    guardian = staff.create_staff(
        session, "guardian", factories.guardian(vetting_expires_on=date(2026, 9, 1))
    )
    staff.set_active(
        session, "guardian", guardian.id, 1, active=False, reason="complaint under review"
    )
    child = children.create_child(session, factories.child())
    with pytest.raises(RuleViolation) as caught:
        assignments.assign_guardian(session, child.id, guardian.id, starts_on=START)
    assert "is suspended" in str(caught.value)
    assert "vetting expired on 1 Sept 2026" in str(caught.value)


def test_settings_validation_names_the_field(session) -> None:  # type: ignore[no-untyped-def]
    bad = SettingsData("Office", "", "AL", "Europe/Atlantis", 25, 15, 30)
    with pytest.raises(ValidationErrors, match="time_zone: 'Europe/Atlantis'"):
        settings.update_settings(session, bad, expected_version=1)
