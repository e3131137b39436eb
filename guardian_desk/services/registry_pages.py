"""A registry read a page at a time: which records a search and the filters keep, in which
order, and the rows of one page — asked of the database, so a window never holds the whole
listing (a national office has 20,000 children; a ministry many more).

The search is the core search's rule (every folded word in the record's folded text, with a
LIKE over the stored ``search_text``), so SQLite and PostgreSQL find the same records.
The filters are WHERE clauses; the count of every record of the kind comes with the order.

Ordering: the database orders every column it can compare the way the officer reads it
(case numbers and codes, dates, ages, statuses, caseloads). Names and other free text must
sort in the office language's collation (Ë after E in Albanian, Љ after Л in Serbian):
SQLite has no ICU collation, PostgreSQL's ICU would not give SQLite's order, and no
installable Python library offers CLDR-tailored collation keys without ICU's C library
(PyICU has no wheels; pyuca has no tailoring). For those columns the order comes back
with each kept record's value (``RegistryOrder.values``) for the window to sort with Qt's
collator — one narrow column of ids and texts, never the rows.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, exists, func, literal, or_, select
from sqlalchemy.orm import Session, aliased

from guardian_desk.db.models import (
    Assignment,
    Child,
    ChildLanguage,
    Facility,
    Guardian,
    GuardianLanguage,
    Mediator,
    MediatorLanguage,
    Visit,
)
from guardian_desk.domain.enums import AssignmentRole, ChildStatus, Sex, VisitStatus
from guardian_desk.domain.listings import Listing
from guardian_desk.domain.text import escape_like, fold
from guardian_desk.security.roles import Permission, requires
from guardian_desk.services.listing import BUILDERS, VISITS_SHOWN_DAYS, listing
from guardian_desk.services.settings import office_zone

NULLABLE = frozenset({"age", "vetting"})  # sorted columns a record may have no value in
NARROWABLE = 3_000  # a search keeping at most this many records returns their folded texts
NARROWABLE_KINDS = frozenset({"children", "guardians", "mediators", "facilities"})


@dataclass(frozen=True)
class RegistryQuery:
    """What the officer asked a registry for: the search, the filters, the sorted column."""

    kind: str
    text: str = ""
    status: frozenset[str] | None = None  # any of these (stored values: "missing", "active")
    sex: str | None = None
    facility: int | None = None
    language: str | None = None  # ISO 639-3
    sort: str | None = None  # a column key ("name"); None: the stored order
    descending: bool = False

    def filtered(self) -> bool:
        return bool(fold(self.text).split()) or any(
            v is not None for v in (self.status, self.sex, self.facility, self.language)
        )


@dataclass
class RegistryOrder:
    """The kept records' ids in order, how many records the kind has, the first page's rows.

    ``values``: when the sorted column is free text (names), each kept record's text in
    ``ids`` order, for the caller to sort in the office's collation; ids are then in stored
    order."""

    ids: list[int]
    total: int
    values: list[Any] | None = None
    rows: Listing | None = None
    # The kept records' folded texts, in ``ids`` order, when a longer search can be answered
    # from them (``narrowed``).
    texts: list[str] | None = None


@dataclass
class RegistryChoices:
    """What the filters offer: the languages and facilities the records have."""

    languages: list[str] = field(default_factory=list)
    facilities: list[tuple[int, str]] = field(default_factory=list)


# --- the kinds' tables, joins, filters and sort expressions ------------------------------------

_current_guardian = aliased(Assignment)
_guardian_of_child = aliased(Guardian)


def _child_guardian(statement: Select[Any]) -> Select[Any]:
    return statement.outerjoin(
        _current_guardian,
        and_(
            _current_guardian.child_id == Child.id,
            _current_guardian.role == AssignmentRole.GUARDIAN,
            _current_guardian.ends_on.is_(None),
        ),
    ).outerjoin(_guardian_of_child, _guardian_of_child.id == _current_guardian.guardian_id)


def _name(model: Any) -> ColumnElement[str]:
    return func.trim(model.given_name + literal(" ") + model.family_name)


def _staff_state(model: Any, today: date) -> ColumnElement[str]:
    return case(
        (model.active.is_(False), literal("suspended")),
        (
            and_(model.vetting_expires_on.is_not(None), model.vetting_expires_on < today),
            literal("vetting expired"),
        ),
        else_=literal("active"),
    )


def _staff_load(kind: str) -> ColumnElement[int]:
    model: Any = Guardian if kind == "guardians" else Mediator
    column = Assignment.guardian_id if kind == "guardians" else Assignment.mediator_id
    return (
        select(func.count())
        .where(column == model.id, Assignment.ends_on.is_(None))
        .scalar_subquery()
    )


def _model(kind: str) -> Any:
    return {
        "children": Child,
        "guardians": Guardian,
        "mediators": Mediator,
        "facilities": Facility,
        "visits": Visit,
    }[kind]


def _base(kind: str, today: date, zone: Any) -> Select[Any]:
    """Every record the registry lists, before the search and filters."""
    statement = select(_model(kind).id)
    if kind == "visits":  # the recent past and everything planned: older ones are history
        since = datetime.combine(today - timedelta(days=VISITS_SHOWN_DAYS), time(), zone)
        statement = statement.where(Visit.starts_at >= since, Visit.guardian_id.is_not(None))
    return statement


def _joined(kind: str, statement: Select[Any], needs: set[str]) -> Select[Any]:
    """The joins a search, filter or sort needs (none for the plain list)."""
    if kind == "children":
        if "guardian" in needs:
            statement = _child_guardian(statement)
        if "facility" in needs:
            statement = statement.outerjoin(Facility, Facility.id == Child.facility_id)
    elif kind == "visits":
        if needs & {"child", "search"}:
            statement = statement.join(Child, Child.id == Visit.child_id)
        if needs & {"guardian", "search"}:
            statement = statement.join(Guardian, Guardian.id == Visit.guardian_id)
        if needs & {"mediator", "search"}:
            statement = statement.outerjoin(Mediator, Mediator.id == Visit.mediator_id)
        if needs & {"place", "search"}:
            statement = statement.outerjoin(Facility, Facility.id == Visit.facility_id)
    return statement


def _word_found(kind: str, pattern: str) -> Any:
    """Where one folded search word (a LIKE pattern) may be found in a record's row."""

    def like(text: Any) -> Any:
        return text.like(pattern, escape="\\")

    if kind == "children":  # the child's text, or the current guardian's (found once)
        return or_(
            like(Child.search_text),
            Child.id.in_(
                select(Assignment.child_id).where(
                    Assignment.role == AssignmentRole.GUARDIAN,
                    Assignment.ends_on.is_(None),
                    Assignment.guardian_id.in_(
                        select(Guardian.id).where(like(Guardian.search_text))
                    ),
                )
            ),
        )
    if kind == "visits":
        return or_(
            like(func.lower(Child.case_number)),
            like(Guardian.search_text),
            like(func.coalesce(Mediator.search_text, literal(""))),
            like(func.coalesce(Facility.search_text, func.lower(Visit.place))),
        )
    return like(_model(kind).search_text)


