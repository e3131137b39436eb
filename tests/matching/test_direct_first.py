"""Offices short of mediators, where siblings seated on the guardians that children who
talk to them need leave a child out: the chains move only children alone, so the second
start (``direct_first``) seats the siblings elsewhere and places every child it can."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from guardian_desk.domain.enums import GenderPreference
from guardian_desk.matching import MatchingPool, bulk
from guardian_desk.matching.bulk import bulk_match, load_steps, make_units, waiting_children
from guardian_desk.matching.candidates import CandidateIndex
from guardian_desk.matching.direct_first import direct_limit, fill, start
from guardian_desk.matching.pool import MatchSettings
from tests.matching.test_bulk_cases import office
from tests.matching.test_bulk_chains import TODAY, child, person

FEMALE = GenderPreference.FEMALE


def siblings_office() -> MatchingPool:
    """Children 1-3 speak Dari and would rather have a woman; siblings 4 (Dari) and 5 (Dari
    and Albanian). Guardian 1, a man, speaks Dari and has 3 places left (22 children of
    25); guardian 2, a woman, speaks Albanian and has 3. One Dari-Albanian mediator with
    one place. Scores put the three children with guardian 2 and the siblings with
    guardian 1; mediated, two of the three are then left without the mediator, and only
    one place is left with guardian 1. All five are placed when the siblings go to
    guardian 2 (child 5 talks with her, child 4 takes the mediator) and 1-3 to guardian 1."""
    return MatchingPool(
        children=[
            child(1, wants=FEMALE),
            child(2, wants=FEMALE),
            child(3, wants=FEMALE),
            child(4, siblings=(5,)),
            child(5, ("prs", "sqi"), siblings=(4,)),
        ],
        guardians=[
            replace(person(1, ("prs",), 25, sex="male"), caseload=22),
            person(2, ("sqi",), 3),
        ],
        mediators=[person(1, ("prs", "sqi"), 1)],
        facilities=[],
        settings=MatchSettings(caseload_cap=25, gender_preference_hard=False),
        today=TODAY,
    )


def test_siblings_move_off_the_guardian_direct_children_need() -> None:
    plan = bulk_match(siblings_office(), exact_seconds=0)  # no MIP: the large offices' way
    assert len(plan.proposals) == 5 and plan.upper_bound == 5
    guardian_of = {p.child_id: p.proposal.guardian_id for p in plan.proposals}
    assert guardian_of == {1: 1, 2: 1, 3: 1, 4: 2, 5: 2}
    mediated = {p.child_id for p in plan.proposals if p.proposal.mediator is not None}
    assert mediated == {4}


def test_the_direct_limit_and_the_contended_guardian() -> None:
    pool = siblings_office()
    index = CandidateIndex(pool)
    children = waiting_children(pool)
    found = {c.id: index.for_child(c) for c in children}
    residual = np.array([3, 3])
    units = make_units(pool, children, found, residual)
    most, contended = direct_limit(units, residual)
    assert most == 4  # three of the four Dari speakers with guardian 1, child 5 with 2
    assert contended.tolist() == [True, False]
    seats = start(units, residual, contended)
    placed = {cid: int(index.guardian_ids[at]) for u, at in seats.items()
              for cid in units[u].members}  # fmt: skip
    assert placed == {1: 1, 2: 1, 3: 1, 4: 2, 5: 2}


def test_a_very_large_offices_score_bound_counts_only_as_many_children_as_can_be_placed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Offices beyond ``SAFE_PAIRS`` bound the score by each child's best candidate: only
    the best of as many children as a plan can place (all of them read "within 507,450
    points of the best possible" on the national office, a third of its total)."""
    monkeypatch.setattr(bulk, "SAFE_PAIRS", 0)  # this office taken as a very large one
    pool = office([child(1), child(2), child(3)], [person(1, ("prs",), 2)], [])
    plan = bulk.bulk_match(pool, exact_seconds=0)
    assert len(plan.proposals) == 2 and plan.upper_bound == 2
    index = CandidateIndex(pool)
    best = sorted(float(index.for_child(c).scores.max()) for c in pool.children.values())
    assert plan.score_bound == pytest.approx(best[-1] + best[-2], abs=0.01)  # not all three
    assert plan.total_score <= plan.score_bound


def _fill(pool: MatchingPool, seats: dict[int, int]) -> tuple[dict[int, int], dict[int, int]]:
    """``fill`` from ``seats`` (first member's child id -> guardian id): (child id ->
    guardian id, child id -> mediator id)."""
    index = CandidateIndex(pool)
    children = waiting_children(pool)
    found = {c.id: index.for_child(c) for c in children}
    residual = np.array([pool.capacity(g) - g.caseload for g in pool.guardians.values()])
    units = make_units(pool, children, found, residual)
    first = {unit.members[0]: u for u, unit in enumerate(units)}
    chosen = {first[cid]: index.position[gid] for cid, gid in seats.items()}
    filled, booked = fill(index, units, residual, chosen, load_steps(index))
    ids = index.guardian_ids
    return {cid: int(ids[at]) for u, at in filled.items() for cid in units[u].members}, booked


def test_fill_places_children_alone_with_the_mediator_places_there_are() -> None:
    """Two Dari speakers, an Albanian guardian with two places, one Dari-Albanian place."""
    pool = office([child(1), child(2)], [person(1, ("sqi",), 2)], [person(1, ("prs", "sqi"), 1)])
    placed, booked = _fill(pool, {})
    assert len(placed) == 1 and set(placed.values()) == {1}
    assert booked == {next(iter(placed)): 1}


def test_fill_books_the_siblings_first_and_a_group_without_a_mediator_steps_out() -> None:
    """Groups (1, 2) and (3, 4): 1 and 3 speak Albanian too, 2 and 4 Dari only; one
    Dari-Albanian place, and a child alone (5, Dari) who would take it too."""
    pool = office(
        [
            child(1, ("prs", "sqi"), siblings=(2,)),
            child(2, siblings=(1,)),
            child(3, ("prs", "sqi"), siblings=(4,)),
            child(4, siblings=(3,)),
            child(5),
        ],
        [person(1, ("sqi",), 5)],
        [person(1, ("prs", "sqi"), 1)],
    )
    placed, booked = _fill(pool, {1: 1, 3: 1})
    assert placed in ({1: 1, 2: 1}, {3: 1, 4: 1})  # one group booked, the other and 5 wait
    assert booked == {max(placed): 1}
