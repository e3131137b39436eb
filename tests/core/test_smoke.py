from __future__ import annotations

from datetime import date

from guardian_desk.services import assignments, children, facilities, search, staff
from tests.core import factories


def test_register_assign_and_find(session) -> None:
    fac = facilities.create_facility(session, factories.facility())
    kid = children.create_child(session, factories.child(facility_code=fac.code))
    g = staff.create_staff(session, "guardian", factories.guardian())
    a = assignments.assign_guardian(session, kid.id, g.id, starts_on=date(2026, 10, 5))
    assert kid.case_number == "AL-2026-00001"
    assert a.id is not None and kid.status.value == "under_guardianship"
    assert [c.id for c in search.search_children(session, "ahmad")] == [kid.id]
