"""Mediators for interviews, doctors and courts: who can come, ranked, and booking one."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from guardian_desk.domain.enums import GenderPreference, Proficiency, Sex, VisitPurpose
from guardian_desk.domain.records import AbsencePeriod, LanguageSkill
from guardian_desk.scheduling import (
    DoubleBooking,
    OutsideAvailability,
    office_languages,
    propose_mediators,
    visit_info,
)
from guardian_desk.services import audit
from guardian_desk.services.visits import book_mediator
from tests.scheduling.office import Office

NATIVE, FLUENT = Proficiency.NATIVE, Proficiency.FLUENT
COURT = "Asylum Office, Rruga e Kavajës, Tirana"


def speaks(*pairs: tuple[str, Proficiency]) -> list[LanguageSkill]:
    return [LanguageSkill(code, level) for code, level in pairs]


def test_the_office_languages_are_data() -> None:
    assert office_languages("AL") == ("sqi",)
    assert office_languages("rs") == ("srp",)
    assert office_languages("BA") == ("bos", "hrv", "srp")
    assert office_languages("ME") == ("srp", "cnr")
    assert office_languages("XK") == ("sqi", "srp")
    assert office_languages("FR") == ()


def test_who_can_come_to_an_interview_best_first_and_why_not_the_others(
    session: Session,
) -> None:
    office = Office(session)
    place = office.facility()
    child = office.child(place, mediator_gender_preference=GenderPreference.MALE)
    office.appoint(child, office.guardian(), date(2026, 3, 2))
    known = office.mediator(given_name="Aziz", languages=speaks(("prs", FLUENT), ("sqi", NATIVE)))
    office.mediate(child, known, date(2026, 3, 2))
    office.mediator(given_name="Farid")
    office.mediator(given_name="Jawid", languages=speaks(("prs", NATIVE), ("eng", FLUENT)))
    office.mediator(given_name="Zahra", sex=Sex.FEMALE)
    away = [AbsencePeriod(date(2026, 3, 16), date(2026, 3, 20), "")]
    office.mediator(given_name="Karim", absences=away)
    office.mediator(given_name="Nasir", vetting_expires_on=date(2026, 1, 31))
    busy = office.mediator(given_name="Omid")
    other = office.child(place, given_name="Samir")
    office.stored_visit(other, office.at(2026, 3, 18, 11), mediator=busy, place=COURT,
                        purpose=VisitPurpose.COURT)  # fmt: skip
    office.mediator(given_name="Hassan", languages=speaks(("ara", NATIVE), ("sqi", NATIVE)))

    choice = propose_mediators(
        session,
        child.id,
        office.at(2026, 3, 18, 10),
        office.at(2026, 3, 18, 12),
        place=COURT,
        purpose=VisitPurpose.ASYLUM_INTERVIEW,
    )

    assert choice.local_languages == ("sqi",) and choice.notes == ()
    assert [c.name for c in choice.candidates] == ["Aziz Noori", "Farid Noori"]
    best = choice.candidates[0]
    assert best.bridge == "Dari → Albanian"
    assert [p.key for p in best.parts] == [
        "language", "distance", "availability", "load", "continuity", "preference",
    ]  # fmt: skip
    assert best.parts[4].label == "Continuity: the child already knows this mediator"
    assert (
        best.parts[0].label
        == "Language: Dari with the child (fluent), Albanian with officials (native)"
    )
    reasons = {e.name: e.reasons for e in choice.excluded}
    assert reasons == {
        "Jawid Noori": ("speaks no Albanian at working level",),
        "Zahra Noori": ("the child asked for a male mediator",),
        "Karim Noori": ("mediator Karim Noori is absent 16–20 March",),
        "Nasir Noori": ("vetting expired on 31 Jan 2026",),
        "Omid Noori": (
            f"mediator Omid Noori already has a court hearing 11:00–12:00 on 18 March "
            f"(case {other.case_number})",
        ),
    }


def test_booking_a_mediator_without_the_guardian(session: Session) -> None:
    office = Office(session)
    place = office.facility()
    child = office.child(place)
    office.appoint(child, office.guardian(), date(2026, 3, 2))
    farid = office.mediator()

    visit = book_mediator(
        session,
        child.id,
        farid.id,
        starts_at=office.at(2026, 3, 18, 10),
        ends_at=office.at(2026, 3, 18, 12),
        purpose=VisitPurpose.ASYLUM_INTERVIEW,
        place=COURT,
    )

    info = visit_info(session, visit.id)
    assert (info.purpose, info.guardian_id, info.mediator_name, info.place) == (
        VisitPurpose.ASYLUM_INTERVIEW, None, "Farid Noori", COURT,
    )  # fmt: skip
    assert info.facility_id is None and info.facility_name == ""
    assert [e.action for e in audit.history(session, "visit", visit.id)] == ["create"]
    with pytest.raises(DoubleBooking) as refused:
        book_mediator(
            session, child.id, farid.id, purpose=VisitPurpose.MEDICAL, place="Clinic",
            starts_at=office.at(2026, 3, 18, 12), ends_at=office.at(2026, 3, 18, 13),
        )  # fmt: skip
    assert refused.value.clashes == (
        f"child {child.case_number} has an asylum interview 10:00–12:00 on 18 March elsewhere "
        "and needs 30 minutes to travel between them",
        f"mediator Farid Noori has an asylum interview 10:00–12:00 on 18 March "
        f"(case {child.case_number}) elsewhere and needs 30 minutes to travel between them",
    )
    later = propose_mediators(
        session, child.id, office.at(2026, 3, 18, 11), office.at(2026, 3, 18, 12), place=COURT
    )
    assert later.candidates == ()
    assert later.notes == (
        f"child {child.case_number} already has an asylum interview 10:00–12:00 on 18 March",
    )


def test_a_mediator_with_no_vetting_needs_an_override(session: Session) -> None:
    office = Office(session)
    child = office.child(office.facility())
    unvetted = office.mediator(vetting_expires_on=None)
    with pytest.raises(OutsideAvailability, match="mediator Farid Noori has no vetting on record"):
        book_mediator(
            session, child.id, unvetted.id, place="Regional hospital",
            starts_at=office.at(2026, 3, 18, 10), ends_at=office.at(2026, 3, 18, 11),
        )  # fmt: skip
    visit = book_mediator(
        session, child.id, unvetted.id, place="Regional hospital", purpose=VisitPurpose.MEDICAL,
        starts_at=office.at(2026, 3, 18, 10), ends_at=office.at(2026, 3, 18, 11),
        override_reason="the only Dari speaker today; a social worker stays in the room",
    )  # fmt: skip
    assert audit.history(session, "visit", visit.id)[0].action == "override_create"
