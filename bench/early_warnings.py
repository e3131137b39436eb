"""Early-warning benchmark: the list and the counts the home page shows, at 20,000 children.

    .venv/bin/python bench/early_warnings.py                  # builds 20,000 children first
    .venv/bin/python bench/early_warnings.py --db FILE.sqlite3  # one built before (same data)

Building: the office of bench/protection_figures.py (screenings for 90%, referrals, missing
episodes; the demo's own adults), then in bulk more accompanying adults for 30% of the children
(half unverified, some added after the screening) and a move to another facility for 5%. Then it
times (median of --runs) early_warnings() and warning_counts(), wall clock and CPU time.
Not a pass/fail test: machines are noisy.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

from sqlalchemy import insert, select

from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
from guardian_desk.db.migrate import prepare_database
from guardian_desk.db.models import AccompanyingAdult, Child, Facility, Placement
from guardian_desk.services.early_warning import early_warnings, warning_counts

sys.path.insert(0, str(Path(__file__).parent))
from protection_figures import TODAY, add_protection_work, build


def add_adults_and_moves(url: str, rng: random.Random) -> None:
    factory = make_session_factory(make_engine(url))
    with session_scope(factory, actor="bench") as session:
        marker = select(AccompanyingAdult.id).where(AccompanyingAdult.full_name == "Bench Adult")
        if session.scalar(marker.limit(1)) is not None:
            return  # added before
        kids = session.execute(
            select(Child.id, Child.identified_on, Child.facility_id).where(
                Child.facility_id.is_not(None)
            )
        ).all()
        facilities = list(session.scalars(select(Facility.id)))
        adults, moves = [], []
        for cid, seen, facility_id in kids:
            if rng.random() < 0.3:
                added = datetime.combine(seen, clock(9), UTC) + timedelta(days=rng.randrange(30))
                adults.append(
                    {
                        "child_id": cid,
                        "full_name": "Bench Adult",
                        "claimed_relationship": rng.choice(["uncle", "brother", "mother"]),
                        "verified": rng.random() < 0.5,
                        "added_at": added,
                    }
                )
            if rng.random() < 0.05:
                moved = seen + timedelta(days=rng.randrange(10, 60))
                if moved >= TODAY:
                    continue
                other = rng.choice([f for f in facilities if f != facility_id])
                moves.append((cid, facility_id, other, moved))
        for start in range(0, len(adults), 20_000):
            session.execute(insert(AccompanyingAdult), adults[start : start + 20_000])
        for cid, old, new, moved in moves:  # close the first placement, open the next
            first = session.scalar(
                select(Placement).where(Placement.child_id == cid, Placement.left_on.is_(None))
            )
            if first is None or first.moved_on > moved:
                continue
            first.left_on = moved
            session.add(
                Placement(
                    child_id=cid,
                    facility_id=new,
                    from_facility_id=old,
                    moved_on=moved,
                    reason="needs",
                    note="",
                    recorded_by="bench",
                )
            )
            session.flush()
        print(f"{'added':<46}{len(adults):,} adults, {len(moves):,} moves")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", help="a SQLite file made by this bench before")
    parser.add_argument("--children", type=int, default=20_000, help="when building")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if args.db:
        url = f"sqlite:///{args.db}"
        prepare_database(url)
    else:
        start = time.perf_counter()
        folder = Path(tempfile.mkdtemp(prefix="gd-bench-ew-"))
        url = build(args.children, folder)
        print(f"{'build the office':<46}{time.perf_counter() - start:>9.1f} s  ({folder})")
    add_protection_work(url, random.Random(5))
    add_adults_and_moves(url, random.Random(6))
    factory = make_session_factory(make_engine(url))
    today = date(2026, 12, 1)
    listing, counting, cpu_listing, cpu_counting = [], [], [], []
    with session_scope(factory, actor="bench", writes=False) as session:
        for _run in range(args.runs):
            t0, c0 = time.perf_counter(), time.process_time()
            found = early_warnings(session, today)
            t1, c1 = time.perf_counter(), time.process_time()
            counts = warning_counts(session, today)
            t2, c2 = time.perf_counter(), time.process_time()
            listing.append(t1 - t0)
            counting.append(t2 - t1)
            cpu_listing.append(c1 - c0)
            cpu_counting.append(c2 - c1)
    # The home page in the same run: its summary with the warnings' counts, and without them
    # (as before issue 14, and what the app now shows first, the counts following on their own).
    from guardian_desk.services import home

    with_counts, without_counts = [], []
    with session_scope(factory, actor="bench", writes=False) as session:
        for _run in range(args.runs):
            t0 = time.perf_counter()
            home.home_summary(session, today=today)
            with_counts.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            home.home_summary(session, today=today, warnings=False)
            without_counts.append(time.perf_counter() - t0)
    for kind, count in counts.items():
        print(f"  {kind.value:<44}{count:>9,}")
    print(f"{'warnings':<46}{len(found):>9,}")
    for label, wall, cpu in (
        ("early_warnings(), median", listing, cpu_listing),
        ("warning_counts(), median", counting, cpu_counting),
    ):
        print(f"{label:<46}{statistics.median(wall):>9.3f} s  (CPU {statistics.median(cpu):.3f} s)")
    for label, times in (
        ("home_summary() without the counts, median", without_counts),
        ("home_summary() with the counts, median", with_counts),
    ):
        print(f"{label:<46}{statistics.median(times):>9.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
