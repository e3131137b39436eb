"""Records for the figures' tests, inserted in bulk: children, screenings, referrals,
missing episodes, guardians' appointments and mediators, on dates the test chooses."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from guardian_desk.db.models import (
    Assignment,
    Child,
    ChildLanguage,
    Guardian,
    Mediator,
    MediatorLanguage,
    MissingEpisode,
    Referral,
    Screening,
)
from guardian_desk.domain.enums import AssignmentRole, Proficiency, Sex

NOW = datetime(2026, 10, 1, 9, tzinfo=UTC)


def add_children(session: Session, specs: list[dict[str, Any]]) -> list[int]:
    """Children from specs (identified_on required; sex, nationality, date_of_birth,
    closed_on, languages optional); returns their ids in order."""
    first = (session.scalar(select(Child.id).order_by(Child.id.desc()).limit(1)) or 0) + 1
    rows = []
    for n, spec in enumerate(specs):
        rows.append(
            {
                "id": first + n,
                "case_number": f"T-{first + n:06d}",
                "given_name": f"Child{first + n}",
                "sex": spec.get("sex", Sex.MALE),
                "date_of_birth": spec.get("date_of_birth"),
                "nationality": spec.get("nationality", "AF"),
                "identified_on": spec["identified_on"],
                "closed_on": spec.get("closed_on"),
                "version": 1,
            }
        )
    session.execute(insert(Child), rows)
    languages = [
        {"child_id": row["id"], "code": code, "proficiency": Proficiency.NATIVE}
        for row, spec in zip(rows, specs, strict=True)
        for code in spec.get("languages", ())
    ]
    if languages:
        session.execute(insert(ChildLanguage), languages)
    return [row["id"] for row in rows]


def add_screening(
    session: Session,
    child_id: int,
    at: datetime,
    elements: list[str],
    flagged: bool,
    decision: str = "pending",
) -> None:
    session.execute(
        insert(Screening),
        [
            {
                "child_id": child_id,
                "screened_at": at,
                "positive_elements": elements,
                "flagged": flagged,
                "decision": decision,
                "version": 1,
            }
        ],
    )


def add_referral(
    session: Session, child_id: int, sent_on: date, kind: str, status: str = "sent"
) -> None:
    session.execute(
        insert(Referral),
        [
            {
                "child_id": child_id,
                "recipient_kind": kind,
                "sent_on": sent_on,
                "status": status,
                "status_on": sent_on,
                "version": 1,
            }
        ],
    )


def add_missing(
    session: Session, child_id: int, since: datetime, returned: datetime | None = None
) -> None:
    session.execute(
        insert(MissingEpisode),
        [{"child_id": child_id, "missing_since": since, "returned_at": returned, "version": 1}],
    )


def add_guardian(session: Session, code: str = "G-T") -> int:
    row = Guardian(
        code=code, given_name="Gina", family_name="Guard", sex=Sex.FEMALE, max_caseload=100
    )
    session.add(row)
    session.flush()
    return row.id


def appoint(
    session: Session, child_id: int, guardian_id: int, starts_on: date, ends_on: date | None = None
) -> None:
    session.execute(
        insert(Assignment),
        [
            {
                "child_id": child_id,
                "role": AssignmentRole.GUARDIAN,
                "guardian_id": guardian_id,
                "starts_on": starts_on,
                "ends_on": ends_on,
                "override_reason": "test data",
                "version": 1,
            }
        ],
    )


def add_mediator(session: Session, code: str, languages: list[str], active: bool = True) -> None:
    row = Mediator(code=code, given_name="Mia", family_name="Med", sex=Sex.FEMALE, active=active)
    session.add(row)
    session.flush()
    session.execute(
        insert(MediatorLanguage),
        [
            {"mediator_id": row.id, "code": code_, "proficiency": Proficiency.NATIVE}
            for code_ in languages
        ],
    )


def days(start: date, n: int) -> date:
    return start + timedelta(days=n)
