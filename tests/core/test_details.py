"""The detail form's core: one record with its appointments, visits and readable history."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.db.models import Visit
from guardian_desk.domain.enums import AssignmentRole, ChildStatus, Proficiency, Sex, VisitStatus
from guardian_desk.domain.errors import ConflictError, ValidationError
from guardian_desk.domain.records import AbsencePeriod, LanguageSkill, WeeklyWindow
from guardian_desk.services import assignments, children, facilities, staff
from guardian_desk.services.details import (
    changes,
    form_choices,
    record_detail,
    save_record,
    set_record_active,
)
from tests.core import factories

START = date(2026, 10, 5)


def test_child_detail_has_data_title_and_a_readable_creation(session: Session) -> None:
    child_id = save_record(session, "children", None, factories.child(), None)
    detail = record_detail(session, "children", child_id)
    assert detail.title == "Child AL-2026-00001 — Ahmad Rahimi"
    assert (detail.code, detail.name, detail.version, detail.active) == (
        "AL-2026-00001",
        "Ahmad Rahimi",
        1,
        True,
    )
    assert detail.data.given_name_original == "احمد"  # type: ignore[union-attr]
    [created] = detail.history
    assert created.action == "create" and created.actor == "test-officer"
    assert created.at.tzinfo is not None
    fields = {name: (before, after) for name, before, after in created.changes}
    assert fields["given_name"] == ("", "Ahmad")
    assert fields["languages"] == ("", "prs:native")
    assert fields["dob_estimated"] == ("", "yes")
    assert "notes" not in fields and "arrived_on" not in fields  # empty fields are left out


def test_update_history_lists_only_what_changed(session: Session) -> None:
    child_id = save_record(session, "children", None, factories.child(), None)
    data = record_detail(session, "children", child_id).data
    data.family_name = "Rahimi-Karimi"  # type: ignore[union-attr]
    data.languages = [  # type: ignore[union-attr]
        LanguageSkill("prs", Proficiency.NATIVE),
        LanguageSkill("eng", Proficiency.BASIC),
    ]
    save_record(session, "children", child_id, data, expected_version=1)
    detail = record_detail(session, "children", child_id)
    assert detail.version == 2
    assert detail.history[-1].action == "update"
    assert detail.history[-1].changes == [
        ("family_name", "Rahimi", "Rahimi-Karimi"),
        ("languages", "prs:native", "eng:basic; prs:native"),
    ]


def test_a_stale_save_is_refused_and_changes_nothing(factory: sessionmaker[Session]) -> None:
    with session_scope(factory, actor="Officer A") as s:
        guardian_id = save_record(s, "guardians", None, factories.guardian(), None)
    with session_scope(factory, actor="Officer B") as s:
        data = record_detail(s, "guardians", guardian_id).data
        data.phone = "+355 69 765 4321"  # type: ignore[union-attr]
        save_record(s, "guardians", guardian_id, data, expected_version=1)
    with pytest.raises(ConflictError), session_scope(factory, actor="Officer A") as s:
        save_record(
            s,
            "guardians",
            guardian_id,
            factories.guardian(notes="typed on an old copy"),
            expected_version=1,
            slots=[WeeklyWindow(1, 540, 720)],
        )
    with session_scope(factory) as s:
        detail = record_detail(s, "guardians", guardian_id)
        assert detail.data.notes == "" and detail.slots == []
        assert [(row.actor, row.action) for row in detail.history] == [
            ("Officer A", "create"),
            ("Officer B", "update"),
        ]


def test_staff_and_availability_are_saved_in_one_unit(session: Session) -> None:
    slots = [WeeklyWindow(1, 540, 720), WeeklyWindow(3, 840, 1020)]
    absences = [AbsencePeriod(date(2026, 12, 20), date(2027, 1, 3), "holiday")]
    guardian_id = save_record(
        session, "guardians", None, factories.guardian(), None, slots=slots, absences=absences
    )
    detail = record_detail(session, "guardians", guardian_id)
    assert detail.slots == slots and detail.absences == absences
    assert detail.title == "Guardian G-00001 — Elira Hoxha"
    assert [row.action for row in detail.history] == ["create", "set_availability"]
    assert ("slots", "", "Mon 09:00-12:00; Wed 14:00-17:00") in detail.history[1].changes
    assert ("absences", "", "2026-12-20..2027-01-03 holiday") in detail.history[1].changes
    # An edit at the version read also replaces the slots, in the same unit of work.
    data = detail.data
    data.municipality = "Durrës"  # type: ignore[union-attr]
    save_record(
        session,
        "guardians",
        guardian_id,
        data,
        expected_version=detail.version,
        slots=slots[:1],
        absences=absences,
    )
    again = record_detail(session, "guardians", guardian_id)
    assert again.slots == slots[:1] and again.data.municipality == "Durrës"  # type: ignore[union-attr]
    assert [row.action for row in again.history][-2:] == ["update", "set_availability"]
    # Unchanged availability leaves no audit row and no extra version step.
    save_record(session, "guardians", guardian_id, again.data, again.version, slots[:1], absences)
    last = record_detail(session, "guardians", guardian_id)
    assert last.version == again.version + 1
    assert [row.action for row in last.history][-1] == "update"


def test_mediator_fields_and_service_errors_name_the_field(session: Session) -> None:
    mediator_id = save_record(
        session,
        "mediators",
        None,
        factories.guardian(
            given_name="Hiwet",
            family_name="Tesfay",
            languages=[LanguageSkill("tir", Proficiency.NATIVE)],
            dialects=["Asmara"],
            certification="Court interpreter",
        ),
        None,
    )
    detail = record_detail(session, "mediators", mediator_id)
    assert detail.title == "Mediator M-00001 — Hiwet Tesfay"
    assert detail.data.dialects == ["Asmara"]  # type: ignore[union-attr]
    with pytest.raises(ValidationError) as caught:
        save_record(
            session, "children", None, factories.child(sibling_case_numbers=["AL-2026-09999"]), None
        )
    assert caught.value.field == "siblings"


def test_appointments_show_from_both_sides(session: Session) -> None:
    child = children.create_child(session, factories.child())
    guardian = staff.create_staff(session, "guardian", factories.guardian())
    mediator = staff.create_staff(
        session, "mediator", factories.guardian(given_name="Farid", sex=Sex.MALE)
    )
    assignments.assign_guardian(
        session, child.id, guardian.id, starts_on=START, reason="speaks Dari", decision_ref="D-7"
    )
    assignments.assign_mediator(session, child.id, mediator.id, starts_on=START)
    of_child = record_detail(session, "children", child.id).assignments
    assert {(a.role, a.person) for a in of_child} == {
        (AssignmentRole.GUARDIAN, "G-00001 Elira Hoxha"),
        (AssignmentRole.MEDIATOR, "M-00001 Farid Hoxha"),
    }
    [of_guardian] = record_detail(session, "guardians", guardian.id).assignments
    assert of_guardian.child == "AL-2026-00001 Ahmad Rahimi"
    assert (of_guardian.reason, of_guardian.decision_ref, of_guardian.current) == (
        "speaks Dari",
        "D-7",
        True,
    )


def test_visits_name_the_people_and_the_place(session: Session) -> None:
    place = facilities.create_facility(session, factories.facility())
    child = children.create_child(session, factories.child(facility_code=place.code))
    guardian = staff.create_staff(session, "guardian", factories.guardian())
    starts = datetime(2026, 11, 3, 9, 0, tzinfo=UTC)
    session.add(
        Visit(
            child_id=child.id,
            guardian_id=guardian.id,
            facility_id=place.id,
            starts_at=starts,
            ends_at=starts.replace(hour=10),
            status=VisitStatus.HELD,
        )
    )
    session.flush()
    for kind, record_id in (
        ("children", child.id),
        ("guardians", guardian.id),
        ("facilities", place.id),
    ):
        [visit] = record_detail(session, kind, record_id).visits
        assert visit.place == "Tirana Reception Centre"
        assert visit.child == "AL-2026-00001 Ahmad Rahimi"
        assert visit.guardian == "G-00001 Elira Hoxha"
        assert visit.starts_at == starts and visit.status is VisitStatus.HELD


def test_form_choices_list_facilities_and_the_office(session: Session) -> None:
    facilities.create_facility(session, factories.facility(code="FAC-B", name="Shelter B"))
    facilities.create_facility(session, factories.facility(code="FAC-A", name="Centre A"))
    choices = form_choices(session)
    assert choices.facilities == [("FAC-A", "Centre A"), ("FAC-B", "Shelter B")]
    assert (choices.country, choices.time_zone) == ("AL", "Europe/Tirane")


def test_deactivating_each_kind_is_audited(session: Session) -> None:
    child_id = save_record(session, "children", None, factories.child(), None)
    set_record_active(
        session,
        "children",
        child_id,
        1,
        active=False,
        reason="left for Germany",
        status=ChildStatus.MISSING,
    )
    detail = record_detail(session, "children", child_id)
    assert not detail.active and detail.history[-1].action == "close"
    assert detail.history[-1].changes == [
        ("status", "identified", "missing"),
        ("closure_reason", "", "missing"),
        ("closed_on", "", str(detail.history[-1].changes[2][2])),
        ("closure_note", "", "left for Germany"),
    ]
    guardian_id = save_record(session, "guardians", None, factories.guardian(), None)
    with pytest.raises(ValidationError, match="suspended_reason"):
        set_record_active(session, "guardians", guardian_id, 1, active=False)
    set_record_active(session, "guardians", guardian_id, 1, active=False, reason="on leave")
    assert not record_detail(session, "guardians", guardian_id).active
    set_record_active(session, "guardians", guardian_id, 2, active=True)
    assert record_detail(session, "guardians", guardian_id).history[-1].action == "reinstate"
    facility_id = save_record(session, "facilities", None, factories.facility(), None)
    set_record_active(session, "facilities", facility_id, 1, active=False)
    assert not record_detail(session, "facilities", facility_id).active


def test_changes_of_lists_companions_and_unknown_shapes() -> None:
    assert changes(
        {"accompanying_adults": [], "hours": []},
        {
            "accompanying_adults": [
                {"full_name": "Karim", "claimed_relationship": "uncle", "verified": False}
            ],
            "hours": [{"weekday": 6, "start_minute": 600, "end_minute": 780}],
        },
    ) == [
        ("accompanying_adults", "", "Karim | uncle | no"),
        ("hours", "", "Sat 10:00-13:00"),
    ]
    assert changes({"a": 1}, {"a": 1}) == []
    assert changes({"a": {"x": 1}}, None) == [("a", '{"x": 1}', "")]
