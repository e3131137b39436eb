"""Referrals: the case sent to a service (the national referral mechanism, the police ...), and
the service's answer (docs/protection.md, "Referral").

``create_referral`` records to whom, when, on which legal basis, why, and whether the child
and the guardian consented; ``update_status`` follows the answer, which only moves forward
(sent -> acknowledged -> accepted or declined -> closed), each step on a date not before the
previous one. ``issue_referral_letter`` prints the letter with only the fields the officer
chose (papers/referral_letter.py), registers it (a reprint prints the same fields) and records
the disclosure (services/disclosures.py). The audit rows name the recipient, the dates, the
status and the consents; the officer's free text (the reason, the response) stays in the
referral only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from guardian_desk.db.models import Child, Referral, Screening
from guardian_desk.domain import validation as v
from guardian_desk.domain.enums import DocumentKind, status_text
from guardian_desk.domain.errors import NotFoundError, RuleViolation, ValidationError
from guardian_desk.domain.vocabularies import CONSENTS, RECIPIENTS, REFERRAL_STATUSES
from guardian_desk.i18n import _
from guardian_desk.i18n.formats import date_text, list_text
from guardian_desk.protection.words import (
    CONSENT_NAMES,
    RECIPIENT_NAMES,
    REFERRAL_STATUS_NAMES,
    word,
)
from guardian_desk.security.roles import Permission, requires
from guardian_desk.services import audit
from guardian_desk.services.case_closure import office_today
from guardian_desk.services.children import CLOSED_STATUSES, get_child
from guardian_desk.services.locking import flush_checked, load_for_update
from guardian_desk.services.settings import get_settings

if TYPE_CHECKING:
    from guardian_desk.papers.register import IssuedPaper

ENTITY = "referral"
# How far each status is along the way: a referral's status only moves to a later step.
STEP = {"sent": 0, "acknowledged": 1, "accepted": 2, "declined": 2, "closed": 3}


@dataclass(frozen=True)
class ReferralInput:
    """A new referral as the officer typed it."""

    child_id: int
    recipient_kind: str  # one of RECIPIENTS
    recipient_name: str
    sent_on: date
    legal_basis: str  # blank: the office's legal basis (settings), if written
    reason: str
    child_consent: str  # one of CONSENTS
    guardian_consent: str
    screening_id: int | None = None  # the screening that led to it, if any


@dataclass(frozen=True)
class ReferralInfo:
    """A referral as plain data (safe to hand to the GUI thread)."""

    referral_id: int
    version: int
    child_id: int
    case_number: str
    screening_id: int | None
    recipient_kind: str
    recipient_name: str
    sent_on: date
    legal_basis: str
    reason: str
    child_consent: str
    guardian_consent: str
    status: str
    status_on: date
    response: str
    their_reference: str
    referred_by: str

    @property
    def recipient(self) -> str:
        """To whom, as a person reads it: "Police: Tirana Police Directorate"."""
        return recipient_text(self.recipient_kind, self.recipient_name)

    @property
    def is_open(self) -> bool:
        return self.status != "closed"


@dataclass(frozen=True)
class ScreeningChoice:
    """A screening a referral can name: when, and the elements its rule found positive."""

    screening_id: int
    screened_at: datetime
    positive_elements: tuple[str, ...]
    flagged: bool


def recipient_text(kind: str, name: str) -> str:
    shown = word(RECIPIENT_NAMES, kind)
    name = name.strip()
    # TRANSLATORS: a referral's recipient: the kind of service, then its name.
    return _("{kind}: {name}").format(kind=shown, name=name) if name else shown


def _one_of(field: str, value: str, allowed: Sequence[str], names: dict[str, str]) -> str:
    if value not in allowed:
        raise ValidationError(
            field,
            value,
            # TRANSLATORS: {allowed} lists the values that may be given.
            _("is not one of: {allowed}").format(
                allowed=list_text((word(names, item) for item in allowed), style="or")
            ),
        )
    return value


def _summary(r: Referral) -> dict[str, object]:
    """What the audit keeps (no free text about the child: the reason and response stay out)."""
    return {
        "child_id": r.child_id,
        "screening_id": r.screening_id,
        "recipient_kind": r.recipient_kind,
        "recipient_name": r.recipient_name,
        "sent_on": r.sent_on,
        "legal_basis": r.legal_basis,
        "child_consent": r.child_consent,
        "guardian_consent": r.guardian_consent,
        "status": r.status,
        "status_on": r.status_on,
        "their_reference": r.their_reference,
        "has_response": bool(r.response),
    }


def _info(r: Referral, case_number: str) -> ReferralInfo:
    return ReferralInfo(
        referral_id=r.id,
        version=r.version,
        child_id=r.child_id,
        case_number=case_number,
        screening_id=r.screening_id,
        recipient_kind=r.recipient_kind,
        recipient_name=r.recipient_name,
        sent_on=r.sent_on,
        legal_basis=r.legal_basis,
        reason=r.reason,
        child_consent=r.child_consent,
        guardian_consent=r.guardian_consent,
        status=r.status,
        status_on=r.status_on,
        response=r.response,
        their_reference=r.their_reference,
        referred_by=r.referred_by,
    )


def _not_future(session: Session, field: str, day: date) -> date:
    if not isinstance(day, date) or isinstance(day, datetime):
        raise ValidationError(field, day, _("needs a date"))
    if day > office_today(session):
        raise ValidationError(field, date_text(day), _("lies in the future"))
    return day


def _screening(session: Session, child: Child, screening_id: int | None) -> int | None:
    if screening_id is None:
        return None
    found = session.get(Screening, screening_id)
    if found is None or found.child_id != child.id:
        raise ValidationError(
            "screening_id",
            screening_id,
            _("is not a screening of {case_number}").format(case_number=child.case_number),
        )
    return found.id


@requires(Permission.EDIT_CASEWORK)
def create_referral(session: Session, data: ReferralInput) -> ReferralInfo:
    """Record a referral, status "sent" on the day it was sent. Refused for a closed case, a
    date in the future or before the child was identified, and without a legal basis."""
    kind = _one_of("recipient_kind", data.recipient_kind, RECIPIENTS, RECIPIENT_NAMES)
    name = v.text("recipient_name", data.recipient_name, max_length=200, required=False)
    if kind == "other" and not name:
        raise ValidationError("recipient_name", "", _("is required for another service"))
    sent_on = _not_future(session, "sent_on", data.sent_on)
    basis = v.note("legal_basis", data.legal_basis, max_length=4000).strip()
    if not basis:
        basis = get_settings(session).legal_basis.strip()
    if not basis:
        raise ValidationError(
            "legal_basis", "", _("is required: the law or decision the referral rests on")
        )
    reason = v.note("reason", data.reason, max_length=10_000).strip()
    child_consent = _one_of("child_consent", data.child_consent, CONSENTS, CONSENT_NAMES)
    guardian_consent = _one_of("guardian_consent", data.guardian_consent, CONSENTS, CONSENT_NAMES)
    child = get_child(session, data.child_id)
    if child.status in CLOSED_STATUSES:
        raise RuleViolation(
            # TRANSLATORS: {status} is a case status such as "closed".
            _("{case_number} is {status}; reopen the case to record a referral").format(
                case_number=child.case_number, status=status_text(child.status)
            )
        )
    if sent_on < child.identified_on:
        raise ValidationError(
            "sent_on",
            date_text(sent_on),
            # TRANSLATORS: {date} is the day the child was identified.
            _("is before the child was identified ({date})").format(
                date=date_text(child.identified_on)
            ),
        )
    referral = Referral(
        child_id=child.id,
        screening_id=_screening(session, child, data.screening_id),
        recipient_kind=kind,
        recipient_name=name,
        sent_on=sent_on,
        legal_basis=basis,
        reason=reason,
        child_consent=child_consent,
        guardian_consent=guardian_consent,
        status="sent",
        status_on=sent_on,
        response="",
        their_reference="",
        referred_by=audit.actor_of(session),
    )
    session.add(referral)
    session.flush()
    audit.record(session, ENTITY, referral.id, "create", after=_summary(referral))
    return _info(referral, child.case_number)


@requires(Permission.EDIT_CASEWORK)
def update_status(
    session: Session,
    referral_id: int,
    version: int,
    status: str,
    status_on: date,
    response: str = "",
    their_reference: str = "",
) -> ReferralInfo:
    """The service's answer: the status moves forward only, on a date not before the previous
    status's; the same status again corrects the response and the service's reference."""
    status = _one_of("status", status, REFERRAL_STATUSES, REFERRAL_STATUS_NAMES)
    day = _not_future(session, "status_on", status_on)
    answer = v.note("response", response, max_length=10_000).strip()
    reference = v.text("their_reference", their_reference, max_length=100, required=False)
    referral = load_for_update(session, Referral, referral_id, version, ENTITY)
    case_number = get_child(session, referral.child_id).case_number
    if STEP[status] < STEP[referral.status] or (
        STEP[status] == STEP[referral.status] and status != referral.status
    ):
        raise RuleViolation(
            # TRANSLATORS: {current} and {status} are a referral's statuses ("Accepted").
            _(
                "The referral is {current} already; its status moves forward only, not to {status}."
            ).format(
                current=word(REFERRAL_STATUS_NAMES, referral.status).lower(),
                status=word(REFERRAL_STATUS_NAMES, status).lower(),
            )
        )
    floor = referral.sent_on if status == referral.status else referral.status_on
    if day < floor:
        raise ValidationError(
            "status_on",
            date_text(day),
            # TRANSLATORS: {date} is the date of the referral's previous status.
            _("is before the previous step of the referral ({date})").format(date=date_text(floor)),
        )
    before = _summary(referral)
    changed_text = (answer, reference) != (referral.response, referral.their_reference)
    referral.status = status
    referral.status_on = day
    referral.response = answer
    referral.their_reference = reference
    if _summary(referral) == before and not changed_text:
        return _info(referral, case_number)
    flush_checked(session, referral, ENTITY, version)
    audit.record(session, ENTITY, referral.id, "status", before=before, after=_summary(referral))
    return _info(referral, case_number)


def _load(session: Session, referral_id: int) -> Referral:
    found = session.get(Referral, referral_id)
    if found is None:
        raise NotFoundError(ENTITY, referral_id)
    return found


@requires(Permission.READ_RECORDS)
def referral_info(session: Session, referral_id: int) -> ReferralInfo:
    referral = _load(session, referral_id)
    return _info(referral, get_child(session, referral.child_id).case_number)


@requires(Permission.READ_RECORDS)
def referrals_of(session: Session, child_id: int) -> list[ReferralInfo]:
    """Every referral of the child, the latest first."""
    case_number = get_child(session, child_id).case_number
    rows = session.scalars(
        select(Referral)
        .where(Referral.child_id == child_id)
        .order_by(Referral.sent_on.desc(), Referral.id.desc())
    ).all()
    return [_info(r, case_number) for r in rows]


@requires(Permission.READ_RECORDS)
def latest_screening(session: Session, child_id: int) -> ScreeningChoice | None:
    """The child's latest screening, which a new referral may name."""
    found = session.scalars(
        select(Screening)
        .where(Screening.child_id == child_id)
        .order_by(Screening.screened_at.desc(), Screening.id.desc())
        .limit(1)
    ).first()
    if found is None:
        return None
    return ScreeningChoice(
        found.id, found.screened_at, tuple(found.positive_elements or ()), found.flagged
    )


