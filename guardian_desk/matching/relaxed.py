"""The relaxed plan (step 4 of ``bulk``) on a few arcs per unit, with a bound for the rest.

A unit first gets its ``FIRST_ARCS`` best guardians and one *overflow* arc standing for
all the others: worth the best score left out, to a person with unlimited places and no
load cost. Any flow on every arc becomes, by moving what went to a guardian left out onto
the overflow arc, a flow on these arcs with as many children and no lower score: this
flow's count and value bound the full flow's, and so every plan's. When no unit uses its
overflow arc, the flow is also one on every arc, and the two are equal. Otherwise each
unit that did gets ``GROWTH`` times as many arcs and the flow is solved again, at most
``ROUNDS`` times; the units still on their overflow arc are left to ``repair``.

Where the guardians' places cannot hold every child (the first round, overflow included,
places fewer), the overflow arcs converge slowly: a unit left out takes one in every round
(5,000 waiting at cap 4: 1,576 units still spilled after three rounds, the bound 3.4 %
above the full flow's, and 8 rounds took 17 s). There the flow runs on the safely pruned
arcs at once, as before.

Measured on 5,000 waiting with plentiful places (bench/bulk_scarce.py): the safely pruned
arcs (``units.pruned_arcs``, 7.6 million) took 1.6 s to prune and 5.3 s of flow; here
three rounds on 0.3-0.9 million arcs take 1.6 s, with a score bound 0.05 % above the full
flow's (the bound being all that is lost: the plan is repaired from it either way).
Every round converged to the full flow would take 15 rounds there (13 s): the units
displaced by one round's growth spill in the next. docs/performance.md has the figures.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from guardian_desk.matching.flow import Arcs, FlowResult, assign
from guardian_desk.matching.units import Unit, pruned_arcs

FIRST_ARCS = 64  # at least exact.PER_UNIT: the MIP's per-unit arcs are among them
GROWTH = 4
ROUNDS = 3


def relaxed_flow(
    units: list[Unit],
    sizes: list[int],
    residual: np.ndarray,
    steps: np.ndarray,
    rounds: int | None = None,
    first: int = FIRST_ARCS,
) -> tuple[Arcs, FlowResult]:
    """The arcs kept and the flow placing the most children, then the best score less the
    load ``steps``, over every unit's every arc if ``rounds`` rounds reach it; else the
    last round's, whose ``placed`` and ``value`` (overflow arcs included) still bound
    every plan's, and whose ``spilled`` units the plan must place some other way."""
    limit = np.full(len(units), first, dtype=np.int64)
    rounds = ROUNDS if rounds is None else rounds
    kept: dict[int, tuple[int, np.ndarray, float]] = {}
    for round_ in range(1, rounds + 1):
        arcs, overflow = _arcs(units, limit, kept)
        result = assign(sizes, residual.tolist(), arcs, steps, overflow=overflow)
        assert result.spilled is not None
        spilled = np.flatnonzero(result.spilled)
        if not len(spilled) or round_ == rounds:
            break
        if result.placed < sum(sizes):  # guardians' places bind: see the module's text
            arcs = pruned_arcs(units, residual, sum(sizes), steps)
            full = assign(sizes, residual.tolist(), arcs, steps)
            return arcs, replace(full, spilled=np.zeros(len(units), dtype=np.int64))
        limit[spilled] *= GROWTH
    return arcs, result


def best(unit: Unit, count: int) -> tuple[np.ndarray, float]:
    """The positions of the unit's ``count`` best guardians (ties broken by code) and the
    best score left out (NaN: none left out); partitioned, not sorted (5,000 units' sorts
    took 0.8 s)."""
    scores = unit.scores
    if len(scores) <= count:
        return np.arange(len(scores)), np.nan
    left_out = float(-np.partition(-scores, count)[count])  # the (count + 1)-th best
    better = np.flatnonzero(scores > left_out)
    tied = np.flatnonzero(scores == left_out)  # by code: ``guardians`` is sorted
    return np.concatenate([better, tied[: count - len(better)]]), left_out


def _arcs(
    units: list[Unit], limit: np.ndarray, kept: dict[int, tuple[int, np.ndarray, float]]
) -> tuple[Arcs, np.ndarray]:
    """Each unit's ``limit`` best arcs and overflow score; ``kept``: unit -> (limit, positions,
    overflow) of the rounds before, reused for the units whose limit did not grow."""
    heads, tails, scores = [], [], []
    overflow = np.full(len(units), np.nan)
    for u, unit in enumerate(units):
        count = int(limit[u])
        found = kept.get(u)
        if found is None or found[0] != count:
            found = kept[u] = (count, *best(unit, count))
        _count, keep, overflow[u] = found
        heads.append(unit.guardians[keep])
        scores.append(unit.scores[keep])
        tails.append(np.full(len(keep), u, dtype=np.int64))
    if not heads:
        empty = np.zeros(0, dtype=np.int64)
        return Arcs(empty, empty, np.zeros(0)), overflow
    arcs = Arcs(
        np.concatenate(tails), np.concatenate(heads).astype(np.int64), np.concatenate(scores)
    )
    return arcs, overflow
