"""Coordinator's figures benchmark: the dashboard's counts and the CSV + PDF report, at scale.

    .venv/bin/python bench/protection_figures.py                 # builds 20,000 children first
    .venv/bin/python bench/protection_figures.py --db /tmp/bench-m/scale.sqlite3  # scale.py's

Building: the demo generator's office (20,000 children, 4,000 guardians, 2,000 mediators, 300
facilities, imported as bench/scale.py does), then in bulk a first screening for 90% of the
children (a third with positive elements), referrals for 8%, missing episodes for 6%, and a
first guardian for 80%, 3 to 40 days after identification. Then, for the year of the data,
it times (median of --runs) the dashboard's computation (figures + suppressed tables) and the
report (PDF with its charts + CSV). Not a pass/fail test: the issue's target is under 2 s for
20,000 children (docs/performance.md). There is no earlier figure: the figures are new.
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
from guardian_desk.db.models import Assignment, Child, Guardian, MissingEpisode, Referral, Screening
from guardian_desk.demo import DemoSizes, generate
from guardian_desk.domain.enums import AssignmentRole
from guardian_desk.exchange import import_csv, write_records_csv
from guardian_desk.papers.coordinator_report import coordinator_report_pdf
from guardian_desk.protection.figures import coordinator_figures
from guardian_desk.protection.figures_export import figure_tables, figures_csv
from guardian_desk.protection.indicators import ELEMENTS

TODAY = date(2026, 11, 29)
TARGET = 2.0


def build(children: int, folder: Path) -> str:
    sizes = DemoSizes(
        children=children, guardians=children // 5, mediators=children // 10, facilities=300
    )
    data = generate(sizes, seed=7, today=TODAY)
    database = folder / "figures.sqlite3"
    database.unlink(missing_ok=True)
    url = f"sqlite:///{database}"
    prepare_database(url)
    factory = make_session_factory(make_engine(url))
    for kind, records in (
        ("facilities", data.facilities),
        ("guardians", data.guardians),
        ("mediators", data.mediators),
        ("children", data.children),
    ):
        path = folder / f"{kind}.csv"
        write_records_csv(kind, records, path)
        with session_scope(factory, actor="bench") as session:
            import_csv(session, kind, path)
    return url


def add_protection_work(url: str, rng: random.Random) -> None:
    """Screenings, referrals, missing episodes and first guardians, in bulk (benchmark data)."""
    factory = make_session_factory(make_engine(url))
    with session_scope(factory, actor="bench") as session:
        if session.scalar(select(Screening.id).limit(1)) is not None:
            return  # added before
        kids = session.execute(select(Child.id, Child.identified_on)).all()
        guardians = list(session.scalars(select(Guardian.id)))
        screenings, referrals, missing, appointed = [], [], [], []
        for cid, seen in kids:
            at = datetime.combine(seen, clock(10), UTC) + timedelta(days=rng.randrange(0, 5))
            if rng.random() < 0.9:
                positive = [e for e in ELEMENTS if rng.random() < 0.12]
                screenings.append(
                    {
                        "child_id": cid,
                        "screened_at": at,
                        "positive_elements": positive,
                        "flagged": len(positive) >= 2,
                        "decision": rng.choice(["pending", "no_indication", "monitor", "refer"]),
                        "version": 1,
                    }
                )
            if rng.random() < 0.08:
                referrals.append(
                    {
                        "child_id": cid,
                        "recipient_kind": rng.choice(
                            ["nrm", "police", "shelter", "health", "legal_aid", "asylum"]
                        ),
                        "sent_on": seen + timedelta(days=7),
                        "status_on": seen + timedelta(days=9),
                        "status": rng.choice(["sent", "acknowledged", "accepted", "declined"]),
                        "version": 1,
                    }
                )
            if rng.random() < 0.06:
                back = at + timedelta(days=rng.randrange(1, 20)) if rng.random() < 0.6 else None
                missing.append(
                    {
                        "child_id": cid,
                        "missing_since": at + timedelta(days=20),
                        "returned_at": back and back + timedelta(days=20),
                        "version": 1,
                    }
                )
            if rng.random() < 0.8:
                appointed.append(
                    {
                        "child_id": cid,
                        "role": AssignmentRole.GUARDIAN,
                        "guardian_id": rng.choice(guardians),
                        "starts_on": seen + timedelta(days=rng.randrange(3, 40)),
                        "ends_on": seen + timedelta(days=400),
                        "override_reason": "benchmark data",
                        "version": 1,
                    }
                )
        for model, rows in ((Screening, screenings), (Referral, referrals),
                            (MissingEpisode, missing), (Assignment, appointed)):  # fmt: skip
            for start in range(0, len(rows), 20_000):
                session.execute(insert(model), rows[start : start + 20_000])
        print(f"{'added':<46}{len(screenings):,} screenings, {len(referrals):,} referrals, "
              f"{len(missing):,} missing episodes, {len(appointed):,} guardians")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", help="a SQLite file made by bench/scale.py or this bench")
    parser.add_argument("--children", type=int, default=20_000, help="when building")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    if args.db:
        url = f"sqlite:///{args.db}"
        prepare_database(url)
    else:
        start = time.perf_counter()
        folder = Path(tempfile.mkdtemp(prefix="gd-bench-fig-"))
        url = build(args.children, folder)
        print(f"{'build the office':<46}{time.perf_counter() - start:>9.1f} s  ({folder})")
    add_protection_work(url, random.Random(args.seed))
    factory = make_session_factory(make_engine(url))
    with session_scope(factory, actor="bench", writes=False) as session:
        first, last = (
            session.execute(
                select(Child.identified_on).order_by(Child.identified_on).limit(1)
            ).scalar(),
            TODAY,
        )
        assert first is not None
        period = (max(first, date(TODAY.year - 1, TODAY.month, 1)), last)
        dashboard, report = [], []
        for _run in range(args.runs):
            t0 = time.perf_counter()
            figures = coordinator_figures(session, *period, today=TODAY)
            figure_tables(figures)
            t1 = time.perf_counter()
            coordinator_report_pdf(session, *period, figures=figures)
            figures_csv(figures)
            t2 = time.perf_counter()
            dashboard.append(t1 - t0)
            report.append(t2 - t1)
    print(f"period {period[0]} – {period[1]}: {figures.children_identified:,} children identified, "
          f"{figures.screenings:,} screenings, {figures.referrals:,} referrals")  # fmt: skip
    for label, times in (("dashboard (figures + tables), median", dashboard),
                         ("report (PDF with charts + CSV), median", report)):  # fmt: skip
        print(f"{label:<46}{statistics.median(times):>9.3f} s   target < {TARGET:.0f} s")
    whole = statistics.median(d + r for d, r in zip(dashboard, report, strict=True))
    print(f"{'dashboard and report together, median':<46}{whole:>9.3f} s   target < {TARGET:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
