"""A child's age: an estimated age in years, age assessments, and who turns 18 soon.

An estimated age ("about 15") is kept as an estimated date of birth (``dob_estimated``):
**the day the age is entered, minus that many years** (``estimated_birth_date``). That is the
latest date of birth that makes the child that age today, so the child counts as that age now
and turns 18 as late as the stated age allows: the benefit of the doubt that the Asylum
Procedures Directive (Art. 25(5)) and UNHCR ask for when a child's age is uncertain. Entered on
29 February, the date is 28 February (a 1 March birthday would make the child a year younger).

A child born on 29 February has birthdays on 1 March in other years (``age_on``), so turns 18 on
1 March when that year has no 29 February.

An age assessment (documents, an interview, a medical examination, other) gives an age or a
range in whole years. Recording one may also set the estimated date of birth from its lower
age, as of the assessment's date (the benefit of the doubt again), unless the date of birth is
documented (not estimated).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from guardian_desk.db.models import AgeAssessment, Child
from guardian_desk.domain.enums import ChildStatus
from guardian_desk.domain.errors import (
    GuardianDeskError,
    NotFoundError,
    ValidationError,
    ValidationErrors,
)
from guardian_desk.domain.vocabularies import ASSESSMENT_METHODS, MAX_ASSESSED_AGE
from guardian_desk.i18n import N_, _, ngettext
from guardian_desk.i18n.formats import date_text
from guardian_desk.security.roles import Permission, requires
from guardian_desk.services import audit
from guardian_desk.services.locking import flush_checked, load_for_update, touch

ENTITY = "age_assessment"
CHILD_ENTITY = "child"
ADULT_AGE = 18
TURNING_ADULT_DAYS = 90
MAX_ESTIMATED_AGE = MAX_ASSESSED_AGE
# Cases still open: a child who turns 18 in one of these needs the officer's attention.
OPEN_STATUSES = (
    ChildStatus.IDENTIFIED,
    ChildStatus.AWAITING_GUARDIAN,
    ChildStatus.UNDER_GUARDIANSHIP,
    ChildStatus.MISSING,
)
METHOD_NAMES = {
    "documents": N_("documents"),
    "interview": N_("interview"),
    "medical": N_("medical examination"),
    "other": N_("other"),
}


def method_name(method: str) -> str:
    return _(METHOD_NAMES[method]) if method in METHOD_NAMES else method


# --- dates ----------------------------------------------------------------------------------


def years_before(day: date, years: int) -> date:
    """The same day ``years`` earlier; 29 February becomes 28 February in other years."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def birthday_in(born: date, year: int) -> date:
    """The birthday in ``year``; one born on 29 February has it on 1 March in other years."""
    try:
        return born.replace(year=year)
    except ValueError:
        return date(year, 3, 1)


def age_on(born: date, day: date) -> int:
    """Whole years between ``born`` and ``day``."""
    return day.year - born.year - (1 if day < birthday_in(born, day.year) else 0)


def adult_on(born: date) -> date:
    """The day the child turns 18."""
    return birthday_in(born, born.year + ADULT_AGE)


def check_estimated_age(value: object) -> int:
    """An estimated age in whole years, 0 to 30; ValidationError on field "estimated_age"."""
    try:
        years = int(str(value).strip())
    except ValueError:
        raise ValidationError("estimated_age", value, _("is not a whole number of years")) from None
    if not 0 <= years <= MAX_ESTIMATED_AGE:
        problem = _("must be between {minimum} and {maximum} years")
        raise ValidationError(
            "estimated_age", value, problem.format(minimum=0, maximum=MAX_ESTIMATED_AGE)
        )
    return years


def estimated_birth_date(years: int, today: date) -> date:
    """The estimated date of birth of a child "about ``years``" old on ``today``: ``today``
    minus ``years`` years (the latest date that makes the child that age today)."""
    return years_before(today, check_estimated_age(years))


# --- age assessments ------------------------------------------------------------------------


@dataclass(frozen=True)
class AgeAssessmentData:
    assessed_on: date
    method: str  # documents, interview, medical, other
    age_min: int
    age_max: int  # = age_min for a single age
    assessed_by: str = ""
    notes: str = ""


