"""A registry asked of the database a page at a time keeps and orders exactly the records the
whole listing filtered in memory would, on SQLite and on PostgreSQL (issue 16)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from guardian_desk.db.engine import read_without_snapshot, session_scope
from guardian_desk.db.models import Assignment, Visit
from guardian_desk.demo import DemoSizes, load_demo
from guardian_desk.domain.enums import AssignmentRole
from guardian_desk.domain.listings import Listing, filter_rows
from guardian_desk.services.listing import list_columns, listing
from guardian_desk.services.registry_pages import (
    RegistryQuery,
    narrowed,
    registry_choices,
    registry_order,
    registry_rows,
)
from tests.db.conftest import (  # noqa: F401 (fixtures)
    backend,
    db,
    pg_db,
    pg_server,
    pg_template,
    pg_url,
    sqlite_db,
    sqlite_template,
)
from tests.db.data import sessions
from tests.signed_in import set_up_test_office

TODAY = date(2026, 11, 27)


@pytest.fixture
def office(db: str) -> Iterator[Session]:  # noqa: F811
    """A demo office with a visit for each child under guardianship, on each backend."""
    with sessions(db) as factory:
        set_up_test_office(factory)
        with session_scope(factory, writes=True) as s:
            load_demo(s, DemoSizes(children=70, guardians=14, mediators=6, facilities=4))
            placed = s.execute(
                select(Assignment.child_id, Assignment.guardian_id).where(
                    Assignment.role == AssignmentRole.GUARDIAN
                )
            ).all()
            start = datetime(2026, 11, 2, 9, tzinfo=UTC)
            for n, (child_id, guardian_id) in enumerate(placed):
                at = start + timedelta(days=n % 40, hours=n % 7)
                s.add(
                    Visit(
                        child_id=child_id,
                        guardian_id=guardian_id,
                        starts_at=at,
                        ends_at=at + timedelta(hours=1),
                        place=f"Zyra e Tiranes {n}",
                    )
                )
        with session_scope(factory, actor="officer") as s:
            yield s


def _kept(whole: Listing, query: RegistryQuery) -> list[int]:
    mask = filter_rows(
        whole,
        query.text,
        status=query.status,
        sex=query.sex,
        facility=query.facility,
        language=query.language,
    )
    return [row_id for row_id, keep in zip(whole.ids, mask, strict=True) if keep]


QUERIES: list[dict[str, Any]] = [
    {},
    {"text": "a"},
    {"text": "ah m"},
    {"text": "zzzz-nobody"},
    {"status": frozenset({"under_guardianship"})},
    {"status": frozenset({"awaiting_guardian", "identified"}), "sex": "male"},
    {"sex": "female", "text": "e"},
    {"status": frozenset()},
]


@pytest.mark.parametrize("kind", ["children", "guardians", "mediators", "facilities", "visits"])
def test_the_database_keeps_what_the_listing_filter_keeps(office: Session, kind: str) -> None:
    whole = listing(office, kind, today=TODAY)
    statuses = {f["status"] for f in whole.facets}
    choices = registry_choices(office, kind)
    extra: list[dict[str, Any]] = [{"status": frozenset({s})} for s in sorted(statuses)]
    extra += [{"language": code} for code in choices.languages[:4]]
    extra += [{"facility": fid} for fid, _ in choices.facilities]
    for asked in QUERIES + extra:
        query = RegistryQuery(kind, **asked)
        order = registry_order(office, query, today=TODAY)
        assert sorted(order.ids) == sorted(_kept(whole, query)), asked
        assert order.total == len(whole.ids)


def _is_ordered(keys: list[Any], descending: bool) -> bool:
    pairs = itertools.pairwise(keys)
    return all((b <= a) if descending else (a <= b) for a, b in pairs)


def _key(column: str, value: Any) -> Any:
    text = "" if value is None else str(value)
    if column in ("age", "caseload", "children"):
        digits = text.lstrip("~").split("/")[0].strip()
        return float(digits) if digits else float("inf")
    if column == "vetting":
        return text or "9999"  # no date last
    if column in ("name", "original", "facility", "guardian", "mediator", "place", "languages"):
        return text.casefold()
    return text


@pytest.mark.parametrize("kind", ["children", "guardians", "mediators", "facilities", "visits"])
def test_every_column_sorts_in_the_database_or_by_the_collation(office: Session, kind: str) -> None:
    whole = listing(office, kind, today=TODAY)
    by_id = dict(zip(whole.ids, whole.rows, strict=True))
    for number, column in enumerate(list_columns(kind)):
        if column.key in ("hours", "languages", "when"):
            continue  # composed texts; "when" is checked as dates below
        for descending in (False, True):
            query = RegistryQuery(kind, text="", sort=column.key, descending=descending)
            order = registry_order(office, query, today=TODAY, collate=str.casefold)
            assert order.values is None
            keys = [_key(column.key, by_id[i][number]) for i in order.ids]
            if column.key == "age" and descending:
                keys = [k for k in keys if k != float("inf")]  # unknown ages last either way
            if column.key == "vetting" and descending:
                keys = [k for k in keys if k != "9999"]
            assert _is_ordered(keys, descending), (column.key, descending)
            assert sorted(order.ids) == sorted(whole.ids)


def test_without_a_collation_the_names_come_back_to_be_sorted(office: Session) -> None:
    order = registry_order(office, RegistryQuery("children", sort="name"), today=TODAY)
    whole = listing(office, "children", today=TODAY)
    names = dict(zip(whole.ids, (row[1] for row in whole.rows), strict=True))
    assert order.values is not None
    assert order.values == [names[i] for i in order.ids]


def test_the_first_page_comes_with_the_order_without_the_rows_already_held(
    office: Session,
) -> None:
    query = RegistryQuery("children", sort="case_number", descending=True)
    order = registry_order(office, query, today=TODAY, first=10, known=set())
    assert order.rows is not None and order.rows.ids == order.ids[:10]
    again = registry_order(office, query, today=TODAY, first=10, known=set(order.ids[:7]))
    assert again.rows is not None and again.rows.ids == order.ids[7:10]
    page = registry_rows(office, "children", order.ids[20:25], today=TODAY)
    whole = listing(office, "children", ids=order.ids[20:25], today=TODAY)
    assert page.ids == order.ids[20:25]
    assert sorted(page.rows) == sorted(whole.rows)


def test_the_visits_search_finds_case_numbers_guardians_and_places(office: Session) -> None:
    whole = listing(office, "visits", today=TODAY)
    assert whole.ids, "the office has visits"
    case_number = whole.rows[0][1]
    for text in (case_number, whole.rows[0][2].split()[0], "tirane"):
        query = RegistryQuery("visits", text=text)
        found = registry_order(office, query, today=TODAY).ids
        assert sorted(found) == sorted(_kept(whole, query)) and found, text


def _office_on(url: str) -> Iterator[Session]:
    with sessions(url) as factory:
        set_up_test_office(factory)
        with session_scope(factory, writes=True) as s:
            load_demo(s, DemoSizes(children=70, guardians=14, mediators=6, facilities=4))
        with session_scope(factory, actor="officer") as s:
            yield s


@pytest.mark.postgres
def test_both_backends_keep_and_order_the_same_records(sqlite_db: str, pg_db: str) -> None:  # noqa: F811
    """The same office on SQLite and on PostgreSQL: searches by the first letters of names
    in Latin and in the children's own scripts, digits, and a sort on every column give the
    same ids in the same order (the scripts' folding itself: test_search_scripts)."""
    lite_rows = _office_on(sqlite_db)
    server_rows = _office_on(pg_db)
    lite, server = next(lite_rows), next(server_rows)
    names = listing(lite, "children", today=TODAY)
    words = {w for row in names.rows for w in (row[1].split()[:1] + row[2].split()[:1]) if w}
    queries = [RegistryQuery("children", text=w[:3]) for w in sorted(words)[:25]]
    queries += [RegistryQuery("children", text="00", sort="age", descending=True)]
    for kind in ("children", "guardians", "mediators", "facilities"):
        for column in list_columns(kind):
            queries.append(RegistryQuery(kind, text="a", sort=column.key))
    assert len(queries) > 40
    for query in queries:
        one = registry_order(lite, query, today=TODAY, collate=str.casefold)
        other = registry_order(server, query, today=TODAY, collate=str.casefold)
        assert one.ids == other.ids, query
        assert one.total == other.total
    for generator in (lite_rows, server_rows):
        generator.close()


def test_a_search_takes_the_count_the_window_already_has(office: Session) -> None:
    counted = registry_order(office, RegistryQuery("children", text="a"), today=TODAY)
    whole = registry_order(office, RegistryQuery("children"), today=TODAY)
    assert counted.total == whole.total == len(whole.ids)
    kept = registry_order(office, RegistryQuery("children", text="a"), today=TODAY, total=999)
    assert kept.total == 999 and kept.ids == counted.ids  # no count asked again
    plain = registry_order(office, RegistryQuery("children"), today=TODAY, total=999)
    assert plain.total == len(whole.ids)  # the whole list counts itself


def test_the_windows_reads_go_without_a_transaction_on_a_server_only(db: str) -> None:  # noqa: F811
    """A PostgreSQL read for the registry window spares BEGIN and COMMIT (two round trips);
    the connection it used is back to transactions for the next unit of work."""
    with sessions(db) as factory:
        set_up_test_office(factory)
        with session_scope(factory, actor="officer") as s:
            read_without_snapshot(s)
            level = _autocommit(s)
            assert registry_order(s, RegistryQuery("children", "a")).ids == []
        with session_scope(factory, actor="officer") as s:
            after = _autocommit(s)
    assert level is db.startswith("postgresql")
    assert after is False


def _autocommit(session: Session) -> bool:
    driver = session.connection().connection.dbapi_connection
    return bool(getattr(driver, "autocommit", False))


@pytest.mark.parametrize("kind", ["children", "guardians", "facilities"])
def test_a_longer_search_is_answered_from_the_shorter_ones_texts(
    office: Session, kind: str
) -> None:
    """Typing on narrows what the database kept, with its rule: the same records in the same
    order as asking the database again, for every name typed letter by letter."""
    whole = listing(office, kind, today=TODAY)
    names = sorted({row[1] for row in whole.rows})[:12]
    typed_all = 0
    for name in names:
        for sort in (None, "name"):
            before = RegistryQuery(kind, name[:2], sort=sort)
            order = registry_order(office, before, today=TODAY, collate=str.casefold)
            if order.texts is None:
                continue
            ids, texts = order.ids, order.texts
            for end in range(3, len(name) + 1):
                after = RegistryQuery(kind, name[:end], sort=sort)
                found = narrowed(before, ids, texts, after)
                assert found is not None
                asked = registry_order(office, after, today=TODAY, collate=str.casefold)
                assert found[0] == asked.ids, (name[:end], sort)
                before, (ids, texts) = after, found
                typed_all += 1
    assert typed_all > 20


def test_the_database_is_asked_again_when_the_search_is_not_narrower(office: Session) -> None:
    before = RegistryQuery("children", "ah")
    order = registry_order(office, before, today=TODAY)
    assert order.texts is not None and len(order.texts) == len(order.ids)
    for after in (
        RegistryQuery("children", "a"),  # shorter: keeps more
        RegistryQuery("children", "ma"),  # another word
        RegistryQuery("children", "ahm", sex="male"),  # another filter
        RegistryQuery("children", "ahm", sort="age"),  # another order
        RegistryQuery("guardians", "ahm"),
    ):
        assert narrowed(before, order.ids, order.texts, after) is None, after
    nothing = RegistryQuery("children", "ahm zzqq")
    assert narrowed(before, order.ids, order.texts, nothing) == ([], [])
    one_letter = registry_order(office, RegistryQuery("children", "a"), today=TODAY)
    assert one_letter.texts is None  # most records: not sent


def test_wildcards_and_markup_in_a_search_are_plain_text(office: Session) -> None:
    """%, _ and \\ match themselves, not anything (LIKE's wildcards are escaped); < is a
    character like any other; nothing is written."""
    whole = listing(office, "children", today=TODAY)
    for text in ("%", "_", "\\", "a%", "<script>", "a_b", "'; DROP TABLE children; --"):
        query = RegistryQuery("children", text)
        order = registry_order(office, query, today=TODAY)
        assert order.ids == _kept(whole, query) == [], text
        assert order.total == len(whole.ids)
    assert registry_order(office, RegistryQuery("children"), today=TODAY).total == len(whole.ids)


def test_a_page_of_records_deleted_meanwhile_is_read_without_them(office: Session) -> None:
    """A stale page (another officer removed records since the order was read): the rows
    that still exist, in the order asked; no error."""
    order = registry_order(office, RegistryQuery("children"), today=TODAY)
    asked = [order.ids[3], 999_999, order.ids[1], -1]
    page = registry_rows(office, "children", asked, today=TODAY)
    assert page.ids == [order.ids[3], order.ids[1]]
