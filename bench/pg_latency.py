"""Each screen's core call on SQLite, on PostgreSQL, and on PostgreSQL 5 ms away (issue 16).

    .venv/bin/python bench/scale.py --out /tmp/bench-m      # once: CSV files and the SQLite file
    .venv/bin/python bench/pg_latency.py --data /tmp/bench-m

Starts a throwaway PostgreSQL server (tests/pgserver.py; root runs it as ``postgres``),
imports the same CSV files and the same 200,000 visits as bench/scale.py, and times what
each screen asks the core for: on the SQLite file, on PostgreSQL through its socket, and on
PostgreSQL through a proxy that holds every chunk 2.5 ms each way (5 ms per round trip; a
proxy, not tc netem: the machine's loopback is shared and netem needs NET_ADMIN). Each
figure is the median of three runs, with the statements each call sends: on a network each
is a round trip. "Before" rows are what the registry read first before issue 16 (the whole
listing). Figures, not pass/fail: the machine is noisy.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine, event, insert, select  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from bench.scale import TODAY  # noqa: E402
from guardian_desk.db.engine import (  # noqa: E402
    make_engine,
    make_session_factory,
    read_without_snapshot,
    session_scope,
)
from guardian_desk.db.migrate import prepare_database  # noqa: E402
from guardian_desk.db.models import Assignment, Child, Guardian, Visit  # noqa: E402
from guardian_desk.domain.enums import AssignmentRole  # noqa: E402
from guardian_desk.domain.listings import PAGE_ROWS  # noqa: E402
from guardian_desk.exchange import KINDS, import_csv  # noqa: E402
from guardian_desk.matching.confirm import suggest_for_child  # noqa: E402
from guardian_desk.services.early_warning import warning_counts  # noqa: E402
from guardian_desk.services.home import home_summary  # noqa: E402
from guardian_desk.services.listing import listing  # noqa: E402
from guardian_desk.services.registry_pages import (  # noqa: E402
    RegistryQuery,
    registry_order,
    registry_rows,
)
from guardian_desk.services.search import search_ids  # noqa: E402
from tests.core.screens import busiest_week, waiting_child  # noqa: E402
from tests.pgserver import PORT, PgServer, find_bindir  # noqa: E402
from ui.scheduling.calls import week  # noqa: E402

ONE_WAY = 0.0025  # seconds each chunk is held, each way: 5 ms per round trip


class LatencyProxy:
    """TCP on 127.0.0.1 to the server's unix socket; every chunk is delivered ``delay``
    seconds after it arrived, in order (latency, not a bandwidth limit)."""

    def __init__(self, socket_path: str, delay: float) -> None:
        self.socket_path, self.delay = socket_path, delay
        self.loop = asyncio.new_event_loop()
        self.port = 0
        ready = threading.Event()
        threading.Thread(target=self._serve, args=(ready,), daemon=True).start()
        ready.wait(10)

    def _serve(self, ready: threading.Event) -> None:
        asyncio.set_event_loop(self.loop)

        async def start() -> None:
            server = await asyncio.start_server(self._client, "127.0.0.1", 0)
            self.port = server.sockets[0].getsockname()[1]
            ready.set()

        self.loop.run_until_complete(start())
        self.loop.run_forever()

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_unix_connection(self.socket_path)
        await asyncio.gather(self._pipe(reader, up_writer), self._pipe(up_reader, writer))

    async def _pipe(self, source: asyncio.StreamReader, target: asyncio.StreamWriter) -> None:
        queue: asyncio.Queue[tuple[float, bytes | None]] = asyncio.Queue()

        async def deliver() -> None:
            while True:
                due, data = await queue.get()
                if data is None:
                    target.close()
                    return
                wait = due - self.loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                target.write(data)
                await target.drain()

        sender = asyncio.create_task(deliver())
        try:
            while data := await source.read(65536):
                queue.put_nowait((self.loop.time() + self.delay, data))
        except ConnectionError:
            pass
        queue.put_nowait((0.0, None))
        await sender


def window(session: Session, query: RegistryQuery, total: int | None = None) -> Any:
    """What the registry window asks: the order, the count and the first page, as it reads
    them (without a transaction on a server)."""
    read_without_snapshot(session)
    return registry_order(session, query, today=TODAY, first=PAGE_ROWS, collate=str, total=total)


def screens(engine: Engine) -> dict[str, Callable[[Session], Any]]:
    with session_scope(make_session_factory(engine)) as session:
        guardian, monday = busiest_week(session)
        child = waiting_child(session)
    return {
        "children registry, before: whole listing": lambda s: listing(s, "children", today=TODAY),
        "children registry, now: order, count and first page": lambda s: window(
            s, RegistryQuery("children")
        ),
        "children registry sorted by name (collated here)": lambda s: window(
            s, RegistryQuery("children", sort="name")
        ),
        "children registry, a page scrolled to": lambda s: (
            read_without_snapshot(s),
            registry_rows(s, "children", list(range(10_001, 10_101)), today=TODAY),
        ),
        "guardians registry, now: order, count and first page": lambda s: window(
            s, RegistryQuery("guardians")
        ),
        "visits registry, before: whole (a window of dates)": lambda s: listing(
            s, "visits", today=TODAY
        ),
        "visits registry, now: order, count and first page": lambda s: window(
            s, RegistryQuery("visits")
        ),
        "home page: lists": lambda s: home_summary(s, today=TODAY, warnings=False),
        "home page: early warnings' counts": lambda s: warning_counts(s, today=TODAY),
        "week view: busiest guardian's busiest week": lambda s: week(
            s, "guardian", guardian, monday, TODAY
        ),
        "matching panel: a waiting child": lambda s: suggest_for_child(s, child),
        "search keystroke ('moh'), the core's search": lambda s: search_ids(s, "children", "moh"),
        "search keystroke ('moh'), the registry's order and first page": lambda s: registry_order(
            s, RegistryQuery("children", "moh"), today=TODAY, first=PAGE_ROWS
        ),
    }


def measure(
    engine: Engine, calls: dict[str, Callable[[Session], Any]]
) -> dict[str, tuple[float, int]]:
    factory = make_session_factory(engine)
    found: dict[str, tuple[float, int]] = {}
    for name, call in calls.items():
        times, statements = [], 0
        for _run in range(3):
            seen: list[object] = []

            def count(*args: object, seen: list[object] = seen) -> None:
                seen.append(args[2])

            event.listen(engine, "before_cursor_execute", count)
            try:
                with session_scope(factory) as session:
                    start = time.perf_counter()
                    call(session)
                    times.append(time.perf_counter() - start)
            finally:
                event.remove(engine, "before_cursor_execute", count)
            statements = len(seen)
        found[name] = (statistics.median(times), statements)
    return found


def load_postgres(server: PgServer, data: Path) -> str:
    name = server.create_database()
    url = server.url(name)
    prepare_database(url)
    engine = make_engine(url)
    factory = make_session_factory(engine)
    for kind in KINDS:
        start = time.perf_counter()
        with session_scope(factory, actor="bench") as session:
            import_csv(session, kind, data / f"{kind}.csv")
        print(f"  PostgreSQL: imported {kind} in {time.perf_counter() - start:.1f} s", flush=True)
    copy_casework(make_engine(f"sqlite:///{data / 'scale.sqlite3'}"), factory)
    engine.dispose()
    return name


def copy_casework(source: Engine, factory: Any) -> None:
    """The SQLite file's appointments and visits, the same rows on PostgreSQL (children by
    case number, guardians by code: the ids of the two imports need not match)."""
    start = time.perf_counter()
    with source.connect() as connection:
        appointed = connection.execute(
            select(Child.case_number, Guardian.code, Assignment.starts_on)
            .join(Child, Child.id == Assignment.child_id)
            .join(Guardian, Guardian.id == Assignment.guardian_id)
            .where(Assignment.role == AssignmentRole.GUARDIAN, Assignment.ends_on.is_(None))
        ).all()
        visits = connection.execute(
            select(Child.case_number, Guardian.code, Visit.starts_at, Visit.ends_at, Visit.status)
            .join(Child, Child.id == Visit.child_id)
            .join(Guardian, Guardian.id == Visit.guardian_id)
        ).all()
    source.dispose()
    with session_scope(factory, actor="bench") as session:
        child = {c: i for c, i in session.execute(select(Child.case_number, Child.id))}
        guardian = {c: i for c, i in session.execute(select(Guardian.code, Guardian.id))}
        session.execute(
            insert(Assignment),
            [
                {
                    "child_id": child[case],
                    "role": AssignmentRole.GUARDIAN,
                    "guardian_id": guardian[code],
                    "starts_on": starts_on,
                    "version": 1,
                }
                for case, code, starts_on in appointed
            ],
        )
        for at in range(0, len(visits), 20_000):
            session.execute(
                insert(Visit),
                [
                    {
                        "child_id": child[case],
                        "guardian_id": guardian[code],
                        "starts_at": starts_at,
                        "ends_at": ends_at,
                        "status": status,
                        "version": 1,
                    }
                    for case, code, starts_at, ends_at, status in visits[at : at + 20_000]
                ],
            )
    print(
        f"  PostgreSQL: copied {len(appointed):,} appointments and {len(visits):,} visits "
        f"in {time.perf_counter() - start:.1f} s",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, required=True, help="bench/scale.py's --out folder")
    parser.add_argument(
        "--gui", type=int, metavar="RUNS", default=0,
        help="also time the window itself (bench/startup.py) on both PostgreSQL links",
    )  # fmt: skip
    args = parser.parse_args()
    bindir = find_bindir()
    if bindir is None:
        print("PostgreSQL's server binaries are missing: apt-get install -y postgresql")
        return 1
    server = PgServer(bindir)
    server.start()
    try:
        name = load_postgres(server, args.data)
        # Just loaded: the planner has no statistics of the visits yet (autovacuum gathers
        # them a while later; CSV imports now ANALYZE themselves).
        fresh = make_engine(server.url(name))
        home = screens(fresh)["home page: lists"]
        start = time.perf_counter()
        with session_scope(make_session_factory(fresh)) as session:
            home(session)
        print(f"  home page's lists just after loading: {time.perf_counter() - start:.2f} s")
        with fresh.connect() as connection:
            connection.exec_driver_sql("ANALYZE")
            connection.commit()
        fresh.dispose()
        proxy = LatencyProxy(str(server.socket_dir / f".s.PGSQL.{PORT}"), ONE_WAY)
        engines = {
            "SQLite": make_engine(f"sqlite:///{args.data / 'scale.sqlite3'}"),
            "PostgreSQL": make_engine(server.url(name)),
            "PG +5 ms": make_engine(f"postgresql+psycopg://postgres@127.0.0.1:{proxy.port}/{name}"),
        }
        results = {label: measure(engine, screens(engine)) for label, engine in engines.items()}
        print()
        print(f"{'screen (median of 3; statements)':<46}" + "".join(f"{k:>18}" for k in engines))
        for screen in results["SQLite"]:
            cells = "".join(
                f"{results[k][screen][0] * 1000:>10.0f} ms ({results[k][screen][1]:>2})"
                for k in engines
            )
            print(f"{screen:<46}{cells}")
        for engine in engines.values():
            engine.dispose()
        if args.gui:
            for label, engine in list(engines.items())[1:]:
                print(f"\nThe window on {label} (bench/startup.py --runs {args.gui}):")
                sys.stdout.flush()
                url = engine.url.render_as_string(hide_password=False)
                subprocess.run(
                    [sys.executable, str(ROOT / "bench" / "startup.py"), "--db", url,
                     "--runs", str(args.gui)],
                    check=True,
                )  # fmt: skip
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
