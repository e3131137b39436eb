"""Units of the bulk plan and their candidate arcs, shared by ``bulk`` and ``exact``.

A *unit* is a waiting child, or siblings waiting together who go to one guardian
(``bulk.make_units`` forms them); ``pruned_arcs`` keeps each unit's best guardians (step 3
of ``bulk``'s method, and every candidate for ``exact.solve``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from guardian_desk.matching.flow import Arcs


@dataclass(frozen=True)
class Unit:
    members: tuple[int, ...]  # child ids, by case number
    guardians: np.ndarray  # candidate positions (CandidateIndex.guardian_ids)
    scores: np.ndarray  # per child (the members' total divided by their number)
    mediated: tuple[np.ndarray, ...]  # per member, along ``guardians``: a mediator needed

    def needs_mediator(self, member: int, position: int) -> bool:
        """Whether member number ``member`` needs a mediator with this guardian."""
        return bool(self.mediated[member][np.searchsorted(self.guardians, position)])


def pruned_arcs(
    units: list[Unit],
    residual: np.ndarray,
    demand: int,
    steps: np.ndarray | None = None,
    per_unit: int | None = None,
) -> Arcs:
    """Each unit's best guardians until their free places could hold every child.

    Kept: the best-scoring guardians (ties in score broken by code) until both the sum of
    their free places reaches ``demand`` and, for a unit of ``s`` children, the sum of
    (free places - s + 1) reaches ``demand - s + 1``; and every guardian tied with the last.
    With load ``steps`` a place counts only while it is worth at least the best guardian
    left out (a kept guardian's k-th child costs ``(k - 1) * step``): moving a unit from a
    guardian left out to such a place never scores less, so pruning stays safe.
    """
    heads, tails, scores = [], [], []
    for u, unit in enumerate(units):
        if not len(unit.guardians):
            continue
        keep = _kept_order(unit, residual, demand, steps)
        if per_unit is not None:  # bounded per unit: not safe, see bulk.bulk_match
            keep = keep[:per_unit]
        heads.append(unit.guardians[keep])
        scores.append(unit.scores[keep])
        tails.append(np.full(len(keep), u, dtype=np.int64))
    if not heads:
        empty = np.zeros(0, dtype=np.int64)
        return Arcs(empty, empty, np.zeros(0))
    return Arcs(
        np.concatenate(tails), np.concatenate(heads).astype(np.int64), np.concatenate(scores)
    )


def _kept_order(
    unit: Unit, residual: np.ndarray, demand: int, steps: np.ndarray | None = None
) -> np.ndarray:
    """The positions along ``unit.guardians`` that ``pruned_arcs`` keeps, best first."""
    size = len(unit.members)
    order = np.lexsort((unit.guardians, -unit.scores))
    if not len(order):
        return order
    free = residual[unit.guardians[order]]
    enough = np.cumsum(free) >= demand
    enough &= np.cumsum(free - size + 1) >= demand - size + 1
    first = int(np.argmax(enough)) if enough.any() else len(order) - 1
    if steps is not None:
        first = _worth_enough(unit.scores[order], free, steps[unit.guardians[order]],
                              first, demand, size)  # fmt: skip
    last_score = unit.scores[order[first]]
    tied = order[first + 1 :][unit.scores[order[first + 1 :]] >= last_score]
    return np.concatenate([order[: first + 1], tied])


def _worth_enough(
    scores: np.ndarray, free: np.ndarray, steps: np.ndarray, first: int, demand: int, size: int
) -> int:
    """The last position to keep (along ``scores``, best first) so that the places worth at
    least the next guardian's score hold ``demand`` children (and the unit, ``size``)."""
    count = len(scores)
    at = first
    while at < count - 1:
        threshold = scores[at + 1]
        kept = slice(0, at + 1)
        with np.errstate(divide="ignore", invalid="ignore"):
            worth = np.where(
                steps[kept] > 0,
                np.floor((scores[kept] - threshold) / steps[kept] + 1e-9) + 1,
                free[kept],
            )
        places = np.minimum(free[kept], worth)
        if places.sum() >= demand and np.maximum(places - size + 1, 0).sum() >= (demand - size + 1):
            return at
        at = min(count - 1, 2 * at + 1)
    return count - 1
