"""The synthetic office written through the services: consistent, audited, refused if not empty."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.db.models import (
    Absence,
    Assignment,
    AuditEvent,
    AvailabilitySlot,
    Child,
    ChildSibling,
    Facility,
    Guardian,
    Mediator,
)
from guardian_desk.demo import (
    DemoCancelled,
    DemoSizes,
    generate,
    load_demo,
    plan_assignments,
)
from guardian_desk.demo.load import understands
from guardian_desk.domain.enums import AssignmentRole, ChildStatus, Proficiency
from guardian_desk.domain.errors import RuleViolation
from guardian_desk.services import children, facilities
from guardian_desk.services.children import child_data
from guardian_desk.services.settings import get_settings
from guardian_desk.services.staff import staff_data
from tests.core import factories

TODAY = date(2026, 10, 15)
SMALL = DemoSizes(children=120, guardians=25, mediators=14, facilities=8)


def _count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_default_office_loads_consistently(session: Session) -> None:
    counts = load_demo(session, DemoSizes(), today=TODAY)
    data = generate(DemoSizes(), today=TODAY)
    assert counts["children"] == _count(session, Child) == 300
    assert counts["guardians"] == _count(session, Guardian) == 60
    assert counts["mediators"] == _count(session, Mediator) == 30
    assert counts["facilities"] == _count(session, Facility) == 12
    assert counts["slots"] == _count(session, AvailabilitySlot) > 2 * 90
    assert counts["absences"] == _count(session, Absence) > 0
    assert counts["assignments"] == _count(session, Assignment) > 150

    cap = get_settings(session).caseload_cap
    rows = {c.case_number: c for c in session.scalars(select(Child))}
    active = list(session.scalars(select(Assignment).where(Assignment.ends_on.is_(None))))
    guardians_of = Counter(a.child_id for a in active if a.role is AssignmentRole.GUARDIAN)
    for planned in data.children:
        row = rows[planned.case_number or ""]
        if row.status is ChildStatus.UNDER_GUARDIANSHIP:
            assert guardians_of[row.id] == 1, row.case_number
        else:
            assert guardians_of[row.id] == 0, row.case_number
        # Only the appointment moves a case on; the rest is stored as generated.
        assert row.status == planned.status
        stored = child_data(session, row)
        assert stored == planned

    for assignment in active:
        person = assignment.guardian or assignment.mediator
        assert person is not None
        child = assignment.child
        preference = (
            child.guardian_gender_preference
            if assignment.role is AssignmentRole.GUARDIAN
            else child.mediator_gender_preference
        )
        assert preference.value in ("any", person.sex.value)
        assert person.active
        expires = person.vetting_expires_on
        assert expires is None or expires >= assignment.starts_on
        assert child.identified_on <= assignment.starts_on <= TODAY
        assert assignment.reason and assignment.decision_ref
    load = Counter((a.role, a.guardian_id or a.mediator_id) for a in active)
    people = {(AssignmentRole.GUARDIAN, g.id): g for g in session.scalars(select(Guardian))}
    people |= {(AssignmentRole.MEDIATOR, m.id): m for m in session.scalars(select(Mediator))}
    for key, n in load.items():
        assert n <= min(people[key].max_caseload, cap)

    # A mediator joins exactly the children whose guardian does not speak their language.
    mediated = {a.child_id: a for a in active if a.role is AssignmentRole.MEDIATOR}
    for assignment in active:
        if assignment.role is not AssignmentRole.GUARDIAN:
            continue
        assert assignment.guardian is not None
        kid = child_data(session, assignment.child)
        if understands(kid, staff_data(assignment.guardian)):
            assert assignment.child_id not in mediated
        elif assignment.child_id in mediated:
            mediator = mediated[assignment.child_id].mediator
            assert mediator is not None
            assert understands(kid, staff_data(mediator), interpreter=True)
    needing = [a for a in active if a.role is AssignmentRole.GUARDIAN]
    assert len(mediated) > len(needing) / 3

    pairs = sum(len(c.sibling_case_numbers) for c in data.children) // 2
    assert _count(session, ChildSibling) == pairs > 0


def test_every_write_is_audited_and_the_load_itself_too(session: Session) -> None:
    counts = load_demo(session, SMALL, today=TODAY, seed=4)
    events = Counter((e.entity, e.action) for e in session.scalars(select(AuditEvent)))
    assert events[("child", "create")] == counts["children"]
    assert events[("guardian", "create")] == counts["guardians"]
    assert events[("mediator", "create")] == counts["mediators"]
    assert events[("facility", "create")] == counts["facilities"]
    assert events[("guardian", "set_availability")] == counts["guardians"]
    assert events[("assignment", "assign")] == counts["assignments"]
    assert events[("assignment", "override_assign")] == 0
    assert events[("demo", "load")] == 1
    actors = set(session.scalars(select(AuditEvent.actor)))
    assert actors == {"test-officer"}


def test_gender_preferences_are_respected_when_they_bind() -> None:
    """Many girls asking for a woman: every appointment still follows the wish."""
    data = generate(DemoSizes(children=2000, guardians=120, mediators=60), seed=9, today=TODAY)
    plan = plan_assignments(data, today=TODAY, caseload_cap=25, seed=9)
    by_number = {c.case_number: c for c in data.children}
    people = {p.code: p for p in data.guardians + data.mediators}
    asked = 0
    for planned in plan:
        child, person = by_number[planned.case_number], people[planned.person]
        preference = (
            child.guardian_gender_preference
            if planned.role is AssignmentRole.GUARDIAN
            else child.mediator_gender_preference
        )
        asked += preference.value != "any"
        assert preference.value in ("any", person.sex.value)
    assert asked > 50
    assert {p.case_number for p in plan if p.role is AssignmentRole.GUARDIAN} == {
        c.case_number for c in data.children if c.status is ChildStatus.UNDER_GUARDIANSHIP
    }


def test_siblings_share_a_guardian_when_they_can() -> None:
    data = generate(DemoSizes(children=1500, guardians=100, mediators=40), seed=2, today=TODAY)
    plan = plan_assignments(data, today=TODAY, caseload_cap=25, seed=2)
    guardian_of = {p.case_number: p.person for p in plan if p.role is AssignmentRole.GUARDIAN}
    shared = together = 0
    for child in data.children:
        for number in child.sibling_case_numbers:
            if child.case_number in guardian_of and number in guardian_of:
                together += 1
                shared += guardian_of[child.case_number] == guardian_of[number]
    assert together > 10 and shared / together > 0.8


def test_a_database_with_children_is_refused(factory: sessionmaker[Session]) -> None:
    with session_scope(factory) as session:
        children.create_child(session, factories.child())
    with session_scope(factory) as session, pytest.raises(RuleViolation) as refused:
        load_demo(session, SMALL, today=TODAY)
    assert "already holds 1 child record" in str(refused.value)
    with session_scope(factory) as session:
        assert _count(session, Child) == 1 and _count(session, Guardian) == 0


def test_existing_facilities_and_staff_keep_their_codes(session: Session) -> None:
    own = facilities.create_facility(session, factories.facility())
    assert own.code == "FAC-0001"
    counts = load_demo(session, SMALL, today=TODAY)
    codes = sorted(session.scalars(select(Facility.code)))
    assert codes == [f"FAC-{n:04d}" for n in range(1, counts["facilities"] + 2)]
    assert session.scalar(select(func.count()).where(Child.facility_id == own.id)) == 0


def test_cancel_stops_before_the_next_record(factory: sessionmaker[Session]) -> None:
    asked = 0

    def cancel() -> bool:
        nonlocal asked
        asked += 1
        return asked > 40

    with pytest.raises(DemoCancelled, match="cancelled"), session_scope(factory) as session:
        load_demo(session, SMALL, today=TODAY, cancel=cancel)
    with session_scope(factory) as session:  # the caller's rollback left nothing behind
        assert _count(session, Facility) == _count(session, Guardian) == 0


def test_progress_climbs_to_the_total(session: Session) -> None:
    seen: list[tuple[int, int]] = []
    load_demo(session, SMALL, today=TODAY, progress=lambda done, total: seen.append((done, total)))
    assert seen[0][0] == 0 and seen[-1][0] == seen[-1][1]
    assert len({total for _, total in seen}) == 1
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert 20 <= len(seen) <= 110


def test_other_office_countries_load(factory: sessionmaker[Session]) -> None:
    with session_scope(factory) as session:
        get_settings(session).country = "MK"
    with session_scope(factory) as session:
        load_demo(session, DemoSizes(children=40, guardians=10, mediators=6, facilities=4),
                  today=TODAY)  # fmt: skip
        numbers = list(session.scalars(select(Child.case_number)))
        assert numbers and all(n.startswith("MK-") for n in numbers)
        assert all(p.startswith("+389") for p in session.scalars(select(Guardian.phone)))
        languages = {s.code for g in session.scalars(select(Guardian)) for s in g.languages}
        assert "mkd" in languages
        assert all(
            any(s.code == "mkd" and s.proficiency.rank >= Proficiency.FLUENT.rank
                for s in g.languages)
            for g in session.scalars(select(Guardian))
        )  # fmt: skip


def test_an_office_without_demo_data_is_told_so(factory: sessionmaker[Session]) -> None:
    with session_scope(factory) as session:
        get_settings(session).country = "IT"
    with session_scope(factory) as session, pytest.raises(RuleViolation, match="Italy"):
        load_demo(session, SMALL, today=TODAY)
