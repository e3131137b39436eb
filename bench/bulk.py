"""Bulk matching benchmark: 100 newly arrived children, and 5,000 children waiting at once.

    .venv/bin/python bench/scale.py --out /tmp/bench-m          # the 20,000 / 4,000 / 2,000 office
    .venv/bin/python bench/bulk.py --db /tmp/bench-m/scale.sqlite3

The office of bench/scale.py has about 2,800 children waiting; for the 5,000 case, the
benchmark frees more children from their guardians in memory (their guardians' caseloads
drop by one), so that 5,000 wait. Prints, side by side, bulk matching and OR-Tools'
min-cost flow run plainly over every compatible (child, guardian) pair of the same
instance, with the children each places. Not a pass/fail test (docs/performance.md).
"""

from __future__ import annotations

import argparse
import random
import time
from dataclasses import replace
from datetime import date

import numpy as np
from ortools.graph.python import min_cost_flow

from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
from guardian_desk.db.migrate import prepare_database
from guardian_desk.matching import MatchingPool, load_pool
from guardian_desk.matching.bulk import bulk_match, waiting_children
from guardian_desk.matching.candidates import CandidateIndex

TODAY = date(2026, 11, 29)


def with_waiting(pool: MatchingPool, count: int, seed: int) -> MatchingPool:
    """The same office with more children waiting: some lose their guardian (in memory)."""
    waiting = {c.id for c in waiting_children(pool)}
    guarded = [c for c in pool.children.values() if c.guardian_id is not None]
    freed = random.Random(seed).sample(guarded, min(len(guarded), max(0, count - len(waiting))))
    released: dict[int, int] = {}
    children = dict(pool.children)
    for child in freed:
        assert child.guardian_id is not None
        released[child.guardian_id] = released.get(child.guardian_id, 0) + 1
        children[child.id] = replace(child, guardian_id=None, waiting=True)
    guardians = [
        replace(g, caseload=g.caseload - released.get(g.id, 0)) for g in pool.guardians.values()
    ]
    return MatchingPool(
        children=children.values(),
        guardians=guardians,
        mediators=pool.mediators.values(),
        facilities=pool.facilities.values(),
        settings=pool.settings,
        today=pool.today,
    )


def plain_flow(pool: MatchingPool) -> tuple[int, float, float, int]:
    """OR-Tools min-cost flow over every compatible pair: (placed, candidate s, solve s, arcs)."""
    start = time.perf_counter()
    index = CandidateIndex(pool)
    found = [index.for_child(c) for c in waiting_children(pool)]
    candidates = time.perf_counter() - start
    start = time.perf_counter()
    children, guardians = len(found), len(index.guardian_ids)
    tails = np.concatenate([np.full(len(c.guardians), n) for n, c in enumerate(found)])
    heads = np.concatenate([c.guardians for c in found]) + children
    costs = -np.rint(np.concatenate([c.scores for c in found]) * 1000).astype(np.int64)
    source, sink = children + guardians, children + guardians + 1
    room = [
        0
        if pool.guardian_faults[g]
        else pool.capacity(pool.guardians[g]) - pool.guardians[g].caseload
        for g in index.guardian_ids
    ]
    solver = min_cost_flow.SimpleMinCostFlow()
    solver.add_arcs_with_capacity_and_unit_cost(tails, heads, np.ones(len(tails), np.int64), costs)
    solver.add_arcs_with_capacity_and_unit_cost(
        np.full(children, source), np.arange(children), np.ones(children, np.int64),
        np.zeros(children, np.int64),
    )  # fmt: skip
    solver.add_arcs_with_capacity_and_unit_cost(
        np.arange(children, children + guardians), np.full(guardians, sink),
        np.minimum(np.array(room, np.int64), children), np.zeros(guardians, np.int64),
    )  # fmt: skip
    solver.set_node_supply(source, children)
    solver.set_node_supply(sink, -children)
    solver.solve_max_flow_with_min_cost()
    return solver.maximum_flow(), candidates, time.perf_counter() - start, len(tails)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True, help="a SQLite file made by bench/scale.py")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--waiting", type=int, default=5000)
    args = parser.parse_args()
    url = f"sqlite:///{args.db}"
    prepare_database(url)
    factory = make_session_factory(make_engine(url))
    with session_scope(factory, actor="bench") as session:
        start = time.perf_counter()
        pool = load_pool(session, today=TODAY)
        loaded = time.perf_counter() - start
    print(f"load_pool: {loaded:.2f} s ({len(pool.guardians):,} guardians, "
          f"{len(pool.mediators):,} mediators, {len(pool.children):,} children)")  # fmt: skip

    newly = random.Random(args.seed).sample([c.id for c in waiting_children(pool)], 100)
    times = []
    for _ in range(5):
        start = time.perf_counter()
        plan = bulk_match(pool, child_ids=newly)
        times.append(time.perf_counter() - start)
    print(f"100 newly arrived: {len(plan.proposals)} matched, "
          f"median {sorted(times)[2]:.2f} s (pool already loaded; {plan.method}, "
          f"proven optimal: {plan.proven_optimal})")  # fmt: skip

    big = with_waiting(pool, args.waiting, args.seed)
    start = time.perf_counter()
    plan = bulk_match(big)
    ours = time.perf_counter() - start
    placed, candidates, solve, arcs = plain_flow(big)
    print(f"{plan.waiting:,} waiting children:")
    print(f"  {'':<40}{'placed':>8}{'seconds':>10}{'arcs':>12}")
    print(
        f"  {'bulk_match (everything)':<40}{len(plan.proposals):>8,}{ours:>10.1f}{plan.arcs:>12,}"
    )
    print(f"  {'plain OR-Tools: candidates':<40}{'':>8}{candidates:>10.1f}")
    print(f"  {'plain OR-Tools: min-cost flow':<40}{placed:>8,}{solve:>10.1f}{arcs:>12,}")
    print(f"  {'plain OR-Tools: total':<40}{'':>8}{candidates + solve:>10.1f}")
    print(f"  method {plan.method}; proven optimal {plan.proven_optimal}; "
          f"score {plan.total_score:,.1f} of at most {plan.score_bound:,.1f}; "
          f"mediated {sum(1 for p in plan.proposals if p.proposal.mediator):,}; "
          f"siblings together {sum(1 for p in plan.proposals if p.siblings):,}")  # fmt: skip


if __name__ == "__main__":
    main()
