"""Duplicate-check benchmark: the check a registration runs, at 20,000 children.

    .venv/bin/python bench/duplicates.py                       # builds 20,000 children first
    .venv/bin/python bench/duplicates.py --db /tmp/bench-m/scale.sqlite3   # bench/scale.py's

Registers nobody: for 200 children of the office it runs the check a new registration of
the same child would run, with the name respelt (a vowel changed, the words swapped, or only
the original-script name), and prints the median and 95th percentile of the check (its SQL
and its scoring), how many found the child, and the time of the office's whole list of
possible duplicates. Not a pass/fail test: the target is under 50 ms per check
(docs/performance.md). There is no earlier figure: the check is new in this version.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
from guardian_desk.db.migrate import prepare_database
from guardian_desk.db.models import Child
from guardian_desk.demo import DemoSizes, generate
from guardian_desk.exchange import import_csv, write_records_csv
from guardian_desk.services.duplicates import likely_duplicates, possible_duplicates

VOWELS = {"a": "e", "e": "a", "i": "y", "o": "u", "u": "o"}
TODAY = date(2026, 11, 29)


def respelt(name: str, rng: random.Random) -> str:
    """One vowel written another way, as a second officer might hear the name."""
    spots = [i for i, ch in enumerate(name) if ch in VOWELS]
    if not spots:
        return name
    at = rng.choice(spots)
    return name[:at] + VOWELS[name[at]] + name[at + 1 :]


def build(children: int, folder: Path) -> str:
    """An office of ``children`` children (and the facilities they live in), as scale.py."""
    data = generate(DemoSizes(children=children, facilities=300), seed=7, today=TODAY)
    database = folder / "duplicates.sqlite3"
    database.unlink(missing_ok=True)
    url = f"sqlite:///{database}"
    prepare_database(url)
    factory = make_session_factory(make_engine(url))
    for kind, records in (("facilities", data.facilities), ("children", data.children)):
        path = folder / f"{kind}.csv"
        write_records_csv(kind, records, path)
        with session_scope(factory, actor="bench") as session:
            import_csv(session, kind, path)
    return url


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", help="a SQLite file made by bench/scale.py (else one is built)")
    parser.add_argument("--children", type=int, default=20_000, help="when building")
    parser.add_argument("--checks", type=int, default=200)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    if args.db:
        url = f"sqlite:///{args.db}"
        prepare_database(url)
    else:
        start = time.perf_counter()
        url = build(args.children, Path(tempfile.mkdtemp(prefix="gd-bench-dup-")))
        print(f"{'build the office':<46}{time.perf_counter() - start:>9.1f} s")
    factory = make_session_factory(make_engine(url))
    rng = random.Random(args.seed)
    with session_scope(factory, actor="bench") as session:
        total = session.scalar(select(func.count()).select_from(Child)) or 0
        ids = list(session.scalars(select(Child.id)))
        sample = [session.get(Child, i) for i in rng.sample(ids, min(args.checks, len(ids)))]
        probes = []
        for child in sample:
            assert child is not None
            way = rng.randrange(3)
            if way == 0 or not child.given_name_original:
                probe = {
                    "given_name": respelt(child.given_name, rng),
                    "family_name": respelt(child.family_name, rng),
                }
            elif way == 1:
                probe = {"given_name": child.family_name, "family_name": child.given_name}
            else:
                probe = {
                    "given_name": child.given_name_original,
                    "family_name": child.family_name_original,
                }
            probes.append((child, probe))
        passes: list[list[float]] = []
        found = 0
        for _pass in range(2):  # first: keys made as children are met; then: keys kept
            times = []
            for child, probe in probes:
                start = time.perf_counter()
                result = likely_duplicates(
                    session,
                    **probe,
                    date_of_birth=child.date_of_birth,
                    nationality=child.nationality,
                )
                times.append((time.perf_counter() - start) * 1000)
                found += _pass == 1 and any(c.child_id == child.id for c in result)
            passes.append(sorted(times))
        start = time.perf_counter()
        pairs = possible_duplicates(session)
        listed = time.perf_counter() - start
    print(f"{'children in the database':<46}{total:>9,}")
    for label, times in (("first pass", passes[0]), ("again (keys kept)", passes[1])):
        median, p95 = statistics.median(times), times[int(len(times) * 0.95) - 1]
        print(f"{'duplicate check, ' + label + ', median':<46}{median:>9.1f} ms")
        print(f"{'duplicate check, ' + label + ', 95th pct':<46}{p95:>9.1f} ms")
        print(f"{'duplicate check, ' + label + ', slowest':<46}{times[-1]:>9.1f} ms")
    print("(new: there is no earlier figure; the check did not exist)")
    print(f"{'respelt children found by the check':<46}{found:>5} of {len(probes)}")
    print(f"{'list of possible duplicates':<46}{listed:>9.2f} s   ({len(pairs)} pairs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
