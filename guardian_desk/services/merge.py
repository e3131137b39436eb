"""Merging two records of one child: everything of both is kept, on the record kept.

Every row of every table that points at the merged child (found from the SQLAlchemy metadata,
so tables added later are covered without a change here) is moved onto the kept child, in one
transaction. Three tables need more than a move: the child's languages (one row per language:
the stronger proficiency stays), sibling links and "not a duplicate" pairs (kept once, lower
id first). A move the database refuses (two open placements, two open missing episodes, the
same mediator appointed twice) refuses the merge and says which records to settle first.

The merged ``children`` row is then removed; ``child_merges`` keeps its case number (unique,
still found by a search: see db/models/duplicates.py) and its record as it was. The audit
trail is append-only and keeps its rows as written: the kept child's trail gets a "merge" row
naming both, the merged child's a "merged_into" row with its whole record, and
``merged_ids`` gives the ids whose trails now belong to the kept child.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Table, case, delete, exc, select, update
from sqlalchemy.orm import Session

from guardian_desk.db.base import Base, utcnow
from guardian_desk.db.models import (
    Assignment,
    Child,
    ChildLanguage,
    ChildMerge,
    ChildSibling,
    DuplicateDismissal,
    Guardian,
)
from guardian_desk.domain.enums import AssignmentRole
from guardian_desk.domain.errors import ConflictError, NotFoundError, RuleViolation
from guardian_desk.domain.text import fold, search_blob
from guardian_desk.i18n import N_, _
from guardian_desk.i18n.formats import date_text
from guardian_desk.security.roles import Permission, requires
from guardian_desk.services import audit
from guardian_desk.services.children import child_data
from guardian_desk.services.duplicates import KEY_CACHE

ENTITY = "child"
# Moved with their own rules, not by the generic move.
SPECIAL = frozenset({"children", "child_languages", "child_siblings", "duplicate_dismissals"})

# What a refused move means to an officer, by table: the database allows one such row per
# child (a unique index), and both children have one.
# TRANSLATORS: {other} is the case number of the record merged away.
ONE_PER_CHILD = {
    "placements": N_(
        "Both children have an open placement. End the placement of {other} first, then merge."
    ),
    "missing_episodes": N_(
        "Both children are recorded as missing now. Record the return of {other} first, then merge."
    ),
    "assignments": N_(
        "Both children have the same mediator appointed. End that appointment of {other} "
        "first, then merge."
    ),
}


@dataclass(frozen=True)
class MergeResult:
    """What a merge did (plain data, for the UI and the command line)."""

    kept_id: int
    kept_case_number: str
    merged_case_number: str
    moved: dict[str, int]  # table: rows moved onto the kept child


def child_references() -> list[tuple[Table, str]]:
    """Every (table, column) whose foreign key points at children.id, from the metadata."""
    found = []
    for table in Base.metadata.sorted_tables:
        for key in table.foreign_keys:
            if key.column.table.name == "children" and key.column.name == "id":
                found.append((table, key.parent.name))
    return found


def _active_guardian(session: Session, child_id: int, today: date) -> str | None:
    """ "Name Surname (G-0042)": the child's current guardian, if any."""
    row = session.execute(
        select(Guardian.given_name, Guardian.family_name, Guardian.code)
        .join(Assignment, Assignment.guardian_id == Guardian.id)
        .where(
            Assignment.child_id == child_id,
            Assignment.role == AssignmentRole.GUARDIAN,
            (Assignment.ends_on.is_(None)) | (Assignment.ends_on >= today),
        )
        .limit(1)
    ).first()
    if row is None:
        return None
    return f"{row.given_name} {row.family_name} ({row.code})".strip()


def _load(session: Session, child_id: int, version: int | None) -> Child:
    child = session.get(Child, child_id, populate_existing=True, with_for_update=True)
    if child is None:
        raise NotFoundError(ENTITY, child_id)
    if version is not None and child.version != version:
        raise ConflictError(ENTITY, child.case_number, version, child.version)
    return child


def _move_languages(session: Session, keep: Child, other: Child) -> int:
    """One row per language: the other's languages the kept child lacks move; for one both
    speak, the stronger proficiency stays on the kept child."""
    kept = {lang.code: lang for lang in keep.languages}
    moved = 0
    for lang in list(other.languages):
        mine = kept.get(lang.code)
        if mine is None:
            session.execute(
                update(ChildLanguage)
                .where(ChildLanguage.child_id == other.id, ChildLanguage.code == lang.code)
                .values(child_id=keep.id)
            )
            moved += 1
            continue
        if lang.proficiency.rank > mine.proficiency.rank:
            session.execute(
                update(ChildLanguage)
                .where(ChildLanguage.child_id == keep.id, ChildLanguage.code == lang.code)
                .values(proficiency=lang.proficiency)
            )
        session.execute(
            delete(ChildLanguage).where(
                ChildLanguage.child_id == other.id, ChildLanguage.code == lang.code
            )
        )
        moved += 1
    return moved