@requires(Permission.PRINT_PAPERS)
def issue_referral_letter(
    session: Session,
    referral_id: int,
    fields: Sequence[str],
    *,
    language: str | None = None,
    bilingual: bool = False,
) -> IssuedPaper:
    """The referral letter with only the chosen fields (the case number always), registered
    (a reprint prints the same fields) and recorded as a disclosure naming exactly them.

    The disclosure stores the recipient and the consents as stored values (the recipient's
    kind and name, the consent codes), not in the interface language."""
    from guardian_desk.papers.referral_letter import check_letter_fields
    from guardian_desk.papers.register import issue_document
    from guardian_desk.services.disclosures import record_disclosure

    referral = _load(session, referral_id)
    chosen = check_letter_fields(fields)
    paper = issue_document(
        session,
        DocumentKind.REFERRAL_LETTER,
        child_id=referral.child_id,
        referral_id=referral.id,
        fields=chosen,
        language=language,
        bilingual=bilingual,
    )
    record_disclosure(
        session,
        referral.child_id,
        "referral_letter",
        recipient=f"{referral.recipient_kind}: {referral.recipient_name}".strip(": "),
        legal_basis=referral.legal_basis,
        consent=f"child: {referral.child_consent}; guardian: {referral.guardian_consent}",
        fields=list(chosen),
        reference=paper.reference,
        referral_id=referral.id,
    )
    return paper
