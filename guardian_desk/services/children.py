"""Registering children, editing their records, closing their cases."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import partial

from sqlalchemy import delete, event, insert, or_, select
from sqlalchemy.orm import Session

from guardian_desk.db.base import utcnow
from guardian_desk.db.models import AccompanyingAdult, Child, ChildLanguage, ChildSibling, Facility
from guardian_desk.domain import validation as v
from guardian_desk.domain.cleaning import clean_child_text
from guardian_desk.domain.closure import CLOSURE_OF_STATUS, STATUS_OF_CLOSURE
from guardian_desk.domain.enums import ChildStatus
from guardian_desk.domain.errors import NotFoundError, ValidationError, ValidationErrors
from guardian_desk.domain.parsing import Collector, check_child_dates
from guardian_desk.domain.records import ChildData, Companion, LanguageSkill
from guardian_desk.domain.text import search_blob
from guardian_desk.i18n import _
from guardian_desk.security.roles import Permission, require, requires
from guardian_desk.services import audit, numbering
from guardian_desk.services.languages import merge_languages
from guardian_desk.services.locking import flush_checked, load_for_update, touch
from guardian_desk.services.settings import get_settings

ENTITY = "child"
# A case in one of these is closed: moving a child into one needs the right to close a case.
CLOSED_STATUSES = frozenset(
    {
        ChildStatus.TRANSFERRED,
        ChildStatus.RETURNED,
        ChildStatus.REUNIFIED,
        ChildStatus.MISSING,
        ChildStatus.AGED_OUT,
        ChildStatus.CLOSED,
    }
)


@requires(Permission.READ_RECORDS)
def get_child(session: Session, child_id: int) -> Child:
    child = session.get(Child, child_id)
    if child is None:
        raise NotFoundError(ENTITY, child_id)
    return child


@requires(Permission.READ_RECORDS)
def find_by_case_number(session: Session, case_number: str) -> Child:
    child = session.scalar(select(Child).where(Child.case_number == case_number.strip().upper()))
    if child is None:
        raise NotFoundError(ENTITY, case_number)
    return child


@requires(Permission.READ_RECORDS)
def sibling_ids(session: Session, child_id: int) -> list[int]:
    rows = session.execute(
        select(ChildSibling.child_id, ChildSibling.sibling_id).where(
            or_(ChildSibling.child_id == child_id, ChildSibling.sibling_id == child_id)
        )
    )
    return sorted(b if a == child_id else a for a, b in rows)


@requires(Permission.READ_RECORDS)
def sibling_numbers_by_child(session: Session) -> dict[int, list[str]]:
    """Every child's siblings' case numbers, in two queries (for exports)."""
    numbers: dict[int, str] = {
        cid: number for cid, number in session.execute(select(Child.id, Child.case_number))
    }
    found: dict[int, list[str]] = {}
    for low, high in session.execute(select(ChildSibling.child_id, ChildSibling.sibling_id)):
        found.setdefault(low, []).append(numbers[high])
        found.setdefault(high, []).append(numbers[low])
    return {child_id: sorted(values) for child_id, values in found.items()}


@requires(Permission.READ_RECORDS)
def child_data(session: Session, child: Child, *, siblings: list[str] | None = None) -> ChildData:
    """The record as an officer edits it (codes, not ids): for forms, audit and export.

    ``siblings`` may be given from sibling_numbers_by_child to spare a query per child.
    """
    if siblings is not None:
        sibling_numbers = list(siblings)
    else:
        ids = sibling_ids(session, child.id) if child.id is not None else []
        sibling_numbers = (
            sorted(session.scalars(select(Child.case_number).where(Child.id.in_(ids))))
            if ids
            else []
        )
    return ChildData(
        case_number=child.case_number,
        given_name=child.given_name,
        family_name=child.family_name,
        given_name_original=child.given_name_original,
        family_name_original=child.family_name_original,
        aliases=list(child.aliases),
        sex=child.sex,
        date_of_birth=child.date_of_birth,
        dob_estimated=child.dob_estimated,
        nationality=child.nationality,
        languages=[LanguageSkill(lang.code, lang.proficiency) for lang in child.languages],
        guardian_gender_preference=child.guardian_gender_preference,
        mediator_gender_preference=child.mediator_gender_preference,
        facility_code=child.facility.code if child.facility is not None else None,
        identified_on=child.identified_on,
        arrived_on=child.arrived_on,
        status=child.status,
        sibling_case_numbers=sibling_numbers,
        accompanying_adults=[
            Companion(a.full_name, a.claimed_relationship, a.verified)
            for a in child.accompanying_adults
        ],
        notes=child.notes,
    )


def merge_adults(
    current: Sequence[AccompanyingAdult], wanted: Sequence[Companion]
) -> list[AccompanyingAdult]:
    """The form's adults, keeping each known adult's row: its check and the day the office
    first heard of it survive an edit of the child (a new row is a new adult contact)."""
    by_name: dict[tuple[str, str], list[AccompanyingAdult]] = {}
    for row in current:
        key = (row.full_name.casefold(), row.claimed_relationship.casefold())
        by_name.setdefault(key, []).append(row)
    merged: list[AccompanyingAdult] = []
    for adult in wanted:
        rows = by_name.get((adult.full_name.casefold(), adult.claimed_relationship.casefold()))
        if rows:
            row = rows.pop(0)
            row.full_name = adult.full_name
            row.claimed_relationship = adult.claimed_relationship
            if row.verified != adult.verified:
                row.verified = adult.verified
        else:
            row = AccompanyingAdult(
                full_name=adult.full_name,
                claimed_relationship=adult.claimed_relationship,
                verified=adult.verified,
            )
        merged.append(row)
    return merged


def next_case_number(session: Session, country: str, year: int) -> str:
    """The office's next number for the year, e.g. AL-2026-00042.

    Only numbers of the automatic shape count: an odd one typed or imported by hand
    (AL-2026-9999X) must not make every new child of the year a duplicate.
    """
    prefix = f"{v.country('country', country)}-{year:04d}-"
    return numbering.next_number(session, Child.case_number, prefix, 5, "case number")


@event.listens_for(Session, "after_soft_rollback")
def _forget_cached_ids(session: Session, _transaction: object) -> None:
    """A rolled-back facility must not stay in the code-to-id cache."""
    session.info.pop("facility_ids", None)


def facility_id_for(session: Session, code: str | None) -> int | None:
    if not code:
        return None
    cache: dict[str, int] = session.info.setdefault("facility_ids", {})
    if code not in cache:
        found = session.scalar(select(Facility.id).where(Facility.code == code))
        if found is None:
            raise ValidationError("facility", code, _("is not the code of a registered facility"))
        cache[code] = found
    return cache[code]


def _validate(data: ChildData, *, new: bool = True) -> None:
    """Rules a dataclass built in code (not by the parser) must still meet; cleans its text."""
    c = Collector()
    clean_child_text(c, data, new=new)
    c(lambda: v.country("nationality", data.nationality) or "", "")
    for field, value in (
        ("date_of_birth", data.date_of_birth),
        ("identified_on", data.identified_on),
        ("arrived_on", data.arrived_on),
    ):
        if value is not None:
            c(partial(v.parse_date, field, value), None)
    check_child_dates(c, data)
    c.raise_if_any()


def _apply(session: Session, child: Child, data: ChildData) -> None:
    child.given_name = data.given_name
    child.family_name = data.family_name
    child.given_name_original = data.given_name_original
    child.family_name_original = data.family_name_original
    child.aliases = list(data.aliases)
    child.sex = data.sex
    child.date_of_birth = data.date_of_birth
    child.dob_estimated = data.dob_estimated
    child.nationality = data.nationality
    child.guardian_gender_preference = data.guardian_gender_preference
    child.mediator_gender_preference = data.mediator_gender_preference
    child.facility_id = facility_id_for(session, data.facility_code)
    child.identified_on = data.identified_on
    child.arrived_on = data.arrived_on
    child.status = data.status
    sync_closure(child)
    child.notes = data.notes
    child.languages = merge_languages(child.languages, data.languages, ChildLanguage)
    child.accompanying_adults = merge_adults(child.accompanying_adults, data.accompanying_adults)
    child.search_text = search_blob(
        [
            child.case_number,
            child.given_name,
            child.family_name,
            child.given_name_original,
            child.family_name_original,
            *child.aliases,
        ]
    )


@requires(Permission.EDIT_CASEWORK)
def set_siblings(session: Session, child: Child, case_numbers: list[str]) -> None:
    """Make exactly these children the child's siblings (links are symmetric)."""
    wanted: set[int] = set()
    for number in case_numbers:
        sibling = session.scalar(select(Child.id).where(Child.case_number == number))
        if sibling is None:
            raise ValidationError(
                "siblings", number, _("is not the case number of a registered child")
            )
        if sibling == child.id:
            raise ValidationError("siblings", number, _("is the child's own case number"))
        wanted.add(sibling)
    current = set(sibling_ids(session, child.id))
    for gone in sorted(current - wanted):
        low, high = sorted((child.id, gone))
        session.execute(
            delete(ChildSibling).where(
                ChildSibling.child_id == low, ChildSibling.sibling_id == high
            )
        )
        # The other child's trail shows the change made from this child's record.
        audit.record(session, ENTITY, gone, "unlink_sibling", after={"sibling": child.case_number})
    for new in sorted(wanted - current):
        low, high = sorted((child.id, new))
        session.add(ChildSibling(child_id=low, sibling_id=high))
        audit.record(session, ENTITY, new, "link_sibling", after={"sibling": child.case_number})


