"""The relaxed flow on a few arcs per unit (``relaxed.relaxed_flow``) against the flow on
every arc: equal once no unit overflows, and never below it before."""

from __future__ import annotations

import numpy as np
import pytest

from guardian_desk.matching.flow import Arcs, assign
from guardian_desk.matching.relaxed import best, relaxed_flow
from guardian_desk.matching.units import Unit


def office(seed: int, scarce: bool) -> tuple[list[Unit], list[int], np.ndarray, np.ndarray]:
    """Units of one to three children with up to 40 of 30 guardians, coarse scores (ties)."""
    rng = np.random.default_rng(seed)
    people = 30
    residual = rng.integers(0, 2 if scarce else 4, size=people)
    steps = rng.choice([0.0, 0.5, 2.0], size=people)
    units = []
    for _u in range(rng.integers(10, 60)):
        size = int(rng.choice([1, 1, 1, 2, 3]))
        guardians = np.sort(rng.choice(people, size=rng.integers(0, people), replace=False))
        scores = rng.integers(20, 40, size=len(guardians)).astype(float)
        members = tuple(range(size))
        units.append(Unit(members, guardians, scores, tuple(np.zeros(len(guardians), bool)
                                                            for _ in members)))  # fmt: skip
    return units, [len(u.members) for u in units], residual, steps


def every_arc(units: list[Unit]) -> Arcs:
    return Arcs(
        np.concatenate([np.full(len(u.guardians), n, dtype=np.int64) for n, u in enumerate(units)]),
        np.concatenate([u.guardians for u in units]).astype(np.int64),
        np.concatenate([u.scores for u in units]),
    )


@pytest.mark.parametrize("scarce", [False, True])
@pytest.mark.parametrize("seed", range(40))
def test_the_flow_on_a_few_arcs_reaches_or_bounds_the_flow_on_every_arc(
    seed: int, scarce: bool
) -> None:
    units, sizes, residual, steps = office(seed, scarce)
    arcs = every_arc(units)
    full = assign(sizes, residual.tolist(), arcs, steps)
    per_person = np.bincount(arcs.people, weights=full.flows, minlength=len(residual))
    full_value = float(full.flows @ arcs.scores - steps @ (per_person * (per_person - 1) / 2))
    converged_arcs, converged = relaxed_flow(units, sizes, residual, steps, rounds=50, first=2)
    assert converged.spilled is not None and not converged.spilled.any()
    assert converged.placed == full.placed
    assert converged.value == pytest.approx(full_value, abs=1e-6)
    assert len(converged_arcs.units) <= len(arcs.units)
    _arcs, one_round = relaxed_flow(units, sizes, residual, steps, rounds=1, first=2)
    assert one_round.placed >= full.placed
    assert one_round.value >= full_value - 1e-6


def test_a_units_best_guardians_break_ties_by_code_and_name_the_best_left_out() -> None:
    unit = Unit((1,), np.array([3, 5, 8, 9, 12]), np.array([7.0, 9.0, 7.0, 9.0, 7.0]), ())
    keep, left_out = best(unit, 3)
    assert sorted(unit.guardians[keep].tolist()) == [3, 5, 9]  # 9, 9, then 7 by code
    assert left_out == 7.0
    keep, left_out = best(unit, 5)
    assert len(keep) == 5 and np.isnan(left_out)
