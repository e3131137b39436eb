"""The papers' content, read from the register: records in, `papers.content` dataclasses out.

Names are printed as the office spells them, followed by the name in its original script
where one is recorded ("Ahmad Rahimi / احمد رحیمی"). A datum that is not recorded is None,
so the paper leaves its line out. The case summary prints only the fields the officer chose
(SUMMARY_FIELDS), in the order chosen (papers/summaries.py).

Everything is read inside the paper's language (papers/languages.py, set by the register):
the words a paper prints from here (a visit's status, "not recorded") are in that language.
The office's own texts (legal basis, duties, closing, signatory's title) come from
services/office_texts.py, in the paper's language and, for a bilingual paper, in English.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from guardian_desk.db.models import Assignment, Child, Guardian, Mediator, OfficeSettings
from guardian_desk.domain.closure import EndReason, end_reason_text
from guardian_desk.domain.enums import AssignmentRole, Proficiency, VisitStatus
from guardian_desk.domain.errors import ValidationError
from guardian_desk.domain.languages import country_name, language_name
from guardian_desk.i18n import N_, _, current_language
from guardian_desk.papers.card import card_languages
from guardian_desk.papers.content import (
    AppointmentContent,
    CardContent,
    ChildDetails,
    Letterhead,
    MediatorLetterContent,
    OfficeWords,
    PersonDetails,
    ScheduleContent,
    ScheduleRow,
    TerminationContent,
)
from guardian_desk.papers.languages import is_bilingual
from guardian_desk.scheduling.agenda import VisitInfo, visits_between
from guardian_desk.scheduling.office_languages import office_languages
from guardian_desk.services.office_texts import PaperWords, paper_words

# The fields an officer can put in a case summary: key -> printed label (docs/papers.md).
SUMMARY_FIELDS: dict[str, str] = {
    "original_name": N_("Name in original script"),
    "aliases": N_("Other names"),
    "date_of_birth": N_("Date of birth"),
    "sex": N_("Sex"),
    "nationality": N_("Nationality"),
    "languages": N_("Languages"),
    "facility": N_("Lives at"),
    "identified_on": N_("Identified on"),
    "arrived_on": N_("Arrived on"),
    "status": N_("Case status"),
    "guardian": N_("Guardian"),
    "mediators": N_("Mediators"),
    "siblings": N_("Siblings (case numbers)"),
    "accompanying_adults": N_("Came with"),
    "last_visit": N_("Last visit"),
    "next_visit": N_("Next visit"),
    "notes": N_("Officer's notes"),
    "timeline": N_("Timeline"),  # the case's events, oldest first (services/timeline.py)
}
# A visit's status as a schedule prints it.
VISIT_STATUSES = {
    VisitStatus.PLANNED: N_("Planned"),
    VisitStatus.HELD: N_("Held"),
    VisitStatus.MISSED: N_("Missed"),
    VisitStatus.CANCELLED: N_("Cancelled"),
}
_LEVELS = list(Proficiency)
HORIZON = timedelta(days=366)


def optional_text(value: str | None) -> str | None:
    """None for an empty value, so the paper leaves the line out."""
    return value.strip() if value and value.strip() else None


def name_with_original(given: str, family: str, given_orig: str = "", family_orig: str = "") -> str:
    name = f"{given} {family}".strip()
    original = f"{given_orig} {family_orig}".strip()
    return f"{name} / {original}" if original and original != name else name


def child_name(child: Child) -> str:
    return name_with_original(
        child.given_name,
        child.family_name,
        child.given_name_original,
        child.family_name_original,
    )


def letterhead(settings: OfficeSettings) -> Letterhead:
    lines = tuple(line.strip() for line in settings.organisation_address.splitlines())
    return Letterhead(
        office_name=settings.organisation_name.strip() or _("Guardianship office"),
        address_lines=tuple(line for line in lines if line),
        phone=optional_text(settings.office_phone),
        email=optional_text(settings.office_email),
        logo=settings.letterhead_logo or None,
    )


def help_phone(settings: OfficeSettings) -> str | None:
    """The number the child's card gives for help: the help line, else the office's phone."""
    return optional_text(settings.help_line) or optional_text(settings.office_phone)


def office_language(settings: OfficeSettings) -> str:
    found = office_languages(settings.country)
    return found[0] if found else "eng"


def by_skill(codes_levels: Sequence[tuple[str, Proficiency]]) -> list[str]:
    """Language codes, the best spoken first."""
    ranked = sorted(codes_levels, key=lambda pair: -_LEVELS.index(pair[1]))
    return [code for code, _ in ranked]


def child_details(child: Child) -> ChildDetails:
    codes = by_skill([(lang.code, lang.proficiency) for lang in child.languages])
    return ChildDetails(
        name=child_name(child),
        case_number=child.case_number,
        date_of_birth=child.date_of_birth,
        date_of_birth_estimated=child.dob_estimated,
        nationality=optional_text(country_name(child.nationality)) if child.nationality else None,
        languages=tuple(language_name(code) for code in codes),
        facility=child.facility.name if child.facility is not None else None,
    )


def person_details(person: Guardian | Mediator) -> PersonDetails:
    organisation = person.organisation if isinstance(person, Mediator) else ""
    return PersonDetails(
        name=person.full_name,
        phone=optional_text(person.phone),
        email=optional_text(person.email),
        organisation=optional_text(organisation),
    )


def _planned(visits: list[VisitInfo]) -> datetime | None:
    found = [v.starts_at for v in visits if v.status is VisitStatus.PLANNED]
    return found[0] if found else None


def first_visit(session: Session, assignment: Assignment) -> datetime | None:
    """The first planned visit of the appointed guardian to the child since the appointment."""
    return _planned(
        visits_between(
            session,
            assignment.starts_on,
            assignment.starts_on + HORIZON,
            child_id=assignment.child_id,
            guardian_id=assignment.guardian_id,
        )
    )


def next_visit(session: Session, child_id: int, today: date) -> datetime | None:
    return _planned(visits_between(session, today, today + HORIZON, child_id=child_id))


def active_assignments(session: Session, child_id: int, role: AssignmentRole) -> list[Assignment]:
    return list(
        session.scalars(
            select(Assignment)
            .where(
                Assignment.child_id == child_id,
                Assignment.role == role,
                Assignment.ends_on.is_(None),
            )
            .order_by(Assignment.starts_on, Assignment.id)
        )
    )


def _words(words: PaperWords) -> OfficeWords:
    return OfficeWords(words.legal_basis, words.duties, words.closing, words.signatory_title)


def office_words(session: Session, head: dict[str, Any]) -> tuple[OfficeWords, dict[str, Any]]:
    """The office's texts in the paper's language, and what they change on every paper: the
    closing formula, the signatory's title and (bilingual) the English texts."""
    local = _words(paper_words(session, current_language()))
    english = _words(paper_words(session, "en")) if is_bilingual() else None
    changes = {
        "closing": local.closing,
        "english": english,
        "officer_title": local.signatory_title or head["officer_title"],
    }
    return local, changes