@dataclass(frozen=True)
class AgeAssessmentInfo:
    id: int
    child_id: int
    assessed_on: date
    method: str
    age_min: int
    age_max: int
    assessed_by: str
    notes: str
    recorded_at: datetime
    recorded_by: str

    @property
    def result_text(self) -> str:
        return result_text(self.age_min, self.age_max)


def result_text(age_min: int, age_max: int) -> str:
    """ "16 years", "16 to 17 years"."""
    if age_min == age_max:
        # TRANSLATORS: an assessed age; {age} is a whole number of years.
        return ngettext("{age} year", "{age} years", age_min).format(age=age_min)
    # TRANSLATORS: an assessed age range in years, "16 to 17 years".
    return _("{low} to {high} years").format(low=age_min, high=age_max)


def validate_assessment(data: AgeAssessmentData, today: date) -> AgeAssessmentData:
    errors: list[ValidationError] = []
    if data.assessed_on > today:
        errors.append(ValidationError("assessed_on", data.assessed_on, _("is in the future")))
    if data.method not in ASSESSMENT_METHODS:
        errors.append(ValidationError("method", data.method, _("is not a known method")))
    for name, value in (("age_min", data.age_min), ("age_max", data.age_max)):
        if not 0 <= value <= MAX_ASSESSED_AGE:
            problem = _("must be between {minimum} and {maximum} years").format(
                minimum=0, maximum=MAX_ASSESSED_AGE
            )
            errors.append(ValidationError(name, value, problem))
    if data.age_min > data.age_max:
        errors.append(
            ValidationError("age_max", data.age_max, _("is lower than the lowest age given"))
        )
    assessed_by = data.assessed_by.strip()
    if len(assessed_by) > 200:
        errors.append(ValidationError("assessed_by", assessed_by[:40], _("is too long")))
    notes = data.notes.strip()
    if len(notes) > 4000:
        errors.append(ValidationError("notes", notes[:40], _("is too long")))
    if errors:
        raise ValidationErrors(errors)
    return AgeAssessmentData(
        data.assessed_on, data.method, data.age_min, data.age_max, assessed_by, notes
    )


def _info(row: AgeAssessment) -> AgeAssessmentInfo:
    return AgeAssessmentInfo(
        id=row.id,
        child_id=row.child_id,
        assessed_on=row.assessed_on,
        method=row.method,
        age_min=row.age_min,
        age_max=row.age_max,
        assessed_by=row.assessed_by,
        notes=row.notes,
        recorded_at=row.recorded_at,
        recorded_by=row.recorded_by,
    )


class DocumentedBirthDate(GuardianDeskError):
    """An assessment may not replace a date of birth that is documented (not estimated)."""


@requires(Permission.READ_RECORDS)
def list_age_assessments(session: Session, child_id: int) -> list[AgeAssessmentInfo]:
    """A child's age assessments, the latest first."""
    rows = session.scalars(
        select(AgeAssessment)
        .where(AgeAssessment.child_id == child_id)
        .order_by(AgeAssessment.assessed_on.desc(), AgeAssessment.id.desc())
    )
    return [_info(row) for row in rows]


@requires(Permission.EDIT_CASEWORK)
def add_age_assessment(
    session: Session,
    child_id: int,
    data: AgeAssessmentData,
    *,
    today: date | None = None,
    set_birth_date: bool = False,
    child_version: int | None = None,
) -> AgeAssessmentInfo:
    """Record an age assessment; with ``set_birth_date``, the child's estimated date of birth
    becomes the assessment's date minus its lower age (``child_version`` guards that edit)."""
    cleaned = validate_assessment(data, today or date.today())
    if set_birth_date and child_version is not None:
        child = load_for_update(session, Child, child_id, child_version, CHILD_ENTITY)
    else:
        found = session.get(Child, child_id)
        if found is None:
            raise NotFoundError(CHILD_ENTITY, child_id)
        child = found
    if set_birth_date:
        _refuse_documented(child)
    row = AgeAssessment(
        child_id=child_id,
        assessed_on=cleaned.assessed_on,
        method=cleaned.method,
        age_min=cleaned.age_min,
        age_max=cleaned.age_max,
        assessed_by=cleaned.assessed_by,
        notes=cleaned.notes,
        recorded_by=audit.actor_of(session),
    )
    session.add(row)
    session.flush()
    audit.record(session, ENTITY, row.id, "create", after={"child_id": child_id, **vars(cleaned)})
    if set_birth_date:
        _set_birth_date(session, child, years_before(cleaned.assessed_on, cleaned.age_min))
    return _info(row)


