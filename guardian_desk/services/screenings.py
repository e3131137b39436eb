"""Trafficking screenings of a child: the answers, the rule's result and the officer's decision.

``record_screening`` stores one answer per indicator the officer asked about (the others count
as "not asked"), applies the ILO/EC 2009 rule for children (guardian_desk/protection/
indicators.py: ``assess`` with ``child=True``: the means element is not required) and keeps
its result with the screening: which elements are positive and whether the child is flagged.
The result flags, it never decides: ``record_decision`` records what the officer decided.
The indicators and their texts live in resources/protection/indicators-2009.json, read once
per process; the indicators the office added (``set_office_indicators``, stored in the settings
row so that every officer of a shared database sees the same list) are merged into it on every
call (``screening_catalogue``).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from guardian_desk.db.models import (
    ChildLanguage,
    Mediator,
    OfficeSettings,
    Screening,
    ScreeningAnswer,
)
from guardian_desk.db.models.protection import ANSWERS, DECISIONS, INDICATOR_SETS, OCCASIONS
from guardian_desk.db.models.settings import SETTINGS_ID
from guardian_desk.domain import validation as v
from guardian_desk.domain.enums import status_text
from guardian_desk.domain.errors import NotFoundError, RuleViolation, ValidationError
from guardian_desk.i18n import _, current_language
from guardian_desk.i18n.formats import date_text, datetime_text
from guardian_desk.i18n.transliteration import serbian_latin
from guardian_desk.protection.indicators import (
    Catalogue,
    OfficeIndicatorError,
    assess,
    check_office_indicators,
    load_catalogue,
    merge_office_indicators,
    office_file_data,
)
from guardian_desk.protection.words import (
    ANSWER_NAMES,
    DECISION_NAMES,
    OCCASION_NAMES,
    SET_NAMES,
    word,
)
from guardian_desk.security.roles import Permission, requires
from guardian_desk.services import audit
from guardian_desk.services.children import CLOSED_STATUSES, get_child
from guardian_desk.services.locking import flush_checked, load_for_update
from guardian_desk.services.settings import get_settings

ENTITY = "screening"
logger = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    """The shipped indicator file, read once per process (without the office's indicators:
    screenings use ``screening_catalogue``)."""
    return load_catalogue()


def _usable(shipped: Catalogue, entries: Sequence[Any]) -> Catalogue:
    """The shipped list and the office's; an entry a newer indicator file made invalid (its id
    shipped since) is left out rather than breaking every screening."""
    try:
        return merge_office_indicators(shipped, entries)
    except OfficeIndicatorError:
        kept: list[Any] = []
        for entry in entries:
            try:
                check_office_indicators(shipped, [*kept, entry])
            except OfficeIndicatorError:
                logger.warning("an office indicator is no longer valid and is left out")
                continue
            kept.append(entry)
        return merge_office_indicators(shipped, kept)


@requires(Permission.READ_RECORDS)
def screening_catalogue(session: Session) -> Catalogue:
    """The indicators screenings use: the shipped file's, then the office's own."""
    row = session.get(OfficeSettings, SETTINGS_ID)
    return _usable(catalogue(), list(row.office_indicators or ()) if row is not None else [])


def element_name(element: str, language: str | None = None) -> str:
    """An element's name from the indicator file in the interface language, else English."""
    names = catalogue().element_names.get(element) or {}
    code = language or current_language()
    if code == "sr-Latn" and names.get("sr"):
        return serbian_latin(names["sr"])
    return str(names.get(code) or names.get("en") or element)


@dataclass(frozen=True)
class ScreeningInput:
    """What the screening form sends; ``answers`` by indicator id (those not given: not asked)."""

    child_id: int
    screened_at: datetime  # aware; not in the future
    indicator_set: str = "labour"
    occasion: str = "first_contact"
    language: str = ""  # the interview's language, ISO 639-3
    mediator_id: int | None = None
    answers: Mapping[str, str] = field(default_factory=dict)
    answer_notes: Mapping[str, str] = field(default_factory=dict)
    note: str = ""


