"""Turn a relaxed flow plan into a valid one when the office is too large for CP-SAT.

The relaxed flow may split a sibling unit between guardians (or place only some of them),
and may pair a child with a guardian for whom no free mediator is left. Each round fixes the
split units on the guardian that took most of them (the next with room, else none) and
drops the pairs no mediator can serve, then solves the flow again for the rest. The
relaxed optimum stays an upper bound: ``bulk`` reports the plan as proven optimal only when
the repaired plan reaches it in both count and score.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from guardian_desk.matching.flow import Arcs, assign

MAX_ROUNDS = 50


def repair(
    sizes: list[int],
    residual: np.ndarray,
    arcs: Arcs,
    flows: np.ndarray,
    unserved: Callable[[dict[int, int]], set[tuple[int, int]]],
    every_arc: Callable[[int], Arcs],
) -> dict[int, int]:
    """unit -> guardian position; ``unserved(plan)`` names the (unit, guardian) pairs left
    without a mediator in a plan (they are never proposed again). Pruning is safe only while
    mediators have room, so a unit that loses a pair gets back all its arcs
    (``every_arc(unit)``)."""
    free = residual.copy()
    fixed: dict[int, int] = {}
    keep = np.ones(len(arcs.units), dtype=bool)
    widened: set[int] = set()
    for _round in range(MAX_ROUNDS):
        plan, split = _read(sizes, arcs, flows, keep)
        for u, taken in split.items():
            for position in sorted(taken, key=lambda g: -taken[g]):
                if free[position] >= sizes[u]:
                    fixed[u] = position
                    free[position] -= sizes[u]
                    break
            keep &= arcs.units != u  # fixed, or placed nowhere
        bad = unserved({**plan, **fixed})
        for u in {u for u, _position in bad} - widened:
            widened.add(u)
            extra = every_arc(u)
            new = ~np.isin(extra.people, arcs.people[arcs.units == u])
            arcs = Arcs(
                np.concatenate([arcs.units, extra.units[new]]),
                np.concatenate([arcs.people, extra.people[new]]),
                np.concatenate([arcs.scores, extra.scores[new]]),
            )
            keep = np.concatenate([keep, np.ones(int(new.sum()), dtype=bool)])
            flows = np.concatenate([flows, np.zeros(int(new.sum()), dtype=np.int64)])
        for u, position in bad:
            keep &= ~((arcs.units == u) & (arcs.people == position))
            if fixed.get(u) == position:
                del fixed[u]
                free[position] += sizes[u]
        if not split and not bad:
            return {**plan, **fixed}
        rest = Arcs(arcs.units[keep], arcs.people[keep], arcs.scores[keep])
        remaining = [0 if u in fixed else size for u, size in enumerate(sizes)]
        solved = assign(remaining, free.tolist(), rest)
        flows = np.zeros(len(arcs.units), dtype=np.int64)
        flows[np.flatnonzero(keep)] = solved.flows
    plan, _split = _read(sizes, arcs, flows, keep)
    return {**plan, **fixed}


def _read(
    sizes: list[int], arcs: Arcs, flows: np.ndarray, keep: np.ndarray
) -> tuple[dict[int, int], dict[int, dict[int, int]]]:
    """The whole units placed on one guardian, and the split ones with their flows."""
    taken: dict[int, dict[int, int]] = {}
    for a in np.flatnonzero(flows * keep):
        taken.setdefault(int(arcs.units[a]), {})[int(arcs.people[a])] = int(flows[a])
    plan: dict[int, int] = {}
    split: dict[int, dict[int, int]] = {}
    for u, found in taken.items():
        if len(found) == 1 and next(iter(found.values())) == sizes[u]:
            plan[u] = next(iter(found))
        else:
            split[u] = found
    return plan, split
