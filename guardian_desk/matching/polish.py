"""Better scores, no fewer children: a child alone moved to a free place that scores more.

The chains (``augment``) place children where a place is free, not where they score best,
and a plan started from direct placements (``direct_first``) chooses no guardian by score.
Here each child placed alone may move to one of their candidate guardians with a place
left when the plan's score rises (their score there, less the load step of the children
the plan already gives that guardian, against the same where they are). A move needing a
mediator keeps the child's own booked one, where they bridge to the new guardian at a
common time: a child placed directly (no mediator) moves only to a guardian they talk with
(children placed directly stay as many, mediator places as taken); a mediated child may
also move to a guardian they talk with (their mediator's place is then left free).
Siblings stay where they are. On the national office after the direct start: see
docs/performance.md.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from guardian_desk.matching import mediators
from guardian_desk.matching.candidates import CandidateIndex
from guardian_desk.matching.units import Unit

TRIED = 4  # a mediated child's best moves whose mediator is checked (each a lookup)
EPSILON = 1e-6  # gains below this are rounding


def polish(
    index: CandidateIndex,
    units: list[Unit],
    sizes: list[int],
    residual: np.ndarray,
    chosen: dict[int, int],
    booked: dict[int, int],
    steps: np.ndarray,
    stop: Callable[[float], bool] | None = None,
) -> tuple[dict[int, int], dict[int, int]]:
    """``chosen`` and ``booked`` with children alone moved where they score more;
    ``stop``: asked now and then with the share of children looked at, ends early."""
    chosen, booked = dict(chosen), dict(booked)
    counts = np.zeros(len(residual), dtype=np.int64)
    for u, position in chosen.items():
        counts[position] += sizes[u]
    free = residual - counts
    alone = [u for u in chosen if sizes[u] == 1]
    for n, u in enumerate(alone):
        if stop is not None and n % 500 == 0 and stop(n / len(alone)):
            break
        unit = units[u]
        here = chosen[u]
        stay = unit.scores[np.searchsorted(unit.guardians, here)] - steps[here] * (counts[here] - 1)
        gain = unit.scores - steps[unit.guardians] * counts[unit.guardians] - stay
        mediated = unit.mediated[0]
        open_ = (free[unit.guardians] > 0) & (gain > EPSILON)
        if not open_.any():
            continue
        cid = unit.members[0]
        target = None
        for j in np.flatnonzero(open_)[np.argsort(-gain[open_], kind="stable")][:TRIED]:
            if not mediated[j]:
                target = int(j)
                break
            mid = booked.get(cid)
            gid = index.guardian_ids[int(unit.guardians[j])]
            if mid is not None and mid in mediators.every_candidate(index, cid, gid):
                target = int(j)
                break
        if target is None:
            continue
        there = int(unit.guardians[target])
        chosen[u] = there
        counts[here] -= 1
        counts[there] += 1
        free[here] += 1
        free[there] -= 1
        if not mediated[target]:
            booked.pop(cid, None)
    return chosen, booked
