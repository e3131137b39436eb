"""Calendar benchmark: every guardian's, mediator's and facility's .ics of a 200,000-visit office.

    .venv/bin/python bench/scale.py --out /tmp/bench              # makes scale.sqlite3
    .venv/bin/python bench/calendars.py --db /tmp/bench/scale.sqlite3
    .venv/bin/python bench/calendars.py --db ... --shared          # mediators and facilities too

The database is copied and the copy upgraded; the original is left as it is. ``--shared``
gives the copy's visits the child's facility and every third one a mediator, so that a visit
is in up to three files (bench/scale.py makes guardians' visits only). Prints the time of
reading, of the whole export (wall clock and CPU), and icalendar's own object model on a
sample for comparison. Not a pass/fail test: the target is under 10 s (docs/performance.md).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import icalendar
from sqlalchemy import text

from guardian_desk.calendars import (
    CalendarVisit,
    calendar_visits,
    export_all_calendars,
    export_options,
    summary,
)
from guardian_desk.calendars.events import description, location
from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
from guardian_desk.db.migrate import prepare_database

NOW = datetime(2026, 11, 29, 12, tzinfo=UTC)


def _share(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE visits SET facility_id = (SELECT facility_id FROM children "
                "WHERE children.id = visits.child_id)"
            )
        )
        connection.execute(
            text(
                "UPDATE visits SET mediator_id = 1 + (id % (SELECT count(*) FROM mediators)) "
                "WHERE id % 3 = 0"
            )
        )
    engine.dispose()


def _icalendar_seconds(visits: list[CalendarVisit], zone: str) -> float:
    """icalendar's Event objects for the same visits (the road not taken)."""
    from zoneinfo import ZoneInfo

    tz = ZoneInfo(zone)
    start = time.perf_counter()
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Guardian Desk bench//EN")
    calendar.add("version", "2.0")
    for v in visits:
        event = icalendar.Event()
        event.add("uid", f"visit-{v.visit_id}@bench")
        event.add("dtstamp", NOW)
        event.add("last-modified", v.updated_at)
        event.add("sequence", v.sequence)
        event.add("dtstart", v.starts_at.astimezone(tz))
        event.add("dtend", v.ends_at.astimezone(tz))
        event.add("summary", summary(v))
        event.add("description", description(v))
        event.add("location", location(v.facility, v.place))
        event.add("status", "CONFIRMED")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    calendar.to_ical()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True, help="a SQLite file made by bench/scale.py")
    parser.add_argument("--shared", action="store_true", help="visits with mediators, facilities")
    parser.add_argument("--alarm", type=int, default=30, help="reminder minutes (default 30)")
    parser.add_argument("--sample", type=int, default=10_000, help="icalendar sample (0: skip)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-calendars-"))
    try:
        copy = work / "scale.sqlite3"
        shutil.copyfile(args.db, copy)
        url = f"sqlite:///{copy}"
        prepare_database(url)
        if args.shared:
            _share(url)
        factory = make_session_factory(make_engine(url))
        with session_scope(factory, actor="bench") as session:
            start = time.perf_counter()
            visits = calendar_visits(session)
            read = time.perf_counter() - start
            zone = export_options(session).time_zone
        with session_scope(factory, actor="bench") as session:
            wall, cpu = time.perf_counter(), time.process_time()
            done = export_all_calendars(
                session, work / "out", alarm_minutes=args.alarm, now=NOW - timedelta(days=400)
            )
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        files = list((work / "out").rglob("*.ics"))
        size = sum(p.stat().st_size for p in files)
        largest = max(files, key=lambda p: p.stat().st_size)
        events = icalendar.Calendar.from_ical(largest.read_bytes()).walk("VEVENT")
        print(
            f"{done.visits:,} visits into {done.files:,} files, {size / 2**20:,.0f} MiB "
            f"({'with' if args.shared else 'without'} mediators and facilities)"
        )
        print(f"the largest, {largest.name}, reads back as {len(events)} events")
        print(f"{'read the visits (calendar_visits)':<44}{read:>9.2f} s")
        print(f"{'export_all_calendars, wall clock':<44}{wall:>9.2f} s")
        print(f"{'export_all_calendars, CPU':<44}{cpu:>9.2f} s")
        if args.sample:
            sample = visits[: args.sample]
            seconds = _icalendar_seconds(sample, zone)
            print(
                f"{f'icalendar objects, {len(sample):,} events':<44}{seconds:>9.2f} s "
                f"(~{seconds * len(visits) / max(len(sample), 1):,.0f} s for all)"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
