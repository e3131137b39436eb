"""Every eligible guardian of many children at once, with the score ``suggest`` gives them.

Bulk matching needs, for thousands of children, the full list of eligible guardians and
their scores. ``ChildMatch.scan`` walks the guardians one by one (about 25 ms a child on a
4,000-guardian office); here the same rules run on numpy arrays over all guardians:

* the child-independent faults, the sex of each guardian and the languages they speak at
  working level are arrays, built once;
* per facility: who fits its visiting hours and the distance/availability/load points
  (from ``FacilityView``), built on first use;
* per *mediator profile* (the child's languages, mediator-gender preference and current
  mediators: what decides which mediators qualify): for each language a mediator bridges
  to, the union of those mediators' visit-start sets. A facility's start set is ``&``-ed in
  per child (``&`` distributes over ``|``);
* each guardian's start set as 64-bit words, so "is a qualifying mediator free with this
  guardian at this facility" is one vectorised ``&`` per target language.

A test checks, on random offices, that the guardians and scores equal ``ChildMatch.scan``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import numpy.typing as npt

from guardian_desk.domain.enums import GenderPreference
from guardian_desk.matching import geo
from guardian_desk.matching.pool import (
    NEUTRAL,
    OVERLAP_FULL_MINUTES,
    PROFICIENCY_VALUE,
    MatchingPool,
    PoolChild,
    working_languages,
)
from guardian_desk.matching.scoring import MEDIATED_SHARE

WORD = 64
BRIDGES_KEPT = 2000  # (profile, facility) rows of bridged values kept (32 KB each at 4,000)
MASK = (1 << WORD) - 1

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class ChildCandidates:
    """One child's eligible guardians (indexes into ``CandidateIndex.guardian_ids``)."""

    child_id: int
    guardians: IntArray  # positions in CandidateIndex.guardian_ids
    scores: FloatArray  # the total score suggest gives, rounded to 6 places
    mediated: BoolArray  # True: no shared language, a mediator is needed


