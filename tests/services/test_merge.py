"""Merging two records of one child keeps every row of both, in one transaction."""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Enum,
    Float,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Table,
    Text,
    func,
    insert,
    select,
)
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeDecorator

from guardian_desk.db.models import Base, Child, ChildLanguage, ChildMerge
from guardian_desk.domain.enums import Proficiency
from guardian_desk.domain.errors import PermissionDenied, RuleViolation
from guardian_desk.domain.records import LanguageSkill
from guardian_desk.security.roles import ACCOUNT_KEY, Role, SignedIn
from guardian_desk.services import assignments, audit, children, facilities, staff
from guardian_desk.services.details import record_detail
from guardian_desk.services.duplicates import dismiss_pair
from guardian_desk.services.merge import (
    SPECIAL,
    child_references,
    merge_children,
    merged_ids,
    resolve_case_number,
)
from guardian_desk.services.search import search_ids
from tests.core import factories

TODAY = date(2026, 11, 20)


def _value(table: Table, column: Any, ids: dict[str, int], child_id: int) -> Any:
    """A plain value any column of that type accepts; closed dates, so no "one open" rule."""
    for key in column.foreign_keys:
        referred = key.column.table.name
        return child_id if referred == "children" else ids.get(referred)
    kind = column.type
    if isinstance(kind, TypeDecorator):
        kind = kind.impl
    if isinstance(kind, Enum):
        first = kind.enums[0]
        return first
    if isinstance(kind, Boolean):
        return False
    later = list(table.columns).index(column)  # ends after it starts: later columns later
    if isinstance(kind, DateTime):
        return datetime(2026, 11, 1, 9, tzinfo=UTC) + timedelta(hours=later)
    if isinstance(kind, Date):
        return date(2026, 11, 1) + timedelta(days=later)
    if isinstance(kind, Integer):
        return 1
    if isinstance(kind, Float | Numeric):
        return 1
    if isinstance(kind, LargeBinary):
        return b"%PDF-1.4 test"
    if isinstance(kind, JSON):
        return {}
    if isinstance(kind, String | Text):
        length = getattr(kind, "length", None) or 20
        return f"{table.name[:3]}-{child_id}"[:length]
    return None


def _fill_every_table(session: Session, child_ids: list[int], ids: dict[str, int]) -> set[str]:
    """One row per child in every table that points at children (those the generic values
    can satisfy); returns the tables filled. Covers the tables other parts add."""
    filled = set()
    for table, column_name in child_references():
        if table.name in SPECIAL or table.name == "child_merges":
            continue
        for child_id in child_ids:
            row = {}
            for column in table.columns:
                if column.primary_key and isinstance(column.type, Integer) and column.autoincrement:
                    continue
                if column.name == column_name:
                    row[column.name] = child_id
                    continue
                if column.default is not None and not column.foreign_keys:
                    continue  # its own default satisfies the table's CHECKs
                value = _value(table, column, ids, child_id)
                if value is None and not column.nullable:
                    break
                if value is not None:
                    row[column.name] = value
            else:
                try:
                    with session.begin_nested():
                        session.execute(insert(table).values(**row))
                except Exception:
                    continue
                filled.add(table.name)
                result = session.execute(
                    select(func.max(table.c[table.primary_key.columns.keys()[0]]))
                )
                top = result.scalar()
                if isinstance(top, int):
                    ids.setdefault(table.name, top)
    return filled


def _counts(session: Session) -> dict[str, int]:
    return {
        t.name: session.scalar(select(func.count()).select_from(t)) or 0
        for t in Base.metadata.sorted_tables
    }


def _rows_of(session: Session, child_id: int) -> dict[tuple[str, str], int]:
    return {
        (table.name, column): session.scalar(
            select(func.count()).select_from(table).where(table.c[column] == child_id)
        )
        or 0
        for table, column in child_references()
    }


