"""Large solver calls of a watched bulk run go to a process of their own (``beside``): the
same answer, the window's thread keeps Python meanwhile, and stopping ends the process."""

from __future__ import annotations

import math
import multiprocessing
import os
import threading
import time

import numpy as np
import pytest

from guardian_desk.matching import beside
from guardian_desk.matching.bulk import BulkCancelled, bulk_match
from guardian_desk.matching.flow import assign
from tests.matching.test_bulk_chains import mediator_held_office
from tests.matching.test_relaxed import every_arc, office


def test_a_watched_large_call_runs_in_a_process_of_its_own() -> None:
    here = os.getpid()
    long = beside.BESIDE_SECONDS
    assert beside.run(os.getpid, (), expected=long) == here  # no one watches
    with beside.watched(lambda _share: None):
        assert beside.run(os.getpid, (), expected=long / 2) == here
        there = beside.run(os.getpid, (), expected=long)
        assert there != here
        assert beside.run(os.getpid, (), expected=long) == there  # one process serves the run


def test_a_flow_solved_beside_is_the_flow_solved_here(monkeypatch: pytest.MonkeyPatch) -> None:
    units, sizes, residual, steps = office(7, scarce=True)
    arcs = every_arc(units)
    here = assign(sizes, residual.tolist(), arcs, steps)
    monkeypatch.setattr(beside, "BESIDE_SECONDS", 0.0)
    with beside.watched(lambda _share: None):
        there = assign(sizes, residual.tolist(), arcs, steps)
    assert there.placed == here.placed and there.value == here.value
    assert np.array_equal(there.flows, here.flows)


def test_the_caller_is_told_how_far_the_call_is_while_it_waits() -> None:
    shares: list[float] = []
    with beside.watched(shares.append):
        beside.run(time.sleep, (1.0,), expected=1.0)
    assert len(shares) >= 2
    assert shares == sorted(shares) and shares[0] > 0


def test_the_callers_thread_keeps_python_while_a_flow_solves_beside(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """OR-Tools holds Python's lock while it solves: a thread standing for the window ticks
    only once or twice through a flow solved here, and on through one solved beside."""
    rng = np.random.default_rng(3)
    people, units = 400, 600
    sizes = [1] * units
    arcs = every_arc_of(rng, units, people, per_unit=300)

    def ticks_during(solve: object) -> int:
        ticks, stop = [0], threading.Event()

        def tick() -> None:
            while not stop.wait(0.005):
                ticks[0] += 1

        ticker = threading.Thread(target=tick)
        ticker.start()
        try:
            solve()  # type: ignore[operator]
        finally:
            stop.set()
            ticker.join()
        return ticks[0]

    capacities = [1] * people
    here = ticks_during(lambda: assign(sizes, capacities, arcs))
    monkeypatch.setattr(beside, "BESIDE_SECONDS", 0.0)
    with beside.watched(lambda _share: None):
        there = ticks_during(lambda: assign(sizes, capacities, arcs))
    assert there > here + 10


def every_arc_of(rng: np.random.Generator, units: int, people: int, per_unit: int) -> object:
    from guardian_desk.matching.flow import Arcs

    heads = np.concatenate([rng.choice(people, per_unit, replace=False) for _ in range(units)])
    return Arcs(
        np.repeat(np.arange(units, dtype=np.int64), per_unit),
        heads.astype(np.int64),
        rng.integers(1, 1000, units * per_unit).astype(float),
    )


def test_stopping_ends_the_solvers_process() -> None:
    calls = [0]

    def waiting(_share: float) -> None:
        calls[0] += 1
        if calls[0] == 2:
            raise BulkCancelled

    with pytest.raises(BulkCancelled), beside.watched(waiting):
        beside.run(time.sleep, (30.0,), expected=30.0)
    assert multiprocessing.active_children() == []  # ended, not left sleeping


def test_an_error_in_the_solvers_process_reaches_the_caller() -> None:
    with pytest.raises(ValueError, match="math domain error"), beside.watched(lambda _s: None):
        beside.run(math.sqrt, (-1.0,), expected=1.0)


def test_a_watched_bulk_run_proposes_the_same_plan_with_its_flows_beside(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pool = mediator_held_office()
    unwatched = bulk_match(pool, exact_seconds=0)
    monkeypatch.setattr(beside, "BESIDE_SECONDS", 0.0)
    reports: list[int] = []
    watched = bulk_match(pool, exact_seconds=0, progress=lambda done, _t: reports.append(done))
    assert watched.proposals == unwatched.proposals
    assert reports == sorted(reports) and reports[-1] == 1000


def test_a_solver_process_that_dies_is_one_clear_line() -> None:
    failed = pytest.raises(beside.SolverProcessFailed, match="short of memory")
    with failed, beside.watched(lambda _share: None):
        beside.run(os._exit, (3,), expected=1.0)
    assert multiprocessing.active_children() == []