class CandidateIndex:
    """The arrays that make eligibility and scores of one child a handful of numpy calls."""

    def __init__(self, pool: MatchingPool) -> None:
        self.pool = pool
        self.guardian_ids: list[int] = sorted(pool.guardians, key=pool.guardian_order.__getitem__)
        self.position = {gid: n for n, gid in enumerate(self.guardian_ids)}
        count = len(self.guardian_ids)
        longest = max(
            (b.bit_length() for b in (*pool.guardian_bits.values(), *pool.facility_bits.values())),
            default=1,
        )
        self.words = max(1, -(-longest // WORD))
        self.starts = np.zeros((count, self.words), dtype=np.uint64)
        for n, gid in enumerate(self.guardian_ids):
            self.starts[n] = self.words_of(pool.guardian_starts[gid])
        self.bits = np.zeros((count, self.words), dtype=np.uint64)
        for n, gid in enumerate(self.guardian_ids):
            self.bits[n] = self.words_of(pool.guardian_bits[gid])
        places = [pool.guardian_places[gid] for gid in self.guardian_ids]
        self.lat = np.array([p.lat if p else np.nan for p in places])
        self.lon = np.array([p.lon if p else np.nan for p in places])
        self.cos_lat = np.array([p.cos_lat if p else np.nan for p in places])
        self.load = np.array([pool.guardian_load[gid] for gid in self.guardian_ids])
        self.fault_free = np.array(
            [not pool.guardian_faults[gid] for gid in self.guardian_ids], dtype=bool
        )
        sexes = np.array([pool.guardians[gid].sex for gid in self.guardian_ids], dtype=object)
        self.of_sex = {value: sexes == value for value in set(sexes.tolist())}
        self.language_value: dict[str, FloatArray] = {}
        for n, gid in enumerate(self.guardian_ids):
            for code, value in pool.guardian_values[gid].items():
                found = self.language_value.get(code)
                if found is None:
                    found = self.language_value[code] = np.zeros(count)
                found[n] = value
        self._no_facility = (
            np.ones(count, dtype=bool),
            np.array([pool.base_without_facility[gid] for gid in self.guardian_ids]),
        )
        self._facilities: dict[int, tuple[BoolArray, FloatArray]] = {}
        # Filled by bulk matching: each (child, guardian) pair's free mediators and scores.
        self.pair_mediators: dict[tuple[int, int], dict[int, float]] = {}
        # And their booking weights (``mediators.book``), cached the same way.
        self.pair_weights: dict[tuple[int, int], list[tuple[int, float]]] = {}
        # Set by bulk matching on very large offices: each pair keeps its best mediators only
        # (the cache above grew past 11 GB at 17,781 waiting children).
        self.pair_limit: int | None = None
        self.mediator_scores: Any = None  # a MediatorScores, made on first use
        # (mediator's languages, guardian's languages) -> the guardian's language part with
        # that mediator booked: 215 and 388 kinds of speakers for 2,000 and 4,000 people.
        self.language_points: dict[tuple[int, int], float] = {}
        self.mediator_kind = _kinds(pool.mediator_speech)
        self.guardian_kind = _kinds(pool.guardian_speech)
        self._profiles: dict[tuple[object, ...], tuple[tuple[int, ...], dict[str, int]]] = {}
        self._bridges: dict[tuple[object, ...], FloatArray] = {}
        self._meets: dict[int, BoolArray] = {}  # start times -> guardians free at one of them

    def words_of(self, bits: int) -> npt.NDArray[np.uint64]:
        return np.array([(bits >> (WORD * i)) & MASK for i in range(self.words)], dtype=np.uint64)

    def facility(self, facility_id: int | None) -> tuple[BoolArray, FloatArray]:
        """Who fits the facility's visiting hours, and their distance/availability/load
        points (``FacilityView.base``, vectorised)."""
        if facility_id is None or facility_id not in self.pool.facilities:
            return self._no_facility
        found = self._facilities.get(facility_id)
        if found is None:
            pool, w = self.pool, self.pool.weights
            facility = pool.facilities[facility_id]
            hours = self.words_of(pool.facility_starts[facility_id])
            in_time: BoolArray = np.asarray((self.starts & hours).any(axis=1), dtype=bool)
            common = np.bitwise_count(self.bits & self.words_of(pool.facility_bits[facility_id]))
            minutes = common.sum(axis=1) * pool.unit
            distance = np.full(len(self.guardian_ids), NEUTRAL)
            here = geo.Place.of(facility)
            if here is not None:
                a = (
                    np.sin((self.lat - here.lat) / 2) ** 2
                    + here.cos_lat * self.cos_lat * np.sin((self.lon - here.lon) / 2) ** 2
                )
                km = 2 * 6371.0 * np.arcsin(np.minimum(1.0, np.sqrt(a)))
                located = ~np.isnan(self.lat)
                value = np.maximum(0.0, 1.0 - km / geo.DISTANCE_ZERO_KM)
                distance[located] = value[located]
            base = (
                w["distance"] * distance
                + w["availability"] * np.minimum(1.0, minutes / OVERLAP_FULL_MINUTES)
                + w["load"] * self.load
            )
            found = self._facilities[facility_id] = (in_time, base)
        return found

    def qualified_mediators(self, child: PoolChild) -> tuple[int, ...]:
        """Mediators who qualify for the child whatever the guardian: free of faults, of
        the gender asked for, speaking one of the child's working languages."""
        return self._profile(child)[0]

    def mediator_unions(self, child: PoolChild) -> dict[str, int]:
        """For each language a qualifying mediator speaks: the union of their start sets."""
        return self._profile(child)[1]

    def bridged_target(
        self, child: PoolChild, guardian_id: int, unions: dict[str, int] | None = None
    ) -> str | None:
        """The guardian's best language a free, qualifying mediator also speaks
        (``ChildMatch.bridged_target``, from this index's caches); ``unions``: the start
        times by language of some of those mediators only (bulk: those with places left)."""
        pool = self.pool
        facility = pool.facilities.get(child.facility_id) if child.facility_id else None
        starts = pool.guardian_starts[guardian_id]
        if facility is not None:
            starts &= pool.facility_starts[facility.id]
        if unions is None:
            unions = self.mediator_unions(child)
        spoken = pool.guardian_speech[guardian_id]
        usable = [t for t in spoken if starts & unions.get(t, 0)]
        return max(usable, key=lambda t: (spoken[t].rank, t), default=None)

    def _profile_key(self, child: PoolChild) -> tuple[object, ...]:
        """What decides which mediators qualify for the child."""
        spoken = working_languages(child.languages)
        hard = self.pool.settings.gender_preference_hard
        preference = child.mediator_preference if hard else GenderPreference.ANY
        return (frozenset(spoken), preference, child.mediator_ids)

    def _profile(self, child: PoolChild) -> tuple[tuple[int, ...], dict[str, int]]:
        pool = self.pool
        spoken = working_languages(child.languages)
        key = self._profile_key(child)
        preference = key[1]
        assert isinstance(preference, GenderPreference)
        found = self._profiles.get(key)
        if found is None:
            unions: dict[str, int] = {}
            qualified: list[int] = []
            candidates: set[int] = set()
            for code in spoken:
                candidates |= pool.mediators_by_language.get(code, set())
            for mid in sorted(candidates):
                mediator = pool.mediators[mid]
                if mid in child.mediator_ids:
                    faults = pool.person_faults(replace(mediator, caseload=mediator.caseload - 1))
                else:
                    faults = pool.mediator_faults[mid]
                if faults:
                    continue
                if preference is not GenderPreference.ANY and mediator.sex != preference.value:
                    continue
                qualified.append(mid)
                starts = pool.mediator_starts[mid]
                for target in pool.mediator_speech[mid]:
                    unions[target] = unions.get(target, 0) | starts
            found = self._profiles[key] = (tuple(qualified), unions)
        return found

    def bridged(self, child: PoolChild) -> FloatArray:
        """Per guardian: the best language value a qualifying mediator bridges to at a time
        common to the guardian and the child's facility; the same for every child of one
        mediator profile at one facility (17,781 children: 118 profiles), so cached."""
        pool = self.pool
        facility = pool.facilities.get(child.facility_id) if child.facility_id else None
        key = (self._profile_key(child), facility.id if facility else None)
        found = self._bridges.get(key)
        if found is None:
            found = np.zeros(len(self.guardian_ids))
            facility_starts = pool.facility_starts[facility.id] if facility else -1
            for target, union in self.mediator_unions(child).items():
                values = self.language_value.get(target)
                usable = union & facility_starts
                if values is None or not usable:
                    continue
                found = np.maximum(found, np.where(self._meeting(usable), values, 0.0))
            if len(self._bridges) >= BRIDGES_KEPT:
                self._bridges.clear()
            self._bridges[key] = found
        return found

    def _meeting(self, starts: int) -> BoolArray:
        """Per guardian: free at one of these start times (cached: 193 sets of times for
        5,000 children's mediators, where each child's took 1.2 s in all)."""
        hit = self._meets.get(starts)
        if hit is None:
            if len(self._meets) >= BRIDGES_KEPT:
                self._meets.clear()
            hit = np.asarray((self.starts & self.words_of(starts)).any(axis=1), dtype=bool)
            self._meets[starts] = hit
        return hit

    def for_child(self, child: PoolChild) -> ChildCandidates:
        """The guardians ``ChildMatch.scan`` finds eligible, with the same scores."""
        pool, w = self.pool, self.pool.weights
        spoken = working_languages(child.languages)
        from_codes = sorted(spoken, key=lambda code: (-spoken[code].rank, code))
        empty = ChildCandidates(
            child.id, np.zeros(0, dtype=np.int64), np.zeros(0), np.zeros(0, dtype=bool)
        )
        if not from_codes:
            return empty
        in_time, base = self.facility(child.facility_id)
        count = len(self.guardian_ids)
        preference = child.guardian_preference
        if preference is GenderPreference.ANY:
            right_sex = np.ones(count, dtype=bool)
        else:
            right_sex = self.of_sex.get(preference.value, np.zeros(count, dtype=bool))
        eligible = self.fault_free & in_time
        if pool.settings.gender_preference_hard:
            eligible = eligible & right_sex
        direct_value = np.zeros(count)
        for code in from_codes:
            values = self.language_value.get(code)
            if values is not None:
                child_value = PROFICIENCY_VALUE[spoken[code]]
                direct_value = np.maximum(direct_value, np.minimum(child_value, values))
        direct = direct_value > 0
        bridged = self.bridged(child)
        eligible &= direct | (bridged > 0)
        language = np.where(direct, direct_value, MEDIATED_SHARE * bridged)
        siblings = np.zeros(count, dtype=bool)
        for sibling in child.sibling_ids:
            gid = pool.guardian_of.get(sibling)
            if gid is not None and gid in self.position:
                siblings[self.position[gid]] = True
        scores = (
            base
            + w["language"] * language
            + w["continuity"] * siblings
            + w["preference"] * right_sex
        )
        chosen = np.flatnonzero(eligible)
        return ChildCandidates(
            child.id, chosen.astype(np.int64), np.round(scores[chosen], 6), ~direct[chosen]
        )


def _kinds(speech: Mapping[int, Mapping[str, object]]) -> dict[int, int]:
    """person id -> a number shared by the people with the same languages and levels."""
    seen: dict[tuple[tuple[str, object], ...], int] = {}
    return {
        pid: seen.setdefault(tuple(sorted(spoken.items())), len(seen))
        for pid, spoken in speech.items()
    }