@dataclass(frozen=True)
class ScreeningInfo:
    """A screening as plain data (safe to hand to the GUI thread)."""

    screening_id: int
    version: int
    child_id: int
    case_number: str
    screened_at: datetime  # aware, in the office's time zone
    occasion: str
    indicator_set: str
    catalogue_version: str
    language: str
    mediator_id: int | None
    mediator_name: str
    screened_by: str
    answers: Mapping[str, str]
    answer_notes: Mapping[str, str]
    positive_elements: tuple[str, ...]
    flagged: bool
    explanation: Mapping[str, tuple[str, ...]]  # element -> the indicators that made it positive
    note: str
    decision: str
    decision_note: str
    decided_by: str
    decided_at: datetime | None
    # Answered indicators no longer in the list (the office removed its own since): their
    # answers are kept and shown; the stored result still counts them.
    retired: tuple[str, ...] = ()


@dataclass(frozen=True)
class MediatorChoice:
    mediator_id: int
    name: str
    languages: tuple[str, ...]


@dataclass(frozen=True)
class ScreeningChoices:
    """What the screening form offers for one child."""

    child_id: int
    case_number: str
    child_name: str
    child_languages: tuple[str, ...]
    mediators: tuple[MediatorChoice, ...]  # active ones; those sharing a child's language first
    suggested_occasion: str
    catalogue_version: str
    # The shipped indicators and the office's own (screening_catalogue): what the form offers.
    catalogue: Catalogue | None = None


def _zone(session: Session) -> ZoneInfo:
    return ZoneInfo(get_settings(session).time_zone)


def _one_of(name: str, value: str, allowed: tuple[str, ...], names: Mapping[str, str]) -> str:
    if value not in allowed:
        shown = ", ".join(word(names, item) for item in allowed)
        # TRANSLATORS: {allowed} lists the accepted values, e.g. "Observed, Not observed".
        raise ValidationError(name, value, _("is not one of: {allowed}").format(allowed=shown))
    return value


def _moment(session: Session, value: datetime, now: datetime) -> datetime:
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise ValidationError(
            "screened_at", value, _("needs a date, a time and the office's time zone")
        )
    moment = value.astimezone(UTC).replace(second=0, microsecond=0)
    if moment > now:
        shown = datetime_text(moment.astimezone(_zone(session)))
        raise ValidationError("screened_at", shown, _("lies in the future"))
    return moment


def _clean_answers(data: ScreeningInput, books: Catalogue) -> tuple[dict[str, str], dict[str, str]]:
    """The answers and notes, every id known to the chosen list; refused by the first bad one."""
    allowed = {item.id for item in books.for_set(data.indicator_set)}
    shown_set = word(SET_NAMES, data.indicator_set)
    answers: dict[str, str] = {}
    for ident, answer in data.answers.items():
        if ident not in allowed:
            raise ValidationError(
                "answers",
                ident,
                # TRANSLATORS: {list} is an indicator list's name, e.g. "Labour exploitation".
                _("is not an indicator of the list {list}").format(list=shown_set),
            )
        answers[ident] = _one_of(f"answers.{ident}", str(answer), ANSWERS, ANSWER_NAMES)
    notes: dict[str, str] = {}
    for ident, text in data.answer_notes.items():
        if ident not in allowed:
            raise ValidationError(
                "answer_notes",
                ident,
                _("is not an indicator of the list {list}").format(list=shown_set),
            )
        cleaned = v.note(f"answer_notes.{ident}", text, max_length=2000)
        if cleaned:
            notes[ident] = cleaned
    return answers, notes


def _mediator_name(session: Session, mediator_id: int | None) -> str:
    if mediator_id is None:
        return ""
    mediator = session.get(Mediator, mediator_id)
    return "" if mediator is None else f"{mediator.given_name} {mediator.family_name}".strip()


def _info(
    session: Session,
    row: Screening,
    zone: ZoneInfo | None = None,
    books: Catalogue | None = None,
) -> ScreeningInfo:
    zone = zone or _zone(session)
    books = books or screening_catalogue(session)
    child = get_child(session, row.child_id)
    answers = {a.indicator_id: a.answer for a in row.answers}
    notes = {a.indicator_id: a.note for a in row.answers if a.note}
    positive = tuple(row.positive_elements or ())
    known = {item.id for item in books.for_set(row.indicator_set)}
    result = assess(
        books,
        {k: a for k, a in answers.items() if k in known},
        indicator_set=row.indicator_set,
        child=True,
    )
    explanation = {element: result.elements[element].indicator_ids for element in positive}
    return ScreeningInfo(
        screening_id=row.id,
        version=row.version,
        child_id=row.child_id,
        case_number=child.case_number,
        screened_at=row.screened_at.astimezone(zone),
        occasion=row.occasion,
        indicator_set=row.indicator_set,
        catalogue_version=row.catalogue_version,
        language=row.language,
        mediator_id=row.mediator_id,
        mediator_name=_mediator_name(session, row.mediator_id),
        screened_by=row.screened_by,
        answers=answers,
        answer_notes=notes,
        positive_elements=positive,
        flagged=row.flagged,
        explanation=explanation,
        note=row.note,
        decision=row.decision,
        decision_note=row.decision_note,
        decided_by=row.decided_by,
        decided_at=row.decided_at.astimezone(zone) if row.decided_at else None,
        retired=tuple(sorted(set(answers) - known)),
    )


