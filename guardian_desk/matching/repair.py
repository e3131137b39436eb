"""Turn a relaxed flow plan into a valid one when the office is too large for CP-SAT.

The relaxed flow may split a sibling unit between guardians (or place only some of them),
and may pair children with guardians for whom no free mediator is left. Each round keeps
the units that are whole and have their mediators (their places and mediators are taken),
gives the others back all their candidate guardians (pruning assumed free mediators), drops
the pairs no mediator could serve, and solves the flow again for them alone against the
places left. A unit still split after the last round is left unplaced. ``bulk`` reports
the plan as proven optimal only when it reaches the relaxed plan's count and score.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

import numpy as np

from guardian_desk.matching import mediators
from guardian_desk.matching.candidates import CandidateIndex
from guardian_desk.matching.flow import Arcs, assign
from guardian_desk.matching.units import Unit

MAX_ROUNDS = 20
Pairs = Callable[[dict[int, int]], list[tuple[int, int, int]]]  # plan -> (unit, child, guardian)


def repair(
    index: CandidateIndex,
    sizes: list[int],
    residual: np.ndarray,
    arcs: Arcs,
    flows: np.ndarray,
    mediated_pairs: Pairs,
    every_arc: Callable[[int], Arcs],
    steps: np.ndarray | None = None,
    units: list[Unit] | None = None,
    rounds: int = MAX_ROUNDS,
    unplaced: Collection[int] = (),
) -> tuple[dict[int, int], dict[int, int]]:
    """(unit -> guardian position, child id -> mediator id) of a valid plan; ``units``:
    where given, a round drops the arcs on which a member needs a mediator when every
    mediator qualifying for them is booked out (the rounds then end sooner); ``rounds``:
    at most this many (bulk stops early and lets ``augment`` place the rest); ``unplaced``:
    units the first round also places again (those the relaxed flow sent elsewhere,
    ``relaxed.relaxed_flow``), their flow on ``arcs`` not kept."""
    pool = index.pool
    free = residual.copy()
    places: dict[int, int] = {}  # mediator id -> free places left, once any is booked
    fixed: dict[int, int] = {}
    booked: dict[int, int] = {}
    dropped: set[tuple[int, int]] = set()  # (unit, guardian) pairs no mediator can serve
    size_of = np.asarray(sizes, dtype=np.int64)
    for _round in range(rounds):
        plan, split = _read(sizes, arcs, flows)
        if _round == 0 and unplaced:
            again = set(unplaced)
            plan = {u: at for u, at in plan.items() if u not in again}
            split = {**split, **{u: {} for u in again}}
        pairs = mediated_pairs(plan)
        served = mediators.book(index, [(cid, gid) for _u, cid, gid in pairs], places)
        bad = {u for u, cid, _gid in pairs if cid not in served}
        for u, position in plan.items():
            if u in bad:
                dropped.add((u, position))
                continue
            fixed[u] = position
            free[position] -= sizes[u]
        for u, cid, _gid in pairs:
            mid = served.get(cid)
            if mid is not None and u not in bad:
                booked[cid] = mid
                if mid not in pool.children[cid].mediator_ids:
                    mediator = pool.mediators[mid]
                    left = places.get(mid, pool.capacity(mediator) - mediator.caseload)
                    places[mid] = left - 1
        rest = sorted(set(split) | bad)
        if not rest:
            break
        parts = [every_arc(u) for u in rest]
        arcs = Arcs(
            np.concatenate([a.units for a in parts]),
            np.concatenate([a.people for a in parts]),
            np.concatenate([a.scores for a in parts]),
        )
        usable = free[arcs.people] >= size_of[arcs.units]
        if dropped:
            keys = arcs.units * len(free) + arcs.people
            gone = np.fromiter((u * len(free) + g for u, g in dropped), dtype=np.int64)
            usable &= ~np.isin(keys, gone)
        if units is not None:
            usable &= ~_booked_out(index, units, rest, arcs, places)
        arcs = Arcs(arcs.units[usable], arcs.people[usable], arcs.scores[usable])
        remaining = [size if u in rest else 0 for u, size in enumerate(sizes)]
        taken = (residual - free).tolist()  # children already fixed on each guardian
        flows = assign(remaining, free.tolist(), arcs, steps, taken).flows
    return fixed, booked


def _booked_out(
    index: CandidateIndex,
    units: list[Unit],
    rest: list[int],
    arcs: Arcs,
    places: dict[int, int],
) -> np.ndarray:
    """Per arc: a member needs a mediator there and none qualifying for them has a place."""
    pool = index.pool
    open_profile: dict[tuple[int, ...], bool] = {}

    def has_place(cid: int) -> bool:
        child = pool.children[cid]
        qualified = index.qualified_mediators(child)
        if child.mediator_ids & set(qualified):
            return True
        found = open_profile.get(qualified)
        if found is None:
            found = open_profile[qualified] = any(
                places.get(mid, pool.capacity(m) - m.caseload) > 0
                for mid, m in ((mid, pool.mediators[mid]) for mid in qualified)
            )
        return found

    out = np.zeros(len(arcs.units), dtype=bool)
    order = np.argsort(arcs.units, kind="stable")
    found_units, starts = np.unique(arcs.units[order], return_index=True)
    for u, at in zip(found_units.tolist(), np.split(order, starts[1:]), strict=True):
        unit = units[u]
        stuck = [k for k, cid in enumerate(unit.members) if not has_place(cid)]
        if not stuck:
            continue
        k = np.searchsorted(unit.guardians, arcs.people[at])
        for member in stuck:
            out[at] |= unit.mediated[member][k]
    return out


def _read(
    sizes: list[int], arcs: Arcs, flows: np.ndarray
) -> tuple[dict[int, int], dict[int, dict[int, int]]]:
    """The whole units placed on one guardian, and the split ones with their flows."""
    taken: dict[int, dict[int, int]] = {}
    for a in np.flatnonzero(flows):
        taken.setdefault(int(arcs.units[a]), {})[int(arcs.people[a])] = int(flows[a])
    plan: dict[int, int] = {}
    split: dict[int, dict[int, int]] = {}
    for u, found in taken.items():
        if len(found) == 1 and next(iter(found.values())) == sizes[u]:
            plan[u] = next(iter(found))
        else:
            split[u] = found
    return plan, split