def _refuse_documented(child: Child) -> None:
    if child.date_of_birth is not None and not child.dob_estimated:
        raise DocumentedBirthDate(
            # TRANSLATORS: {date} is the child's documented date of birth.
            _(
                "The date of birth {date} is documented, not estimated: the assessment was not "
                "saved. Change the date of birth in the Details tab if the assessment overrides "
                "it, or save the assessment without setting the date."
            ).format(date=date_text(child.date_of_birth))
        )


def _set_birth_date(session: Session, child: Child, born: date) -> None:
    before = {"date_of_birth": child.date_of_birth, "dob_estimated": child.dob_estimated}
    if (child.date_of_birth, child.dob_estimated) == (born, True):
        return
    version = child.version
    child.date_of_birth, child.dob_estimated = born, True
    touch(child)
    flush_checked(session, child, CHILD_ENTITY, version)
    audit.record(
        session,
        CHILD_ENTITY,
        child.id,
        "update",
        before=before,
        after={"date_of_birth": born, "dob_estimated": True},
    )


@requires(Permission.EDIT_CASEWORK)
def remove_age_assessment(session: Session, assessment_id: int) -> None:
    """Remove an assessment recorded by mistake; the audit keeps what it said."""
    row = session.get(AgeAssessment, assessment_id)
    if row is None:
        raise NotFoundError(ENTITY, assessment_id)
    before = {k: v for k, v in vars(_info(row)).items() if k not in ("id", "recorded_at")}
    session.delete(row)
    session.flush()
    audit.record(session, ENTITY, assessment_id, "delete", before=before)


# --- turning 18 -----------------------------------------------------------------------------


@dataclass(frozen=True)
class TurningAdult:
    child_id: int
    case_number: str
    name: str
    original_name: str  # in the child's own script, "" when not recorded
    date_of_birth: date
    dob_estimated: bool
    adult_on: date  # the 18th birthday
    days_left: int  # negative: turned 18 that many days ago


def _full_name(given: str | None, family: str | None) -> str:
    return f"{given or ''} {family or ''}".strip()


def latest_birth_date_turning_adult_by(horizon: date) -> date:
    """Every child born on or before this day is 18 by ``horizon`` (and none born after)."""
    return years_before(horizon, ADULT_AGE)


@requires(Permission.READ_RECORDS)
def turning_adult(
    session: Session, today: date, *, days: int = TURNING_ADULT_DAYS, limit: int = 200
) -> tuple[list[TurningAdult], int]:
    """Open cases of children who turn 18 within ``days`` of ``today``, or already have:
    the first ``limit`` lines (those 18 the longest first) and how many there are in all."""
    cutoff = latest_birth_date_turning_adult_by(today + timedelta(days=days))
    where = (
        Child.status.in_(OPEN_STATUSES),
        Child.date_of_birth.is_not(None),
        Child.date_of_birth <= cutoff,
    )
    rows = session.execute(
        select(
            Child.id,
            Child.case_number,
            Child.given_name,
            Child.family_name,
            Child.given_name_original,
            Child.family_name_original,
            Child.date_of_birth,
            Child.dob_estimated,
            func.count().over(),  # all of them, in the same query as the first lines
        )
        .where(*where)
        .order_by(Child.date_of_birth, Child.case_number)
        .limit(limit)
    )
    lines = []
    total = 0
    for cid, case, given, family, given_orig, family_orig, born, estimated, count in rows:
        total = int(count)
        assert born is not None  # the query's own condition
        adult = adult_on(born)
        lines.append(
            TurningAdult(
                child_id=cid,
                case_number=case,
                name=_full_name(given, family),
                original_name=_full_name(given_orig, family_orig),
                date_of_birth=born,
                dob_estimated=bool(estimated),
                adult_on=adult,
                days_left=(adult - today).days,
            )
        )
    return lines, int(total)
