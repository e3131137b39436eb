"""The chains that place children a bulk plan left out (``augment``), on hand-made plans.

Each office has one better plan than the one given; the chain must find it, and the plan
it leaves must still keep every rule: a guardian's places, a mediator's places, the
mediator bridging child and guardian, siblings together.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import numpy as np
import pytest

from guardian_desk.domain.enums import GenderPreference, Proficiency
from guardian_desk.domain.records import WeeklyWindow
from guardian_desk.matching import (
    MatchingPool,
    PoolChild,
    PoolPerson,
    augment,
    bound,
)
from guardian_desk.matching.bulk import bulk_match, make_units, waiting_children
from guardian_desk.matching.candidates import CandidateIndex
from guardian_desk.matching.plan_booking import mediator_places
from guardian_desk.matching.units import Unit
from tests.matching.test_bulk_cases import office

TODAY = date(2026, 10, 5)
NATIVE = Proficiency.NATIVE
WEEK = tuple(WeeklyWindow(day, 9 * 60, 17 * 60) for day in range(1, 6))


def person(pid: int, languages: tuple[str, ...], room: int, sex: str = "female") -> PoolPerson:
    return PoolPerson(
        id=pid,
        code=f"P-{pid:05d}",
        name=f"Person {pid}",
        sex=sex,
        languages={code: NATIVE for code in languages},
        slots=WEEK,
        vetting_expires_on=date(2030, 1, 1),
        max_caseload=room,
        caseload=0,
    )


def child(
    cid: int,
    languages: tuple[str, ...] = ("prs",),
    siblings: tuple[int, ...] = (),
    wants: GenderPreference = GenderPreference.ANY,
) -> PoolChild:
    return PoolChild(
        id=cid,
        case_number=f"AL-2026-{cid:05d}",
        name=f"Child {cid}",
        languages={code: NATIVE for code in languages},
        sibling_ids=siblings,
        guardian_preference=wants,
    )


def mediator_held_office() -> MatchingPool:
    """Child 1 speaks Dari and Arabic; children 2 and 3 Dari only. One mediator (Dari and
    Albanian) has one place; an Albanian guardian (2 places), a Dari one and an Arabic one
    (1 place each)."""
    return office(
        [child(1, ("prs", "arb")), child(2), child(3)],
        [person(1, ("sqi",), 2), person(2, ("prs",), 1), person(3, ("arb",), 1)],
        [person(1, ("prs", "sqi"), 1)],
    )


class Plan:
    """A hand-made plan of an office, as ``augment`` reads it."""

    def __init__(self, pool: MatchingPool) -> None:
        self.pool = pool
        self.index = CandidateIndex(pool)
        children = waiting_children(pool)
        found = {c.id: self.index.for_child(c) for c in children}
        self.residual = np.array(
            [pool.capacity(pool.guardians[g]) for g in self.index.guardian_ids], dtype=np.int64
        )
        self.units: list[Unit] = make_units(pool, children, found, self.residual)

    def unit_of(self, cid: int) -> int:
        return next(u for u, unit in enumerate(self.units) if cid in unit.members)

    def state(self, placed: dict[int, tuple[int, int | None]]) -> augment.State:
        """``placed``: child id -> (guardian id, mediator id or None)."""
        chosen: dict[int, int] = {}
        booked: dict[int, int] = {}
        free = self.residual.copy()
        for cid, (gid, mid) in placed.items():
            u = self.unit_of(cid)
            chosen[u] = self.index.position[gid]
            if mid is not None:
                booked[cid] = mid
        for u, position in chosen.items():
            free[position] -= len(self.units[u].members)
        return augment.State(
            self.index, self.units, chosen, booked, free, mediator_places(self.pool, booked)
        )

    def left(self, state: augment.State) -> list[int]:
        return [u for u in range(len(self.units)) if u not in state.chosen]

    def guardian_of(self, state: augment.State, cid: int) -> int | None:
        position = state.chosen.get(self.unit_of(cid))
        return None if position is None else self.index.guardian_ids[position]


def assert_valid(plan: Plan, state: augment.State) -> None:
    """Every rule the chains must keep, checked from the pool, not from augment's books."""
    pool, index = plan.pool, plan.index
    per_guardian: dict[int, int] = {}
    per_mediator: dict[int, int] = {}
    for u, position in state.chosen.items():
        unit = plan.units[u]
        gid = index.guardian_ids[position]
        per_guardian[gid] = per_guardian.get(gid, 0) + len(unit.members)
        for k, cid in enumerate(unit.members):
            assert position in unit.guardians.tolist()
            if unit.needs_mediator(k, position):
                mid = state.booked[cid]
                assert mid in augment.mediators.every_candidate(index, cid, gid)
                per_mediator[mid] = per_mediator.get(mid, 0) + 1
            else:
                assert cid not in state.booked
    for gid, count in per_guardian.items():
        assert count <= pool.capacity(pool.guardians[gid])
    for mid, count in per_mediator.items():
        assert count <= pool.capacity(pool.mediators[mid])


