"""Guardians and mediators: registering, editing, suspending."""

from __future__ import annotations

from typing import Any, Literal, cast

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from guardian_desk.db.base import utcnow
from guardian_desk.db.models import Guardian, GuardianLanguage, Mediator, MediatorLanguage
from guardian_desk.domain import validation as v
from guardian_desk.domain.cleaning import clean_staff_text
from guardian_desk.domain.errors import NotFoundError, ValidationError, ValidationErrors
from guardian_desk.domain.parsing import Collector, vetting_order
from guardian_desk.domain.records import LanguageSkill, StaffData
from guardian_desk.domain.text import search_blob
from guardian_desk.i18n import _
from guardian_desk.security.roles import Permission, requires
from guardian_desk.services import audit, numbering
from guardian_desk.services.languages import merge_languages
from guardian_desk.services.locking import flush_checked, load_for_update, touch
from guardian_desk.services.settings import get_settings

StaffKind = Literal["guardian", "mediator"]
Staff = Guardian | Mediator

MODELS: dict[str, type[Guardian] | type[Mediator]] = {"guardian": Guardian, "mediator": Mediator}
LANGUAGE_ROWS = {"guardian": GuardianLanguage, "mediator": MediatorLanguage}
CODE_PREFIX = {"guardian": "G", "mediator": "M"}


@requires(Permission.READ_RECORDS)
def get_staff(session: Session, kind: StaffKind, staff_id: int) -> Staff:
    found = cast(Staff | None, session.get(MODELS[kind], staff_id))
    if found is None:
        raise NotFoundError(kind, staff_id)
    return found


@requires(Permission.READ_RECORDS)
def find_by_code(session: Session, kind: StaffKind, code: str) -> Staff:
    model = MODELS[kind]
    found = cast(
        Staff | None, session.scalar(select(model).where(model.code == code.strip().upper()))
    )
    if found is None:
        raise NotFoundError(kind, code)
    return found


def staff_data(row: Staff) -> StaffData:
    data = StaffData(
        code=row.code,
        given_name=row.given_name,
        family_name=row.family_name,
        sex=row.sex,
        languages=[LanguageSkill(lang.code, lang.proficiency) for lang in row.languages],
        phone=row.phone,
        email=row.email,
        municipality=row.municipality,
        latitude=row.latitude,
        longitude=row.longitude,
        max_caseload=row.max_caseload,
        background_check_on=row.background_check_on,
        training_on=row.training_on,
        vetting_expires_on=row.vetting_expires_on,
        active=row.active,
        suspended_reason=row.suspended_reason,
        notes=row.notes,
    )
    if isinstance(row, Mediator):
        data.dialects = list(row.dialects)
        data.certification = row.certification
        data.organisation = row.organisation
    return data


def next_code(session: Session, kind: StaffKind) -> str:
    """The next G-00012 / M-00012; hand-given codes of another shape (G-ZZZZZ) are ignored."""
    model = MODELS[kind]
    return numbering.next_number(session, model.code, f"{CODE_PREFIX[kind]}-", 5, "code")


def _validate(session: Session, kind: StaffKind, data: StaffData) -> None:
    """The parser's rules again for records built in code; cleans text, phone and e-mail."""
    c = Collector()
    region = get_settings(session).country
    clean_staff_text(c, data, mediator=kind == "mediator")
    data.phone = c(lambda: v.phone("phone", data.phone, region=region), "")
    data.email = c(lambda: v.email("email", data.email), "")
    c(lambda: v.parse_int("max_caseload", data.max_caseload, minimum=1, maximum=100), 0)
    if not data.languages:
        c.add("languages", "", _("must name at least one language"))
    vetting_order(c, data)
    c.raise_if_any()


_COPIED = (
    "given_name",
    "family_name",
    "sex",
    "phone",
    "email",
    "municipality",
    "latitude",
    "longitude",
    "max_caseload",
    "background_check_on",
    "training_on",
    "vetting_expires_on",
    "active",
    "suspended_reason",
    "notes",
)


def _apply(kind: StaffKind, row: Staff, data: StaffData) -> None:
    for name in _COPIED:
        setattr(row, name, getattr(data, name))
    row.languages = merge_languages(row.languages, data.languages, LANGUAGE_ROWS[kind])  # type: ignore[assignment]
    if isinstance(row, Mediator):
        row.dialects = list(data.dialects)
        row.certification = data.certification
        row.organisation = data.organisation
    row.search_text = search_blob(
        [row.code, row.given_name, row.family_name, row.email, row.phone, row.municipality]
    )


