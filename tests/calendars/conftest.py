"""A small office with visits for the calendar tests: names chosen to break a careless writer.

The PostgreSQL fixtures of tests/db are borrowed for the one test that reads on PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from guardian_desk.db.models import Visit
from guardian_desk.domain.enums import VisitPurpose, VisitStatus
from guardian_desk.services import children, facilities, staff
from guardian_desk.services.settings import get_settings
from tests.core import factories
from tests.db.conftest import pg_db, pg_server, pg_template  # noqa: F401 (fixtures)

# Europe/Tirane changes to summer time on 29 March 2026 and back on 25 October 2026.
BEFORE_SPRING = datetime(2026, 3, 27, 8, 0, tzinfo=UTC)  # 09:00 local (CET)
AFTER_SPRING = datetime(2026, 3, 30, 8, 0, tzinfo=UTC)  # 10:00 local (CEST)
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@dataclass
class Office:
    guardian_code: str
    other_guardian_code: str
    mediator_code: str
    facility_code: str
    child_names: list[str]  # given and family names that must not leak
    visit: int  # guardian + mediator at the facility, before the spring change
    after_spring: int  # guardian alone, after the change
    cancelled: int
    booking: int  # an asylum interview: mediator, no guardian, a place written by hand
    other: int  # the other guardian's visit


def _visit(session: Session, child_id: int, starts_at: datetime, **values: object) -> int:
    visit = Visit(
        child_id=child_id, starts_at=starts_at, ends_at=starts_at + timedelta(hours=1), **values
    )
    session.add(visit)
    session.flush()
    return visit.id


@pytest.fixture
def office(session: Session) -> Office:
    return make_office(session)


def make_office(session: Session) -> Office:
    get_settings(session).office_uid = "0f1e2d3c-office"
    guardian = staff.create_staff(
        session, "guardian", factories.guardian(email="elira.hoxha@example.org")
    )
    other = staff.create_staff(
        session,
        "guardian",
        factories.guardian(given_name="Ana <Maria>", family_name="O'Brien, Jr.; Esq."),
    )
    mediator = staff.create_staff(
        session,
        "mediator",
        factories.guardian(
            given_name="Farid", family_name="Karimi", email="farid.karimi@example.org"
        ),
    )
    home = facilities.create_facility(
        session,
        factories.facility(name="Shelter; North, <Block A>", address="Rruga Kavajës 12"),
    )
    ahmad = children.create_child(session, factories.child())
    yonas = children.create_child(
        session,
        factories.child(
            given_name="Yonas", family_name="Tesfaye", given_name_original="ዮናስ",
            family_name_original="ተስፋዬ", nationality="ER",
        ),
    )  # fmt: skip
    return Office(
        guardian_code=guardian.code,
        other_guardian_code=other.code,
        mediator_code=mediator.code,
        facility_code=home.code or "",
        child_names=["Ahmad", "Rahimi", "احمد", "رحیمی", "Yonas", "Tesfaye", "ዮናስ", "ተስፋዬ"],
        visit=_visit(
            session,
            ahmad.id,
            BEFORE_SPRING,
            guardian_id=guardian.id,
            mediator_id=mediator.id,
            facility_id=home.id,
        ),
        after_spring=_visit(session, ahmad.id, AFTER_SPRING, guardian_id=guardian.id),
        cancelled=_visit(
            session,
            yonas.id,
            AFTER_SPRING + timedelta(days=1),
            guardian_id=guardian.id,
            status=VisitStatus.CANCELLED,
            sequence=1,
        ),
        booking=_visit(
            session,
            yonas.id,
            AFTER_SPRING + timedelta(days=2),
            mediator_id=mediator.id,
            purpose=VisitPurpose.ASYLUM_INTERVIEW,
            place="Ministry of Interior,\nRoom 3; 2nd floor",
        ),
        other=_visit(session, yonas.id, AFTER_SPRING + timedelta(days=3), guardian_id=other.id),
    )
