"""Scale benchmark: generate an office at realistic size, import it, search it, weigh it.

    .venv/bin/python bench/scale.py                      # 20,000 / 4,000 / 2,000 / 300 / 200,000
    .venv/bin/python bench/scale.py --children 2000 ...  # smaller, for a quick look

Prints each figure; docs/performance.md records them. Not a pass/fail test: machines are noisy.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select

from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
from guardian_desk.db.migrate import prepare_database
from guardian_desk.db.models import Assignment, Child, Guardian, Visit
from guardian_desk.demo import DemoSizes, generate
from guardian_desk.domain.enums import AssignmentRole, VisitStatus
from guardian_desk.exchange import KINDS, import_csv, write_records_csv
from guardian_desk.services.search import search_ids

TODAY = date(2026, 11, 29)


@contextmanager
def timed(label: str, results: dict[str, float]) -> Iterator[None]:
    start = time.perf_counter()
    yield
    results[label] = time.perf_counter() - start
    print(f"{label:<42}{results[label]:>9.2f} s", flush=True)


def add_casework(factory, visits: int, rng: random.Random) -> None:  # type: ignore[no-untyped-def]
    """Appointments and a history of visits, inserted in bulk (benchmark data, not user actions)."""
    with session_scope(factory, actor="bench") as session:
        children = session.execute(select(Child.id, Child.identified_on)).all()
        guardian_ids = list(session.scalars(select(Guardian.id)))
        rows = [
            {
                "child_id": cid,
                "role": AssignmentRole.GUARDIAN,
                "guardian_id": rng.choice(guardian_ids),
                "starts_on": identified + timedelta(days=10),
                "version": 1,
            }
            for cid, identified in children[: int(len(children) * 0.75)]
        ]
        session.execute(insert(Assignment), rows)
        pairs = [(r["child_id"], r["guardian_id"]) for r in rows]
        start = datetime(2025, 6, 1, 8, tzinfo=UTC)
        batch = []
        for n in range(visits):
            child_id, guardian_id = pairs[n % len(pairs)]
            begins = start + timedelta(days=rng.randrange(540), hours=rng.randrange(10))
            batch.append(
                {
                    "child_id": child_id,
                    "guardian_id": guardian_id,
                    "starts_at": begins,
                    "ends_at": begins + timedelta(hours=1),
                    "version": 1,
                    "status": VisitStatus.HELD if begins.date() < TODAY else VisitStatus.PLANNED,
                }
            )
            if len(batch) == 20_000:
                session.execute(insert(Visit), batch)
                batch = []
        if batch:
            session.execute(insert(Visit), batch)


def search_latency(factory, queries: list[str]) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    timings = []
    with session_scope(factory) as session:
        search_ids(session, "children", "warm up")
        for query in queries:
            start = time.perf_counter()
            search_ids(session, "children", query)
            timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95)]


def add_scale_arguments(parser: argparse.ArgumentParser) -> None:
    """The national scale by default (docs/performance.md); smaller for a quick look."""
    for name, default in (
        ("children", 20_000),
        ("guardians", 4_000),
        ("mediators", 2_000),
        ("facilities", 300),
        ("visits", 200_000),
    ):
        parser.add_argument(f"--{name}", type=int, default=default)
    parser.add_argument("--out", type=Path, help="keep the files here (default: a temp dir)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    add_scale_arguments(parser)
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="gd-bench-"))
    out.mkdir(parents=True, exist_ok=True)
    results: dict[str, float] = {}
    sizes = DemoSizes(
        children=args.children,
        guardians=args.guardians,
        mediators=args.mediators,
        facilities=args.facilities,
    )
    print(f"scale: {sizes}, visits={args.visits}; files in {out}")
    with timed("generate the data set", results):
        data = generate(sizes, seed=7, today=TODAY)
    records = {
        "facilities": data.facilities,
        "guardians": data.guardians,
        "mediators": data.mediators,
        "children": data.children,
        "availability": data.availability,
    }
    with timed("write the CSV files", results):
        for kind in KINDS:
            write_records_csv(kind, records[kind], out / f"{kind}.csv")
    database = out / "scale.sqlite3"
    database.unlink(missing_ok=True)
    url = f"sqlite:///{database}"
    prepare_database(url)
    engine = make_engine(url)
    factory = make_session_factory(engine)
    for kind in KINDS:
        with (
            timed(f"import {len(records[kind]):,} {kind}", results),
            session_scope(factory, actor="bench") as session,
        ):
            import_csv(session, kind, out / f"{kind}.csv")
    with timed(f"add appointments and {args.visits:,} visits", results):
        add_casework(factory, args.visits, random.Random(7))
    rng = random.Random(11)
    children = data.children
    queries = []
    for child in rng.sample(children, 200):
        name = rng.choice(
            [
                child.given_name,
                child.family_name or child.given_name,
                child.given_name_original or child.given_name,
                child.case_number or "",
            ]
        )
        queries.append(name[: max(3, len(name) - 1)].lower())
    median, p95 = search_latency(factory, queries)
    print(f"{'name search over children, median':<42}{median:>9.2f} ms")
    print(f"{'name search over children, 95th percentile':<42}{p95:>9.2f} ms")
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        counted = connection.execute(select(func.count()).select_from(Child)).scalar()
    engine.dispose()
    size = database.stat().st_size / 1_000_000
    print(f"{'children in the database':<42}{counted:>9,}")
    print(f"{'database size':<42}{size:>9.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