def _status_column(kind: str, today: date) -> Any:
    if kind == "children":
        return Child.status
    if kind == "visits":
        return Visit.status
    if kind == "facilities":
        return case((Facility.active.is_(True), literal("open")), else_=literal("closed"))
    return _staff_state(_model(kind), today)


def _status_values(kind: str, wanted: Collection[str]) -> list[Any]:
    """The stored values of the statuses asked for (one a kind does not have keeps nothing)."""
    kinds: Any = {"children": ChildStatus, "visits": VisitStatus}.get(kind)
    if kinds is None:
        return list(wanted)
    known = {s.value: s for s in kinds}
    return [known[v] for v in wanted if v in known]


def _language_row(kind: str) -> tuple[Any, Any, Any]:
    """(language table, its owner column, the owner's id) of a kind with languages."""
    if kind == "children":
        return ChildLanguage, ChildLanguage.child_id, Child.id
    if kind == "guardians":
        return GuardianLanguage, GuardianLanguage.guardian_id, Guardian.id
    return MediatorLanguage, MediatorLanguage.mediator_id, Mediator.id


def _where(kind: str, query: RegistryQuery, today: date) -> tuple[list[Any], set[str]]:
    conditions: list[Any] = []
    needs: set[str] = set()
    words = fold(query.text).split()
    if words:
        needs.add("search")
        conditions.extend(_word_found(kind, f"%{escape_like(word)}%") for word in words)
    if query.status is not None:
        conditions.append(
            _status_column(kind, today).in_(values)
            if (values := _status_values(kind, query.status))
            else literal(False)
        )
    # A filter a kind has no field for keeps nothing (the window does not offer it).
    people = kind in ("children", "guardians", "mediators")
    if query.sex is not None:
        conditions.append(_model(kind).sex == Sex(query.sex) if people else literal(False))
    if query.facility is not None:
        facility_of = {
            "children": Child.facility_id,
            "visits": Visit.facility_id,
            "facilities": Facility.id,
        }.get(kind)
        conditions.append(facility_of == query.facility if facility_of else literal(False))
    if query.language is not None:
        if people:
            table, owner, own_id = _language_row(kind)
            conditions.append(exists().where(owner == own_id, table.code == query.language))
        else:
            conditions.append(literal(False))
    return conditions, needs


