"""One child's view of the pool: the hard rules for every guardian, and quick scores.

The scan over every guardian is the hot loop of ``suggest`` (4,000 guardians, under a few
milliseconds): it works on precomputed sets, bit sets and per-facility points, and makes
reason texts and labelled score parts only for the guardians shown.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, replace
from functools import cached_property

from guardian_desk.domain.enums import GenderPreference, Proficiency
from guardian_desk.matching import reasons
from guardian_desk.matching.pool import (
    NEUTRAL,
    OVERLAP_FULL_MINUTES,
    PROFICIENCY_VALUE,
    MatchingPool,
    PoolChild,
    PoolPerson,
    working_languages,
)
from guardian_desk.matching.results import ScorePart
from guardian_desk.matching.scoring import MEDIATED_SHARE

EVERY_MINUTE = -1  # the start set of "no facility": a visit could start at any time


@dataclass(frozen=True)
class Faults:
    """The hard rules one guardian fails for one child; texts are made only when shown."""

    fixed: tuple[str, ...]  # suspended, vetting, caseload
    gender: bool
    time: bool
    language: bool

    @property
    def count(self) -> int:
        return len(self.fixed) + self.gender + self.time + self.language


def mismatched(preference: GenderPreference, sex: str) -> bool:
    return preference is not GenderPreference.ANY and sex != preference.value


def _value(level: Proficiency) -> float:
    return PROFICIENCY_VALUE[level]


class ChildMatch:
    """Who speaks the child's language, which mediators qualify, who passes every rule."""

    def __init__(self, pool: MatchingPool, child: PoolChild) -> None:
        self.pool, self.child = pool, child
        self.hard = pool.settings.gender_preference_hard
        fid = child.facility_id
        self.facility = pool.facilities.get(fid) if fid is not None else None
        self.view = pool.view(self.facility.id) if self.facility else None
        self.facility_bits = pool.facility_bits[self.facility.id] if self.facility else 0
        self.facility_starts = (
            pool.facility_starts[self.facility.id] if self.facility else EVERY_MINUTE
        )
        self.sibling_guardians = {
            pool.guardian_of[s] for s in child.sibling_ids if s in pool.guardian_of
        }
        self.sibling_mediators: set[int] = set()
        for sibling in child.sibling_ids:
            if sibling in pool.children:
                self.sibling_mediators |= pool.children[sibling].mediator_ids
        spoken = working_languages(child.languages)
        self.child_values = {code: _value(level) for code, level in spoken.items()}
        self.from_codes = sorted(spoken, key=lambda code: (-spoken[code].rank, code))
        self.direct: set[int] = set()
        for code in self.from_codes:
            self.direct |= pool.guardians_by_language.get(code, set())
        self._mediator_fixed: dict[int, tuple[float, float]] = {}
        self._by_bound: list[tuple[float, int]] | None = None
        self.mediator_parts: dict[int, tuple[ScorePart, ...]] = {}  # filled by suggest

    @cached_property
    def _mediator_index(self) -> tuple[dict[int, int], dict[str, list[int]], dict[str, int]]:
        """Mediators who qualify whatever the guardian: eligible, of the gender asked for,
        speaking one of the child's languages; indexed by the other languages they speak.

        Built on first use: a child whose guardian speaks their language never needs it.
        """
        pool = self.pool
        mediator_starts: dict[int, int] = {}
        by_target: dict[str, list[int]] = {}
        union_by_target: dict[str, int] = {}
        candidates: set[int] = set()
        for code in self.from_codes:
            candidates |= pool.mediators_by_language.get(code, set())
        for mid in sorted(candidates):
            if not self.mediator_qualifies(pool.mediators[mid]):
                continue
            starts = pool.mediator_starts[mid] & self.facility_starts
            mediator_starts[mid] = starts
            for target in pool.mediator_speech[mid]:
                by_target.setdefault(target, []).append(mid)
                union_by_target[target] = union_by_target.get(target, 0) | starts
        return mediator_starts, by_target, union_by_target

    @property
    def mediator_starts(self) -> dict[int, int]:
        return self._mediator_index[0]

    @property
    def by_target(self) -> dict[str, list[int]]:
        return self._mediator_index[1]

    @property
    def union_by_target(self) -> dict[str, int]:
        return self._mediator_index[2]

    # --- the hard rules --------------------------------------------------------------------

    def mediator_faults(self, mediator: PoolPerson) -> tuple[str, ...]:
        if mediator.id in self.child.mediator_ids:  # the child is already in their caseload
            return self.pool.person_faults(replace(mediator, caseload=mediator.caseload - 1))
        return self.pool.mediator_faults[mediator.id]

    def mediator_qualifies(self, mediator: PoolPerson) -> bool:
        if self.mediator_faults(mediator):
            return False
        return not (self.hard and mismatched(self.child.mediator_preference, mediator.sex))

    def in_time(self, gid: int) -> bool:
        return self.view is None or gid in self.view.in_time

    def bridged_level(self, gid: int, in_time: bool = True) -> Proficiency | None:
        """The guardian's best level in a language a free, qualifying mediator also speaks.

        When the time rule already fails, only whether such a mediator exists is asked.
        """
        best: Proficiency | None = None
        starts = self.pool.guardian_starts[gid]
        for target, level in self.pool.guardian_speech[gid].items():
            if in_time:
                usable = bool(starts & self.union_by_target.get(target, 0))
            else:
                usable = target in self.by_target
            if usable and (best is None or level.rank > best.rank):
                best = level
        return best

    def bridged_target(self, gid: int) -> str | None:
        spoken, starts = self.pool.guardian_speech[gid], self.pool.guardian_starts[gid]
        usable = [t for t in spoken if starts & self.union_by_target.get(t, 0)]
        return max(usable, key=lambda t: (spoken[t].rank, t), default=None)

    def faults(self, gid: int) -> Faults:
        guardian = self.pool.guardians[gid]
        gender = self.hard and mismatched(self.child.guardian_preference, guardian.sex)
        in_time = self.in_time(gid)
        speaks = bool(self.from_codes) and (
            gid in self.direct or self.bridged_level(gid, in_time) is not None
        )
        return Faults(self.pool.guardian_faults[gid], gender, not in_time, not speaks)

    def scan(self) -> tuple[dict[int, float], list[tuple[int, str, int, Faults]]]:
        """Every guardian: the eligible with their score, the others with their faults.

        The same rules as ``faults`` and the same total as ``suggest.proposal``, inlined.
        """
        pool, w = self.pool, self.pool.weights
        base = self.view.base if self.view is not None else pool.base_without_facility
        in_time = self.view.in_time if self.view is not None else None
        preference = self.child.guardian_preference
        wanted = None if preference is GenderPreference.ANY else preference.value
        has_language = bool(self.from_codes)
        eligible: dict[int, float] = {}
        excluded: list[tuple[int, str, int, Faults]] = []
        for gid, guardian in pool.guardians.items():
            fixed = pool.guardian_faults[gid]
            wrong_sex = wanted is not None and guardian.sex != wanted
            timely = in_time is None or gid in in_time
            level = None
            if gid in self.direct:
                speaks = True
            elif has_language:
                level = self.bridged_level(gid, timely)
                speaks = level is not None
            else:
                speaks = False
            gender = self.hard and wrong_sex
            if fixed or gender or not timely or not speaks:
                faults = Faults(fixed, gender, not timely, not speaks)
                excluded.append((faults.count, guardian.code, gid, faults))
                continue
            if level is None:
                values = pool.guardian_values[gid]
                language = max(
                    min(value, values[code])
                    for code, value in self.child_values.items()
                    if code in values
                )
            else:
                language = MEDIATED_SHARE * _value(level)
            eligible[gid] = round(
                base[gid]
                + w["language"] * language
                + w["continuity"] * (gid in self.sibling_guardians)
                + w["preference"] * (not wrong_sex),
                6,
            )
        return eligible, excluded

    def reason_texts(self, gid: int, faults: Faults) -> tuple[str, ...]:
        texts = list(faults.fixed)
        if faults.gender:
            texts.append(reasons.gender(self.child.guardian_preference, "guardian"))
        if faults.time:
            pool = self.pool
            texts.append(
                reasons.time(
                    pool.guardian_bits[gid],
                    self.facility_bits,
                    pool.settings.visit_minutes,
                    pool.unit,
                )
            )
        if faults.language:
            texts.append(self.language_text(gid, faults.time))
        return tuple(texts)

    def language_text(self, gid: int, time_failed: bool) -> str:
        if not self.from_codes:
            return reasons.no_child_language(bool(self.child.languages))
        pool = self.pool
        spoken = pool.guardian_speech[gid]
        targets = sorted(spoken, key=lambda code: (-spoken[code].rank, code))
        bridging: set[int] = set()
        for code in self.from_codes:
            bridging |= pool.mediators_by_language.get(code, set())
        registered = any(
            target in pool.mediator_speech[mid] for mid in bridging for target in targets
        )
        if not registered:
            problem = "registered"
        elif time_failed or not any(target in self.by_target for target in targets):
            problem = "eligible"
        else:
            problem = "free"
        languages = dict(pool.guardians[gid].languages)
        return reasons.language(
            self.from_codes, languages, targets, problem, self.facility is not None
        )

    # --- mediators for one guardian ---------------------------------------------------------

    def free_mediators(self, guardian: PoolPerson) -> list[int]:
        """Every qualifying mediator who bridges to this guardian in a common free window."""
        starts = self.pool.guardian_starts[guardian.id]
        found: set[int] = set()
        for target in self.pool.guardian_speech[guardian.id]:
            for mid in self.by_target.get(target, ()):
                if starts & self.mediator_starts[mid]:
                    found.add(mid)
        return sorted(found)

    def mediator_fixed(self, mid: int) -> tuple[float, float]:
        """A mediator's points that do not depend on the guardian, and their link to the child."""
        found = self._mediator_fixed.get(mid)
        if found is None:
            pool, w = self.pool, self.pool.weights
            speech = pool.mediator_values[mid]
            child_link = max(
                min(value, speech[code])
                for code, value in self.child_values.items()
                if code in speech
            )
            if self.view is not None:
                base = self.view.mediator_base(mid)
            else:
                base = w["distance"] * NEUTRAL + w["load"] * pool.mediator_load[mid]
            if mid in self.child.known_mediator_ids:
                continuity = 1.0
            else:
                continuity = 0.5 if mid in self.sibling_mediators else 0.0
            wrong_sex = mismatched(self.child.mediator_preference, pool.mediators[mid].sex)
            found = (
                base + w["continuity"] * continuity + w["preference"] * (not wrong_sex),
                child_link,
            )
            self._mediator_fixed[mid] = found
        return found

    def mediators_by_bound(self) -> list[tuple[float, int]]:
        """Qualifying mediators by the best score they could reach with any guardian."""
        if self._by_bound is None:
            pool, w = self.pool, self.pool.weights
            ranked = []
            for mid in self.mediator_starts:
                fixed, child_link = self.mediator_fixed(mid)
                own = pool.mediator_bits[mid]
                if self.view is not None:
                    own &= self.facility_bits
                minutes = own.bit_count() * pool.unit
                best_link = max(pool.mediator_values[mid].values(), default=0.0)
                bound = (
                    fixed
                    + w["language"] * child_link * best_link
                    + w["availability"] * min(1.0, minutes / OVERLAP_FULL_MINUTES)
                )
                ranked.append((round(bound, 6) + 1e-6, mid))
            ranked.sort(key=lambda item: -item[0])
            self._by_bound = ranked
        return self._by_bound

    def best_mediators(self, guardian: PoolPerson, count: int) -> list[int]:
        """The ``count`` best free mediators for a guardian, best first (score, then code).

        Walks the mediators by their upper bound and stops once no bound can beat the
        ``count``-th best score found, so only a few are scored exactly.
        """
        pool = self.pool
        spoken = pool.guardian_speech[guardian.id]
        starts = pool.guardian_starts[guardian.id]
        codes = pool.mediators
        kth: list[float] = []  # the ``count`` best scores so far, lowest first
        scored: list[tuple[float, str, int]] = []
        for bound, mid in self.mediators_by_bound():
            if len(kth) == count and bound < kth[0]:
                break
            if not starts & self.mediator_starts[mid]:
                continue
            if not any(target in spoken for target in pool.mediator_speech[mid]):
                continue
            score = round(self.mediator_number(mid, guardian), 6)
            scored.append((-score, codes[mid].code, mid))
            if len(kth) < count:
                heapq.heappush(kth, score)
            elif score > kth[0]:
                heapq.heapreplace(kth, score)
        scored.sort()
        return [mid for _score, _code, mid in scored[:count]]

    def mediator_number(self, mid: int, guardian: PoolPerson) -> float:
        """The mediator's total score with this guardian, as ``suggest`` labels it."""
        pool, w = self.pool, self.pool.weights
        fixed, child_link = self.mediator_fixed(mid)
        speech = pool.mediator_values[mid]
        guardian_link = 0.0
        for target, value in pool.guardian_values[guardian.id].items():
            if target in speech:
                guardian_link = max(guardian_link, min(value, speech[target]))
        common = pool.guardian_bits[guardian.id] & pool.mediator_bits[mid]
        if self.view is not None:
            common &= self.facility_bits
        minutes = common.bit_count() * pool.unit
        return (
            fixed
            + w["language"] * child_link * guardian_link
            + w["availability"] * min(1.0, minutes / OVERLAP_FULL_MINUTES)
        )
