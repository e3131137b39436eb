"""Children alone moved to a free place that scores more, keeping every rule (``polish``):
children placed directly stay so, a mediated child keeps a mediator who bridges."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from guardian_desk.domain.enums import GenderPreference
from guardian_desk.matching import MatchingPool, PoolChild, PoolPerson
from guardian_desk.matching.bulk import load_steps, make_units, waiting_children
from guardian_desk.matching.candidates import CandidateIndex
from guardian_desk.matching.polish import polish
from guardian_desk.matching.pool import MatchSettings
from tests.matching.test_bulk_chains import TODAY, child, person

FEMALE = GenderPreference.FEMALE


def polished(
    children: list[PoolChild],
    guardians: list[PoolPerson],
    mediators: list[PoolPerson],
    at: int,
    mediator: int | None = None,
) -> tuple[dict[int, int], dict[int, int], dict[int, float]]:
    """Child 1 placed with guardian ``at`` (and ``mediator``), polished: (child -> guardian
    id, child -> mediator id, guardian id -> child 1's score there)."""
    pool = MatchingPool(
        children=children, guardians=guardians, mediators=mediators, facilities=[],
        settings=MatchSettings(caseload_cap=25, gender_preference_hard=False), today=TODAY,
    )  # fmt: skip
    index = CandidateIndex(pool)
    waiting = waiting_children(pool)
    found = {c.id: index.for_child(c) for c in waiting}
    residual = np.array([pool.capacity(g) - g.caseload for g in guardians])
    units = make_units(pool, waiting, found, residual)
    chosen = {0: index.position[at]}
    booked = {} if mediator is None else {1: mediator}
    steps = load_steps(index)
    moved, kept = polish(index, units, [1], residual, chosen, booked, steps)
    ids = index.guardian_ids
    pairs = zip(units[0].guardians, units[0].scores, strict=True)
    scores = {int(ids[p]): float(s) for p, s in pairs}
    return {1: int(ids[moved[0]])}, kept, scores


def test_a_child_moves_to_a_free_place_that_scores_more() -> None:
    guardians = [person(1, ("prs",), 5, sex="male"), person(2, ("prs",), 5)]
    placed, _booked, scores = polished([child(1, wants=FEMALE)], guardians, [], at=1)
    assert scores[2] > scores[1]
    assert placed == {1: 2}


def test_a_child_placed_directly_stays_with_a_guardian_they_talk_with() -> None:
    guardians = [
        replace(person(1, ("prs",), 25, sex="male"), caseload=22),  # few load points
        person(2, ("sqi",), 5),
    ]
    mediators = [person(1, ("prs", "sqi"), 1)]
    placed, booked, scores = polished([child(1, wants=FEMALE)], guardians, mediators, at=1)
    assert scores[2] > scores[1]  # more, but through the mediator's last place
    assert placed == {1: 1} and booked == {}


def test_a_mediated_child_keeps_a_mediator_who_bridges_to_the_new_guardian() -> None:
    guardians = [
        replace(person(2, ("sqi",), 25), caseload=10),
        person(3, ("ell",), 5),
        person(4, ("sqi",), 5),
    ]
    mediators = [person(1, ("prs", "sqi"), 2), person(2, ("prs", "ell"), 2)]
    placed, booked, scores = polished([child(1)], guardians, mediators, at=2, mediator=1)
    assert scores[3] >= scores[4] > scores[2]
    assert placed == {1: 4} and booked == {1: 1}  # not 3: Greek, which mediator 1 lacks