@requires(Permission.EDIT_CASEWORK)
def create_staff(
    session: Session, kind: StaffKind, data: StaffData, *, check_unique: bool = True
) -> Staff:
    _validate(session, kind, data)
    model = MODELS[kind]
    given = data.code
    if (
        given is not None
        and check_unique
        and session.scalar(select(model.id).where(model.code == given))
    ):
        raise ValidationErrors([ValidationError("code", given, _("is already registered"))])

    def insert(code: str) -> Staff:
        row: Staff = model(code=code)
        _apply(kind, row, data)
        session.add(row)
        session.flush()
        return row

    row = numbering.insert_numbered(
        session,
        given=given,
        next_free=lambda: next_code(session, kind),
        insert=insert,
        table=model.__tablename__,
        column="code",
        field="code",
    )
    data.code = row.code
    audit.record(session, kind, row.id, "create", after=data)
    return row


@requires(Permission.EDIT_CASEWORK)
def update_staff(
    session: Session, kind: StaffKind, staff_id: int, data: StaffData, expected_version: int
) -> Staff:
    _validate(session, kind, data)
    row = load_for_update(session, MODELS[kind], staff_id, expected_version, kind)
    before = staff_data(row)
    if data.code and data.code != row.code:
        problem = _("cannot be changed once given")
        raise ValidationErrors([ValidationError("code", data.code, problem)])
    data.code = row.code
    _apply(kind, row, data)
    touch(row)
    flush_checked(session, row, kind, expected_version)
    audit.record(session, kind, row.id, "update", before=before, after=data)
    return row


@requires(Permission.EDIT_CASEWORK)
def set_active(
    session: Session,
    kind: StaffKind,
    staff_id: int,
    expected_version: int,
    *,
    active: bool,
    reason: str = "",
) -> Staff:
    """Suspend (with a reason) or reinstate; a suspended person gets no new children."""
    if not active:
        reason = v.text("suspended_reason", reason, max_length=500)
    row = load_for_update(session, MODELS[kind], staff_id, expected_version, kind)
    before = {"active": row.active, "suspended_reason": row.suspended_reason}
    row.active = active
    row.suspended_reason = "" if active else reason
    flush_checked(session, row, kind, expected_version)
    audit.record(
        session,
        kind,
        row.id,
        "reinstate" if active else "suspend",
        before=before,
        after={"active": row.active, "suspended_reason": row.suspended_reason},
    )
    return row


@requires(Permission.EDIT_CASEWORK)
def create_staff_many(session: Session, kind: StaffKind, records: list[StaffData]) -> list[int]:
    """Imports: register many people with bulk INSERTs; same checks and one audit row each."""
    model = MODELS[kind]
    now = utcnow()
    rows: list[dict[str, Any]] = []
    for data in records:
        _validate(session, kind, data)
        if data.code is None:
            raise ValueError("create_staff_many needs codes")
        row = {name: getattr(data, name) for name in _COPIED}
        row |= {
            "code": data.code,
            "version": 1,
            "created_at": now,
            "updated_at": now,
            "search_text": search_blob(
                [
                    data.code,
                    data.given_name,
                    data.family_name,
                    data.email,
                    data.phone,
                    data.municipality,
                ]
            ),
        }
        if kind == "mediator":
            row |= {
                "dialects": list(data.dialects),
                "certification": data.certification,
                "organisation": data.organisation,
            }
        rows.append(row)
    if not rows:
        return []
    session.execute(insert(model), rows)
    codes = [str(row["code"]) for row in rows]
    by_code: dict[str, int] = {}
    for start in range(0, len(codes), 2_000):
        chunk = codes[start : start + 2_000]
        by_code.update(
            (code, pid)
            for code, pid in session.execute(
                select(model.code, model.id).where(model.code.in_(chunk))
            )
        )
    ids = [by_code[code] for code in codes]
    owner = "guardian_id" if kind == "guardian" else "mediator_id"
    languages = [
        {owner: pid, "code": s.code, "proficiency": s.proficiency}
        for pid, data in zip(ids, records, strict=True)
        for s in data.languages
    ]
    if languages:
        session.execute(insert(LANGUAGE_ROWS[kind]), languages)
    audit.record_many(
        session, kind, "create", [(pid, None, data) for pid, data in zip(ids, records, strict=True)]
    )
    return ids
