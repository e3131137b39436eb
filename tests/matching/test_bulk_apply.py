"""Applying a bulk plan: a stale choice is refused with its reason, the rest are appointed."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from guardian_desk.db.models import Assignment, AuditEvent
from guardian_desk.matching import load_pool
from guardian_desk.matching.bulk import bulk_match
from guardian_desk.matching.bulk_apply import BulkChoice, apply_bulk
from guardian_desk.services import staff
from tests.matching.office import TODAY, Office, speaks


def test_a_guardian_suspended_after_the_plan_is_refused_and_the_others_are_appointed(
    session: Session,
) -> None:
    office = Office(session)
    place = office.facility()
    zahra = office.guardian(languages=speaks(("prs", "native")), given_name="Zahra", max_caseload=1)  # type: ignore[arg-type]
    nabi = office.guardian(languages=speaks(("prs", "native")), given_name="Nabi", max_caseload=1)  # type: ignore[arg-type]
    kids = [office.child(place, given_name=name) for name in ("Ahmad", "Omid")]
    session.flush()
    plan = bulk_match(load_pool(session, today=TODAY))
    assert len(plan.proposals) == 2
    choices = [BulkChoice(p.child_id, p.proposal.guardian_id, None) for p in plan.proposals]
    assert {c.guardian_id for c in choices} == {zahra.id, nabi.id}
    staff.set_active(session, "guardian", nabi.id, nabi.version, active=False, reason="on leave")
    done = apply_bulk(session, choices, starts_on=TODAY)
    refused_case = next(k.case_number for k in kids if any(
        c.child_id == k.id and c.guardian_id == nabi.id for c in choices))  # fmt: skip
    assert done.refused == ((refused_case, "suspended (on leave)"),)
    assert len(done.appointed) == 1
    active = session.scalars(select(Assignment).where(Assignment.ends_on.is_(None))).all()
    assert [(a.guardian_id, a.reason) for a in active] == [(zahra.id, "bulk matching")]
    assert session.scalar(
        select(AuditEvent).where(AuditEvent.entity == "assignment", AuditEvent.action == "assign")
    )


def test_two_choices_for_one_place_are_both_refused_rather_than_one_silently(
    session: Session,
) -> None:
    office = Office(session)
    place = office.facility()
    nabi = office.guardian(languages=speaks(("prs", "native")), max_caseload=1)  # type: ignore[arg-type]
    kids = [office.child(place, given_name=name) for name in ("Ahmad", "Omid")]
    session.flush()
    done = apply_bulk(session, [BulkChoice(k.id, nabi.id, None) for k in kids], starts_on=TODAY)
    assert done.appointed == ()
    assert all("has no room for every child chosen" in why for _case, why in done.refused)
