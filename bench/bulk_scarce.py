"""Bulk matching when places run short (issue 15): count, bound, score, time and peak memory.

    .venv/bin/python bench/scale.py --out /tmp/bench-m          # the 20,000 / 4,000 / 2,000 office
    .venv/bin/python bench/bulk_scarce.py --db /tmp/bench-m/scale.sqlite3
    .venv/bin/python bench/bulk_scarce.py --db ... --case cap4-5000   # one case only

Cases (each in a fresh process, so that the peak memory, ``ru_maxrss``, is the case's own):

* ``demo-scarce``: the demo office (``load_demo``, default sizes), one free place per mediator;
* ``plentiful-5000``: 5,000 waiting (``bench/bulk.py``'s ``with_waiting``), office settings;
* ``cap4-5000``: the same 5,000 with an office caseload cap of 4;
* ``med1-2781``: the office as it is (2,781 waiting), one free place per mediator;
* ``cap5-20000``: every child waiting (20,000 freed in memory), office cap 5;
* ``arrivals-100``: 100 newly arrived children against the loaded pool (median of 5).

Prints one line per case (with ``independent_bound``, an upper bound argued apart from the
product's: a plan placing that many is a maximum), and under it the figures recorded with
the code before issue 15 (``BEFORE``, on the machine of 7 December). ``--before REV`` also
runs each case with that revision's code (a git worktree, its own bench), just before this
checkout's, and prints its line beneath: figures of one machine in one run. Not a pass/fail
test: machines are noisy.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
from ortools.graph.python import max_flow

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bulk import with_waiting
from bench.worktree import revision_tree
from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
from guardian_desk.db.migrate import prepare_database
from guardian_desk.matching import MatchingPool, load_pool
from guardian_desk.matching.bulk import bulk_match, waiting_children
from guardian_desk.matching.candidates import CandidateIndex

TODAY = date(2026, 11, 29)
CASES = ("demo-scarce", "plentiful-5000", "cap4-5000", "med1-2781", "cap5-20000", "arrivals-100")

# Measured with the code before issue 15 (commit d8b14aa) on this machine (2 shared cores):
# case -> (placed, printed upper bound, seconds, peak MB, proven optimal).
BEFORE: dict[str, tuple[int, int, float, float, bool]] = {
    "demo-scarce": (39, 47, 60.1, 233, False),
    "plentiful-5000": (5000, 5000, 7.2, 677, False),
    "cap4-5000": (4262, 4354, 15.3, 1559, False),
    "med1-2781": (2749, 2781, 4.5, 423, False),
    "cap5-20000": (12715, 17781, 721.1, 7139, False),
    "arrivals-100": (100, 100, 0.2, 225, True),
}


def rebuild(pool: MatchingPool, **changes: object) -> MatchingPool:
    parts: dict[str, object] = {
        "children": pool.children.values(),
        "guardians": pool.guardians.values(),
        "mediators": pool.mediators.values(),
        "facilities": pool.facilities.values(),
        "settings": pool.settings,
        "today": pool.today,
    }
    parts.update(changes)
    return MatchingPool(**parts)  # type: ignore[arg-type]


def one_place_per_mediator(pool: MatchingPool) -> MatchingPool:
    cap = pool.settings.caseload_cap
    mediators = [replace(m, max_caseload=min(cap, m.caseload + 1)) for m in pool.mediators.values()]
    return rebuild(pool, mediators=mediators)


def with_cap(pool: MatchingPool, cap: int) -> MatchingPool:
    return rebuild(pool, settings=replace(pool.settings, caseload_cap=cap))


def demo_pool() -> MatchingPool:
    from guardian_desk.demo import DemoSizes, load_demo

    folder = Path(tempfile.mkdtemp(prefix="gd-bench-bulk-"))
    url = f"sqlite:///{folder / 'demo.sqlite3'}"
    prepare_database(url)
    factory = make_session_factory(make_engine(url))
    with session_scope(factory, actor="bench") as session:
        load_demo(session, DemoSizes(), today=TODAY)
    with session_scope(factory, actor="bench") as session:
        return load_pool(session, today=TODAY)


def scale_pool(db: str) -> MatchingPool:
    url = f"sqlite:///{db}"
    prepare_database(url)
    factory = make_session_factory(make_engine(url))
    with session_scope(factory, actor="bench") as session:
        return load_pool(session, today=TODAY)


def instance(case: str, db: str) -> MatchingPool:
    if case == "demo-scarce":
        return one_place_per_mediator(demo_pool())
    pool = scale_pool(db)
    if case == "plentiful-5000":
        return with_waiting(pool, 5000, 7)
    if case == "cap4-5000":
        return with_cap(with_waiting(pool, 5000, 7), 4)
    if case == "med1-2781":
        return one_place_per_mediator(pool)
    if case == "cap5-20000":
        return with_cap(with_waiting(pool, 20_000, 7), 5)
    return pool


def independent_bound(pool: MatchingPool) -> int:
    """Most children any plan places, by an argument of its own (not ``bound``'s flows):
    each child placed either talks with their guardian or takes a mediator's place (or
    has a mediator already), so at most (places of the mediators qualifying for a waiting
    child + children with a mediator) + (the most children placed with a guardian they talk
    with, siblings allowed to part: a max flow here, one arc per child and guardian), and
    at most the children waiting."""
    index = CandidateIndex(pool)
    waiting = waiting_children(pool)
    qualified = {m for c in waiting for m in index.qualified_mediators(c)}
    mediated = sum(max(0, pool.capacity(pool.mediators[m]) - pool.mediators[m].caseload)
                   for m in qualified) + sum(1 for c in waiting if c.mediator_ids)  # fmt: skip
    people = [pool.guardians[g] for g in index.guardian_ids]
    room = np.array([pool.capacity(g) - g.caseload for g in people])
    room[[bool(pool.guardian_faults[g]) for g in index.guardian_ids]] = 0
    first = 2 + len(waiting)
    tails, heads, caps = [np.zeros(len(waiting), np.int64)], [2 + np.arange(len(waiting))], []
    caps.append(np.ones(len(waiting), np.int64))
    for n, child in enumerate(waiting):
        found = index.for_child(child)
        talks = found.guardians[~found.mediated & (room[found.guardians] > 0)]
        tails.append(np.full(len(talks), 2 + n))
        heads.append(first + talks)
        caps.append(np.ones(len(talks), np.int64))
    tails.append(first + np.arange(len(room)))
    heads.append(np.ones(len(room), np.int64))
    caps.append(np.maximum(room, 0))
    solver = max_flow.SimpleMaxFlow()
    solver.add_arcs_with_capacity(
        np.concatenate(tails), np.concatenate(heads), np.concatenate(caps)
    )
    solver.solve(0, 1)
    return min(len(waiting), mediated + int(solver.optimal_flow()))


def run_case(case: str, db: str) -> None:
    pool = instance(case, db)
    if case == "arrivals-100":
        newly = random.Random(7).sample([c.id for c in waiting_children(pool)], 100)
        times = []
        for _unused in range(5):
            start = time.perf_counter()
            plan = bulk_match(pool, child_ids=newly)
            times.append(time.perf_counter() - start)
        seconds = statistics.median(times)
    else:
        start = time.perf_counter()
        plan = bulk_match(pool)
        seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    mediated = [p for p in plan.proposals if p.proposal.mediator is not None]
    checked = "" if case == "arrivals-100" else f"; independent bound {independent_bound(pool):,}"
    print(
        f"{case:<16}{plan.waiting:>8,}{len(plan.proposals):>8,}{plan.upper_bound:>8,}"
        f"{seconds:>9.1f}{peak:>9,.0f}  score {plan.total_score:,.1f} of at most "
        f"{plan.score_bound:,.1f}; {plan.method}; proven {plan.proven_optimal}; "
        f"mediated {len(mediated):,}{checked}",
        flush=True,
    )
    if case in BEFORE:
        placed, bound, before_s, before_mb, proven = BEFORE[case]
        print(
            f"{'  before #15':<16}{'':>8}{placed:>8,}{bound:>8,}{before_s:>9.1f}{before_mb:>9,.0f}"
            f"  proven {proven}",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True, help="a SQLite file made by bench/scale.py")
    parser.add_argument("--case", choices=CASES, action="append")
    parser.add_argument(
        "--before",
        metavar="REV",
        help="also run each case with this git revision's code (a worktree, its own bench), "
        "just before this checkout's, and print its line beneath",
    )
    parser.add_argument("--one", choices=CASES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        run_case(args.one, args.db)
        return
    with ExitStack() as trees:
        old = trees.enter_context(revision_tree(args.before)) if args.before else None
        print(f"{'case':<16}{'waiting':>8}{'placed':>8}{'bound':>8}{'seconds':>9}{'peak MB':>9}")
        for case in args.case or CASES:
            earlier = None if old is None else one_case(old, case, args.db)
            print(one_case(Path(__file__).resolve().parent.parent, case, args.db), flush=True)
            if earlier is not None:
                print(f"{'  ' + args.before[:12]:<16}{earlier[16:]}", flush=True)


def one_case(root: Path, case: str, db: str) -> str:
    """One case run by the bench of the code at ``root``, in its own process: its lines
    (without the recorded figures of before issue 15, for an older revision's)."""
    done = subprocess.run(
        [sys.executable, str(root / "bench" / "bulk_scarce.py"), "--db", db, "--one", case],
        capture_output=True, text=True, check=False, cwd=root,
    )  # fmt: skip
    lines = done.stdout.splitlines() or [f"{case} failed: {done.stderr.strip()[-200:]}"]
    if root != Path(__file__).resolve().parent.parent:
        lines = [line for line in lines if not line.startswith("  before")]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
