"""An in-memory snapshot of everyone matching looks at, with the indexes that keep it fast.

Built by ``load_pool`` from the database, or directly (tests) from these plain records.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from guardian_desk.domain.enums import GenderPreference, Proficiency
from guardian_desk.domain.records import WeeklyWindow
from guardian_desk.i18n import _
from guardian_desk.i18n.formats import date_text
from guardian_desk.matching import geo, weekly
from guardian_desk.services.settings import matching_weights

WORKING = Proficiency.WORKING.rank
# How much a shared language is worth at the weaker speaker's level.
PROFICIENCY_VALUE = {
    Proficiency.NATIVE: 1.0,
    Proficiency.FLUENT: 0.85,
    Proficiency.WORKING: 0.7,
    Proficiency.BASIC: 0.0,
}
NEUTRAL = 0.5  # what an unknown (no coordinates, no facility) is worth
OVERLAP_FULL_MINUTES = 240  # four hours a week in common or more scores 1


@dataclass(frozen=True)
class PoolChild:
    id: int
    case_number: str
    name: str
    languages: Mapping[str, Proficiency]  # ISO 639-3 code -> how well
    guardian_preference: GenderPreference = GenderPreference.ANY
    mediator_preference: GenderPreference = GenderPreference.ANY
    facility_id: int | None = None
    sibling_ids: tuple[int, ...] = ()
    guardian_id: int | None = None  # the active guardian, if any
    mediator_ids: frozenset[int] = frozenset()  # active mediators
    known_mediator_ids: frozenset[int] = frozenset()  # every mediator the child ever had
    # The case is open and waiting for a guardian (identified, or awaiting one): bulk
    # matching proposes a guardian for these children when they have none.
    waiting: bool = True


@dataclass(frozen=True)
class PoolPerson:
    """A guardian or a mediator as matching sees them."""

    id: int
    code: str
    name: str
    sex: str  # Sex value
    languages: Mapping[str, Proficiency]
    slots: tuple[WeeklyWindow, ...] = ()
    active: bool = True
    suspended_reason: str = ""
    vetting_expires_on: date | None = None
    max_caseload: int = 20
    caseload: int = 0  # active appointments in this role
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class PoolFacility:
    id: int
    code: str
    name: str
    hours: tuple[WeeklyWindow, ...] = ()
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class MatchSettings:
    caseload_cap: int = 25
    gender_preference_hard: bool = True
    visit_minutes: int = 60
    weights: Mapping[str, float] = field(default_factory=dict)  # changed ones; others default

    def resolved_weights(self) -> dict[str, float]:
        """Every part's weight, scaled so that they sum to 100."""
        weights = matching_weights(self.weights)
        total = sum(weights.values()) or 1.0
        return {key: value * 100.0 / total for key, value in weights.items()}


def working_languages(languages: Mapping[str, Proficiency]) -> dict[str, Proficiency]:
    return {code: level for code, level in languages.items() if level.rank >= WORKING}