@requires(Permission.EDIT_CASEWORK)
def record_screening(
    session: Session, data: ScreeningInput, *, now: datetime | None = None
) -> ScreeningInfo:
    """Store a screening and the rule's result (a flag for the officer, never a decision).

    Refused for a closed case, a time in the future, an unknown indicator or answer."""
    moment_now = (now or datetime.now(UTC)).astimezone(UTC)
    moment = _moment(session, data.screened_at, moment_now)
    indicator_set = _one_of("indicator_set", data.indicator_set, INDICATOR_SETS, SET_NAMES)
    occasion = _one_of("occasion", data.occasion, OCCASIONS, OCCASION_NAMES)
    language = v.language("language", data.language) if data.language.strip() else ""
    note = v.note("note", data.note, max_length=10_000)
    books = screening_catalogue(session)
    answers, notes = _clean_answers(data, books)
    if data.mediator_id is not None and session.get(Mediator, data.mediator_id) is None:
        raise NotFoundError("mediator", data.mediator_id)
    child = get_child(session, data.child_id)
    if child.status in CLOSED_STATUSES:
        # TRANSLATORS: {status} is a case status such as "closed".
        raise RuleViolation(
            _("{case_number} is {status}; reopen the case to record a screening").format(
                case_number=child.case_number, status=status_text(child.status)
            )
        )
    known = [day for day in (child.arrived_on, child.identified_on) if day is not None]
    local_day = moment.astimezone(_zone(session)).date()
    if known and local_day < min(known):
        raise ValidationError(
            "screened_at",
            date_text(local_day),
            # TRANSLATORS: {date} is the day the child arrived or was identified.
            _("lies before the child's arrival or identification ({date})").format(
                date=date_text(min(known))
            ),
        )
    result = assess(books, answers, indicator_set=indicator_set, child=True)
    row = Screening(
        child_id=child.id,
        screened_at=moment,
        occasion=occasion,
        indicator_set=indicator_set,
        catalogue_version=books.version,
        language=language,
        mediator_id=data.mediator_id,
        screened_by=audit.actor_of(session),
        positive_elements=list(result.positive_elements()),
        flagged=result.flagged,
        note=note,
        decision="pending",
        decision_note="",
        decided_by="",
    )
    ids = sorted(set(answers) | set(notes))
    row.answers = [
        ScreeningAnswer(
            indicator_id=ident, answer=answers.get(ident, "not_asked"), note=notes.get(ident, "")
        )
        for ident in ids
    ]
    session.add(row)
    session.flush()
    counts: dict[str, int] = {}
    for answer in answers.values():
        counts[answer] = counts.get(answer, 0) + 1
    audit.record(
        session,
        ENTITY,
        row.id,
        "screen",
        after={
            "child_id": child.id,
            "screened_at": moment,
            "occasion": occasion,
            "indicator_set": indicator_set,
            "catalogue_version": books.version,
            "language": language,
            "mediator_id": data.mediator_id,
            "answers": dict(sorted(answers.items())),
            "answer_counts": counts,
            "positive_elements": list(result.positive_elements()),
            "flagged": result.flagged,
        },
    )
    return _info(session, row, books=books)


@requires(Permission.EDIT_CASEWORK)
def record_decision(
    session: Session, screening_id: int, version: int, decision: str, note: str
) -> ScreeningInfo:
    """The officer's decision on a screening; a stale version is refused as a conflict."""
    row = load_for_update(session, Screening, screening_id, version, ENTITY)
    chosen = _one_of("decision", decision, DECISIONS, DECISION_NAMES)
    cleaned = v.note("decision_note", note, max_length=10_000)
    before = {"decision": row.decision, "decided_by": row.decided_by}
    row.decision = chosen
    row.decision_note = cleaned
    row.decided_by = audit.actor_of(session)
    row.decided_at = datetime.now(UTC).replace(microsecond=0)
    flush_checked(session, row, ENTITY, version)
    audit.record(
        session,
        ENTITY,
        row.id,
        "decide",
        before=before,
        after={"decision": chosen, "decided_by": row.decided_by, "child_id": row.child_id},
    )
    return _info(session, row)


