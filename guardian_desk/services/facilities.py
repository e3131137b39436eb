"""Facilities and their visiting hours."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from guardian_desk.db.models import Facility, FacilityHours
from guardian_desk.domain import validation as v
from guardian_desk.domain.errors import NotFoundError, ValidationError, ValidationErrors
from guardian_desk.domain.parsing import Collector
from guardian_desk.domain.records import FacilityData, WeeklyWindow
from guardian_desk.domain.text import search_blob
from guardian_desk.i18n import _
from guardian_desk.security.roles import Permission, requires
from guardian_desk.services import audit, numbering
from guardian_desk.services.locking import flush_checked, load_for_update, touch
from guardian_desk.services.settings import get_settings

ENTITY = "facility"


@requires(Permission.READ_RECORDS)
def get_facility(session: Session, facility_id: int) -> Facility:
    found = session.get(Facility, facility_id)
    if found is None:
        raise NotFoundError(ENTITY, facility_id)
    return found


def facility_data(row: Facility) -> FacilityData:
    return FacilityData(
        code=row.code,
        name=row.name,
        address=row.address,
        municipality=row.municipality,
        latitude=row.latitude,
        longitude=row.longitude,
        contact_name=row.contact_name,
        contact_phone=row.contact_phone,
        contact_email=row.contact_email,
        hours=[WeeklyWindow(h.weekday, h.start_minute, h.end_minute) for h in row.hours],
        active=row.active,
        notes=row.notes,
    )


def next_code(session: Session) -> str:
    """FAC-0001 on; a hand-given FAC-ZZZZ or FAC-٠٠٠٩ must not stop the numbering."""
    return numbering.next_number(session, Facility.code, "FAC-", 4, "code")


def _validate(session: Session, data: FacilityData) -> None:
    """The parser's rules again for records built in code; cleans text, phone and e-mail."""
    c = Collector()
    region = get_settings(session).country
    data.name = c(lambda: v.text("name", data.name), "")
    data.contact_phone = c(lambda: v.phone("contact_phone", data.contact_phone, region=region), "")
    data.contact_email = c(lambda: v.email("contact_email", data.contact_email), "")
    c.raise_if_any()


def _apply(row: Facility, data: FacilityData) -> None:
    for name in (
        "name",
        "address",
        "municipality",
        "latitude",
        "longitude",
        "contact_name",
        "contact_phone",
        "contact_email",
        "active",
        "notes",
    ):
        setattr(row, name, getattr(data, name))
    row.hours = [
        FacilityHours(weekday=w.weekday, start_minute=w.start_minute, end_minute=w.end_minute)
        for w in data.hours
    ]
    row.search_text = search_blob([row.code, row.name, row.municipality, row.address])


@requires(Permission.EDIT_CASEWORK)
def create_facility(session: Session, data: FacilityData, *, check_unique: bool = True) -> Facility:
    given = data.code
    if (
        given is not None
        and check_unique
        and session.scalar(select(Facility.id).where(Facility.code == given))
    ):
        raise ValidationErrors([ValidationError("code", given, _("is already registered"))])
    _validate(session, data)

    def insert(code: str) -> Facility:
        row = Facility(code=code)
        _apply(row, data)
        session.add(row)
        session.flush()
        return row

    row = numbering.insert_numbered(  # two officers at once: the loser gets the next code
        session,
        given=given,
        next_free=lambda: next_code(session),
        insert=insert,
        table=Facility.__tablename__,
        column="code",
        field="code",
    )
    data.code = row.code
    audit.record(session, ENTITY, row.id, "create", after=data)
    return row


@requires(Permission.EDIT_CASEWORK)
def update_facility(
    session: Session, facility_id: int, data: FacilityData, expected_version: int
) -> Facility:
    row = load_for_update(session, Facility, facility_id, expected_version, ENTITY)
    _validate(session, data)
    before = facility_data(row)
    if data.code and data.code != row.code:
        problem = _("cannot be changed once given")
        raise ValidationErrors([ValidationError("code", data.code, problem)])
    data.code = row.code
    _apply(row, data)
    touch(row)
    flush_checked(session, row, ENTITY, expected_version)
    audit.record(session, ENTITY, row.id, "update", before=before, after=data)
    return row


@requires(Permission.EDIT_CASEWORK)
def set_facility_active(
    session: Session, facility_id: int, expected_version: int, *, active: bool
) -> Facility:
    row = load_for_update(session, Facility, facility_id, expected_version, ENTITY)
    before = {"active": row.active}
    row.active = active
    flush_checked(session, row, ENTITY, expected_version)
    audit.record(
        session,
        ENTITY,
        row.id,
        "reopen" if active else "deactivate",
        before=before,
        after={"active": active},
    )
    return row