@pytest.fixture
def office(session: Session) -> dict[str, Any]:
    place = facilities.create_facility(session, factories.facility())
    guardian = staff.create_staff(session, "guardian", factories.guardian())
    second = staff.create_staff(session, "guardian", factories.guardian(given_name="Besa"))
    mediator = staff.create_staff(session, "mediator", factories.guardian(given_name="Dari"))
    keep = children.create_child(
        session,
        factories.child(
            facility_code=place.code,
            languages=[
                LanguageSkill("prs", Proficiency.WORKING),
                LanguageSkill("eng", Proficiency.BASIC),
            ],
        ),
    )
    other = children.create_child(
        session,
        factories.child(
            given_name="Ahmed",
            family_name="Rahimy",
            given_name_original="",
            family_name_original="",
            aliases=["Ahmad Rahimi Jan"],
            notes="Says his uncle is in Vienna.",
            languages=[
                LanguageSkill("prs", Proficiency.NATIVE),
                LanguageSkill("pus", Proficiency.FLUENT),
            ],
        ),
    )
    sibling = children.create_child(session, factories.child(given_name="Zahra", family_name="R"))
    children.set_siblings(session, other, [sibling.case_number])
    dismiss_pair(session, other.id, sibling.id)
    session.flush()
    return {
        "facility": place,
        "guardian": guardian,
        "second": second,
        "mediator": mediator,
        "keep": keep,
        "other": other,
        "sibling": sibling,
    }


def test_every_row_of_both_survives_on_the_kept_child(
    session: Session, office: dict[str, Any]
) -> None:
    keep, other = office["keep"], office["other"]
    assignments.assign_guardian(session, other.id, office["guardian"].id, starts_on=TODAY)
    assignments.assign_mediator(session, keep.id, office["mediator"].id, starts_on=TODAY)
    ids = {
        "facilities": office["facility"].id,
        "guardians": office["guardian"].id,
        "mediators": office["mediator"].id,
    }
    filled = _fill_every_table(session, [keep.id, other.id], ids)
    # The tables of this version that a generic row can fill (others are filled above too).
    assert {"visits", "issued_documents", "accompanying_adults"} <= filled
    session.flush()
    before_keep, before_other = _rows_of(session, keep.id), _rows_of(session, other.id)
    totals = _counts(session)
    trail_other = [e.id for e in audit.trail(session, "child", other.id)]
    other_id, other_number = other.id, other.case_number

    result = merge_children(session, keep.id, other.id, on=TODAY)

    after_keep, after_other = _rows_of(session, keep.id), _rows_of(session, other_id)
    for key, count in before_keep.items():
        table = key[0]
        if table in SPECIAL or table == "child_merges":
            continue
        assert after_keep[key] == count + before_other[key], key
        assert after_other[key] == 0, key
    # Languages: one row each; the stronger proficiency stays.
    languages = {
        lang.code: lang.proficiency
        for lang in session.scalars(select(ChildLanguage).where(ChildLanguage.child_id == keep.id))
    }
    assert languages == {
        "prs": Proficiency.NATIVE,
        "eng": Proficiency.BASIC,
        "pus": Proficiency.FLUENT,
    }
    # The sibling and the "not a duplicate" pair moved onto the kept child.
    assert children.sibling_ids(session, keep.id) == [office["sibling"].id]
    counts = _counts(session)
    assert counts["children"] == totals["children"] - 1
    assert counts["child_merges"] == totals["child_merges"] + 1
    assert counts["child_languages"] == totals["child_languages"] - 1  # prs once
    for table, total in totals.items():
        if table in {"children", "child_merges", "child_languages", "audit_events"}:
            continue
        assert counts[table] == total, table
    # The merged child's audit trail is untouched and now belongs to the kept child.
    assert [e.id for e in audit.trail(session, "child", other_id)][
        : len(trail_other)
    ] == trail_other
    assert merged_ids(session, keep.id) == [other_id]
    assert audit.trail(session, "child", keep.id)[-1].action == "merge"
    assert audit.trail(session, "child", keep.id)[-1].after["merged"] == other_number
    assert audit.trail(session, "child", other_id)[-1].action == "merged_into"
    # The merged record is kept whole, its names and notes reach the kept one.
    merge = session.scalar(select(ChildMerge))
    assert merge is not None and merge.merged_record["notes"] == "Says his uncle is in Vienna."
    kept = session.get(Child, keep.id)
    assert kept is not None
    assert "Ahmed Rahimy" in kept.aliases and "Ahmad Rahimi Jan" in kept.aliases
    assert "Says his uncle is in Vienna." in kept.notes
    assert result.moved["assignments"] == 1