@requires(Permission.EDIT_CASEWORK)
def create_child(session: Session, data: ChildData, *, check_unique: bool = True) -> Child:
    """Register a child; without a case number the office's next one is given.

    Two officers registering at once both get a number: the unique constraint decides and
    the one who loses the race takes the next number (see services/numbering.py).
    """
    _validate(data)
    given = data.case_number
    if (
        given is not None
        and check_unique
        and session.scalar(select(Child.id).where(Child.case_number == given))
    ):
        raise ValidationErrors([ValidationError("case_number", given, _("is already registered"))])

    def next_free() -> str:
        country = get_settings(session).country
        return next_case_number(session, country, data.identified_on.year)

    def insert(number: str) -> Child:
        child = Child(case_number=number)
        _apply(session, child, data)
        session.add(child)
        session.flush()
        return child

    child = numbering.insert_numbered(
        session,
        given=given,
        next_free=next_free,
        insert=insert,
        table="children",
        column="case_number",
        field="case_number",
    )
    data.case_number = child.case_number
    if data.sibling_case_numbers:
        set_siblings(session, child, data.sibling_case_numbers)
    audit.record(session, ENTITY, child.id, "create", after=data)
    return child


@requires(Permission.EDIT_CASEWORK)
def create_children(session: Session, records: list[ChildData]) -> list[int]:
    """Register many children at once (imports) with bulk INSERTs; one audit row each.

    Every record must carry its case number (checked unique by the caller) and no siblings
    (link them afterwards with link_siblings). Returns the new ids in the records' order.
    The ORM's per-object bookkeeping would cost ~3 ms a child; 20,000 must take seconds.
    """
    now = utcnow()
    rows = []
    for data in records:
        _validate(data)
        if data.case_number is None or data.sibling_case_numbers:
            raise ValueError("create_children needs case numbers and no siblings")
        rows.append(
            {
                "case_number": data.case_number,
                "given_name": data.given_name,
                "family_name": data.family_name,
                "given_name_original": data.given_name_original,
                "family_name_original": data.family_name_original,
                "aliases": list(data.aliases),
                "sex": data.sex,
                "date_of_birth": data.date_of_birth,
                "dob_estimated": data.dob_estimated,
                "nationality": data.nationality,
                "guardian_gender_preference": data.guardian_gender_preference,
                "mediator_gender_preference": data.mediator_gender_preference,
                "facility_id": facility_id_for(session, data.facility_code),
                "identified_on": data.identified_on,
                "arrived_on": data.arrived_on,
                "status": data.status,
                "closure_reason": CLOSURE_OF_STATUS.get(data.status),
                "notes": data.notes,
                "version": 1,
                "created_at": now,
                "updated_at": now,
                "search_text": search_blob(
                    [
                        data.case_number,
                        data.given_name,
                        data.family_name,
                        data.given_name_original,
                        data.family_name_original,
                        *data.aliases,
                    ]
                ),
            }
        )
    if not rows:
        return []
    # No RETURNING: SQLAlchemy splices batched RETURNING results in quadratic time.
    session.execute(insert(Child), rows)
    numbers: list[str] = [str(row["case_number"]) for row in rows]
    by_number: dict[str, int] = {}
    for start in range(0, len(numbers), 2_000):
        chunk = numbers[start : start + 2_000]
        found = session.execute(
            select(Child.case_number, Child.id).where(Child.case_number.in_(chunk))
        )
        by_number.update((number, child_id) for number, child_id in found)
    ids = [by_number[number] for number in numbers]
    languages = [
        {"child_id": cid, "code": s.code, "proficiency": s.proficiency}
        for cid, data in zip(ids, records, strict=True)
        for s in data.languages
    ]
    adults = [
        {
            "child_id": cid,
            "full_name": a.full_name,
            "claimed_relationship": a.claimed_relationship,
            "verified": a.verified,
        }
        for cid, data in zip(ids, records, strict=True)
        for a in data.accompanying_adults
    ]
    if languages:
        session.execute(insert(ChildLanguage), languages)
    if adults:
        session.execute(insert(AccompanyingAdult), adults)
    audit.record_many(
        session,
        ENTITY,
        "create",
        [(cid, None, data) for cid, data in zip(ids, records, strict=True)],
    )
    return ids


