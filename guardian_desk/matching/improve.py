"""Placing more children into a valid bulk plan whose count is below the bound.

``augmented``: chains of moves (``augment``) that free a guardian's or a mediator's place for
a child left out, each adding one child (or siblings in place of one child alone).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from guardian_desk.matching import augment
from guardian_desk.matching.candidates import CandidateIndex
from guardian_desk.matching.plan_booking import (
    book_plan,
    mediated_pairs,
    mediator_places,
    unserved_pairs,
)
from guardian_desk.matching.units import Unit

# The chains end when CHAINS_STALL seconds pass without a child placed: a fixed budget
# (12 s before) cut them short on a slower computer (17,781 waiting at cap 5 on a machine
# three times slower: 12,504 placed, where the chains reach 12,798 in 24 s). CHAINS_LIMIT
# bounds a run that keeps placing a child now and then.
CHAINS_STALL = 8.0
CHAINS_LIMIT = 120.0


def augmented(
    index: CandidateIndex,
    units: list[Unit],
    sizes: list[int],
    residual: np.ndarray,
    chosen: dict[int, int],
    upper: int,
    booked: dict[int, int] | None = None,
    stop: Callable[[float], bool] | None = None,
) -> tuple[dict[int, int], dict[int, int]]:
    """``chosen`` with children left out placed by chains of moves (``augment``), and its
    mediators; ``booked``: the plan's mediators where known (else booked here); ``stop``:
    asked now and then with the share of the gap to ``upper`` closed, ends the chains early."""
    chosen, booked = _served(index, units, chosen, booked)
    free = residual.copy()
    for u, position in chosen.items():
        free[position] -= sizes[u]
    state = augment.State(index, units, chosen, booked, free, mediator_places(index.pool, booked))
    left = [u for u, unit in enumerate(units) if u not in chosen and len(unit.guardians)]
    wanted = upper - sum(sizes[u] for u in chosen)
    augment.augment(state, left, CHAINS_LIMIT, wanted, stop, stall=CHAINS_STALL)
    return state.chosen, state.booked


def _served(
    index: CandidateIndex,
    units: list[Unit],
    chosen: dict[int, int],
    booked: dict[int, int] | None,
) -> tuple[dict[int, int], dict[int, int]]:
    """The plan's units whose mediators are booked, and those mediators."""
    if booked is None:
        booked = book_plan(index, mediated_pairs(units, chosen, index))
    unserved = {u for u, _position in unserved_pairs(units, chosen, booked, index)}
    chosen = {u: at for u, at in chosen.items() if u not in unserved}
    members = {cid for u in chosen for cid in units[u].members}
    return chosen, {cid: mid for cid, mid in booked.items() if cid in members}