@requires(Permission.READ_RECORDS)
def screenings_of(session: Session, child_id: int) -> list[ScreeningInfo]:
    """Every screening of the child, the newest first."""
    get_child(session, child_id)
    zone = _zone(session)
    books = screening_catalogue(session)
    rows = session.scalars(
        select(Screening)
        .where(Screening.child_id == child_id)
        .order_by(Screening.screened_at.desc(), Screening.id.desc())
    ).all()
    return [_info(session, row, zone, books) for row in rows]


@requires(Permission.READ_RECORDS)
def get_screening(session: Session, screening_id: int) -> ScreeningInfo:
    row = session.get(Screening, screening_id)
    if row is None:
        raise NotFoundError(ENTITY, screening_id)
    return _info(session, row)


# Which occasion answers which re-screening warning (services/early_warning.py).
_OCCASION_OF_WARNING = {
    "rescreen_after_missing": "after_missing",
    "rescreen_new_adult": "new_adult",
    "rescreen_facility_change": "facility_change",
    "rescreen_periodic": "periodic",
}


@requires(Permission.READ_RECORDS)
def screening_choices(session: Session, child_id: int) -> ScreeningChoices:
    """The child's languages, the mediators to choose from and the occasion to suggest."""
    from guardian_desk.services.early_warning import child_warnings

    child = get_child(session, child_id)
    spoken = tuple(
        session.scalars(
            select(ChildLanguage.code)
            .where(ChildLanguage.child_id == child_id)
            .order_by(ChildLanguage.code)
        ).all()
    )
    mediators = []
    for mediator in session.scalars(select(Mediator).where(Mediator.active.is_(True))).all():
        codes = tuple(language.code for language in mediator.languages)
        name = f"{mediator.given_name} {mediator.family_name}".strip()
        mediators.append(MediatorChoice(mediator.id, name, codes))
    shared = set(spoken)
    mediators.sort(key=lambda m: (not shared.intersection(m.languages), m.name.casefold()))
    screened = session.scalar(select(Screening.id).where(Screening.child_id == child_id).limit(1))
    if screened is None:
        occasion = "first_contact"
    else:
        due = [
            _OCCASION_OF_WARNING[w.kind.value]
            for w in child_warnings(session, child_id)
            if w.kind.value in _OCCASION_OF_WARNING
        ]
        occasion = due[0] if due else "other"
    return ScreeningChoices(
        child_id=child.id,
        case_number=child.case_number,
        child_name=child.full_name,
        child_languages=spoken,
        mediators=tuple(mediators),
        suggested_occasion=occasion,
        catalogue_version=catalogue().version,
        catalogue=screening_catalogue(session),
    )


# --- the indicators the office adds (docs/protection.md, "Indicators the office adds") ---------


@requires(Permission.READ_RECORDS)
def office_indicators(session: Session) -> list[dict[str, Any]]:
    """The indicators the office added, in the indicator file's entry format."""
    row = get_settings(session)
    return [dict(entry) for entry in row.office_indicators or ()]


@requires(Permission.MANAGE_SETTINGS)
def set_office_indicators(
    session: Session, entries: Sequence[Any], version: int | None = None
) -> OfficeSettings:
    """Replace the office's whole list (an empty one removes them all), after checking every
    entry: one bad entry refuses the list and nothing is stored. ``version``: the settings'
    version the caller read (a stale one is refused as a conflict); None takes the current."""
    cleaned = check_office_indicators(catalogue(), entries)
    if version is None:
        row = get_settings(session)
        version = row.version
    else:
        row = load_for_update(session, OfficeSettings, SETTINGS_ID, version, "settings")
    before = list(row.office_indicators or ())
    if before == cleaned:
        return row
    row.office_indicators = cleaned
    flush_checked(session, row, "settings", version)
    audit.record(
        session,
        "settings",
        SETTINGS_ID,
        "update",
        before={"office_indicators": [entry.get("id") for entry in before]},
        after={"office_indicators": [entry["id"] for entry in cleaned]},
    )
    return row


@requires(Permission.READ_RECORDS)
def office_indicators_file(session: Session) -> dict[str, Any]:
    """The office's indicators in the indicator file's format, ready for json.dump."""
    return office_file_data(catalogue(), office_indicators(session))
