"""The whole bulk problem solved at once as a MIP (SCIP): guardians, mediators, siblings.

``x[a]`` places unit ``a.unit`` with guardian ``a.person``; ``z[c, m]`` books mediator ``m``
for child ``c``. Each unit at most one guardian; each guardian at most their free places;
each mediated (unit, guardian) arc needs, for every member who shares no language with that
guardian, a booked mediator who can bridge them (``x[a] <= sum z[c, m]`` over those
mediators, and summed over all the child's mediated arcs, which keeps the LP bound tight);
each child at most one mediator, each mediator at most their free places (a mediator the
child already has takes none).

Two solves, lexicographic: first the most children placed (a small integer objective that
the LP bound proves quickly), then, with that count required, the best total score (to a
relative gap of 1e-7). CP-SAT, used before, often ran its whole time on the same models
without a proof (issue 15).
Solved over every candidate arc when there are few enough (then a proof is a proof for the
office), else over each unit's best arcs (``PER_UNIT``) and the arcs of the starting plan.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from ortools.linear_solver import pywraplp

from guardian_desk.matching import mediators
from guardian_desk.matching.candidates import CandidateIndex
from guardian_desk.matching.flow import SCALE, Arcs
from guardian_desk.matching.pool import MatchingPool
from guardian_desk.matching.units import Unit, pruned_arcs

ALL_ARCS_UP_TO = 200_000  # below this many candidate pairs, no pruning at all
PER_UNIT = 12  # above it, each unit's best arcs kept for the model (with the plan's own)
BACKEND = "SCIP"  # a MIP solver: its LP bound proves these models; CP-SAT often did not
GAP = 1e-7  # relative: far below a thousandth of a point on a plan's total


@dataclass(frozen=True)
class Solved:
    chosen: dict[int, int]  # unit -> guardian position
    count_proven: bool  # no plan places more children (over the arcs modelled)
    score_proven: bool  # no plan with as many children scores more (over the arcs modelled)
    score_bound: float  # CP-SAT's bound on the score with that many children placed
    complete: bool  # every candidate arc was modelled: the proofs hold for the office


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
    all_arcs_up_to: int = ALL_ARCS_UP_TO,
    upper: int | None = None,
    steps: np.ndarray | None = None,
) -> Solved:
    """The plan with the most children placed, then the best score; ``hint``: a valid plan
    to start from (also kept in the model, so the result is never worse than it); ``upper``:
    a bound on the count proven elsewhere (when the hint reaches it, the first solve is
    skipped)."""
    complete = sum(len(u.guardians) for u in units) <= all_arcs_up_to
    if complete:
        arcs = pruned_arcs(units, residual, 10**12)  # every candidate kept
    else:
        arcs = _per_unit(pruned, PER_UNIT, hint or {})
    solver = pywraplp.Solver.CreateSolver(BACKEND)
    if solver is None:  # pragma: no cover - OR-Tools ships SCIP
        raise RuntimeError(f"no {BACKEND} solver in this OR-Tools")
    solver.SetNumThreads(1)
    units_of = arcs.units.tolist()
    people_of = arcs.people.tolist()
    x = [solver.BoolVar(f"x{a}") for a in range(len(units_of))]
    by_unit: dict[int, list[int]] = {}
    by_guardian: dict[int, list[int]] = {}
    for a, (u, g) in enumerate(zip(units_of, people_of, strict=True)):
        by_unit.setdefault(u, []).append(a)
        by_guardian.setdefault(g, []).append(a)
    for found in by_unit.values():
        solver.Add(solver.Sum([x[a] for a in found]) <= 1)
    for g, found in by_guardian.items():
        if sum(sizes[units_of[a]] for a in found) > residual[g]:
            solver.Add(solver.Sum([sizes[units_of[a]] * x[a] for a in found]) <= int(residual[g]))
    z: dict[tuple[int, int], pywraplp.Variable] = {}
    needing: dict[int, list[int]] = {}  # child -> the arcs on which they need a mediator
    shortfalls: list[tuple[pywraplp.LinearExpr, int]] = []  # (no best mediator, points)
    for a, (u, g) in enumerate(zip(units_of, people_of, strict=True)):
        unit = units[u]
        for k, cid in enumerate(unit.members):
            if not unit.needs_mediator(k, g):
                continue
            bridging = mediators.candidates(index, cid, index.guardian_ids[g])
            if not bridging:
                x[a].SetUb(0)
                continue
            for mid in bridging:
                if (cid, mid) not in z:
                    z[cid, mid] = solver.BoolVar(f"z{cid}_{mid}")
            solver.Add(x[a] <= solver.Sum([z[cid, mid] for mid in bridging]))
            needing.setdefault(cid, []).append(a)
            # The candidate's score counts the guardian's best bridged language; a mediator
            # bridging to a weaker one gives the language part less (``mediators.target``).
            gid = index.guardian_ids[g]
            worth = {m: mediators.guardian_language_points(index, m, gid) for m in bridging}
            best = max(worth.values())
            lower = [v for v in worth.values() if v < best - 1e-9]
            if lower:
                at_best = solver.BoolVar(f"w{a}_{cid}")
                solver.Add(at_best <= x[a])
                solver.Add(
                    at_best <= solver.Sum([z[cid, m] for m, v in worth.items() if v >= best - 1e-9])
                )
                shortfalls.append((x[a] - at_best, round((best - max(lower)) * SCALE)))
    per_child: dict[int, list[pywraplp.Variable]] = {}
    per_mediator: dict[int, list[pywraplp.Variable]] = {}
    for (cid, mid), var in z.items():
        per_child.setdefault(cid, []).append(var)
        if mid not in pool.children[cid].mediator_ids:
            per_mediator.setdefault(mid, []).append(var)
    for cid, found_vars in per_child.items():
        solver.Add(solver.Sum(found_vars) <= 1)
        # Also in sum: without it the LP lets a child spread over guardians that share
        # one fractional mediator, and its bound stays at the guardian flow's.
        solver.Add(solver.Sum([x[a] for a in needing[cid]]) <= solver.Sum(found_vars))
    for mid, found_vars in per_mediator.items():
        mediator = pool.mediators[mid]
        free = max(0, pool.capacity(mediator) - mediator.caseload)
        if len(found_vars) > free:
            solver.Add(solver.Sum(found_vars) <= free)
    count = solver.Sum([sizes[u] * x[a] for a, u in enumerate(units_of)])
    points = [
        round(float(s) * SCALE) * sizes[u]
        for u, s in zip(units_of, arcs.scores.tolist(), strict=True)
    ]
    score = solver.Sum([p * x[a] for a, p in enumerate(points)])
    if steps is not None:  # the load part's convex cost per extra child (bulk.load_steps)
        costs: list[pywraplp.LinearExpr] = []
        for g, found in by_guardian.items():
            most_here = min(int(residual[g]), sum(sizes[units_of[a]] for a in found))
            step = round(float(steps[g]) * SCALE)
            if most_here < 2 or not step:
                continue
            places = [solver.BoolVar(f"l{g}_{k}") for k in range(most_here)]
            solver.Add(solver.Sum(places) == solver.Sum([sizes[units_of[a]] * x[a] for a in found]))
            costs.extend(step * k * place for k, place in enumerate(places) if k)
        if costs:
            score = score - solver.Sum(costs)
    if shortfalls:
        score = score - solver.Sum([points * lack for lack, points in shortfalls])
    if hint:
        pairs = zip(units_of, people_of, strict=True)
        solver.SetHint(x, [1.0 if hint.get(u) == g else 0.0 for u, g in pairs])
    started = time.perf_counter()
    placed = sum(sizes[u] for u in (hint or {}))
    parameters = pywraplp.MPSolverParameters()
    if hint and upper is not None and placed >= upper:
        most, count_proven = placed, True
    else:
        solver.SetTimeLimit(int(seconds * 1000))
        solver.Maximize(count)
        parameters.SetDoubleParam(parameters.RELATIVE_MIP_GAP, 0.0)
        status = solver.Solve(parameters)
        if status not in (solver.OPTIMAL, solver.FEASIBLE):
            return Solved({}, False, False, 0.0, complete)
        most = round(solver.Objective().Value())
        count_proven = status == solver.OPTIMAL or solver.Objective().BestBound() < most + 1
        first = [v.solution_value() for v in x]
        solver.SetHint(x, first)
    solver.Add(count >= most)
    solver.Maximize(score)
    parameters.SetDoubleParam(parameters.RELATIVE_MIP_GAP, GAP)
    left = max(1.0, seconds - (time.perf_counter() - started))
    solver.SetTimeLimit(int(left * 1000))
    status = solver.Solve(parameters)
    if status not in (solver.OPTIMAL, solver.FEASIBLE):
        return Solved(dict(hint or {}), count_proven, False, float("inf"), complete)
    score_proven = status == solver.OPTIMAL
    bound = solver.Objective().BestBound() / SCALE
    chosen = {units_of[a]: people_of[a] for a in range(len(x)) if x[a].solution_value() > 0.5}
    return Solved(chosen, count_proven, score_proven, bound, complete)


def _per_unit(arcs: Arcs, limit: int, hint: dict[int, int]) -> Arcs:
    """Each unit's ``limit`` best arcs (by score, then guardian), and the arcs of ``hint``."""
    order = np.lexsort((arcs.people, -arcs.scores, arcs.units))
    units = arcs.units[order]
    starts = np.searchsorted(units, units, side="left")
    rank = np.arange(len(units)) - starts
    keep = rank < limit
    people = arcs.people[order]
    if hint:
        wanted = np.array([hint.get(int(u), -1) for u in units.tolist()], dtype=np.int64)
        keep |= wanted == people
    chosen = order[keep]
    return Arcs(arcs.units[chosen], arcs.people[chosen], arcs.scores[chosen])