def _move_pairs(
    session: Session, model: Any, first: str, second: str, keep: int, other: int
) -> int:
    """Pairs kept once with the lower id first (siblings, dismissed duplicates): the other's
    pairs become the kept child's; a pair of the two children themselves goes."""
    a, b = getattr(model, first), getattr(model, second)
    rows = session.execute(select(a, b).where((a == other) | (b == other))).all()
    existing = {
        tuple(row) for row in session.execute(select(a, b).where((a == keep) | (b == keep)))
    }
    moved = 0
    for low, high in rows:
        session.execute(delete(model).where(a == low, b == high))
        partner = high if low == other else low
        if partner == keep:
            continue
        pair = (min(keep, partner), max(keep, partner))
        if pair not in existing:
            values = {first: pair[0], second: pair[1]}
            if model is DuplicateDismissal:
                values |= {"dismissed_by": audit.actor_of(session), "dismissed_at": utcnow()}
            session.add(model(**values))
            existing.add(pair)
        moved += 1
    session.flush()
    return moved


def _move_rows(session: Session, table: Table, column: str, keep: Child, other: Child) -> int:
    """Point the table's rows of the other child at the kept one (a stale edit of a moved
    versioned row is refused: its version rises)."""
    target = table.c[column]
    values: dict[str, Any] = {column: keep.id}
    if "version" in table.c:
        values["version"] = table.c.version + 1
    try:
        with session.begin_nested():
            result = session.execute(update(table).where(target == other.id).values(**values))
    except exc.IntegrityError:
        known = ONE_PER_CHILD.get(table.name)
        if known is not None:
            raise RuleViolation(_(known).format(other=other.case_number)) from None
        raise RuleViolation(
            # TRANSLATORS: {table} names a kind of record as the database does; {other} is the
            # case number of the record merged away.
            _(
                "Both children have a record in {table} that the database allows once per "
                "child. Settle it in {other} first, then merge."
            ).format(table=table.name, other=other.case_number)
        ) from None
    return int(getattr(result, "rowcount", 0) or 0)


def _absorb(keep: Child, other: Child, on: date) -> None:
    """The kept record's own fields stay; what it lacks comes from the other, and the other's
    names become aliases so that a search by them finds the child."""
    aliases = list(keep.aliases)
    seen = {fold(a) for a in aliases} | {fold(keep.full_name)}
    original = f"{keep.given_name_original} {keep.family_name_original}".strip()
    seen.add(fold(original))
    other_original = f"{other.given_name_original} {other.family_name_original}".strip()
    for name in (other.full_name, other_original, *other.aliases):
        if name and fold(name) not in seen:
            aliases.append(name)
            seen.add(fold(name))
    keep.aliases = aliases
    if not keep.given_name_original and not keep.family_name_original:
        keep.given_name_original = other.given_name_original
        keep.family_name_original = other.family_name_original
    if keep.date_of_birth is None and other.date_of_birth is not None:
        keep.date_of_birth = other.date_of_birth
        keep.dob_estimated = other.dob_estimated
    if keep.arrived_on is None:
        keep.arrived_on = other.arrived_on
    keep.identified_on = min(keep.identified_on, other.identified_on)
    if keep.facility_id is None:
        keep.facility_id = other.facility_id
    # TRANSLATORS: a line added to the kept child's notes; {date} the day of the merge,
    # {case} the case number merged away; the merged record's own notes follow.
    line = _("{date}: merged with the duplicate record {case}.").format(
        date=date_text(on), case=other.case_number
    )
    notes = [keep.notes, line]
    if other.notes.strip():
        notes.append(other.notes)
    keep.notes = "\n".join(part for part in notes if part)


@requires(Permission.READ_RECORDS)
def merged_numbers(session: Session, child_id: int) -> list[str]:
    """The case numbers merged into this child, oldest first."""
    return list(
        session.scalars(
            select(ChildMerge.merged_case_number)
            .where(ChildMerge.kept_child_id == child_id)
            .order_by(ChildMerge.id)
        )
    )


@requires(Permission.READ_RECORDS)
def merged_ids(session: Session, child_id: int) -> list[int]:
    """The ids of the children merged into this one (their audit trails are its too)."""
    return list(
        session.scalars(
            select(ChildMerge.merged_child_id)
            .where(ChildMerge.kept_child_id == child_id)
            .order_by(ChildMerge.id)
        )
    )


