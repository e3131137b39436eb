"""Encryption benchmark: sign-in (key slot unwrap), opening, and the scale work, plain vs SQLCipher.

    .venv/bin/python bench/encryption.py                    # 20,000 / 4,000 / 2,000 / 300 / 200,000
    .venv/bin/python bench/encryption.py --children 2000 --guardians 400 --mediators 200 \\
        --facilities 30 --visits 20000                      # a quick look

The same CSV files are imported into a plain and an encrypted database; the import, the name
search (bench/scale.py) and suggest (bench/matching.py) are timed on each and printed side by
side with the ratio. docs/performance.md records the figures. Not a pass/fail test.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select, text

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale import TODAY, add_casework, add_scale_arguments, search_latency

from guardian_desk.db.encryption import database_key, encrypt_database
from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
from guardian_desk.db.migrate import prepare_database
from guardian_desk.db.models import Assignment, Child
from guardian_desk.demo import DemoSizes, generate
from guardian_desk.domain.enums import AssignmentRole
from guardian_desk.exchange import KINDS, import_csv, write_records_csv
from guardian_desk.matching import load_pool
from guardian_desk.matching.suggest import suggest
from guardian_desk.security.keyslots import keys_path, unlock

USER, PASSWORD = "bench", "a benchmark password"


def _median_of(runs: int, work: object) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _open_and_read(url: str, key: bytes | None) -> None:
    """What the app does on opening: a new engine, a connection, a first read."""
    engine = make_engine(url, key=key)
    with engine.connect() as connection:
        connection.execute(text("SELECT count(*) FROM office_settings")).scalar()
    engine.dispose()


def _suggest_median(engine: Engine, sample_size: int = 200) -> tuple[float, float]:
    factory = make_session_factory(engine)
    with session_scope(factory, actor="bench") as session:
        guarded = select(Assignment.child_id).where(
            Assignment.role == AssignmentRole.GUARDIAN, Assignment.ends_on.is_(None)
        )
        waiting = list(session.scalars(select(Child.id).where(Child.id.not_in(guarded))))
        start = time.perf_counter()
        pool = load_pool(session, today=TODAY)
        loaded = time.perf_counter() - start
    sample = random.Random(7).sample(waiting, min(sample_size, len(waiting)))
    times = []
    for child_id in sample:
        start = time.perf_counter()
        suggest(pool, child_id)
        times.append(time.perf_counter() - start)
    return loaded, statistics.median(times)


def _run(variant: str, out: Path, records: dict[str, list[Any]], visits: int) -> dict[str, float]:
    database = out / f"{variant}.sqlite3"
    for leftover in out.glob(f"{variant}.sqlite3*"):
        leftover.unlink()
    url = f"sqlite:///{database}"
    prepare_database(url)
    key = None
    if variant == "encrypted":
        encrypt_database(url, {USER: PASSWORD}, backup_folder=out / "backups")
        key = database_key(url, USER, PASSWORD)
    engine = make_engine(url, key=key)
    factory = make_session_factory(engine)
    figures: dict[str, float] = {}
    start = time.perf_counter()
    for kind in KINDS:
        kind_start = time.perf_counter()
        with session_scope(factory, actor="bench") as session:
            import_csv(session, kind, out / f"{kind}.csv")
        if kind == "children":
            figures[f"import {len(records[kind]):,} children (s)"] = (
                time.perf_counter() - kind_start
            )
    figures["import all five CSV files (s)"] = time.perf_counter() - start
    start = time.perf_counter()
    add_casework(factory, visits, random.Random(7))
    figures[f"add {visits:,} visits (s)"] = time.perf_counter() - start
    rng = random.Random(11)
    queries = [
        (c.given_name or "")[: max(3, len(c.given_name or "") - 1)].lower()
        for c in rng.sample(records["children"], 200)
    ]
    median, p95 = search_latency(factory, queries)
    figures["name search, median (ms)"] = median
    figures["name search, 95th percentile (ms)"] = p95
    loaded, suggest_median = _suggest_median(engine)
    figures["load_pool (ms)"] = loaded * 1000
    figures["suggest, median (ms)"] = suggest_median * 1000
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute(select(func.count()).select_from(Child)).scalar()
    engine.dispose()
    figures["open the database and read (ms)"] = (
        _median_of(9, lambda: _open_and_read(url, key)) * 1000
    )
    if key is not None:
        figures["sign-in: unwrap the key slot (ms)"] = (
            _median_of(5, lambda: unlock(keys_path(database), USER, PASSWORD)) * 1000
        )
    figures["database size (MB)"] = database.stat().st_size / 1_000_000
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    add_scale_arguments(parser)
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="gd-bench-enc-"))
    out.mkdir(parents=True, exist_ok=True)
    sizes = DemoSizes(
        children=args.children,
        guardians=args.guardians,
        mediators=args.mediators,
        facilities=args.facilities,
    )
    print(f"scale: {sizes}, visits={args.visits}; files in {out}", flush=True)
    data = generate(sizes, seed=7, today=TODAY)
    records: dict[str, list[Any]] = {
        "facilities": list(data.facilities),
        "guardians": list(data.guardians),
        "mediators": list(data.mediators),
        "children": list(data.children),
        "availability": list(data.availability),
    }
    for kind in KINDS:
        write_records_csv(kind, records[kind], out / f"{kind}.csv")
    plain = _run("plain", out, records, args.visits)
    encrypted = _run("encrypted", out, records, args.visits)
    plain_url = f"sqlite:///{out / 'plain.sqlite3'}"
    start = time.perf_counter()
    encrypt_database(plain_url, {USER: PASSWORD}, backup_folder=out / "backups")
    converted = time.perf_counter() - start
    print(f"\n{'':<44}{'plain':>10}{'encrypted':>12}{'ratio':>8}")
    for label, value in encrypted.items():
        before = plain.get(label)
        if before is None:
            print(f"{label:<44}{'-':>10}{value:>12.2f}")
        else:
            print(f"{label:<44}{before:>10.2f}{value:>12.2f}{value / before:>8.2f}")
    print(f"{'db encrypt of the full plain database (s)':<44}{'':>10}{converted:>12.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