def test_a_child_holding_the_only_mediator_moves_to_a_guardian_it_talks_with() -> None:
    # The plan gave child 1 the mediator with the Albanian guardian and left child 2 out;
    # the Arabic speaker has room for child 1.
    plan = Plan(mediator_held_office())
    state = plan.state({1: (1, 1), 3: (2, None)})
    assert augment.augment(state, plan.left(state), 10.0, wanted=1) == 1
    assert plan.guardian_of(state, 1) == 3  # moved to the Arabic speaker, directly
    assert plan.guardian_of(state, 2) == 1 and state.booked[2] == 1
    assert_valid(plan, state)


def test_a_chain_of_full_guardians_ends_at_a_free_place() -> None:
    # Child 4 speaks Dari only: only guardian 1 (Dari, Urdu) talks with them. Guardian 1
    # holds child 1 (Dari, Urdu), who could go to guardian 2 (Urdu, Arabic), who holds
    # child 2 (Urdu, Arabic), who could go to guardian 3 (Arabic, Tigrinya), who holds
    # child 3 (Arabic, Tigrinya), who could go to guardian 4 (Tigrinya), who has room.
    pool = office(
        [child(1, ("prs", "urd")), child(2, ("urd", "arb")), child(3, ("arb", "tir")), child(4)],
        [
            person(1, ("prs", "urd"), 1),
            person(2, ("urd", "arb"), 1),
            person(3, ("arb", "tir"), 1),
            person(4, ("tir",), 1),
        ],
        [],
    )
    plan = Plan(pool)
    state = plan.state({1: (1, None), 2: (2, None), 3: (3, None)})
    assert augment.augment(state, plan.left(state), 10.0, wanted=1) == 1
    assert [plan.guardian_of(state, c) for c in (4, 1, 2, 3)] == [1, 2, 3, 4]
    assert_valid(plan, state)


def test_siblings_take_the_place_of_one_child_alone_who_can_go_nowhere_else() -> None:
    # Two siblings and a lone child, all Dari only; one Dari guardian with room for two.
    # The plan placed the lone child: the siblings together are one more child placed.
    pool = office(
        [child(1, siblings=(2,)), child(2, siblings=(1,)), child(3)],
        [person(1, ("prs",), 2)],
        [],
    )
    plan = Plan(pool)
    state = plan.state({3: (1, None)})
    assert augment.augment(state, plan.left(state), 10.0, wanted=2) == 1
    assert plan.guardian_of(state, 1) == plan.guardian_of(state, 2) == 1
    assert plan.guardian_of(state, 3) is None
    assert_valid(plan, state)


def test_no_chain_when_the_plan_is_already_the_most() -> None:
    pool = office(
        [child(1), child(2)],
        [person(1, ("sqi",), 2)],
        [person(1, ("prs", "sqi"), 1)],
    )
    plan = Plan(pool)
    state = plan.state({1: (1, 1)})
    assert augment.augment(state, plan.left(state), 10.0, wanted=1) == 0
    assert plan.guardian_of(state, 2) is None
    assert_valid(plan, state)


def test_the_bound_counts_each_childs_own_direct_guardians() -> None:
    # Children 1-3 speak Dari and want a man: the Dari-speaking man has one place, and
    # the Albanian-speaking man takes one more with the one mediator's place. Child 4
    # (no preference) goes to the Dari-speaking woman. A bound that routes children by
    # the languages they speak lets all four reach Dari speakers; by each child's own
    # direct guardians, three is the most, which the plan places.
    male = GenderPreference.MALE
    pool = office(
        [child(1, wants=male), child(2, wants=male), child(3, wants=male), child(4)],
        [
            person(1, ("prs",), 3),
            person(2, ("sqi",), 5, sex="male"),
            person(3, ("prs",), 1, sex="male"),
        ],
        [person(1, ("prs", "sqi"), 1)],
    )
    plan = Plan(pool)
    assert bound.mediator_bound(plan.index, plan.units, plan.residual) == 4
    assert bound.mediator_bound(plan.index, plan.units, plan.residual, direct=True) == 3
    result = bulk_match(pool, exact_seconds=0)
    assert len(result.proposals) == 3
    assert result.upper_bound == 3


def test_the_chains_stop_when_the_officer_stops_the_run() -> None:
    plan = Plan(mediator_held_office())
    state = plan.state({1: (1, 1), 3: (2, None)})
    assert augment.augment(state, plan.left(state), 10.0, wanted=1, stop=lambda share: True) == 0
    assert plan.guardian_of(state, 2) is None
    assert_valid(plan, state)


def test_counts_in_the_reasons_are_written_with_thousands_separators() -> None:
    full = [
        PoolPerson(
            id=g,
            code=f"G-{g:05d}",
            name=f"Guardian {g}",
            sex="female",
            languages={"prs": NATIVE},
            slots=WEEK,
            vetting_expires_on=date(2030, 1, 1),
            max_caseload=1,
            caseload=1,
        )
        for g in range(1, 1201)
    ]
    result = bulk_match(office([child(1)], full, []))
    assert result.unmatched[0].reasons[0] == "no guardian is eligible (1,200 excluded)"


