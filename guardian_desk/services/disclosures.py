"""Every piece of a case that leaves the office: what, to whom, on which basis, with whose consent.

A referral letter (services/referrals.py) and a transfer bundle (services/transfers.py) each
record one disclosure row and one audit row naming the signed-in account. Disclosure rows are
only ever added. The caller owns the unit of work and has already checked its own permission
(printing a letter, exporting a bundle); reading the list needs READ_AUDIT or READ_RECORDS.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from guardian_desk.db.base import utcnow
from guardian_desk.db.models import Disclosure
from guardian_desk.db.models.protection import DISCLOSURE_KINDS
from guardian_desk.security.roles import Permission, requires, signed_in
from guardian_desk.services import audit

ENTITY = "disclosure"


@dataclass(frozen=True)
class DisclosureInfo:
    """A disclosure as plain data (safe to hand to the GUI thread)."""

    disclosure_id: int
    child_id: int
    kind: str  # referral_letter, transfer_bundle
    recipient: str
    legal_basis: str
    consent: str
    fields: tuple[str, ...]
    attachment_ids: tuple[int, ...]
    reference: str
    disclosed_at: datetime
    disclosed_by: str


def record_disclosure(
    session: Session,
    child_id: int,
    kind: str,
    *,
    recipient: str,
    legal_basis: str,
    consent: str,
    fields: Sequence[str],
    attachment_ids: Sequence[int] = (),
    reference: str = "",
    referral_id: int | None = None,
) -> Disclosure:
    """One row and one audit event for what left the office (exactly the fields chosen)."""
    if kind not in DISCLOSURE_KINDS:
        raise ValueError(f"unknown disclosure kind {kind!r}")
    row = Disclosure(
        child_id=child_id,
        kind=kind,
        recipient=recipient,
        legal_basis=legal_basis,
        consent=consent,
        fields=list(fields),
        attachment_ids=list(attachment_ids),
        reference=reference,
        referral_id=referral_id,
        disclosed_at=utcnow(),
        disclosed_by=signed_in(session).username,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        ENTITY,
        row.id,
        "disclose",
        after={
            "child_id": child_id,
            "kind": kind,
            "recipient": recipient,
            "legal_basis": legal_basis,
            "consent": consent,
            "fields": list(fields),
            "attachment_ids": list(attachment_ids),
            "reference": reference,
        },
    )
    return row


@requires(Permission.READ_RECORDS)
def disclosures_of(session: Session, child_id: int) -> list[DisclosureInfo]:
    """What left the office about one child, newest first."""
    rows = session.scalars(
        select(Disclosure)
        .where(Disclosure.child_id == child_id)
        .order_by(Disclosure.disclosed_at.desc(), Disclosure.id.desc())
    )
    return [
        DisclosureInfo(
            disclosure_id=row.id,
            child_id=row.child_id,
            kind=row.kind,
            recipient=row.recipient,
            legal_basis=row.legal_basis,
            consent=row.consent,
            fields=tuple(row.fields),
            attachment_ids=tuple(row.attachment_ids),
            reference=row.reference,
            disclosed_at=row.disclosed_at,
            disclosed_by=row.disclosed_by,
        )
        for row in rows
    ]