class MatchingPool:
    """Children, guardians, mediators, facilities and settings, indexed for ``suggest``."""

    def __init__(
        self,
        *,
        children: Iterable[PoolChild],
        guardians: Iterable[PoolPerson],
        mediators: Iterable[PoolPerson],
        facilities: Iterable[PoolFacility],
        settings: MatchSettings | None = None,
        today: date | None = None,
    ) -> None:
        self.today = today or date.today()
        self.settings = settings or MatchSettings()
        self.weights = self.settings.resolved_weights()
        self.children = {c.id: c for c in children}
        self.guardians = {g.id: g for g in guardians}
        # Ties in score go to the lower code: each guardian's place in code order.
        self.guardian_order = {
            g.id: n for n, g in enumerate(sorted(self.guardians.values(), key=lambda g: g.code))
        }
        self.mediators = {m.id: m for m in mediators}
        self.facilities = {f.id: f for f in facilities}
        # Weekly free time as bit sets, and the units at which a visit could start.
        unit = weekly.unit_of(
            (
                *(w for g in self.guardians.values() for w in g.slots),
                *(w for m in self.mediators.values() for w in m.slots),
                *(w for f in self.facilities.values() for w in f.hours),
            ),
            self.settings.visit_minutes,
        )
        self.unit = unit
        length = self.settings.visit_minutes // unit
        self.guardian_bits = {
            g.id: weekly.week_bits(g.slots, unit) for g in self.guardians.values()
        }
        self.mediator_bits = {
            m.id: weekly.week_bits(m.slots, unit) for m in self.mediators.values()
        }
        self.facility_bits = {
            f.id: weekly.week_bits(f.hours, unit) for f in self.facilities.values()
        }
        self.guardian_starts = {k: weekly.starts(b, length) for k, b in self.guardian_bits.items()}
        self.mediator_starts = {k: weekly.starts(b, length) for k, b in self.mediator_bits.items()}
        self.facility_starts = {k: weekly.starts(b, length) for k, b in self.facility_bits.items()}
        # Who speaks what at working level or better.
        self.guardian_speech = {
            g.id: working_languages(g.languages) for g in self.guardians.values()
        }
        self.mediator_speech = {
            m.id: working_languages(m.languages) for m in self.mediators.values()
        }
        self.guardian_values = {
            gid: {code: PROFICIENCY_VALUE[level] for code, level in spoken.items()}
            for gid, spoken in self.guardian_speech.items()
        }
        self.mediator_values = {
            mid: {code: PROFICIENCY_VALUE[level] for code, level in spoken.items()}
            for mid, spoken in self.mediator_speech.items()
        }
        self.guardians_by_language: dict[str, set[int]] = defaultdict(set)
        for gid, spoken in self.guardian_speech.items():
            for code in spoken:
                self.guardians_by_language[code].add(gid)
        self.mediators_by_language: dict[str, set[int]] = defaultdict(set)
        for mid, spoken in self.mediator_speech.items():
            for code in spoken:
                self.mediators_by_language[code].add(mid)
        # The points that depend on neither the child nor the facility.
        self.guardian_places = {g.id: geo.Place.of(g) for g in self.guardians.values()}
        self.guardian_load = {g.id: self.load_value(g) for g in self.guardians.values()}
        self.mediator_load = {m.id: self.load_value(m) for m in self.mediators.values()}
        # Rules that do not depend on the child, checked once.
        self.guardian_faults = {g.id: self.person_faults(g) for g in self.guardians.values()}
        self.mediator_faults = {m.id: self.person_faults(m) for m in self.mediators.values()}
        # Whose guardian is whose, for continuity between siblings.
        self.guardian_of = {c.id: c.guardian_id for c in self.children.values() if c.guardian_id}
        self._views: dict[int, FacilityView] = {}
        w = self.weights
        self.base_without_facility = {  # distance and availability unknown: neutral
            gid: (w["distance"] + w["availability"]) * NEUTRAL + w["load"] * load
            for gid, load in self.guardian_load.items()
        }

    def capacity(self, person: PoolPerson) -> int:
        return min(person.max_caseload, self.settings.caseload_cap)

    def load_value(self, person: PoolPerson) -> float:
        """The load part: 1 with nobody in their care, 0 at full capacity."""
        capacity = self.capacity(person)
        return max(0.0, 1 - person.caseload / capacity) if capacity > 0 else 0.0

    def person_faults(self, person: PoolPerson) -> tuple[str, ...]:
        """The hard rules a person fails for any child: suspended, vetting, caseload."""
        faults = []
        if not person.active:
            why = person.suspended_reason.strip()
            # TRANSLATORS: {reason} is the officer's words on why someone is suspended.
            faults.append(_("suspended ({reason})").format(reason=why) if why else _("suspended"))
        if person.vetting_expires_on is None:
            faults.append(_("no vetting on record"))
        elif person.vetting_expires_on < self.today:
            faults.append(
                _("vetting expired on {date}").format(date=date_text(person.vetting_expires_on))
            )
        capacity = self.capacity(person)
        if person.caseload >= capacity:
            # TRANSLATORS: {load} children are already in the care of someone who may have {cap}.
            faults.append(_("caseload {load} of {cap}").format(load=person.caseload, cap=capacity))
        return tuple(faults)

    def view(self, facility_id: int) -> FacilityView:
        """Every guardian as seen from one facility (computed once, on first use)."""
        found = self._views.get(facility_id)
        if found is None:
            found = FacilityView(self, self.facilities[facility_id])
            self._views[facility_id] = found
        return found


class FacilityView:
    """Which guardians fit a facility's visiting hours, and the points that depend only on the
    guardian and the facility (distance, availability, load); mediators' likewise. Each is
    computed on first use."""

    def __init__(self, pool: MatchingPool, facility: PoolFacility) -> None:
        self.pool, self.facility = pool, facility
        self._mediator_base: dict[int, float] = {}

    @cached_property
    def in_time(self) -> frozenset[int]:
        hours = self.pool.facility_starts[self.facility.id]
        return frozenset(gid for gid, own in self.pool.guardian_starts.items() if own & hours)

    @cached_property
    def base(self) -> dict[int, float]:
        pool, w = self.pool, self.pool.weights
        bits = pool.facility_bits[self.facility.id]
        unit = pool.unit
        here = geo.Place.of(self.facility)
        base: dict[int, float] = {}
        for gid in self.in_time:
            home = pool.guardian_places[gid]
            distance = (
                NEUTRAL if home is None or here is None else geo.distance_value(here.km_to(home))
            )
            common = (pool.guardian_bits[gid] & bits).bit_count() * unit
            base[gid] = (
                w["distance"] * distance
                + w["availability"] * min(1.0, common / OVERLAP_FULL_MINUTES)
                + w["load"] * pool.guardian_load[gid]
            )
        return base

    def mediator_base(self, mid: int) -> float:
        """Distance and load points of a mediator for this facility."""
        found = self._mediator_base.get(mid)
        if found is None:
            w, pool = self.pool.weights, self.pool
            km = geo.distance_km(pool.mediators[mid], self.facility)
            distance = NEUTRAL if km is None else geo.distance_value(km)
            found = w["distance"] * distance + w["load"] * pool.mediator_load[mid]
            self._mediator_base[mid] = found
        return found
