"""Round trips per screen: a screen's queries do not grow with its rows (issue 16).

On a PostgreSQL server across an office network every query costs a round trip (5 ms and
more); a registry or week view that asked once per row would take seconds at 20,000
children. Each screen's core call is run on a small office and on one four times larger:
the number of statements must be the same.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
from guardian_desk.db.migrate import prepare_database
from guardian_desk.db.models import Assignment, Visit
from guardian_desk.demo import DemoSizes, load_demo
from guardian_desk.domain.enums import VisitPurpose
from guardian_desk.domain.listings import PAGE_ROWS
from guardian_desk.matching.confirm import suggest_for_child
from guardian_desk.services.home import home_summary
from guardian_desk.services.listing import listing
from guardian_desk.services.registry_pages import RegistryQuery, registry_order, registry_rows
from tests.core.screens import busiest_week, waiting_child
from ui import core_calls
from ui.scheduling.calls import Week, week

TODAY = date(2026, 11, 27)

SCREENS: dict[str, Callable[[Session], Any]] = {
    "children registry": lambda s: listing(s, "children", today=TODAY),
    "guardians registry": lambda s: listing(s, "guardians", today=TODAY),
    "mediators registry": lambda s: listing(s, "mediators", today=TODAY),
    "facilities registry": lambda s: listing(s, "facilities", today=TODAY),
    "visits registry": lambda s: listing(s, "visits", today=TODAY),
    **{
        f"{kind} registry window, searched and sorted by {sort}": (
            lambda s, kind=kind, sort=sort: registry_order(
                s,
                RegistryQuery(kind, "a", sort=sort),
                today=TODAY,
                first=PAGE_ROWS,
                collate=str.casefold,
            )
        )
        for kind, sort in [
            ("children", "name"),
            ("children", "age"),
            ("children", "languages"),
            ("guardians", "caseload"),
            ("mediators", "name"),
            ("facilities", "hours"),
            ("visits", "when"),
        ]
    },
    "children registry window, a page scrolled to": lambda s: registry_rows(
        s, "children", list(range(5, 25)), today=TODAY
    ),
    "home page": lambda s: home_summary(s, today=TODAY),
    "week view (the busiest guardian's busiest week)": lambda s: _busiest_week(s),
    "matching panel (a waiting child)": lambda s: suggest_for_child(s, waiting_child(s)),
    "the window's first look at the office": lambda s: core_calls.overview(s, None),
}


def _visits(session: Session) -> None:
    """A visit this week for every child with a guardian (the demo plans none)."""
    appointed = session.execute(
        select(Assignment.child_id, Assignment.guardian_id)
        .where(Assignment.guardian_id.is_not(None), Assignment.ends_on.is_(None))
        .order_by(Assignment.child_id)
    ).all()
    for n, (child_id, guardian_id) in enumerate(appointed):
        starts = datetime(2026, 11, 23 + n % 5, 8 + n % 8, tzinfo=UTC)
        session.add(
            Visit(
                child_id=child_id,
                guardian_id=guardian_id,
                place="Office",
                purpose=VisitPurpose.VISIT,
                starts_at=starts,
                ends_at=starts + timedelta(hours=1),
            )
        )
    session.flush()


def _busiest_week(session: Session) -> Week:
    guardian, monday = busiest_week(session)
    return week(session, "guardian", guardian, monday, TODAY)


def _statements(tmp_path: Path, name: str, sizes: DemoSizes) -> dict[str, int]:
    url = f"sqlite:///{tmp_path / name}"
    prepare_database(url)
    engine = make_engine(url)
    try:
        factory = make_session_factory(engine)
        with session_scope(factory, writes=True) as session:
            load_demo(session, sizes, today=TODAY)
            _visits(session)
        counts: dict[str, int] = {}
        for screen, call in SCREENS.items():
            seen: list[str] = []

            def count(*args: object, seen: list[str] = seen) -> None:
                seen.append(str(args[2]))

            with session_scope(factory) as session:
                event.listen(engine, "before_cursor_execute", count)
                try:
                    call(session)
                finally:
                    event.remove(engine, "before_cursor_execute", count)
            counts[screen] = len(seen)
        return counts
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def counted(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, int], dict[str, int]]:
    folder = tmp_path_factory.mktemp("round-trips")
    small = _statements(folder, "small.sqlite3", DemoSizes(20, 6, 4, 2))
    large = _statements(folder, "large.sqlite3", DemoSizes(80, 24, 16, 8))
    return small, large


@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_a_screen_asks_as_often_for_four_times_the_rows(
    counted: tuple[dict[str, int], dict[str, int]], screen: str
) -> None:
    small, large = counted
    assert large[screen] == small[screen], (screen, small[screen], large[screen])
    assert small[screen] <= 20


def test_the_windows_first_look_asks_twice(
    counted: tuple[dict[str, int], dict[str, int]],
) -> None:
    """Before the sidebar answers: SQLite's BEGIN, the settings, and one question whether any
    record exists (up to four such questions and the settings twice before: 5 ms each on a
    server 5 ms away)."""
    small, _large = counted
    assert small["the window's first look at the office"] == 3