# Columns the database orders as the officer reads them: (expression, joins it needs).
def _ordered_column(kind: str, key: str, today: date) -> tuple[Any, set[str]] | None:
    if kind == "children":
        found: dict[str, tuple[Any, set[str]]] = {
            "case_number": (Child.case_number, set()),
            "sex": (Child.sex, set()),
            # Younger first: an age ascends as the birth date descends; no date last.
            "age": (Child.date_of_birth, set()),
            "nationality": (Child.nationality, set()),
            "status": (Child.status, set()),
            "identified_on": (Child.identified_on, set()),
        }
    elif kind in ("guardians", "mediators"):
        model = _model(kind)
        found = {
            "code": (model.code, set()),
            "sex": (model.sex, set()),
            "phone": (model.phone, set()),
            "caseload": (_staff_load(kind), set()),
            "vetting": (model.vetting_expires_on, set()),
            "state": (_staff_state(model, today), set()),
        }
    elif kind == "facilities":
        found = {"code": (Facility.code, set()), "state": (_status_column(kind, today), set())}
    else:
        found = {
            "when": (Visit.starts_at, set()),
            "child": (Child.case_number, {"child"}),
            "status": (Visit.status, set()),
        }
    return found.get(key)


# Free-text columns whose values the database gives for the caller's collation.
def _text_column(kind: str, key: str) -> tuple[Any, set[str]] | None:
    if kind == "children":
        found: dict[str, tuple[Any, set[str]]] = {
            "name": (_name(Child), set()),
            "original": (
                func.trim(Child.given_name_original + literal(" ") + Child.family_name_original),
                set(),
            ),
            "facility": (func.coalesce(Facility.name, literal("")), {"facility"}),
            "guardian": (
                func.coalesce(_name(_guardian_of_child), literal("")),
                {"guardian"},
            ),
        }
    elif kind in ("guardians", "mediators"):
        model = _model(kind)
        found = {"name": (_name(model), set()), "municipality": (model.municipality, set())}
        if kind == "mediators":
            found["organisation"] = (Mediator.organisation, set())
    elif kind == "facilities":
        found = {
            "name": (Facility.name, set()),
            "municipality": (Facility.municipality, set()),
            "address": (Facility.address, set()),
        }
    else:
        found = {
            "guardian": (_name(Guardian), {"guardian"}),
            "mediator": (func.coalesce(_name(Mediator), literal("")), {"mediator"}),
            "place": (func.coalesce(Facility.name, Visit.place), {"place"}),
        }
    return found.get(key)