def test_the_kept_child_s_history_shows_the_merged_child_s_rows_marked(
    session: Session, office: dict[str, Any]
) -> None:
    keep, other = office["keep"], office["other"]
    number = other.case_number
    merge_children(session, keep.id, other.id, on=TODAY)
    history = record_detail(session, "children", keep.id, log_view=False).history
    marked = f"from {number} (merged)"
    creates = [(row.source, row.changes) for row in history if row.action == "create"]
    assert len(creates) == 2
    assert creates[0][0] == ""  # the kept child's own creation, earlier, unmarked
    assert creates[1][0] == marked
    assert ("family_name", "", "Rahimy") in creates[1][1]
    assert {row.source for row in history if row.action == "merged_into"} == {marked}
    assert [row.source for row in history if row.action == "merge"] == [""]
    assert [row.at for row in history] == sorted(row.at for row in history)


def test_an_officer_sees_no_history_after_a_merge_either(
    session: Session, office: dict[str, Any]
) -> None:
    keep, other = office["keep"], office["other"]
    merge_children(session, keep.id, other.id, on=TODAY)
    session.info[ACCOUNT_KEY] = SignedIn("officer", "An Officer", Role.OFFICER)
    assert record_detail(session, "children", keep.id, log_view=False).history == []


def test_the_merged_case_number_stays_searchable_after_later_edits(
    session: Session, office: dict[str, Any]
) -> None:
    keep, other = office["keep"], office["other"]
    number = other.case_number
    merge_children(session, keep.id, other.id, on=TODAY)
    assert search_ids(session, "children", number) == [keep.id]
    assert resolve_case_number(session, number) == keep.id
    data = children.child_data(session, keep)
    data.notes = "edited after the merge"
    children.update_child(session, keep.id, data, keep.version)
    assert search_ids(session, "children", number) == [keep.id]
    assert search_ids(session, "children", "Rahimy") == [keep.id]


def test_refused_when_both_have_an_active_guardian_naming_them(
    session: Session, office: dict[str, Any]
) -> None:
    keep, other = office["keep"], office["other"]
    assignments.assign_guardian(session, keep.id, office["guardian"].id, starts_on=TODAY)
    assignments.assign_guardian(session, other.id, office["second"].id, starts_on=TODAY)
    with pytest.raises(RuleViolation) as refused:
        merge_children(session, keep.id, other.id, on=TODAY)
    text = str(refused.value)
    assert keep.case_number in text and other.case_number in text
    assert "Elira Hoxha" in text and "Besa Hoxha" in text


def test_an_officer_may_not_merge(session: Session, office: dict[str, Any]) -> None:
    session.info[ACCOUNT_KEY] = SignedIn("officer", "An Officer", Role.OFFICER)
    with pytest.raises(PermissionDenied):
        merge_children(session, office["keep"].id, office["other"].id)


def test_a_record_cannot_be_merged_into_itself(session: Session, office: dict[str, Any]) -> None:
    with pytest.raises(RuleViolation, match="nothing to merge"):
        merge_children(session, office["keep"].id, office["keep"].id)


def test_two_of_a_one_per_child_row_refuse_the_merge(
    session: Session, office: dict[str, Any]
) -> None:
    keep, other = office["keep"], office["other"]
    mediator = office["mediator"]
    assignments.assign_mediator(session, keep.id, mediator.id, starts_on=TODAY)
    assignments.assign_mediator(session, other.id, mediator.id, starts_on=TODAY)
    with pytest.raises(RuleViolation, match="same mediator"):
        merge_children(session, keep.id, other.id, on=TODAY)


def test_enum_values_in_generic_rows_are_members() -> None:
    # The filler writes an Enum column's first value; it must be a stored value, not a name.
    for table, _column in child_references():
        for column in table.columns:
            if isinstance(column.type, Enum) and column.type.enum_class is not None:
                assert issubclass(column.type.enum_class, enum.Enum)


def test_both_placed_the_kept_record_s_placement_stays_and_the_other_ends(
    session: Session, office: dict[str, Any]
) -> None:
    """The same child registered twice, placed twice: one child lives in one place."""
    from sqlalchemy import select

    from guardian_desk.db.models import Placement

    keep, other = office["keep"], office["other"]
    elsewhere = facilities.create_facility(session, factories.facility(name="Shkodër Shelter"))
    data = children.child_data(session, other)
    data.facility_code = elsewhere.code
    children.update_child(session, other.id, data, other.version)
    merge_children(session, keep.id, other.id, on=TODAY)
    rows = session.execute(
        select(Placement.facility_id, Placement.left_on).where(Placement.child_id == keep.id)
    ).all()
    assert sorted((facility, left is None) for facility, left in rows) == sorted(
        [(office["facility"].id, True), (elsewhere.id, False)]
    )
