"""A bulk plan's mediators: who needs one, booking them, and the places they leave.

Shared by ``bulk`` (the plan) and ``improve`` (placing more children into it).
"""

from __future__ import annotations

from guardian_desk.matching import mediators
from guardian_desk.matching.candidates import CandidateIndex
from guardian_desk.matching.pool import MatchingPool, PoolChild
from guardian_desk.matching.units import Unit


def mediator_places(pool: MatchingPool, booked: dict[int, int]) -> dict[int, int]:
    """Each mediator's free places left once ``booked`` (child -> mediator) is appointed."""
    places = {mid: max(0, pool.capacity(m) - m.caseload) for mid, m in pool.mediators.items()}
    for cid, mid in booked.items():
        if mid not in pool.children[cid].mediator_ids:
            places[mid] -= 1
    return places


def unserved_pairs(
    units: list[Unit], chosen: dict[int, int], booked: dict[int, int], index: CandidateIndex
) -> set[tuple[int, int]]:
    """The (unit, guardian) pairs of a plan with a member left without a mediator."""
    missing = set()
    for u, position in chosen.items():
        unit = units[u]
        for k, cid in enumerate(unit.members):
            if unit.needs_mediator(k, position) and cid not in booked:
                missing.add((u, position))
    return missing


def mediated_pairs(
    units: list[Unit], chosen: dict[int, int], index: CandidateIndex
) -> list[tuple[int, int, int]]:
    """(unit, child id, guardian id) of the children in a plan who need a mediator."""
    pairs = []
    for u, position in chosen.items():
        unit = units[u]
        for k, cid in enumerate(unit.members):
            if unit.needs_mediator(k, position):
                pairs.append((u, cid, index.guardian_ids[position]))
    return pairs


def book_plan(
    index: CandidateIndex,
    pairs: list[tuple[int, int, int]],
    keep: dict[int, int] | None = None,
) -> dict[int, int]:
    """child id -> mediator id for the plan's pairs (``mediated_pairs``); ``keep``: a
    valid booking whose mediators stay options (``mediators.book``)."""
    return mediators.book(index, [(cid, gid) for _u, cid, gid in pairs], keep=keep)


def free_mediator_times(
    index: CandidateIndex, child: PoolChild, places: dict[int, int], skip: int | None = None
) -> dict[str, int]:
    """For each language bridged to: the union of the weekly start times of the mediators
    qualifying for the child who have a place left in ``places`` (or are the child's own),
    but ``skip``."""
    pool = index.pool
    own = child.mediator_ids
    times: dict[str, int] = {}
    for mid in index.qualified_mediators(child):
        if mid != skip and (mid in own or places.get(mid, 0) > 0):
            starts = pool.mediator_starts[mid]
            for target in pool.mediator_speech[mid]:
                times[target] = times.get(target, 0) | starts
    return times
