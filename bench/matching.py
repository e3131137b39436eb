"""Matching benchmark: load the pool once, then suggest for 200 random waiting children.

    .venv/bin/python bench/scale.py --out /tmp/bench-m          # the 20,000 / 4,000 / 2,000 office
    .venv/bin/python bench/matching.py --db /tmp/bench-m/scale.sqlite3

Prints the pool's load time and the median and 95th percentile of ``suggest``. Not a
pass/fail test: the target is under 50 ms median on the full scale (docs/performance.md).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import date

from sqlalchemy import select

from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
from guardian_desk.db.migrate import prepare_database
from guardian_desk.db.models import Assignment, Child
from guardian_desk.domain.enums import AssignmentRole
from guardian_desk.matching import load_pool, suggest_for_child
from guardian_desk.matching.suggest import suggest

TODAY = date(2026, 11, 29)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True, help="a SQLite file made by bench/scale.py")
    parser.add_argument("--children", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    url = f"sqlite:///{args.db}"
    prepare_database(url)
    engine = make_engine(url)
    factory = make_session_factory(engine)
    with session_scope(factory, actor="bench") as session:
        guarded = select(Assignment.child_id).where(
            Assignment.role == AssignmentRole.GUARDIAN, Assignment.ends_on.is_(None)
        )
        waiting = list(session.scalars(select(Child.id).where(Child.id.not_in(guarded))))
        start = time.perf_counter()
        pool = load_pool(session, today=TODAY)
        loaded = time.perf_counter() - start
        start = time.perf_counter()
        one = suggest_for_child(session, waiting[0], today=TODAY)
        single = time.perf_counter() - start
    print(
        f"pool: {len(pool.children):,} children, {len(pool.guardians):,} guardians, "
        f"{len(pool.mediators):,} mediators, {len(pool.facilities):,} facilities; "
        f"{len(waiting):,} children waiting for a guardian"
    )
    print(f"{'load_pool':<44}{loaded * 1000:>9.0f} ms")
    print(f"{'suggest_for_child (own pool, one child)':<44}{single * 1000:>9.0f} ms")
    sample = random.Random(args.seed).sample(waiting, min(args.children, len(waiting)))
    times, proposals, mediated = [], 0, 0
    for child_id in sample:
        start = time.perf_counter()
        found = suggest(pool, child_id)
        times.append(time.perf_counter() - start)
        proposals += bool(found.proposals)
        mediated += sum(p.mediator is not None for p in found.proposals)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"{'suggest, median':<44}{statistics.median(times) * 1000:>9.1f} ms")
    print(f"{'suggest, 95th percentile':<44}{p95 * 1000:>9.1f} ms")
    print(f"{'suggest, slowest':<44}{times[-1] * 1000:>9.1f} ms")
    warm = []
    for child_id in sample:  # again: every facility's view of the guardians is now built
        start = time.perf_counter()
        suggest(pool, child_id)
        warm.append(time.perf_counter() - start)
    print(
        f"{'suggest again (facility views built), median':<44}"
        f"{statistics.median(warm) * 1000:>9.1f} ms"
    )
    print(
        f"{proposals} of {len(sample)} children got at least one proposal; "
        f"{mediated} of the proposals shown need a mediator (first: {len(one.proposals)} "
        f"proposals, {one.excluded_total} excluded)"
    )
    engine.dispose()


if __name__ == "__main__":
    main()