def appointment(session: Session, assignment: Assignment, head: dict[str, Any]) -> Any:
    head.pop("settings")
    assert assignment.guardian is not None
    words, changes = office_words(session, head)
    return AppointmentContent(
        **(head | changes),
        child=child_details(assignment.child),
        guardian=person_details(assignment.guardian),
        legal_basis=words.legal_basis or "",
        duties=words.duties,
        first_visit=first_visit(session, assignment),
        notes=optional_text(assignment.reason),
        starts_on=assignment.starts_on,
        decision_ref=optional_text(assignment.decision_ref),
    )


def successor(session: Session, ended: Assignment) -> Assignment | None:
    """The guardian appointed from the day an ended guardian's appointment ended."""
    if ended.role is not AssignmentRole.GUARDIAN or ended.ends_on is None:
        return None
    return session.scalar(
        select(Assignment)
        .where(
            Assignment.child_id == ended.child_id,
            Assignment.role == AssignmentRole.GUARDIAN,
            Assignment.starts_on == ended.ends_on,
            Assignment.id != ended.id,
        )
        .order_by(Assignment.id.desc())
        .limit(1)
    )


def termination(session: Session, ended: Assignment, head: dict[str, Any]) -> Any:
    head.pop("settings")
    assert ended.ends_on is not None
    person = ended.guardian if ended.role is AssignmentRole.GUARDIAN else ended.mediator
    assert person is not None
    after = successor(session, ended)
    changes = office_words(session, head)[1]
    return TerminationContent(
        **(head | changes),
        child=child_details(ended.child),
        person=person_details(person),
        role="Guardian" if ended.role is AssignmentRole.GUARDIAN else "Mediator",
        starts_on=ended.starts_on,
        ends_on=ended.ends_on,
        reason=end_reason_text(ended.end_reason_code or EndReason.OTHER),
        note=optional_text(ended.end_reason),
        successor=person_details(after.guardian) if after and after.guardian else None,
        decision_ref=optional_text(ended.decision_ref),
    )


