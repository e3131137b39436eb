"""What scheduling looks at, as plain records: people, facilities, bookings and the rules.

``loading.load_schedule`` builds these from the database; tests may build them by hand.
Weekly windows are wall-clock minutes past midnight by ISO weekday (1 = Monday); bookings
are epoch minutes (``clock.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from guardian_desk.domain.enums import VisitPurpose
from guardian_desk.domain.records import AbsencePeriod, WeeklyWindow
from guardian_desk.i18n import N_, _
from guardian_desk.scheduling.intervals import Interval, merge

Weekly = Mapping[int, tuple[Interval, ...]]
Key = tuple[str, int]  # ("guardian", id), ("mediator", id) or ("child", id)
PlaceKey = tuple[str, str]  # ("facility", "12") or ("place", "court of tirana")

PURPOSE_WORDS = {
    # TRANSLATORS: what someone is booked for, as in "guardian Ana Hoxha already has a visit".
    VisitPurpose.VISIT: N_("a visit"),
    VisitPurpose.ASYLUM_INTERVIEW: N_("an asylum interview"),
    VisitPurpose.POLICE_INTERVIEW: N_("a police interview"),
    VisitPurpose.MEDICAL: N_("a medical appointment"),
    VisitPurpose.SCHOOL: N_("a school appointment"),
    VisitPurpose.COURT: N_("a court hearing"),
    VisitPurpose.OTHER: N_("an appointment"),
}


def weekly(
    windows: list[WeeklyWindow] | tuple[WeeklyWindow, ...],
) -> dict[int, tuple[Interval, ...]]:
    """Weekly windows by weekday, each day's merged and sorted."""
    by_day: dict[int, list[Interval]] = {}
    for w in windows:
        by_day.setdefault(w.weekday, []).append((w.start_minute, w.end_minute))
    return {day: tuple(merge(found)) for day, found in sorted(by_day.items())}


def place_key(facility_id: int | None, place: str = "") -> PlaceKey | None:
    """Where a visit is, for the travel rule: the facility, else the written place, else
    unknown (None: travel time is always kept)."""
    if facility_id is not None:
        return ("facility", str(facility_id))
    text = " ".join(place.split()).casefold()
    return ("place", text) if text else None


@dataclass(frozen=True)
class Rules:
    """The office settings scheduling follows (``office_settings``; docs/scheduling.md)."""

    time_zone: str = "Europe/Tirane"
    country: str = "AL"
    visit_minutes: int = 60
    visit_interval_days: int = 30
    first_visit_days: int = 7
    travel_buffer_minutes: int = 30
    gender_preference_hard: bool = True
    caseload_cap: int = 25


@dataclass(frozen=True)
class Person:
    """A guardian or a mediator: when they are free and when they are away."""

    role: str  # "guardian" or "mediator"
    id: int
    code: str
    name: str
    windows: Weekly = field(default_factory=dict)
    absences: tuple[AbsencePeriod, ...] = ()
    active: bool = True
    suspended_reason: str = ""
    sex: str = "unknown"
    vetting_expires_on: date | None = None

    @property
    def key(self) -> Key:
        return (self.role, self.id)

    @property
    def label(self) -> str:
        """ "guardian Elira Hoxha", translated."""
        if self.role == "guardian":
            # TRANSLATORS: a person named in scheduling reasons, "guardian Elira Hoxha".
            return _("guardian {name}").format(name=self.name)
        return _("mediator {name}").format(name=self.name)

    def absence_on(self, day: date) -> AbsencePeriod | None:
        for absence in self.absences:
            if absence.starts_on <= day <= absence.ends_on:
                return absence
        return None


@dataclass(frozen=True)
class Place:
    """A facility and its visiting hours."""

    id: int
    code: str
    name: str
    hours: Weekly = field(default_factory=dict)
    active: bool = True


@dataclass(frozen=True)
class ChildInfo:
    id: int
    case_number: str
    facility_id: int | None = None
    mediator_ids: tuple[int, ...] = ()  # active mediator appointments, oldest first
    status: str = "under_guardianship"


@dataclass(frozen=True)
class Booking:
    """A stored, not cancelled visit (or a proposal): who is busy from ``start`` to ``end``."""

    start: int
    end: int
    child_id: int
    case_number: str
    guardian_id: int | None = None
    mediator_id: int | None = None
    purpose: VisitPurpose = VisitPurpose.VISIT
    where: PlaceKey | None = None
    visit_id: int | None = None  # None: proposed, not saved

    def members(self) -> list[Key]:
        found: list[Key] = [("child", self.child_id)]
        if self.guardian_id is not None:
            found.append(("guardian", self.guardian_id))
        if self.mediator_id is not None:
            found.append(("mediator", self.mediator_id))
        return found

    @property
    def what(self) -> str:
        return _(PURPOSE_WORDS[self.purpose])


@dataclass(frozen=True)
class Attendees:
    """Who meets where: the child always; a guardian, a mediator or both; a facility (whose
    visiting hours then apply) or a place written out (a court, a clinic)."""

    child_id: int
    guardian_id: int | None = None
    mediator_id: int | None = None
    facility_id: int | None = None
    place: str = ""

    @property
    def where(self) -> PlaceKey | None:
        return place_key(self.facility_id, self.place)

    def members(self) -> list[Key]:
        found: list[Key] = [("child", self.child_id)]
        if self.guardian_id is not None:
            found.append(("guardian", self.guardian_id))
        if self.mediator_id is not None:
            found.append(("mediator", self.mediator_id))
        return found
