"""OR-Tools min-cost flow for a b-matching: units (children or sibling groups) to people.

``assign`` maximises first the number of children placed, then the total score:
``solve_max_flow_with_min_cost`` sends the most flow the capacities allow and, among those
flows, the cheapest. A unit of ``size`` children sends ``size`` units of flow; an arc's cost
per unit of flow is minus the score per child in thousandths of a point.

``steps``: a convex cost per extra child on a person (the load part, issue 15): the person's
places become parallel arcs to the sink, the k-th costing ``(taken + k - 1) * step``, so
the flow fills the cheapest places first and spreads children when scores are close.

``overflow``: per unit, the score of one more arc to a person of unlimited places and no
load cost, standing for the unit's guardians left out of ``arcs`` (``relaxed``); NaN: none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from ortools.graph.python import min_cost_flow

from guardian_desk.matching import beside

SCALE = 1000  # scores kept to a thousandth of a point
ARC_SECONDS = 1e-6  # a flow's time per arc here: 0.9 µs measured on 0.3-8.9 million arcs


@dataclass(frozen=True)
class Arcs:
    """Candidate arcs: unit ``units[i]`` to person ``people[i]`` worth ``scores[i]`` per child."""

    units: npt.NDArray[np.int64]
    people: npt.NDArray[np.int64]
    scores: npt.NDArray[np.float64]


@dataclass(frozen=True)
class FlowResult:
    flows: npt.NDArray[np.int64]  # per arc, in children
    placed: int  # children placed (on ``overflow`` arcs too)
    status: str
    spilled: npt.NDArray[np.int64] | None = None  # per unit, children on its overflow arc
    value: float = 0.0  # the total score less the load steps (overflow arcs included)


def assign(
    sizes: Sequence[int],
    capacities: Sequence[int],
    arcs: Arcs,
    steps: Sequence[float] | np.ndarray | None = None,
    taken: Sequence[int] | np.ndarray | None = None,
    overflow: np.ndarray | None = None,
) -> FlowResult:
    """The flow with the most children placed, then the highest total score (less the
    load ``steps`` for each extra child a person gets, when given). A large one, in a run
    someone watches, is solved in a process of its own (``beside``: OR-Tools holds Python's
    lock while it solves, and the window would stop answering)."""
    return beside.run(  # type: ignore[no-any-return]
        _assign_here,
        (sizes, capacities, arcs, steps, taken, overflow),
        expected=ARC_SECONDS * len(arcs.units),
    )


def _assign_here(
    sizes: Sequence[int],
    capacities: Sequence[int],
    arcs: Arcs,
    steps: Sequence[float] | np.ndarray | None,
    taken: Sequence[int] | np.ndarray | None,
    overflow: np.ndarray | None,
) -> FlowResult:
    units, people = len(sizes), len(capacities)
    source, sink, elsewhere = units + people, units + people + 1, units + people + 2
    demand = int(sum(sizes))
    solver = min_cost_flow.SimpleMinCostFlow()
    spill_units = np.zeros(0, dtype=np.int64)
    if overflow is not None:
        spill_units = np.flatnonzero(~np.isnan(overflow)).astype(np.int64)
    if len(arcs.units):
        unit_size = np.asarray(sizes, dtype=np.int64)[arcs.units]
        solver.add_arcs_with_capacity_and_unit_cost(
            arcs.units,
            arcs.people + units,
            unit_size,
            -np.rint(arcs.scores * SCALE).astype(np.int64),
        )
    solver.add_arcs_with_capacity_and_unit_cost(
        np.full(units, source, dtype=np.int64),
        np.arange(units, dtype=np.int64),
        np.asarray(sizes, dtype=np.int64),
        np.zeros(units, dtype=np.int64),
    )
    room = np.maximum(np.minimum(np.asarray(capacities, dtype=np.int64), demand), 0)
    if steps is None:
        solver.add_arcs_with_capacity_and_unit_cost(
            np.arange(units, units + people, dtype=np.int64),
            np.full(people, sink, dtype=np.int64),
            room,
            np.zeros(people, dtype=np.int64),
        )
    else:
        owner = np.repeat(np.arange(people, dtype=np.int64), room)
        first = np.cumsum(room) - room
        k = np.arange(len(owner), dtype=np.int64) - first[owner]  # 0 for a person's first
        before = np.zeros(people, dtype=np.int64) if taken is None else np.asarray(taken)
        cost = np.rint(np.asarray(steps)[owner] * (before[owner] + k) * SCALE).astype(np.int64)
        solver.add_arcs_with_capacity_and_unit_cost(
            owner + units, np.full(len(owner), sink, dtype=np.int64), np.ones_like(owner), cost
        )
    if len(spill_units):
        first_spill = solver.add_arcs_with_capacity_and_unit_cost(
            spill_units,
            np.full(len(spill_units), elsewhere, dtype=np.int64),
            np.asarray(sizes, dtype=np.int64)[spill_units],
            -np.rint(np.asarray(overflow)[spill_units] * SCALE).astype(np.int64),
        )[0]
        solver.add_arcs_with_capacity_and_unit_cost(
            np.full(people, elsewhere, dtype=np.int64),
            np.arange(units, units + people, dtype=np.int64),
            np.full(people, demand, dtype=np.int64),
            np.zeros(people, dtype=np.int64),
        )
    solver.set_node_supply(source, demand)
    solver.set_node_supply(sink, -demand)
    status = solver.solve_max_flow_with_min_cost()
    if status != solver.OPTIMAL:
        raise RuntimeError(f"min-cost flow ended with status {status}")
    count = len(arcs.units)
    flows = solver.flows(np.arange(count, dtype=np.int64)) if count else np.zeros(0, np.int64)
    spilled = None
    if overflow is not None:
        spilled = np.zeros(units, dtype=np.int64)
        if len(spill_units):
            at = np.arange(first_spill, first_spill + len(spill_units), dtype=np.int64)
            spilled[spill_units] = solver.flows(at)
    return FlowResult(
        np.asarray(flows, dtype=np.int64),
        int(solver.maximum_flow()),
        "optimal",
        spilled,
        -solver.optimal_cost() / SCALE,
    )
