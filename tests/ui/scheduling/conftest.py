"""A small office saved to the test database, and a bridge to it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.domain.enums import VisitStatus
from tests.scheduling.office import Office
from tests.ui.signed import TEST_OFFICER
from ui.bridge import CoreBridge

MONDAY = date(2026, 3, 9)  # the week the tests look at
ARABIC_GIVEN, ARABIC_FAMILY = "يوسف", "التميمي"


@dataclass(frozen=True)
class SmallOffice:
    facility_id: int
    elira_id: int  # guardian of Ahmad, Yusuf and Nomad
    besa_id: int  # a guardian with no children
    farid_id: int  # mediator of Ahmad
    ahmad_id: int
    ahmad_case: str
    yusuf_id: int  # the Arabic-named child
    yusuf_case: str
    nomad_case: str  # no facility on record: nothing fits in a plan
    planned_visit_id: int  # Yusuf, Tue 10 March 10:00-11:00
    cancelled_visit_id: int  # Ahmad, Wed 11 March 09:00-10:00


@pytest.fixture
def office(factory: sessionmaker[Session]) -> SmallOffice:
    with session_scope(factory, actor="test-officer") as session:
        o = Office(session)
        place = o.facility()
        elira = o.guardian()
        besa = o.guardian(given_name="Besa", family_name="Kola")
        farid = o.mediator()
        ahmad = o.child(place)
        yusuf = o.child(place, given_name=ARABIC_GIVEN, family_name=ARABIC_FAMILY, nationality="SY")
        nomad = o.child(None, given_name="Nomad", family_name="Nofacility")
        for child in (ahmad, yusuf, nomad):
            o.appoint(child, elira, date(2026, 3, 2))
        o.mediate(ahmad, farid, date(2026, 3, 2))
        planned = o.stored_visit(yusuf, o.at(2026, 3, 10, 10), guardian=elira, facility=place)
        cancelled = o.stored_visit(
            ahmad,
            o.at(2026, 3, 11, 9),
            guardian=elira,
            mediator=farid,
            facility=place,
            status=VisitStatus.CANCELLED,
        )
        return SmallOffice(
            facility_id=place.id,
            elira_id=elira.id,
            besa_id=besa.id,
            farid_id=farid.id,
            ahmad_id=ahmad.id,
            ahmad_case=ahmad.case_number,
            yusuf_id=yusuf.id,
            yusuf_case=yusuf.case_number,
            nomad_case=nomad.case_number,
            planned_visit_id=planned.id,
            cancelled_visit_id=cancelled.id,
        )


@pytest.fixture
def bridge(db_url: str, qapp: object) -> Iterator[CoreBridge]:
    core = CoreBridge(db_url, TEST_OFFICER)
    yield core
    core.shutdown()
