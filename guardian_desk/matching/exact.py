"""The exact bulk problem, for when the relaxed flow split siblings or lacked a mediator.

CP-SAT (OR-Tools) on the candidate arcs: ``x[a]`` places unit ``a.unit`` with guardian
``a.person``; ``z[c, m]`` books mediator ``m`` for child ``c``. Each unit at most one
guardian; each guardian at most their free places; each mediated (unit, guardian) arc needs,
for every member who shares no language with that guardian, a booked mediator who can
bridge them (``x[a] <= sum z[c, m]`` over those mediators); each child at most one mediator,
each mediator at most their free places (a mediator the child already has takes none).
Objective: children placed first (a weight larger than any total score), then the score.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from ortools.sat.python import cp_model

from guardian_desk.matching import mediators
from guardian_desk.matching.candidates import CandidateIndex
from guardian_desk.matching.flow import SCALE, Arcs
from guardian_desk.matching.pool import MatchingPool

if TYPE_CHECKING:
    from guardian_desk.matching.bulk import Unit

ALL_ARCS_UP_TO = 200_000  # below this many candidate pairs, no pruning at all


def solve(
    pool: MatchingPool,
    index: CandidateIndex,
    units: list[Unit],
    sizes: list[int],
    residual: np.ndarray,
    pruned: Arcs,
    seconds: float,
    *,
    hint: dict[int, int] | None = None,
) -> tuple[dict[int, int], bool]:
    """unit -> guardian position, and whether CP-SAT proved the plan optimal.

    ``hint``: a plan to start from.
    """
    from guardian_desk.matching.bulk import pruned_arcs

    demand = sum(sizes)
    if sum(len(u.guardians) for u in units) <= ALL_ARCS_UP_TO:
        arcs = pruned_arcs(units, residual, 10**12)  # every candidate kept
    else:
        arcs = pruned
    model = cp_model.CpModel()
    big = SCALE * 100 * demand + 1
    x = [model.new_bool_var(f"x{a}") for a in range(len(arcs.units))]
    by_unit: dict[int, list[int]] = {}
    by_guardian: dict[int, list[int]] = {}
    for a, (u, g) in enumerate(zip(arcs.units.tolist(), arcs.people.tolist(), strict=True)):
        by_unit.setdefault(u, []).append(a)
        by_guardian.setdefault(g, []).append(a)
    for found in by_unit.values():
        model.add_at_most_one(x[a] for a in found)
    for g, found in by_guardian.items():
        model.add(sum(sizes[arcs.units[a]] * x[a] for a in found) <= int(residual[g]))
    z: dict[tuple[int, int], cp_model.IntVar] = {}
    for a, (u, g) in enumerate(zip(arcs.units.tolist(), arcs.people.tolist(), strict=True)):
        unit = units[u]
        for k, cid in enumerate(unit.members):
            if not unit.needs_mediator(k, g):
                continue
            bridging = mediators.candidates(index, cid, index.guardian_ids[g])
            if not bridging:
                model.add(x[a] == 0)
                continue
            for mid in bridging:
                if (cid, mid) not in z:
                    z[cid, mid] = model.new_bool_var(f"z{cid}_{mid}")
            model.add(x[a] <= sum(z[cid, mid] for mid in bridging))
    per_child: dict[int, list[cp_model.IntVar]] = {}
    per_mediator: dict[int, list[cp_model.IntVar]] = {}
    for (cid, mid), var in z.items():
        per_child.setdefault(cid, []).append(var)
        if mid not in pool.children[cid].mediator_ids:
            per_mediator.setdefault(mid, []).append(var)
    for found_vars in per_child.values():
        model.add_at_most_one(found_vars)
    for mid, found_vars in per_mediator.items():
        mediator = pool.mediators[mid]
        model.add(sum(found_vars) <= max(0, pool.capacity(mediator) - mediator.caseload))
    model.maximize(
        sum(
            x[a] * (sizes[u] * big + round(float(score) * SCALE) * sizes[u])
            for a, (u, score) in enumerate(
                zip(arcs.units.tolist(), arcs.scores.tolist(), strict=True)
            )
        )
    )
    for a, (u, g) in enumerate(zip(arcs.units.tolist(), arcs.people.tolist(), strict=True)):
        if hint is not None and u in hint:
            model.add_hint(x[a], hint[u] == g)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = 2
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return {}, False
    chosen = {int(arcs.units[a]): int(arcs.people[a]) for a in range(len(x)) if solver.value(x[a])}
    return chosen, status == cp_model.OPTIMAL
