"""Confirming a proposal appoints guardian and mediator, audited, in the caller's unit of work."""

from __future__ import annotations

import pytest

from guardian_desk.domain.enums import ChildStatus
from guardian_desk.domain.errors import RuleViolation
from guardian_desk.matching import confirm_proposal
from guardian_desk.services import assignments, audit, children
from tests.matching.office import TODAY, Office, speaks


@pytest.fixture
def office(session) -> Office:  # type: ignore[no-untyped-def]
    return Office(session)


def test_confirm_saves_guardian_and_mediator_with_audit_rows(office: Office) -> None:
    place = office.facility()
    mediator = office.mediator()
    office.guardian()
    child = office.child(place)
    proposal = office.suggest(child).proposals[0]
    assert proposal.mediator is not None
    ids = confirm_proposal(
        office.session,
        child.id,
        proposal.guardian_id,
        proposal.mediator.mediator_id,
        starts_on=TODAY,
        reason="first proposal",
        decision_ref="D-17/2026",
    )
    saved = assignments.assignments_of_child(office.session, child.id)
    assert [a.id for a in saved] == ids
    assert [(a.role.value, a.guardian_id, a.mediator_id) for a in saved] == [
        ("guardian", proposal.guardian_id, None),
        ("mediator", None, mediator.id),
    ]
    assert all(a.decision_ref == "D-17/2026" for a in saved)
    for assignment_id in ids:
        assert [e.action for e in audit.history(office.session, "assignment", assignment_id)] == [
            "assign"
        ]
    assert children.get_child(office.session, child.id).status is ChildStatus.UNDER_GUARDIANSHIP
    after = office.suggest(office.child(place, given_name="Navid")).proposals[0]
    assert after.caseload == 1


def test_a_guardian_who_cannot_talk_with_the_child_needs_a_written_override(
    office: Office,
) -> None:
    place = office.facility()
    guardian = office.guardian(languages=speaks(("sqi", "native")))  # type: ignore[arg-type]
    child = office.child(place)
    with pytest.raises(RuleViolation, match=r"speaks no Dari.*An override needs a written reason"):
        confirm_proposal(office.session, child.id, guardian.id, None, starts_on=TODAY)
    assert assignments.assignments_of_child(office.session, child.id) == []
    (made,) = confirm_proposal(
        office.session,
        child.id,
        guardian.id,
        None,
        starts_on=TODAY,
        override_reason="interpreter by phone until a mediator is registered",
    )
    actions = [e.action for e in audit.history(office.session, "assignment", made)]
    assert actions == ["assign", "override_match"]
    event = audit.history(office.session, "assignment", made)[1]
    assert event.after is not None
    assert event.after["overridden_rules"] == [
        "speaks no Dari, and no Dari–Albanian mediator is registered"
    ]


def test_a_mediator_who_does_not_fit_is_refused(office: Office) -> None:
    from guardian_desk.domain.records import WeeklyWindow

    place = office.facility()
    office.mediator()
    busy = office.mediator(given_name="Busy", slots=[WeeklyWindow(2, 600, 720)])
    guardian = office.guardian()
    child = office.child(place)
    with pytest.raises(RuleViolation, match="does not bridge"):
        confirm_proposal(office.session, child.id, guardian.id, busy.id, starts_on=TODAY)
