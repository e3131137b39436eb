"""The missing-child report: for the police and the 116 000 hotline for missing children.

``render_missing_report`` is pure (content in, PDF out); ``missing_report`` reads its content
from the records (the register calls it inside the paper's language). No photo is kept or
printed: the child is described in words (the episode's ``appearance``), with the languages
the child speaks, where and when the child was last seen, what happened, and whom to call.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from reportlab.platypus import Flowable
from sqlalchemy.orm import Session

from guardian_desk.db.models import Child, MissingEpisode, OfficeSettings
from guardian_desk.domain.enums import AssignmentRole, Sex
from guardian_desk.i18n import N_, _, ngettext
from guardian_desk.i18n.formats import list_text
from guardian_desk.papers import sources
from guardian_desk.papers.blocks import (
    LABEL,
    body,
    fields,
    format_date,
    format_when,
    heading,
    officer_signatory,
    paragraph,
    present,
    reference_line,
    signatures,
    title,
)
from guardian_desk.papers.content import ChildDetails, Letterhead, Paper, PersonDetails
from guardian_desk.papers.flowables import TextBlock
from guardian_desk.papers.languages import both, paper_language
from guardian_desk.papers.layout import build_pdf

HOTLINE = "116 000"  # the European hotline for missing children
SEX_WORDS = {
    # TRANSLATORS: a child's sex on the missing-child report.
    Sex.FEMALE: N_("girl"),
    Sex.MALE: N_("boy"),
    Sex.OTHER: N_("other"),
    Sex.UNKNOWN: N_("not known"),
}


@dataclass(frozen=True, kw_only=True)
class MissingReportContent(Paper):
    """What the police and the hotline need to look for a child, in words (no photo)."""

    child: ChildDetails
    sex: str | None = None  # in the paper's language
    age_years: int | None = None
    appearance: str | None = None
    missing_since: datetime  # aware, the office's zone
    last_seen_place: str | None = None
    circumstances: str | None = None
    reported_to_police: bool = False
    police_reported_at: datetime | None = None
    police_reference: str | None = None
    returned_at: datetime | None = None  # a reprint after the return says so
    guardian: PersonDetails | None = None
    office_phone: str | None = None
    office_email: str | None = None
    help_line: str | None = None


def _age(born: date | None, on: date) -> int | None:
    if born is None:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def missing_report(
    session: Session, child: Child, episode: MissingEpisode, head: dict[str, Any]
) -> MissingReportContent:
    """The report's content from the records, in the paper's language."""
    settings: OfficeSettings = head.pop("settings")
    zone = ZoneInfo(settings.time_zone)
    _words, changes = sources.office_words(session, head)
    guardians = sources.active_assignments(session, child.id, AssignmentRole.GUARDIAN)
    guardian = guardians[0].guardian if guardians else None
    since = episode.missing_since.astimezone(zone)
    return MissingReportContent(
        **(head | changes),
        child=sources.child_details(child),
        sex=_(SEX_WORDS[child.sex]) if child.sex in SEX_WORDS else None,
        age_years=_age(child.date_of_birth, since.date()),
        appearance=episode.appearance.strip() or None,
        missing_since=since,
        last_seen_place=episode.last_seen_place.strip() or None,
        circumstances=episode.circumstances.strip() or None,
        reported_to_police=episode.reported_to_police,
        police_reported_at=episode.police_reported_at.astimezone(zone)
        if episode.police_reported_at
        else None,
        police_reference=episode.police_reference.strip() or None,
        returned_at=episode.returned_at.astimezone(zone) if episode.returned_at else None,
        guardian=sources.person_details(guardian) if guardian is not None else None,
        office_phone=settings.office_phone.strip() or None,
        office_email=settings.office_email.strip() or None,
        help_line=settings.help_line.strip() or None,
    )


def render_missing_report(
    content: MissingReportContent,
    letterhead: Letterhead,
    *,
    language: str | None = None,
    bilingual: bool = False,
) -> bytes:
    """The missing-child report, printed in ``language``, with English beside it when
    ``bilingual`` (the police of a neighbouring country read English)."""
    with paper_language(language, bilingual):
        return build_pdf(content, letterhead, _story(content, letterhead))


def _police_line(content: MissingReportContent) -> str:
    if not content.reported_to_police:
        return _("not yet reported to the police")
    parts = []
    if content.police_reported_at is not None:
        # TRANSLATORS: when the disappearance was reported to the police.
        parts.append(_("reported on {when}").format(when=format_when(content.police_reported_at)))
    else:
        parts.append(_("reported"))
    if content.police_reference:
        # TRANSLATORS: the police's own reference number for the report.
        parts.append(_("police reference {reference}").format(reference=content.police_reference))
    return "; ".join(parts)


def _story(content: MissingReportContent, letterhead: Letterhead) -> list[Flowable]:
    child = content.child
    born = None
    if child.date_of_birth is not None:
        born = format_date(child.date_of_birth)
        if child.date_of_birth_estimated:
            born = _("{date} (estimated)").format(date=born)
    age = None
    if content.age_years is not None:
        age = ngettext("{count} year", "{count} years", content.age_years).format(
            count=content.age_years
        )
    languages = list_text(lang for lang in child.languages if present(lang)) or None
    story: list[Flowable] = [
        reference_line(content),
        title(both(lambda: _("Missing child report"))),
        *paragraph(
            lambda: _(
                "{office} reports that {child} (case number {case_number}), an unaccompanied "
                "child in its care, is missing. Please look for the child and tell us at once "
                "if the child is found."
            ).format(office=letterhead.office_name, child=child.name, case_number=child.case_number)
        ),
    ]
    if content.returned_at is not None:
        story.append(
            TextBlock(
                both(
                    lambda: _("The child was found on {when}.").format(
                        when=format_when(content.returned_at)  # type: ignore[arg-type]
                    )
                ),
                LABEL,
            )
        )
    story += [
        heading(both(lambda: _("Child"))),
        *fields(
            [
                (both(lambda: _("Name")), child.name),
                (both(lambda: _("Case number")), child.case_number),
                (both(lambda: _("Sex")), content.sex),
                (both(lambda: _("Date of birth")), born),
                (both(lambda: _("Age when missing")), age),
                (both(lambda: _("Nationality")), child.nationality),
                (both(lambda: _("Languages")), languages),
                (both(lambda: _("Lived at")), child.facility),
            ]
        ),
        heading(both(lambda: _("Description (no photo)"))),
        body(content.appearance or _("Height, build, hair, eyes, marks, clothing: ") + "_" * 40),
        heading(both(lambda: _("Last seen"))),
        *fields(
            [
                (both(lambda: _("When")), format_when(content.missing_since)),
                (both(lambda: _("Where")), content.last_seen_place),
                (both(lambda: _("Police")), _police_line(content)),
            ]
        ),
    ]
    if content.circumstances:
        story += [heading(both(lambda: _("Circumstances"))), body(content.circumstances)]
    guardian = content.guardian
    story += [
        heading(both(lambda: _("Contacts"))),
        *fields(
            [
                (both(lambda: _("Office")), letterhead.office_name),
                (both(lambda: _("Phone")), content.office_phone),
                (both(lambda: _("Email")), content.office_email),
                (both(lambda: _("Help line")), content.help_line),
                (both(lambda: _("Guardian")), guardian.name if guardian else None),
                (both(lambda: _("Guardian's phone")), guardian.phone if guardian else None),
                (
                    both(lambda: _("Hotline for missing children")),
                    HOTLINE,
                ),
            ]
        ),
        *paragraph(
            lambda: _(
                "Confidential: personal data of a child, shared only to find the child. "
                "Do not publish it without the office's consent."
            )
        ),
        signatures([officer_signatory(content)]),
    ]
    return story
