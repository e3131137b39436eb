"""The case transfer summary: what a case bundle carried, for people to read.

It goes with the bundle (by post, or beside the file) so that the receiving office and the
officer who sent it can read what left the office: the sending office, the reference, the date,
the recipient, the legal basis and consent, the fields chosen with their values, and each
attachment by name and SHA-256 fingerprint (the receiving office can compare it with what the
import shows). It never carries the passphrase. ``transfer_summary`` reads its content from
the disclosure the export recorded (a reprint reads the record as it is now);
``render_transfer_summary`` is pure (content in, PDF out).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from reportlab.platypus import Flowable
from sqlalchemy.orm import Session

from guardian_desk.db.models import Child, Disclosure, OfficeSettings
from guardian_desk.domain.errors import NotFoundError, ValidationError
from guardian_desk.domain.languages import country_name
from guardian_desk.i18n import _, ngettext
from guardian_desk.papers import sources
from guardian_desk.papers.blocks import (
    bullets,
    fields,
    format_when,
    heading,
    officer_signatory,
    paragraph,
    reference_line,
    signatures,
    title,
)
from guardian_desk.papers.content import Letterhead, Paper
from guardian_desk.papers.languages import both, paper_language
from guardian_desk.papers.layout import build_pdf
from guardian_desk.papers.targets import Resolved, Target, subject


@dataclass(frozen=True, kw_only=True)
class TransferSummaryContent(Paper):
    child_name: str
    case_number: str
    office: str
    country: str | None = None  # in the paper's language
    recipient: str
    transfer_reference: str | None = None
    legal_basis: str | None = None
    consent: str | None = None  # in the paper's language
    sent_at: datetime  # aware, the office's zone
    bundle_id: str | None = None
    lines: tuple[tuple[str, str], ...] = ()  # (field, value) in the paper's language
    attachments: tuple[tuple[str, str], ...] = ()  # (file name, sha256)


def _bundle_id(session: Session, disclosure: Disclosure) -> str | None:
    from guardian_desk.services import audit

    for event in audit.trail(session, "child", disclosure.child_id):
        after = event.after or {}
        if event.action == "export_bundle" and after.get("disclosure_id") == disclosure.id:
            return str(after.get("bundle_id") or "") or None
    return None


def transfer_summary(
    session: Session, child: Child, disclosure: Disclosure, head: dict[str, Any]
) -> TransferSummaryContent:
    """The content from the disclosure and the record, in the paper's language."""
    from guardian_desk.db.models import Attachment
    from guardian_desk.services.transfers import collect, consent_text, value_lines

    settings: OfficeSettings = head.pop("settings")
    zone = ZoneInfo(settings.time_zone)
    _words, changes = sources.office_words(session, head)
    present_ids = [
        i
        for i in disclosure.attachment_ids
        if (row := session.get(Attachment, i)) is not None and row.child_id == child.id
    ]
    values, rows = collect(session, child, disclosure.fields, present_ids)
    return TransferSummaryContent(
        **(head | changes),
        child_name=child.full_name,
        case_number=child.case_number,
        office=settings.organisation_name,
        country=country_name(settings.country) if settings.country else None,
        recipient=disclosure.recipient,
        transfer_reference=disclosure.reference or None,
        legal_basis=disclosure.legal_basis or None,
        consent=consent_text(disclosure.consent) if disclosure.consent else None,
        sent_at=disclosure.disclosed_at.astimezone(zone),
        bundle_id=_bundle_id(session, disclosure),
        lines=tuple(value_lines(values, zone)),
        attachments=tuple((r.file_name, r.sha256) for r in rows),
    )


def resolve_transfer_summary(session: Session, target: Target, child: Any, title: str) -> Resolved:
    """The register's target for a transfer summary: the disclosure the export recorded."""
    if target.disclosure_id is None:
        raise ValidationError("disclosure", None, _("the transfer (disclosure) is needed"))
    disclosure = session.get(Disclosure, target.disclosure_id)
    if (
        disclosure is None
        or disclosure.child_id != child.id
        or disclosure.kind != "transfer_bundle"
    ):
        raise NotFoundError("disclosure", target.disclosure_id)
    done = replace(target, fields=(), recipient=None)
    return Resolved(
        done,
        subject(title, child),
        lambda head: transfer_summary(session, child, disclosure, head),
    )


def render_transfer_summary(
    content: TransferSummaryContent,
    letterhead: Letterhead,
    *,
    language: str | None = None,
    bilingual: bool = False,
) -> bytes:
    with paper_language(language, bilingual):
        return build_pdf(content, letterhead, _story(content))


def _story(content: TransferSummaryContent) -> list[Flowable]:
    count = len(content.attachments)
    story: list[Flowable] = [
        reference_line(content),
        title(both(lambda: _("Case transfer summary"))),
        *paragraph(
            lambda: _(
                "{office} sent the case of {child} (case number {case_number}) to {recipient} "
                "as an encrypted case bundle. This summary lists exactly what the bundle "
                "carries. The passphrase that opens the bundle is given by another channel; "
                "it is not written here."
            ).format(
                office=content.office,
                child=content.child_name,
                case_number=content.case_number,
                recipient=content.recipient,
            )
        ),
        heading(both(lambda: _("Transfer"))),
        *fields(
            [
                (both(lambda: _("Sending office")), content.office),
                (both(lambda: _("Country")), content.country),
                (both(lambda: _("Case number")), content.case_number),
                (both(lambda: _("Recipient")), content.recipient),
                (both(lambda: _("Transfer reference")), content.transfer_reference),
                (both(lambda: _("Sent on")), format_when(content.sent_at)),
                (both(lambda: _("Legal basis")), content.legal_basis),
                (both(lambda: _("Consent")), content.consent),
                (both(lambda: _("Bundle")), content.bundle_id),
            ]
        ),
        heading(both(lambda: _("What the bundle carries"))),
        *fields(content.lines),
        heading(both(lambda: _("Attachments"))),
    ]
    if content.attachments:
        story += paragraph(
            lambda: ngettext(
                "{count} file, each with its SHA-256 fingerprint:",
                "{count} files, each with its SHA-256 fingerprint:",
                count,
            ).format(count=count)
        )
        story += bullets(f"{name}\nSHA-256 {digest}" for name, digest in content.attachments)
    else:
        story += paragraph(lambda: _("The bundle carries no attachment."))
    story += [
        *paragraph(
            lambda: _(
                "Confidential: personal data of a child, shared only for the child's protection "
                "on the legal basis above. Do not pass it on."
            )
        ),
        signatures([officer_signatory(content)]),
    ]
    return story