def _default_order(kind: str) -> tuple[Any, bool]:
    """The stored order of a kind (visits: the latest first)."""
    return (Visit.starts_at, True) if kind == "visits" else (_model(kind).id, False)


# --- the calls ---------------------------------------------------------------------------------


@requires(Permission.READ_RECORDS)
def registry_order(
    session: Session,
    query: RegistryQuery,
    *,
    today: date | None = None,
    first: int = 0,
    known: Collection[int] = (),
    collate: Callable[[str], Any] | None = None,
    total: int | None = None,
) -> RegistryOrder:
    """The records a search and the filters keep, in the sorted column's order, and how many
    records the kind has; with ``first``, the rows of the first ``first`` kept records that
    are not in ``known`` (the window's cache), read in the same call.

    ``collate``: the office collation's sort key for a text (the window passes Qt's); with
    it, free-text columns come back sorted, else with their ``values`` for the caller.
    ``total``: the kind's number of records as the caller last had it (a search does not
    change it; a round trip less on a server)."""
    kind = query.kind
    day = today or date.today()
    zone = office_zone(session) if kind == "visits" else None
    model = _model(kind)
    base = _base(kind, day, zone)
    conditions, needs = _where(kind, query, day)
    ordered = _ordered_column(kind, query.sort, day) if query.sort else None
    text = _text_column(kind, query.sort) if query.sort and ordered is None else None
    if ordered is not None:
        needs |= ordered[1]
    elif text is not None:
        needs |= text[1]
    statement = base.where(*conditions) if conditions else base
    found = _found_text(kind) if narrowable(query) else None
    if found is not None and kind == "children":
        needs.add("guardian")  # the current guardian's text: joined, not asked per child
    extra = [c for c in (text[0] if text is not None else None, found) if c is not None]
    computed = query.sort is not None and ordered is None and text is None
    if text is not None or computed:
        keys: list[Any] = [model.id]  # sorted below, in Python
    else:
        expression, descending = (
            (ordered[0], query.descending) if ordered is not None else _default_order(kind)
        )
        if ordered is not None and query.sort == "age":
            descending = not descending  # ages ascend as birth dates descend
        direction = expression.desc() if descending else expression.asc()
        keys = [direction, model.id.desc() if descending else model.id]
        if query.sort in NULLABLE:  # records without the value last either way
            keys.insert(0, expression.is_(None))
    # Plain rows from the connection: the ORM's row handling cost more than the query here.
    selected = statement.add_columns(*extra) if extra else statement
    rows = session.connection().execute(_joined(kind, selected, needs).order_by(*keys)).all()
    ids = [r[0] for r in rows]
    values: list[Any] | None = None
    if text is not None:
        values = [r[1] for r in rows]
    elif computed:
        assert query.sort is not None
        values = _computed_values(session, kind, query.sort, ids, day)
    texts = [r[-1] for r in rows] if found is not None and len(rows) <= NARROWABLE else None
    if not query.filtered():
        total = len(ids)
    elif total is None:
        total = int(session.scalar(select(func.count()).select_from(base.subquery())) or 0)
    if values is not None and (collate is not None or _numbers(values)):
        stored = ids
        ids = _sorted(ids, values, collate, query.descending)
        values = None
        if texts is not None:
            by_id = dict(zip(stored, texts, strict=True))
            texts = [by_id[i] for i in ids]
    order = RegistryOrder(ids, total, values, texts=texts)
    if first and values is None:
        wanted = [i for i in ids[:first] if i not in known]
        order.rows = registry_rows(session, kind, wanted, today=day) if wanted else None
    return order


def narrowable(query: RegistryQuery) -> bool:
    """Whether the order of this search comes with its records' folded texts, so that a
    longer search can be answered from them (a word of two letters or more keeps few
    enough records; a kind whose text the database folds alike)."""
    words = fold(query.text).split()
    return query.kind in NARROWABLE_KINDS and max(map(len, words), default=0) >= 2