@requires(Permission.READ_RECORDS)
def resolve_case_number(session: Session, case_number: str) -> int:
    """The child with this case number, or the child it was merged into."""
    number = case_number.strip().upper()
    found = session.scalar(select(Child.id).where(Child.case_number == number))
    if found is None:
        found = session.scalar(
            select(ChildMerge.kept_child_id).where(ChildMerge.merged_case_number == number)
        )
    if found is None:
        raise NotFoundError(ENTITY, case_number)
    return found


def _end_second_placement(session: Session, keep_id: int, other_id: int, on: date) -> None:
    """One child lives in one place: when both records have an open placement, the kept
    record's is the current one and the other's ends on the day of the merge (its history
    moves with the rest)."""
    from guardian_desk.db.models import Placement

    open_of = Placement.left_on.is_(None)
    if session.scalar(select(Placement.id).where(Placement.child_id == keep_id, open_of)) is None:
        return
    session.execute(
        update(Placement)
        .where(Placement.child_id == other_id, open_of)
        .values(
            # never before it began (a placement recorded after the day given for the merge)
            left_on=case((Placement.moved_on > on, Placement.moved_on), else_=on),
            version=Placement.version + 1,
        )
    )


@requires(Permission.MERGE_CHILDREN)
def merge_children(
    session: Session,
    keep_id: int,
    other_id: int,
    *,
    keep_version: int | None = None,
    other_version: int | None = None,
    on: date | None = None,
) -> MergeResult:
    """Merge the child ``other_id`` into ``keep_id``; refused if both have a guardian now."""
    today = on or date.today()
    keep = _load(session, keep_id, keep_version)
    if keep_id == other_id:
        raise RuleViolation(
            # TRANSLATORS: {case} is a case number: both numbers given lead to this one record
            # (the same number twice, or a number merged into it earlier).
            _("Both numbers lead to the record {case}: there is nothing to merge.").format(
                case=keep.case_number
            )
        )
    other = _load(session, other_id, other_version)
    guardians = (
        _active_guardian(session, keep.id, today),
        _active_guardian(session, other.id, today),
    )
    if guardians[0] is not None and guardians[1] is not None:
        raise RuleViolation(
            # TRANSLATORS: {keep} and {other} are case numbers; {keep_guardian} and
            # {other_guardian} the names (and codes) of their guardians.
            _(
                "Both children have an active guardian: {keep} has {keep_guardian}, {other} has "
                "{other_guardian}. End one of the two appointments first, then merge."
            ).format(
                keep=keep.case_number,
                other=other.case_number,
                keep_guardian=guardians[0],
                other_guardian=guardians[1],
            )
        )
    before = child_data(session, keep)
    snapshot = audit.json_safe(child_data(session, other))
    _end_second_placement(session, keep.id, other.id, today)
    moved: dict[str, int] = {}
    moved["child_languages"] = _move_languages(session, keep, other)
    moved["child_siblings"] = _move_pairs(
        session, ChildSibling, "child_id", "sibling_id", keep.id, other.id
    )
    moved["duplicate_dismissals"] = _move_pairs(
        session, DuplicateDismissal, "child_id", "other_id", keep.id, other.id
    )
    for table, column in child_references():
        if table.name in SPECIAL:
            continue
        count = _move_rows(session, table, column, keep, other)
        if count:
            moved[table.name] = moved.get(table.name, 0) + count
    with session.no_autoflush:
        _absorb(keep, other, today)
    other_number, other_key = other.case_number, other.id
    session.expunge(other)  # its collections were moved in SQL: the ORM must not touch them
    session.execute(delete(Child).where(Child.id == other_key))
    session.add(
        ChildMerge(
            kept_child_id=keep.id,
            merged_child_id=other_key,
            merged_case_number=other_number,
            merged_record=snapshot,
            merged_by=audit.actor_of(session),
        )
    )
    session.flush()
    keep.search_text = search_blob(
        [
            keep.case_number,
            keep.given_name,
            keep.family_name,
            keep.given_name_original,
            keep.family_name_original,
            *keep.aliases,
        ]
    )  # the merged case numbers are added by the listener in db/models/duplicates.py
    session.flush()
    session.refresh(keep)
    KEY_CACHE.forget(session, other_key)
    merged = {"kept": keep.case_number, "merged": other_number, "merged_child_id": other_key}
    audit.record(
        session,
        ENTITY,
        keep.id,
        "merge",
        before=before,
        after=merged | {"moved": moved, "record": child_data(session, keep)},
    )
    audit.record(session, ENTITY, other_key, "merged_into", before=snapshot, after=merged)
    return MergeResult(keep.id, keep.case_number, other_number, moved)
