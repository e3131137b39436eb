"""The papers' content, read from the register: records in, `papers.content` dataclasses out.

Names are printed as the office spells them, followed by the name in its original script
where one is recorded ("Ahmad Rahimi / احمد رحیمی"). A datum that is not recorded is None,
so the paper leaves its line out. The case summary prints only the fields the officer chose
(SUMMARY_FIELDS), in the order chosen.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from guardian_desk.db.models import Assignment, Child, Guardian, Mediator, OfficeSettings
from guardian_desk.domain.enums import AssignmentRole, Proficiency, VisitStatus
from guardian_desk.domain.errors import ValidationError
from guardian_desk.domain.languages import country_name, language_name
from guardian_desk.papers.blocks import format_date, format_when
from guardian_desk.papers.card import card_languages
from guardian_desk.papers.content import (
    AppointmentContent,
    CardContent,
    ChildDetails,
    Letterhead,
    MediatorLetterContent,
    PersonDetails,
    ScheduleContent,
    ScheduleRow,
    SummaryContent,
)
from guardian_desk.scheduling.agenda import VisitInfo, visits_between
from guardian_desk.scheduling.office_languages import office_languages
from guardian_desk.services.children import child_data

# The duties printed on every appointment (the office's legal basis comes from its settings).
GUARDIAN_DUTIES: tuple[str, ...] = (
    "Represent the child and act in the child's best interests in every procedure.",
    "Meet the child regularly and at least once every {interval} days.",
    "Take part in the child's asylum, health, schooling and accommodation decisions.",
    "Tell the office without delay when the child goes missing or is at risk.",
)

# The fields an officer can put in a case summary: key -> printed label (docs/papers.md).
SUMMARY_FIELDS: dict[str, str] = {
    "original_name": "Name in original script",
    "aliases": "Other names",
    "date_of_birth": "Date of birth",
    "sex": "Sex",
    "nationality": "Nationality",
    "languages": "Languages",
    "facility": "Lives at",
    "identified_on": "Identified on",
    "arrived_on": "Arrived on",
    "status": "Case status",
    "guardian": "Guardian",
    "mediators": "Mediators",
    "siblings": "Siblings (case numbers)",
    "accompanying_adults": "Came with",
    "last_visit": "Last visit",
    "next_visit": "Next visit",
    "notes": "Officer's notes",
}
_LEVELS = list(Proficiency)
_HORIZON = timedelta(days=366)


def _text(value: str | None) -> str | None:
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
        office_name=settings.organisation_name.strip() or "Guardianship office",
        address_lines=tuple(line for line in lines if line),
        phone=_text(settings.office_phone),
        email=_text(settings.office_email),
        logo=settings.letterhead_logo or None,
    )


def help_phone(settings: OfficeSettings) -> str | None:
    """The number the child's card gives for help: the help line, else the office's phone."""
    return _text(settings.help_line) or _text(settings.office_phone)


def office_language(settings: OfficeSettings) -> str:
    found = office_languages(settings.country)
    return found[0] if found else "eng"


def _by_skill(codes_levels: Sequence[tuple[str, Proficiency]]) -> list[str]:
    """Language codes, the best spoken first."""
    ranked = sorted(codes_levels, key=lambda pair: -_LEVELS.index(pair[1]))
    return [code for code, _ in ranked]


def child_details(child: Child) -> ChildDetails:
    codes = _by_skill([(lang.code, lang.proficiency) for lang in child.languages])
    return ChildDetails(
        name=child_name(child),
        case_number=child.case_number,
        date_of_birth=child.date_of_birth,
        date_of_birth_estimated=child.dob_estimated,
        nationality=_text(country_name(child.nationality)) if child.nationality else None,
        languages=tuple(language_name(code) for code in codes),
        facility=child.facility.name if child.facility is not None else None,
    )


def person_details(person: Guardian | Mediator) -> PersonDetails:
    organisation = person.organisation if isinstance(person, Mediator) else ""
    return PersonDetails(
        name=person.full_name,
        phone=_text(person.phone),
        email=_text(person.email),
        organisation=_text(organisation),
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
            assignment.starts_on + _HORIZON,
            child_id=assignment.child_id,
            guardian_id=assignment.guardian_id,
        )
    )


def next_visit(session: Session, child_id: int, today: date) -> datetime | None:
    return _planned(visits_between(session, today, today + _HORIZON, child_id=child_id))


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


def appointment(session: Session, assignment: Assignment, head: dict[str, Any]) -> Any:
    settings: OfficeSettings = head.pop("settings")
    assert assignment.guardian is not None
    duties = tuple(d.format(interval=settings.visit_interval_days) for d in GUARDIAN_DUTIES)
    return AppointmentContent(
        **head,
        child=child_details(assignment.child),
        guardian=person_details(assignment.guardian),
        legal_basis=settings.legal_basis.strip(),
        duties=duties,
        first_visit=first_visit(session, assignment),
        notes=_text(assignment.reason),
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
    child_codes = _by_skill([(lang.code, lang.proficiency) for lang in child.languages])
    guardian_codes = _by_skill([(lang.code, lang.proficiency) for lang in guardian.languages])
    return MediatorLetterContent(
        **head,
        mediator=person_details(mediator),
        child=child_details(child),
        guardian=person_details(guardian),
        child_language=_shared(mediator_codes, child_codes, child_codes[0] if child_codes else ""),
        guardian_language=_shared(mediator_codes, guardian_codes, office_language(settings)),
        notes=_text(assignment.reason),
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
        raise ValidationError("period", f"{first} – {last}", "ends before it starts")
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
        other = (f"Mediator: {v.mediator_name}" if is_guardian and v.mediator_name else "") or (
            f"Guardian: {v.guardian_name}" if not is_guardian and v.guardian_name else ""
        )
        rows.append(
            ScheduleRow(
                day=v.starts_at.date(),
                starts_at=v.starts_at.time(),
                ends_at=v.ends_at.time(),
                case_number=v.case_number,
                child_initials=_initials(v.child_name),
                facility=v.facility_name or v.place,
                with_whom=other,
                status=v.status.value.replace("_", " ").capitalize(),
            )
        )
    return ScheduleContent(
        **head,
        person=person_details(person),
        role="Guardian" if is_guardian else "Mediator",
        period_start=first,
        period_end=last,
        rows=tuple(rows),
    )


def check_summary_fields(fields: Sequence[str]) -> tuple[str, ...]:
    """The chosen keys, each once, in the order chosen; an unknown key names the known ones."""
    chosen: list[str] = []
    for key in fields:
        key = key.strip()
        if not key:
            continue
        if key not in SUMMARY_FIELDS:
            raise ValidationError(
                "fields", key, "is not a summary field (" + ", ".join(SUMMARY_FIELDS) + ")"
            )
        if key not in chosen:
            chosen.append(key)
    return tuple(chosen)


def _people(people: Sequence[Guardian | Mediator]) -> str | None:
    return _text(", ".join(" ".join(filter(None, (p.full_name, p.phone))) for p in people))


def _summary_value(session: Session, child: Child, key: str, today: date) -> str | None:
    data = child_data(session, child)
    details = child_details(child)
    if key == "original_name":
        return _text(f"{child.given_name_original} {child.family_name_original}")
    if key == "aliases":
        return _text(", ".join(child.aliases))
    if key == "date_of_birth" and child.date_of_birth:
        return format_date(child.date_of_birth) + (" (estimated)" if child.dob_estimated else "")
    if key == "sex":
        return child.sex.value.capitalize()
    if key == "nationality":
        return details.nationality
    if key == "languages":
        levels = {lang.code: lang.proficiency.value for lang in child.languages}
        codes = _by_skill([(lang.code, lang.proficiency) for lang in child.languages])
        return _text(", ".join(f"{language_name(c)} ({levels[c]})" for c in codes))
    if key == "facility":
        return details.facility
    if key == "identified_on":
        return format_date(child.identified_on)
    if key == "arrived_on" and child.arrived_on:
        return format_date(child.arrived_on)
    if key == "status":
        return child.status.value.replace("_", " ").capitalize()
    if key == "guardian":
        guardians = active_assignments(session, child.id, AssignmentRole.GUARDIAN)
        return _people([a.guardian for a in guardians if a.guardian is not None])
    if key == "mediators":
        mediators = active_assignments(session, child.id, AssignmentRole.MEDIATOR)
        return _people([a.mediator for a in mediators if a.mediator is not None])
    if key == "siblings":
        return _text(", ".join(data.sibling_case_numbers))
    if key == "accompanying_adults":
        return _text(
            "; ".join(
                f"{a.full_name} ({a.claimed_relationship or 'relationship not stated'}"
                + (", verified)" if a.verified else ", not verified)")
                for a in data.accompanying_adults
            )
        )
    if key == "last_visit":
        held = [
            v
            for v in visits_between(session, today - _HORIZON, today, child_id=child.id)
            if v.status is VisitStatus.HELD
        ]
        return format_when(held[-1].starts_at) if held else None
    if key == "next_visit":
        upcoming = next_visit(session, child.id, today)
        return format_when(upcoming) if upcoming else None
    if key == "notes":
        return _text(child.notes)
    return None


def summary(
    session: Session,
    child: Child,
    fields: Sequence[str],
    purpose: str,
    recipient: str | None,
    head: dict[str, Any],
) -> Any:
    head.pop("settings")
    today: date = head["issued_on"]
    values = []
    for key in check_summary_fields(fields):
        value = _summary_value(session, child, key, today)
        values.append((SUMMARY_FIELDS[key], value if value is not None else "not recorded"))
    return SummaryContent(
        **head,
        child_name=f"{child.given_name} {child.family_name}".strip(),
        case_number=child.case_number,
        purpose=purpose.strip().capitalize() or "Referral",
        recipient=_text(recipient),
        fields=tuple(values),
    )


def card_language(child: Child) -> str | None:
    """The child's best-spoken language that the card has a translation for."""
    known = card_languages()
    for code in _by_skill([(lang.code, lang.proficiency) for lang in child.languages]):
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
        guardian_name=guardian.full_name if guardian else "not yet appointed",
        guardian_phone=_text(guardian.phone) if guardian else None,
        mediator_name=mediator.full_name if mediator else None,
        mediator_phone=_text(mediator.phone) if mediator else None,
        next_visit=next_visit(session, child.id, head["issued_on"]),
        help_phone=help_phone(settings),
        office_language=office_language(settings),
        child_language=card_language(child),
    )