def test_the_progress_bar_never_goes_back_and_ends_full() -> None:
    reports: list[tuple[int, int]] = []
    pool = mediator_held_office()
    bulk_match(pool, exact_seconds=0, progress=lambda done, total: reports.append((done, total)))
    done = [d for d, _total in reports]
    assert {total for _d, total in reports} == {1000}
    assert done == sorted(done) and done[0] == 0 and done[-1] == 1000
    assert 400 in done  # every child's candidates scanned


def test_the_bar_moves_on_while_the_proposals_and_reasons_are_written(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 20 Dari children, one Dari guardian with room for 5: 15 children's reasons to write,
    # a report every 4 children; Cancel while they are written stops the run.
    from guardian_desk.matching import bulk

    monkeypatch.setattr(bulk, "PLAN_REPORTS", 4)
    pool = office([child(c) for c in range(1, 21)], [person(1, ("prs",), 5)], [])
    reports: list[int] = []
    plan = bulk_match(pool, exact_seconds=0, progress=lambda done, total: reports.append(done))
    assert len(plan.proposals) == 5 and len(plan.unmatched) == 15
    writing = [d for d in reports if bulk.FLOWED < d < bulk.PER_MILLE]
    assert len(writing) >= 4 and writing == sorted(writing)
    asked: list[int] = []

    def cancelled() -> bool:  # the officer clicks Cancel once the reasons are being written
        asked.append(1)
        return bool(reports) and reports[-1] > bulk.FLOWED and reports[-1] != bulk.PER_MILLE

    reports.clear()
    with pytest.raises(bulk.BulkCancelled):
        bulk_match(
            pool,
            exact_seconds=0,
            progress=lambda done, total: reports.append(done),
            cancelled=cancelled,
        )
    assert bulk.PER_MILLE not in reports


def test_the_chains_end_once_a_while_passes_without_a_child_placed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Eight Dari children left out, one Dari guardian with three places. Each search takes
    # a second (a fake clock): three children are placed, then two searches fail within
    # the two seconds given after the last placement, and the chains end there, instead
    # of searching every child left and then every move (13 searches).
    pool = office([child(c) for c in range(1, 9)], [person(1, ("prs",), 3)], [])
    plan = Plan(pool)
    state = plan.state({})
    clock = [0.0]
    searched = []
    search = augment._search

    def timed(*args: object) -> object:
        found = search(*args)  # type: ignore[arg-type]
        clock[0] += 1.0
        searched.append(found is not None)
        return found

    monkeypatch.setattr(augment.time, "perf_counter", lambda: clock[0])
    monkeypatch.setattr(augment, "_search", timed)
    assert augment.augment(state, plan.left(state), 100.0, wanted=8, stall=2.0) == 3
    assert searched == [True, True, True, False, False, False]
    assert_valid(plan, state)


def test_siblings_are_looked_at_before_children_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    # One Dari guardian with room for two, two siblings and a lone child left out, and
    # time for one try only: the siblings (two children) are the ones placed.
    pool = office(
        [child(1, siblings=(2,)), child(2, siblings=(1,)), child(3)],
        [person(1, ("prs",), 2)],
        [],
    )
    plan = Plan(pool)
    state = plan.state({})
    clock = [0.0]

    def timed(tried: Callable[..., object]) -> Callable[..., object]:
        def took_ten_seconds(*args: object) -> object:
            found = tried(*args)
            clock[0] += 10.0
            return found

        return took_ten_seconds

    monkeypatch.setattr(augment.time, "perf_counter", lambda: clock[0])
    monkeypatch.setattr(augment, "_place_unit", timed(augment._place_unit))
    monkeypatch.setattr(augment, "_search", timed(augment._search))
    assert augment.augment(state, plan.left(state), 5.0, wanted=2) == 2
    assert plan.guardian_of(state, 1) == plan.guardian_of(state, 2) == 1
    assert plan.guardian_of(state, 3) is None


def test_the_bar_moves_on_while_the_chains_run() -> None:
    from guardian_desk.matching import bulk
    from guardian_desk.matching.pacing import Bar

    shown: list[int] = []
    bar = Bar(shown.append)
    bar.to(bulk.REPAIRED)
    stop = bulk._chains_stop(bar, cancelled=lambda: False)
    assert stop(0.0) is False and shown == [650]  # nothing placed yet: the repair's 650
    assert stop(0.5) is False and shown == [650, 762]  # half the gap to the bound closed
    stop(0.25)
    stop(1.0)  # the whole gap: near the chains' end, never at it (nor the plan's)
    assert shown == [650, 762, 875]
    assert bulk._chains_stop(bar, cancelled=lambda: True)(0.0) is True


def test_the_terminal_counts_children_looked_at_once_each() -> None:
    from guardian_desk.matching.commands import _children_counter

    seen: list[tuple[int, int]] = []
    pool = mediator_held_office()
    bulk_match(pool, exact_seconds=0, progress=_children_counter(
        lambda done, total: seen.append((done, total)), pool))  # fmt: skip
    waiting = len(waiting_children(pool))
    assert seen[-1] == (waiting, waiting)
    assert [d for d, _t in seen] == sorted({d for d, _t in seen})  # each count once, upwards
