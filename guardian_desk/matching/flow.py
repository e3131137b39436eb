"""OR-Tools min-cost flow for a b-matching: units (children or sibling groups) to people.

``assign`` maximises first the number of children placed, then the total score:
``solve_max_flow_with_min_cost`` sends the most flow the capacities allow and, among those
flows, the cheapest. A unit of ``size`` children sends ``size`` units of flow; an arc's cost
per unit of flow is minus the score per child in thousandths of a point.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from ortools.graph.python import min_cost_flow

SCALE = 1000  # scores kept to a thousandth of a point


@dataclass(frozen=True)
class Arcs:
    """Candidate arcs: unit ``units[i]`` to person ``people[i]`` worth ``scores[i]`` per child."""

    units: npt.NDArray[np.int64]
    people: npt.NDArray[np.int64]
    scores: npt.NDArray[np.float64]


@dataclass(frozen=True)
class FlowResult:
    flows: npt.NDArray[np.int64]  # per arc, in children
    placed: int  # children placed
    status: str


def assign(sizes: Sequence[int], capacities: Sequence[int], arcs: Arcs) -> FlowResult:
    """The flow with the most children placed, then the highest total score."""
    units, people = len(sizes), len(capacities)
    source, sink = units + people, units + people + 1
    demand = int(sum(sizes))
    solver = min_cost_flow.SimpleMinCostFlow()
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
    solver.add_arcs_with_capacity_and_unit_cost(
        np.arange(units, units + people, dtype=np.int64),
        np.full(people, sink, dtype=np.int64),
        np.minimum(np.asarray(capacities, dtype=np.int64), demand),
        np.zeros(people, dtype=np.int64),
    )
    solver.set_node_supply(source, demand)
    solver.set_node_supply(sink, -demand)
    status = solver.solve_max_flow_with_min_cost()
    if status != solver.OPTIMAL:
        raise RuntimeError(f"min-cost flow ended with status {status}")
    count = len(arcs.units)
    flows = solver.flows(np.arange(count, dtype=np.int64)) if count else np.zeros(0, np.int64)
    return FlowResult(np.asarray(flows, dtype=np.int64), int(solver.maximum_flow()), "optimal")
