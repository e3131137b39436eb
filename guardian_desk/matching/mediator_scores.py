"""Mediators' scores for many (child, guardian) pairs at once, on numpy arrays.

The same numbers as ``ChildMatch.mediator_number`` for every free, qualifying mediator of
a pair (a test checks it): the child-only part (distance and load from the facility,
continuity, preference, the link in the child's language) once per child, then per
guardian one vectorised pass for the link in the guardian's language and the weekly time
common to guardian, mediator and facility.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from guardian_desk.domain.enums import GenderPreference
from guardian_desk.matching import geo
from guardian_desk.matching.candidates import CandidateIndex
from guardian_desk.matching.pool import (
    NEUTRAL,
    OVERLAP_FULL_MINUTES,
    PROFICIENCY_VALUE,
    PoolChild,
    working_languages,
)

FloatArray = npt.NDArray[np.float64]


class MediatorScores:
    def __init__(self, index: CandidateIndex) -> None:
        self.index = index
        pool = index.pool
        self.ids = sorted(pool.mediators)
        self.position = {mid: n for n, mid in enumerate(self.ids)}
        count = len(self.ids)
        words = index.words
        self.starts = np.zeros((count, words), dtype=np.uint64)
        self.bits = np.zeros((count, words), dtype=np.uint64)
        for n, mid in enumerate(self.ids):
            self.starts[n] = index.words_of(pool.mediator_starts[mid])
            self.bits[n] = index.words_of(pool.mediator_bits[mid])
        self.values: dict[str, FloatArray] = {}
        for n, mid in enumerate(self.ids):
            for code, value in pool.mediator_values[mid].items():
                self.values.setdefault(code, np.zeros(count))[n] = value
        self.load = np.array([pool.mediator_load[mid] for mid in self.ids])
        self.lat = np.array([_deg(pool.mediators[mid].latitude) for mid in self.ids])
        self.lon = np.array([_deg(pool.mediators[mid].longitude) for mid in self.ids])
        self.sex = np.array([pool.mediators[mid].sex for mid in self.ids], dtype=object)
        self._children: dict[int, tuple[npt.NDArray[np.int64], FloatArray, FloatArray]] = {}

    def child_part(self, child: PoolChild) -> tuple[npt.NDArray[np.int64], FloatArray, FloatArray]:
        """The qualifying mediators' positions, their fixed points and child link."""
        found = self._children.get(child.id)
        if found is not None:
            return found
        index, pool, w = self.index, self.index.pool, self.index.pool.weights
        q = np.array(
            [self.position[mid] for mid in index.qualified_mediators(child)], dtype=np.int64
        )
        link = np.zeros(len(q))
        for code, level in working_languages(child.languages).items():
            values = self.values.get(code)
            if values is not None:
                link = np.maximum(link, np.minimum(PROFICIENCY_VALUE[level], values[q]))
        facility = pool.facilities.get(child.facility_id) if child.facility_id else None
        distance = np.full(len(q), NEUTRAL)
        if (
            facility is not None
            and facility.latitude is not None
            and facility.longitude is not None
        ):
            lat1, lon1 = self.lat[q], self.lon[q]
            lat2, lon2 = np.radians(facility.latitude), np.radians(facility.longitude)
            a = (
                np.sin((lat2 - lat1) / 2) ** 2
                + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
            )
            km = 2 * 6371.0 * np.arcsin(np.minimum(1.0, np.sqrt(a)))
            located = ~np.isnan(lat1)
            value = np.maximum(0.0, 1.0 - km / geo.DISTANCE_ZERO_KM)
            distance[located] = value[located]
        base = w["distance"] * distance + w["load"] * self.load[q]
        siblings: set[int] = set()
        for sibling in child.sibling_ids:
            if sibling in pool.children:
                siblings |= pool.children[sibling].mediator_ids
        mids = [self.ids[p] for p in q.tolist()]
        continuity = np.array(
            [
                1.0 if mid in child.known_mediator_ids else 0.5 if mid in siblings else 0.0
                for mid in mids
            ]
        )
        preference = child.mediator_preference
        right = (
            np.ones(len(q), dtype=bool)
            if preference is GenderPreference.ANY
            else self.sex[q] == preference.value
        )
        fixed = base + w["continuity"] * continuity + w["preference"] * right
        found = self._children[child.id] = (q, fixed, link)
        return found

    def for_pair(self, child: PoolChild, guardian_id: int) -> dict[int, float]:
        """Every free mediator who bridges this child and guardian, with their score."""
        index, pool, w = self.index, self.index.pool, self.index.pool.weights
        q, fixed, child_link = self.child_part(child)
        if not len(q):
            return {}
        guardian_link = np.zeros(len(q))
        for code, value in pool.guardian_values[guardian_id].items():
            values = self.values.get(code)
            if values is not None:
                guardian_link = np.maximum(guardian_link, np.minimum(value, values[q]))
        starts = pool.guardian_starts[guardian_id]
        bits = pool.guardian_bits[guardian_id]
        if child.facility_id is not None and child.facility_id in pool.facilities:
            starts &= pool.facility_starts[child.facility_id]
            bits &= pool.facility_bits[child.facility_id]
        free = (self.starts[q] & index.words_of(starts)).any(axis=1) & (guardian_link > 0)
        chosen = np.flatnonzero(free)
        if not len(chosen):
            return {}
        common = np.bitwise_count(self.bits[q[chosen]] & index.words_of(bits)).sum(axis=1)
        minutes = common * pool.unit
        scores = (
            fixed[chosen]
            + w["language"] * child_link[chosen] * guardian_link[chosen]
            + w["availability"] * np.minimum(1.0, minutes / OVERLAP_FULL_MINUTES)
        )
        return {
            self.ids[int(p)]: float(s)
            for p, s in zip(q[chosen].tolist(), scores.tolist(), strict=True)
        }


def _deg(value: float | None) -> float:
    return np.nan if value is None else float(np.radians(value))