def narrowed(
    before: RegistryQuery, ids: Sequence[int], texts: Sequence[str], after: RegistryQuery
) -> tuple[list[int], list[str]] | None:
    """What the search ``after`` keeps, in order, answered from what ``before`` kept (ids
    and folded texts from ``registry_order``) when ``after`` can only keep fewer: the same
    filters and sort, and every earlier word inside one of its words (the officer typed on).
    The same rule as the database (each folded word inside the folded text); None when the
    database must be asked."""
    if replace(before, text="") != replace(after, text=""):
        return None
    old, new = fold(before.text).split(), fold(after.text).split()
    if not old or not all(any(w in n for n in new) for w in old):
        return None
    kept = [(i, t) for i, t in zip(ids, texts, strict=True) if all(w in t for w in new)]
    return [i for i, _ in kept], [t for _, t in kept]


def _found_text(kind: str) -> Any:
    """The folded text a search word is looked for in, as one column (see _word_found); a
    child's with the current guardian's, joined (_child_guardian)."""
    if kind != "children":
        return _model(kind).search_text
    guardian_text = func.coalesce(_guardian_of_child.search_text, literal(""))
    return Child.search_text + literal("\x1f") + guardian_text


def _numbers(values: Sequence[Any]) -> bool:
    return all(isinstance(v, int) for v in values)


def _sorted(
    ids: list[int], values: list[Any], collate: Callable[[str], Any] | None, descending: bool
) -> list[int]:
    """Ids by their values (numbers as numbers, texts by the collation), ties in stored order."""
    if _numbers(values):
        keys: list[Any] = values
    else:
        assert collate is not None
        seen: dict[str, Any] = {}  # names repeat (a guardian's children): each key made once
        keys = []
        for value in values:
            text = "" if value is None else str(value)
            found = seen.get(text)
            if found is None:
                found = seen[text] = collate(text)
            keys.append(found)
    order = sorted(range(len(ids)), key=keys.__getitem__, reverse=descending)
    return [ids[n] for n in order]


def _computed_values(
    session: Session, kind: str, key: str, ids: Sequence[int], today: date
) -> list[Any]:
    """A column's values that only Python composes (languages, visiting hours, children per
    facility), from the listing's own builder, in ``ids`` order."""
    if key == "languages" and kind in ("children", "guardians", "mediators"):
        table, owner, _ = _language_row(kind)
        codes: dict[int, list[str]] = {}
        for owner_id, code in session.execute(select(owner, table.code).order_by(table.code)):
            codes.setdefault(owner_id, []).append(code)
        return [", ".join(codes.get(i, [])) for i in ids]
    built = BUILDERS[kind](session, None, today)
    column = [c.key for c in built.columns].index(key)
    by_id = {row_id: row[column] for row_id, row in zip(built.ids, built.rows, strict=True)}
    return [by_id.get(i, "") for i in ids]


@requires(Permission.READ_RECORDS)
def registry_rows(
    session: Session, kind: str, ids: Sequence[int], *, today: date | None = None
) -> Listing:
    """The rows of these records (a page the officer scrolled to), in the order asked."""
    rows = listing(session, kind, ids=list(ids), today=today)
    position = {row_id: n for n, row_id in enumerate(rows.ids)}
    kept = [position[i] for i in ids if i in position]
    return Listing(
        kind,
        rows.columns,
        [rows.ids[n] for n in kept],
        [rows.rows[n] for n in kept],
        [rows.search[n] for n in kept],
        [rows.facets[n] for n in kept],
    )


@requires(Permission.READ_RECORDS)
def registry_choices(session: Session, kind: str) -> RegistryChoices:
    """The languages the kind's records speak and, for children, the facilities they live in
    (what the filters offer)."""
    choices = RegistryChoices()
    if kind in ("children", "guardians", "mediators"):
        table, _, _ = _language_row(kind)
        choices.languages = list(
            session.scalars(select(table.code).distinct().order_by(table.code))
        )
    if kind == "children":
        choices.facilities = [
            (fid, name)
            for fid, name in session.execute(
                select(Facility.id, Facility.name)
                .where(exists().where(Child.facility_id == Facility.id))
                .order_by(Facility.name)
            )
        ]
    return choices
