"""Validated, storage-free descriptions of records: what a form or a CSV row says.

Services turn these into rows; parsers (guardian_desk.domain.parsing) build them from text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from guardian_desk.domain.enums import ChildStatus, GenderPreference, Proficiency, Sex


@dataclass(frozen=True)
class LanguageSkill:
    code: str  # ISO 639-3
    proficiency: Proficiency


@dataclass(frozen=True)
class WeeklyWindow:
    """A weekly recurring window, in the office's local time; minutes since midnight."""

    weekday: int  # 1 = Monday .. 7 = Sunday
    start_minute: int
    end_minute: int


@dataclass(frozen=True)
class AbsencePeriod:
    starts_on: date
    ends_on: date  # inclusive
    reason: str = ""


@dataclass(frozen=True)
class Companion:
    """An adult who arrived with the child."""

    full_name: str
    claimed_relationship: str = ""
    verified: bool = False


@dataclass
class ChildData:
    given_name: str
    sex: Sex
    nationality: str
    identified_on: date
    case_number: str | None = None  # None: the next free number is given
    family_name: str = ""
    given_name_original: str = ""
    family_name_original: str = ""
    aliases: list[str] = field(default_factory=list)
    date_of_birth: date | None = None
    dob_estimated: bool = False
    languages: list[LanguageSkill] = field(default_factory=list)
    guardian_gender_preference: GenderPreference = GenderPreference.ANY
    mediator_gender_preference: GenderPreference = GenderPreference.ANY
    facility_code: str | None = None
    arrived_on: date | None = None
    status: ChildStatus = ChildStatus.IDENTIFIED
    sibling_case_numbers: list[str] = field(default_factory=list)
    accompanying_adults: list[Companion] = field(default_factory=list)
    notes: str = ""


@dataclass
class StaffData:
    """A guardian, or with the mediator fields filled, a cultural mediator/interpreter."""

    given_name: str
    family_name: str
    sex: Sex
    code: str | None = None  # None: the next free code is given
    languages: list[LanguageSkill] = field(default_factory=list)
    phone: str = ""
    email: str = ""
    municipality: str = ""
    latitude: float | None = None
    longitude: float | None = None
    max_caseload: int = 20
    background_check_on: date | None = None
    training_on: date | None = None
    vetting_expires_on: date | None = None
    active: bool = True
    suspended_reason: str = ""
    notes: str = ""
    # Mediators only:
    dialects: list[str] = field(default_factory=list)
    certification: str = ""
    organisation: str = ""


@dataclass
class FacilityData:
    name: str
    code: str | None = None
    address: str = ""
    municipality: str = ""
    latitude: float | None = None
    longitude: float | None = None
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    hours: list[WeeklyWindow] = field(default_factory=list)
    active: bool = True
    notes: str = ""


@dataclass
class SettingsData:
    organisation_name: str
    organisation_address: str
    country: str
    time_zone: str
    caseload_cap: int
    appointment_deadline_days: int
    visit_interval_days: int
    # Matching (docs/matching.md).
    gender_preference_hard: bool = True
    visit_minutes: int = 60
    # Only the weights the office changed, by part key; a missing part keeps its default.
    matching_weights: dict[str, float] = field(default_factory=dict)
    # Visits (docs/scheduling.md): the first within this many days of the appointment, then
    # one every visit_interval_days; this much travel time kept free around each.
    first_visit_days: int = 7
    travel_buffer_minutes: int = 30
    # Printed papers (docs/papers.md): the legal basis quoted in an appointment decision.
    legal_basis: str = ""
    # The letterhead's phone and e-mail; the help line printed on the child's card (when empty,
    # the card gives the office's phone). Phones are stored as E.164 (+35542223344).
    office_phone: str = ""
    office_email: str = ""
    help_line: str = ""
    # Protection (docs/security.md): the window locks after this many idle minutes; cases
    # closed longer than this many years may be anonymised by an administrator.
    idle_lock_minutes: int = 10
    retention_years: int = 10
    # Attachments (docs/casework.md): the largest file attached to a child's record, in MB.
    attachment_max_mb: int = 10
    # Protection (docs/protection.md): a child is screened again this many days after the first
    # screening (and every as many days after that).
    rescreen_after_days: int = 90
