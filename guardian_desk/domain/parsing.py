"""Text to records and back: the one place that reads and writes field text.

Forms and CSV files use the same notation, so a value an officer types and a value in a
file mean the same thing. Lists are separated by ``;``; within an item, parts by ``|``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from datetime import date
from itertools import pairwise
from typing import TypeVar

from guardian_desk.domain import validation as v
from guardian_desk.domain.enums import ChildStatus, GenderPreference, Proficiency, Sex, Weekday
from guardian_desk.domain.errors import ValidationError, ValidationErrors
from guardian_desk.domain.records import (
    ChildData,
    Companion,
    FacilityData,
    LanguageSkill,
    StaffData,
    WeeklyWindow,
)
from guardian_desk.i18n import _, ngettext

T = TypeVar("T")
Raw = Mapping[str, str | None]


class Collector:
    """Runs field rules and keeps every failure, so one pass reports all of a record's faults."""

    def __init__(self) -> None:
        self.errors: list[ValidationError] = []

    def __call__(self, rule: Callable[[], T], fallback: T) -> T:
        try:
            return rule()
        except ValidationError as exc:
            self.errors.append(exc)
            return fallback
        except ValidationErrors as exc:
            self.errors.extend(exc.errors)
            return fallback

    def add(self, field: str, value: object, reason: str) -> None:
        self.errors.append(ValidationError(field, value, reason))

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationErrors(self.errors)


def split_list(value: str | None) -> list[str]:
    return [item.strip() for item in (value or "").split(";") if item.strip()]


def list_item(field: str, value: str, max_length: int = 200) -> str:
    """One item of a ``;`` list: checked text that cannot be mistaken for a separator."""
    cleaned = v.text(field, value, max_length=max_length)
    if ";" in cleaned or "|" in cleaned:
        raise ValidationError(field, cleaned, _("must not contain ; or |"))
    return cleaned


# --- languages ---------------------------------------------------------------------------------


def parse_languages(field: str, value: str | None) -> list[LanguageSkill]:
    """``prs:native; eng:basic`` (proficiency defaults to working)."""
    skills: dict[str, LanguageSkill] = {}
    for item in split_list(value):
        code, _colon, level = item.partition(":")
        language = v.language(field, code)
        skill = LanguageSkill(language, v.proficiency(field, level or "working"))
        if language in skills:
            # TRANSLATORS: {language} is an ISO 639-3 code such as prs.
            problem = _("names {language} twice").format(language=language)
            raise ValidationError(field, item, problem)
        skills[language] = skill
    return sorted(skills.values(), key=lambda s: s.code)


def format_languages(skills: Iterable[LanguageSkill]) -> str:
    return "; ".join(
        f"{s.code}:{s.proficiency.value}" for s in sorted(skills, key=lambda s: s.code)
    )


# --- weekly windows ----------------------------------------------------------------------------


