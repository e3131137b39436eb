"""Scheduling benchmark: plan four weeks of visits for every active guardian appointment.

    .venv/bin/python bench/scale.py --out /tmp/bench-s          # the 20,000 / 4,000 / 2,000 office
    .venv/bin/python bench/scheduling.py --db /tmp/bench-s/scale.sqlite3

Works on a copy of the file (upgraded to this schema), never on the file given. The scale
data has no mediator appointments, so a share of the children under guardianship (30 % by
default) first gets one, in bulk, from the mediators who speak one of their languages: the
plan then has to fit guardian, mediator and facility together for those children.
Prints the time to plan, how many visits were proposed, and the time to save them.
Not a pass/fail test: the target is under 15 s for the plan (docs/scheduling.md).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import insert, select

from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
from guardian_desk.db.migrate import prepare_database
from guardian_desk.db.models import (
    Assignment,
    Child,
    ChildLanguage,
    MediatorLanguage,
)
from guardian_desk.domain.enums import AssignmentRole, ChildStatus
from guardian_desk.scheduling import apply_plan, plan


def add_mediators(factory, share: float, rng: random.Random) -> int:  # type: ignore[no-untyped-def]
    """Mediator appointments for ``share`` of the children under guardianship (bench data)."""
    with session_scope(factory, actor="bench") as session:
        guarded = session.execute(
            select(Assignment.child_id, Assignment.starts_on)
            .join(Child, Child.id == Assignment.child_id)
            .where(
                Assignment.role == AssignmentRole.GUARDIAN,
                Assignment.ends_on.is_(None),
                Child.status == ChildStatus.UNDER_GUARDIANSHIP,
            )
        ).all()
        speakers: dict[str, list[int]] = defaultdict(list)
        for mid, code in session.execute(
            select(MediatorLanguage.mediator_id, MediatorLanguage.code)
        ):
            speakers[code].append(mid)
        spoken: dict[int, list[str]] = defaultdict(list)
        for cid, code in session.execute(select(ChildLanguage.child_id, ChildLanguage.code)):
            spoken[cid].append(code)
        rows = []
        for cid, starts_on in rng.sample(guarded, int(len(guarded) * share)):
            pool = [mid for code in spoken.get(cid, []) for mid in speakers.get(code, [])]
            if pool:
                rows.append(
                    {
                        "child_id": cid,
                        "role": AssignmentRole.MEDIATOR,
                        "mediator_id": rng.choice(pool),
                        "starts_on": starts_on,
                        "version": 1,
                    }
                )
        if rows:
            session.execute(insert(Assignment), rows)
        return len(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True, type=Path, help="a file made by bench/scale.py")
    parser.add_argument("--from", dest="start", type=date.fromisoformat, default=date(2026, 11, 16))
    parser.add_argument("--weeks", type=int, default=4)
    parser.add_argument("--mediated", type=float, default=0.3, help="share given a mediator")
    parser.add_argument("--runs", type=int, default=3, help="plan this many times")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="gd-bench-sched-"))
    copy = folder / "scale.sqlite3"
    shutil.copyfile(args.db, copy)
    url = f"sqlite:///{copy}"
    prepare_database(url)
    engine = make_engine(url)
    factory = make_session_factory(engine)
    mediated = add_mediators(factory, args.mediated, random.Random(7))
    print(f"copy in {copy}; {mediated:,} children given a mediator appointment")
    timings = []
    for _ in range(args.runs):
        with session_scope(factory, actor="bench") as session:
            started = time.perf_counter()
            made = plan(session, args.start, args.weeks)
            timings.append(time.perf_counter() - started)
            session.rollback()
    last = args.start + timedelta(days=7 * args.weeks - 1)
    with_mediator = sum(1 for p in made.proposals if p.mediator_id is not None)
    print(f"plan {args.start} to {last} ({args.weeks} weeks)")
    print(f"{'plan, best of ' + str(args.runs):<44}{min(timings):>9.2f} s")
    print(f"{'plan, first run':<44}{timings[0]:>9.2f} s")
    print(f"{'visits proposed':<44}{len(made.proposals):>9,}")
    print(f"{'  of them with a mediator':<44}{with_mediator:>9,}")
    print(f"{'children with no slot (reason given)':<44}{len(made.unplaced):>9,}")
    print(f"{'appointments with no visit due':<44}{made.not_due:>9,}")
    with session_scope(factory, actor="bench") as session:
        started = time.perf_counter()
        saved = apply_plan(session, made.proposals)
        took = time.perf_counter() - started
        print(f"{'apply_plan (check again, insert, audit)':<44}{took:>9.2f} s")
        print(f"{'visits saved':<44}{len(saved.visit_ids):>9,}")
    engine.dispose()
    shutil.rmtree(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