@requires(Permission.EDIT_CASEWORK)
def link_siblings(session: Session, pairs: set[tuple[int, int]]) -> int:
    """Add sibling links given as id pairs (either order); existing links are kept once."""
    wanted = {(min(a, b), max(a, b)) for a, b in pairs if a != b}
    if not wanted:
        return 0
    existing = {
        (low, high)
        for low, high in session.execute(select(ChildSibling.child_id, ChildSibling.sibling_id))
    }
    new = sorted(wanted - existing)
    if new:
        session.execute(insert(ChildSibling), [{"child_id": a, "sibling_id": b} for a, b in new])
    return len(new)


@requires(Permission.EDIT_CASEWORK)
def update_child(session: Session, child_id: int, data: ChildData, expected_version: int) -> Child:
    """Save an edited record; refused with ConflictError if someone saved it in between."""
    _validate(data, new=False)
    child = load_for_update(session, Child, child_id, expected_version, ENTITY)
    if (data.status in CLOSED_STATUSES) != (child.status in CLOSED_STATUSES):
        require(session, Permission.CLOSE_CASES)  # closing or reopening by editing the status
        if data.status in CLOSED_STATUSES:
            raise ValidationErrors(
                [
                    ValidationError(
                        "status",
                        data.status.value,
                        _(
                            "closes the case: use Close case…, which ends the appointments "
                            "and cancels the planned visits"
                        ),
                    )
                ]
            )
    before = child_data(session, child)
    if data.case_number and data.case_number != child.case_number:
        raise ValidationErrors(
            [ValidationError("case_number", data.case_number, _("cannot be changed once given"))]
        )
    data.case_number = child.case_number
    with session.no_autoflush:  # one UPDATE, so one version step, per save
        _apply(session, child, data)
        set_siblings(session, child, data.sibling_case_numbers)
        touch(child)
    flush_checked(session, child, ENTITY, expected_version)
    audit.record(session, ENTITY, child.id, "update", before=before, after=data)
    return child