def minutes_to_text(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def text_to_minutes(field: str, value: str) -> int:
    cleaned = value.strip()
    if cleaned in ("24:00", "24.00"):
        return 1440
    parsed = v.parse_time(field, cleaned)
    return parsed.hour * 60 + parsed.minute


def parse_window(field: str, item: str) -> WeeklyWindow:
    """``Mon 09:00-12:30``."""
    day, _space, span = item.strip().partition(" ")
    try:
        weekday = Weekday(day.strip().capitalize()[:3]).iso
    except ValueError:
        # TRANSLATORS: Mon..Sun are the English weekday abbreviations files use: keep them.
        problem = _("must start with a weekday (Mon..Sun)")
        raise ValidationError(field, item, problem) from None
    start_text, dash, end_text = span.strip().partition("-")
    if not dash:
        # TRANSLATORS: keep "Mon": files name weekdays in English.
        raise ValidationError(field, item, _("must look like Mon 09:00-12:30"))
    start = text_to_minutes(field, start_text)
    end = text_to_minutes(field, end_text)
    if start >= end:
        raise ValidationError(field, item, _("ends before it starts"))
    return WeeklyWindow(weekday, start, end)


def parse_windows(field: str, value: str | None) -> list[WeeklyWindow]:
    windows = sorted(
        (parse_window(field, item) for item in split_list(value)),
        key=lambda w: (w.weekday, w.start_minute),
    )
    for first, second in pairwise(windows):
        if first.weekday == second.weekday and second.start_minute < first.end_minute:
            raise ValidationError(field, format_windows([first, second]), _("overlap"))
    return windows


def format_window(window: WeeklyWindow) -> str:
    day = Weekday.from_iso(window.weekday).value
    return f"{day} {minutes_to_text(window.start_minute)}-{minutes_to_text(window.end_minute)}"


def format_windows(windows: Iterable[WeeklyWindow]) -> str:
    return "; ".join(format_window(w) for w in windows)


# --- small list fields -------------------------------------------------------------------------


def parse_companions(field: str, value: str | None) -> list[Companion]:
    """``Name | claimed relationship | verified``; relationship and verified are optional."""
    companions = []
    for item in split_list(value):
        parts = [p.strip() for p in item.split("|")]
        if len(parts) > 3:
            # TRANSLATORS: the form of one accompanying adult in a list; keep "|" and yes/no.
            problem = _("must look like Name | relationship | yes/no")
            raise ValidationError(field, item, problem)
        name = v.text(field, parts[0])
        relation = v.text(field, parts[1], max_length=100, required=False) if len(parts) > 1 else ""
        verified = v.parse_bool(field, parts[2]) if len(parts) > 2 else False
        companions.append(Companion(name, relation, verified))
    return companions


def format_companions(companions: Iterable[Companion]) -> str:
    return "; ".join(
        f"{c.full_name} | {c.claimed_relationship} | {'yes' if c.verified else 'no'}"
        for c in companions
    )


def format_date(value: date | None) -> str:
    return value.isoformat() if value else ""


def format_bool(value: bool) -> str:
    return "yes" if value else "no"


def format_float(value: float | None) -> str:
    return "" if value is None else f"{value:.6f}".rstrip("0").rstrip(".")


# --- records -----------------------------------------------------------------------------------


def parse_child(
    raw: Raw, *, today: date | None = None, registered: Collection[str] = ()
) -> ChildData:
    """A child from field texts; raises ValidationErrors listing every bad field.

    ``registered``: case numbers already stored (an edit form's own and its siblings'),
    taken as they are: one stored before the rules became strict must not make the
    record uneditable.
    """
    c = Collector()
    today = today or date.today()

    def get(name: str) -> str:
        return (raw.get(name) or "").strip()

    def number(field: str, text: str) -> str:
        return text if text in registered else v.case_number(field, text)

    case_number = (
        c(lambda: number("case_number", get("case_number")), None) if get("case_number") else None
    )
    dob = c(
        lambda: v.parse_date("date_of_birth", get("date_of_birth"), required=False, today=today),
        None,
    )
    identified = c(lambda: v.parse_date("identified_on", get("identified_on"), today=today), None)
    arrived = c(
        lambda: v.parse_date("arrived_on", get("arrived_on"), required=False, today=today), None
    )
    data = ChildData(
        case_number=case_number,
        given_name=c(lambda: v.text("given_name", get("given_name")), ""),
        family_name=c(lambda: v.text("family_name", get("family_name"), required=False), ""),
        given_name_original=c(
            lambda: v.text("given_name_original", get("given_name_original"), required=False), ""
        ),
        family_name_original=c(
            lambda: v.text("family_name_original", get("family_name_original"), required=False), ""
        ),
        aliases=c(lambda: [list_item("aliases", a) for a in split_list(get("aliases"))], []),
        sex=c(lambda: v.enum_value("sex", get("sex") or "unknown", Sex), Sex.UNKNOWN),
        date_of_birth=dob,
        dob_estimated=c(lambda: v.parse_bool("dob_estimated", get("dob_estimated")), False),
        nationality=c(lambda: v.country("nationality", get("nationality")) or "", ""),
        languages=c(lambda: parse_languages("languages", get("languages")), []),
        guardian_gender_preference=c(
            lambda: v.gender_preference(
                "guardian_gender_preference", get("guardian_gender_preference")
            ),
            GenderPreference.ANY,
        ),
        mediator_gender_preference=c(
            lambda: v.gender_preference(
                "mediator_gender_preference", get("mediator_gender_preference")
            ),
            GenderPreference.ANY,
        ),
        facility_code=c(
            lambda: v.record_code("facility", get("facility")) if get("facility") else None, None
        ),
        identified_on=identified or today,
        arrived_on=arrived,
        status=c(
            lambda: v.enum_value("status", get("status") or "identified", ChildStatus),
            ChildStatus.IDENTIFIED,
        ),
        sibling_case_numbers=c(
            lambda: [number("siblings", s) for s in split_list(get("siblings"))], []
        ),
        accompanying_adults=c(
            lambda: parse_companions("accompanying_adults", get("accompanying_adults")), []
        ),
        notes=c(lambda: v.note("notes", get("notes")), ""),
    )
    check_child_dates(c, data, identified_known=identified is not None)
    c.raise_if_any()
    return data


def check_child_dates(c: Collector, data: ChildData, *, identified_known: bool = True) -> None:
    """Dates that must agree with each other: birth, arrival, identification, age under 18."""
    if data.arrived_on and identified_known and data.arrived_on > data.identified_on:
        c.add("arrived_on", data.arrived_on.isoformat(), _after("identified_on"))
    if data.date_of_birth and identified_known:
        if data.date_of_birth > data.identified_on:
            c.add(
                "date_of_birth",
                data.date_of_birth.isoformat(),
                _after("identified_on"),
            )
        else:
            born = data.date_of_birth
            on = data.identified_on
            age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
            if age >= 18:
                c.add(
                    "date_of_birth",
                    born.isoformat(),
                    ngettext(
                        "makes the child {age} year old when identified (must be under 18)",
                        "makes the child {age} years old when identified (must be under 18)",
                        age,
                    ).format(age=age),
                )


def _after(other: str) -> str:
    # TRANSLATORS: {other} is the name of another field as files write it; keep it.
    return _("is after {other}").format(other=other)


def parse_staff(raw: Raw, *, region: str, mediator: bool, today: date | None = None) -> StaffData:
    """A guardian or a mediator from field texts; phones are read in the office's country."""
    c = Collector()

    def get(name: str) -> str:
        return (raw.get(name) or "").strip()

    data = StaffData(
        code=c(lambda: v.record_code("code", get("code")) if get("code") else None, None),
        given_name=c(lambda: v.text("given_name", get("given_name")), ""),
        family_name=c(lambda: v.text("family_name", get("family_name")), ""),
        sex=c(lambda: v.enum_value("sex", get("sex"), Sex), Sex.UNKNOWN),
        languages=c(lambda: parse_languages("languages", get("languages")), []),
        phone=c(lambda: v.phone("phone", get("phone"), region=region), ""),
        email=c(lambda: v.email("email", get("email")), ""),
        municipality=c(
            lambda: v.text("municipality", get("municipality"), max_length=120, required=False), ""
        ),
        latitude=c(lambda: v.coordinate("latitude", get("latitude"), limit=90), None),
        longitude=c(lambda: v.coordinate("longitude", get("longitude"), limit=180), None),
        max_caseload=c(
            lambda: v.parse_int(
                "max_caseload", get("max_caseload") or "20", minimum=1, maximum=100
            ),
            20,
        ),
        background_check_on=c(
            lambda: v.parse_date(
                "background_check_on", get("background_check_on"), required=False, today=today
            ),
            None,
        ),
        training_on=c(
            lambda: v.parse_date("training_on", get("training_on"), required=False, today=today),
            None,
        ),
        vetting_expires_on=c(
            lambda: v.parse_date(
                "vetting_expires_on", get("vetting_expires_on"), required=False, allow_future=True
            ),
            None,
        ),
        active=c(lambda: v.parse_bool("active", get("active"), default=True), True),
        suspended_reason=c(
            lambda: v.text(
                "suspended_reason", get("suspended_reason"), max_length=500, required=False
            ),
            "",
        ),
        notes=c(lambda: v.note("notes", get("notes")), ""),
    )
    if not data.languages and not any(e.field == "languages" for e in c.errors):
        c.add("languages", "", _("must name at least one language"))
    vetting_order(c, data)
    if mediator:
        data.dialects = c(
            lambda: [list_item("dialects", d, 100) for d in split_list(get("dialects"))], []
        )
        data.certification = c(
            lambda: v.text("certification", get("certification"), required=False), ""
        )
        data.organisation = c(
            lambda: v.text("organisation", get("organisation"), required=False), ""
        )
    c.raise_if_any()
    return data


def vetting_order(c: Collector, data: StaffData) -> None:
    checked, expires = data.background_check_on, data.vetting_expires_on
    if checked and expires and expires < checked:
        # TRANSLATORS: {other} is the name of another field as files write it; keep it.
        problem = _("is before {other}").format(other="background_check_on")
        c.add("vetting_expires_on", expires.isoformat(), problem)


def parse_facility(raw: Raw, *, region: str) -> FacilityData:
    c = Collector()

    def get(name: str) -> str:
        return (raw.get(name) or "").strip()

    data = FacilityData(
        code=c(lambda: v.record_code("code", get("code")) if get("code") else None, None),
        name=c(lambda: v.text("name", get("name")), ""),
        address=c(lambda: v.text("address", get("address"), max_length=300, required=False), ""),
        municipality=c(
            lambda: v.text("municipality", get("municipality"), max_length=120, required=False), ""
        ),
        latitude=c(lambda: v.coordinate("latitude", get("latitude"), limit=90), None),
        longitude=c(lambda: v.coordinate("longitude", get("longitude"), limit=180), None),
        contact_name=c(lambda: v.text("contact_name", get("contact_name"), required=False), ""),
        contact_phone=c(lambda: v.phone("contact_phone", get("contact_phone"), region=region), ""),
        contact_email=c(lambda: v.email("contact_email", get("contact_email")), ""),
        hours=c(lambda: parse_windows("visiting_hours", get("visiting_hours")), []),
        active=c(lambda: v.parse_bool("active", get("active"), default=True), True),
        notes=c(lambda: v.note("notes", get("notes")), ""),
    )
    c.raise_if_any()
    return data


__all__ = [
    "Collector",
    "Proficiency",
    "format_bool",
    "format_companions",
    "format_date",
    "format_float",
    "format_languages",
    "format_windows",
    "parse_child",
    "parse_facility",
    "parse_staff",
    "parse_windows",
]
