"""The case summary's content: only the fields the officer chose, in the order chosen.

Read inside the paper's language like the other papers (papers/sources.py): the values it
prints ("not recorded", a sex, a case status, a level of a language) are in that language.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from guardian_desk.db.models import Child, Guardian, Mediator
from guardian_desk.domain.enums import AssignmentRole, ChildStatus, Proficiency, Sex, VisitStatus
from guardian_desk.domain.errors import ValidationError
from guardian_desk.domain.languages import language_name
from guardian_desk.i18n import N_, _
from guardian_desk.i18n.formats import list_text
from guardian_desk.papers.blocks import format_date, format_when
from guardian_desk.papers.content import SummaryContent
from guardian_desk.papers.sources import (
    HORIZON,
    SUMMARY_FIELDS,
    active_assignments,
    by_skill,
    child_details,
    next_visit,
    office_words,
    optional_text,
)
from guardian_desk.scheduling.agenda import visits_between
from guardian_desk.services.children import child_data

SEXES = {
    Sex.FEMALE: N_("Female"),
    Sex.MALE: N_("Male"),
    Sex.OTHER: N_("Other"),
    Sex.UNKNOWN: N_("Unknown"),
}
CHILD_STATUSES = {
    ChildStatus.IDENTIFIED: N_("Identified"),
    ChildStatus.AWAITING_GUARDIAN: N_("Awaiting a guardian"),
    ChildStatus.UNDER_GUARDIANSHIP: N_("Under guardianship"),
    ChildStatus.TRANSFERRED: N_("Transferred"),
    ChildStatus.RETURNED: N_("Returned"),
    ChildStatus.REUNIFIED: N_("Reunified"),
    ChildStatus.MISSING: N_("Missing"),
    ChildStatus.AGED_OUT: N_("Aged out"),
    ChildStatus.CLOSED: N_("Closed"),
}
LEVELS = {
    Proficiency.BASIC: N_("basic"),
    Proficiency.WORKING: N_("working"),
    Proficiency.FLUENT: N_("fluent"),
    Proficiency.NATIVE: N_("native"),
}


def check_summary_fields(fields: Sequence[str]) -> tuple[str, ...]:
    """The chosen keys, each once, in the order chosen; an unknown key names the known ones."""
    chosen: list[str] = []
    for key in fields:
        key = key.strip()
        if not key:
            continue
        if key not in SUMMARY_FIELDS:
            raise ValidationError(
                "fields",
                key,
                _("is not a summary field ({fields})").format(fields=", ".join(SUMMARY_FIELDS)),
            )
        if key not in chosen:
            chosen.append(key)
    return tuple(chosen)


def _people(people: Sequence[Guardian | Mediator]) -> str | None:
    return optional_text(", ".join(" ".join(filter(None, (p.full_name, p.phone))) for p in people))


def _adult(name: str, relationship: str, verified: bool) -> str:
    if not relationship:
        relationship = _("relationship not stated")
    if verified:
        # TRANSLATORS: an adult who came with the child: "Amir Rahimi (uncle, verified)".
        return _("{name} ({relationship}, verified)").format(name=name, relationship=relationship)
    return _("{name} ({relationship}, not verified)").format(name=name, relationship=relationship)


def _summary_value(session: Session, child: Child, key: str, today: date) -> str | None:
    data = child_data(session, child)
    details = child_details(child)
    if key == "original_name":
        return optional_text(f"{child.given_name_original} {child.family_name_original}")
    if key == "aliases":
        return optional_text(", ".join(child.aliases))
    if key == "date_of_birth" and child.date_of_birth:
        born = format_date(child.date_of_birth)
        return _("{date} (estimated)").format(date=born) if child.dob_estimated else born
    if key == "sex":
        return _(SEXES[child.sex])
    if key == "nationality":
        return details.nationality
    if key == "languages":
        levels = {lang.code: lang.proficiency for lang in child.languages}
        codes = by_skill([(lang.code, lang.proficiency) for lang in child.languages])
        return optional_text(
            list_text(
                # TRANSLATORS: a language the child speaks and how well: "Dari (native)".
                _("{language} ({level})").format(
                    language=language_name(c), level=_(LEVELS[levels[c]])
                )
                for c in codes
            )
        )
    if key == "facility":
        return details.facility
    if key == "identified_on":
        return format_date(child.identified_on)
    if key == "arrived_on" and child.arrived_on:
        return format_date(child.arrived_on)
    if key == "status":
        return _(CHILD_STATUSES[child.status])
    if key == "guardian":
        guardians = active_assignments(session, child.id, AssignmentRole.GUARDIAN)
        return _people([a.guardian for a in guardians if a.guardian is not None])
    if key == "mediators":
        mediators = active_assignments(session, child.id, AssignmentRole.MEDIATOR)
        return _people([a.mediator for a in mediators if a.mediator is not None])
    if key == "siblings":
        return optional_text(", ".join(data.sibling_case_numbers))
    if key == "accompanying_adults":
        return optional_text(
            "; ".join(
                _adult(a.full_name, a.claimed_relationship, a.verified)
                for a in data.accompanying_adults
            )
        )
    if key == "last_visit":
        held = [
            v
            for v in visits_between(session, today - HORIZON, today, child_id=child.id)
            if v.status is VisitStatus.HELD
        ]
        return format_when(held[-1].starts_at) if held else None
    if key == "next_visit":
        upcoming = next_visit(session, child.id, today)
        return format_when(upcoming) if upcoming else None
    if key == "notes":
        return optional_text(child.notes)
    if key == "timeline":
        return _timeline(session, child)
    return None


def _timeline(session: Session, child: Child) -> str | None:
    """The case's events, a line each, oldest first, in the paper's language."""
    from guardian_desk.services.timeline import event_line, timeline

    return optional_text("\n".join(event_line(event) for event in timeline(session, child.id)))


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
        values.append((SUMMARY_FIELDS[key], value if value is not None else _("not recorded")))
    changes = office_words(session, head)[1]
    return SummaryContent(
        **(head | changes),
        child_name=f"{child.given_name} {child.family_name}".strip(),
        case_number=child.case_number,
        purpose=purpose.strip().capitalize() or "Referral",
        recipient=optional_text(recipient),
        fields=tuple(values),
    )