def _shared(person_codes: set[str], ranked: list[str], fallback: str) -> str:
    for code in ranked:
        if code in person_codes:
            return language_name(code)
    return language_name(fallback)


def mediator_letter(
    session: Session, assignment: Assignment, guardian: Guardian, head: dict[str, Any]
) -> Any:
    settings: OfficeSettings = head.pop("settings")
    mediator = assignment.mediator
    assert mediator is not None
    child = assignment.child
    mediator_codes = {lang.code for lang in mediator.languages}
    child_codes = by_skill([(lang.code, lang.proficiency) for lang in child.languages])
    guardian_codes = by_skill([(lang.code, lang.proficiency) for lang in guardian.languages])
    changes = office_words(session, head)[1]
    return MediatorLetterContent(
        **(head | changes),
        mediator=person_details(mediator),
        child=child_details(child),
        guardian=person_details(guardian),
        child_language=_shared(mediator_codes, child_codes, child_codes[0] if child_codes else ""),
        guardian_language=_shared(mediator_codes, guardian_codes, office_language(settings)),
        notes=optional_text(assignment.reason),
    )


def _initials(name: str) -> str:
    return "".join(part[0] + "." for part in name.split() if part)


def schedule(
    session: Session,
    person: Guardian | Mediator,
    period: tuple[date, date],
    head: dict[str, Any],
) -> Any:
    head.pop("settings")
    is_guardian = isinstance(person, Guardian)
    first, last = period
    if last < first:
        raise ValidationError("period", f"{first} – {last}", _("ends before it starts"))
    visits = visits_between(
        session,
        first,
        last,
        guardian_id=person.id if is_guardian else None,
        mediator_id=None if is_guardian else person.id,
        include_cancelled=True,
    )
    rows = []
    for v in visits:
        other = ""
        if is_guardian and v.mediator_name:
            other = _("Mediator: {name}").format(name=v.mediator_name)
        elif not is_guardian and v.guardian_name:
            other = _("Guardian: {name}").format(name=v.guardian_name)
        rows.append(
            ScheduleRow(
                day=v.starts_at.date(),
                starts_at=v.starts_at.time(),
                ends_at=v.ends_at.time(),
                case_number=v.case_number,
                child_initials=_initials(v.child_name),
                facility=v.facility_name or v.place,
                with_whom=other,
                status=_(VISIT_STATUSES[v.status]),
            )
        )
    changes = office_words(session, head)[1]
    return ScheduleContent(
        **(head | changes),
        person=person_details(person),
        role="Guardian" if is_guardian else "Mediator",
        period_start=first,
        period_end=last,
        rows=tuple(rows),
    )


def card_language(child: Child) -> str | None:
    """The child's best-spoken language that the card has a translation for."""
    known = card_languages()
    for code in by_skill([(lang.code, lang.proficiency) for lang in child.languages]):
        if code in known:
            return code
    return None


def card(session: Session, child: Child, head: dict[str, Any]) -> Any:
    settings: OfficeSettings = head.pop("settings")
    guardians = active_assignments(session, child.id, AssignmentRole.GUARDIAN)
    mediators = active_assignments(session, child.id, AssignmentRole.MEDIATOR)
    guardian = guardians[0].guardian if guardians else None
    mediator = mediators[0].mediator if mediators else None
    return CardContent(
        **head,
        child_name=child_name(child),
        guardian_name=guardian.full_name if guardian else _("not yet appointed"),
        guardian_phone=optional_text(guardian.phone) if guardian else None,
        mediator_name=mediator.full_name if mediator else None,
        mediator_phone=optional_text(mediator.phone) if mediator else None,
        next_visit=next_visit(session, child.id, head["issued_on"]),
        help_phone=help_phone(settings),
        office_language=office_language(settings),
        child_language=card_language(child),
    )