@requires(Permission.CLOSE_CASES)
def close_child(
    session: Session,
    child_id: int,
    expected_version: int,
    reason: str,
    status: ChildStatus = ChildStatus.CLOSED,
    on: date | None = None,
) -> Child:
    """Close a case by the status it ends in, with the officer's words: the closure reason
    that status says, as services/case_closure.close_case does it (appointments ended,
    planned visits cancelled). The record stays, out of the working lists."""
    from guardian_desk.services.case_closure import close_case, office_today

    reason = v.text("reason", reason, max_length=500)
    closure = CLOSURE_OF_STATUS.get(status)
    if closure is None:
        raise ValidationError("status", status.value, _("is not a status a case closes in"))
    close_case(
        session,
        child_id,
        expected_version,
        reason=closure,
        on=on or office_today(session),
        note=reason,
    )
    return get_child(session, child_id)


def sync_closure(child: Child) -> None:
    """A status written in the record (form, import) keeps the closure columns in step: an
    open case has none, a closed one the reason its status says (its own, if it had one)."""
    if child.status not in CLOSED_STATUSES:
        child.closure_reason, child.closed_on, child.closure_note = None, None, ""
    elif child.closure_reason is None or STATUS_OF_CLOSURE[child.closure_reason] != child.status:
        child.closure_reason = CLOSURE_OF_STATUS[child.status]
