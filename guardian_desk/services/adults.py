"""Adults who came with a child: the relationship they claim and how the office checked it.

Adults travelling with a child often cannot prove that they are a parent, an uncle or a brother.
Each adult carries the claimed relationship, how it was checked (documents, separate interviews,
the consistency of the accounts, or not at all), the outcome and the day. Only a confirmed
relationship makes an adult verified; an unverified adult is an early warning
(services/early_warning.py), and a new adult contact asks for a new screening.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from guardian_desk.db.models import AccompanyingAdult
from guardian_desk.db.models.protection import CHECK_METHODS, CHECK_OUTCOMES
from guardian_desk.domain import validation as v
from guardian_desk.domain.enums import status_text
from guardian_desk.domain.errors import NotFoundError, RuleViolation, ValidationError
from guardian_desk.i18n import _
from guardian_desk.i18n.formats import date_text
from guardian_desk.protection.words import CHECK_METHOD_NAMES, CHECK_OUTCOME_NAMES, word
from guardian_desk.security.roles import Permission, requires
from guardian_desk.services import audit
from guardian_desk.services.children import CLOSED_STATUSES, get_child
from guardian_desk.services.locking import touch
from guardian_desk.services.settings import get_settings

ENTITY = "accompanying_adult"


@dataclass(frozen=True)
class AdultInfo:
    """An accompanying adult as plain data (safe to hand to the GUI thread)."""

    adult_id: int
    child_id: int
    full_name: str
    claimed_relationship: str
    verified: bool
    check_method: str
    check_outcome: str
    checked_on: date | None
    checked_by: str
    check_note: str
    added_at: datetime  # aware, in the office's time zone


def _zone(session: Session) -> ZoneInfo:
    return ZoneInfo(get_settings(session).time_zone)


def _info(row: AccompanyingAdult, zone: ZoneInfo) -> AdultInfo:
    return AdultInfo(
        adult_id=row.id,
        child_id=row.child_id,
        full_name=row.full_name,
        claimed_relationship=row.claimed_relationship,
        verified=row.verified,
        check_method=row.check_method,
        check_outcome=row.check_outcome,
        checked_on=row.checked_on,
        checked_by=row.checked_by,
        check_note=row.check_note,
        added_at=row.added_at.astimezone(zone),
    )


def _check_summary(row: AccompanyingAdult) -> dict[str, object]:
    """What the audit keeps of a check: no name, no note."""
    return {
        "child_id": row.child_id,
        "verified": row.verified,
        "check_method": row.check_method,
        "check_outcome": row.check_outcome,
        "checked_on": row.checked_on,
    }


@requires(Permission.READ_RECORDS)
def adults_of(session: Session, child_id: int) -> list[AdultInfo]:
    """The child's accompanying adults, in the order the office heard of them."""
    get_child(session, child_id)
    zone = _zone(session)
    rows = session.scalars(
        select(AccompanyingAdult)
        .where(AccompanyingAdult.child_id == child_id)
        .order_by(AccompanyingAdult.added_at, AccompanyingAdult.id)
    ).all()
    return [_info(row, zone) for row in rows]


def _choice(name: str, value: str, allowed: tuple[str, ...], names: dict[str, str]) -> str:
    if value not in allowed:
        shown = ", ".join(word(names, item) for item in allowed)
        # TRANSLATORS: {allowed} lists the accepted values, e.g. "Documents, Not checked".
        raise ValidationError(name, value, _("is not one of: {allowed}").format(allowed=shown))
    return value


@requires(Permission.EDIT_CASEWORK)
def record_adult_check(
    session: Session,
    adult_id: int,
    *,
    method: str,
    outcome: str,
    checked_on: date,
    note: str = "",
) -> AdultInfo:
    """How the adult's claimed relationship was checked and what came of it.

    Only "confirmed" verifies the adult, and a relationship cannot be confirmed unchecked."""
    chosen_method = _choice("method", method, CHECK_METHODS, CHECK_METHOD_NAMES)
    chosen_outcome = _choice("outcome", outcome, CHECK_OUTCOMES, CHECK_OUTCOME_NAMES)
    if chosen_outcome == "confirmed" and chosen_method == "none":
        raise ValidationError(
            "method",
            word(CHECK_METHOD_NAMES, "none"),
            _("cannot confirm a relationship: say how it was checked"),
        )
    zone = _zone(session)
    if not isinstance(checked_on, date) or isinstance(checked_on, datetime):
        raise ValidationError("checked_on", checked_on, _("is not a date"))
    if checked_on > datetime.now(zone).date():
        raise ValidationError("checked_on", date_text(checked_on), _("lies in the future"))
    cleaned_note = v.note("note", note, max_length=4000)
    row = session.get(AccompanyingAdult, adult_id)
    if row is None:
        raise NotFoundError(ENTITY, adult_id)
    before = _check_summary(row)
    row.check_method = chosen_method
    row.check_outcome = chosen_outcome
    row.checked_on = checked_on
    row.checked_by = audit.actor_of(session)
    row.check_note = cleaned_note
    row.verified = chosen_outcome == "confirmed"
    touch(get_child(session, row.child_id))  # an open child form must not undo the check
    session.flush()
    audit.record(session, ENTITY, row.id, "check", before=before, after=_check_summary(row))
    return _info(row, zone)


@requires(Permission.EDIT_CASEWORK)
def add_adult(
    session: Session, child_id: int, full_name: str, claimed_relationship: str
) -> AdultInfo:
    """A new adult contact of the child (unverified; it asks for a new screening)."""
    name = v.text("full_name", full_name, max_length=200)
    relationship = v.text(
        "claimed_relationship", claimed_relationship, max_length=100, required=False
    )
    child = get_child(session, child_id)
    if child.status in CLOSED_STATUSES:
        # TRANSLATORS: {status} is a case status such as "closed".
        raise RuleViolation(
            _("{case_number} is {status}; reopen the case to add an adult").format(
                case_number=child.case_number, status=status_text(child.status)
            )
        )
    row = AccompanyingAdult(
        full_name=name,
        claimed_relationship=relationship,
        verified=False,
        check_method="none",
        check_outcome="pending",
        checked_by="",
        check_note="",
        added_at=datetime.now(UTC),
    )
    child.accompanying_adults.append(row)
    touch(child)  # an open child form must not drop the new adult
    session.flush()
    audit.record(
        session,
        ENTITY,
        row.id,
        "add",
        after={"child_id": child.id, "claimed_relationship": relationship, "verified": False},
    )
    return _info(row, _zone(session))
