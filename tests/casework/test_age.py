"""Age: an estimated age becomes an estimated date of birth (today minus N years), age
assessments are recorded and may set that date, and open cases of children turning 18 within
90 days are found."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.db.models import AuditEvent, Child
from guardian_desk.domain.enums import ChildStatus
from guardian_desk.domain.errors import PermissionDenied, ValidationError, ValidationErrors
from guardian_desk.security.roles import Role, SignedIn
from guardian_desk.services import age, children
from guardian_desk.services.age import AgeAssessmentData
from tests.core import factories

OFFICER = SignedIn("o.kelmendi", "Officer Kelmendi", Role.OFFICER)
AUDITOR = SignedIn("a.auditor", "An Auditor", Role.AUDITOR)
TODAY = date(2026, 12, 6)


def test_an_estimated_age_is_today_minus_that_many_years() -> None:
    assert age.estimated_birth_date(15, TODAY) == date(2011, 12, 6)
    assert age.age_on(age.estimated_birth_date(15, TODAY), TODAY) == 15
    # The latest date that makes the child 15 today: a day later and the child would be 14.
    assert age.age_on(date(2011, 12, 7), TODAY) == 14


def test_an_age_entered_on_29_february_gives_28_february() -> None:
    leap = date(2028, 2, 29)
    assert age.estimated_birth_date(15, leap) == date(2013, 2, 28)
    assert age.age_on(date(2013, 2, 28), leap) == 15


def test_one_born_on_29_february_turns_18_on_1_march() -> None:
    assert age.adult_on(date(2008, 2, 29)) == date(2026, 3, 1)
    assert age.age_on(date(2008, 2, 29), date(2026, 2, 28)) == 17
    assert age.age_on(date(2008, 2, 29), date(2026, 3, 1)) == 18


@pytest.mark.parametrize("value", ["-1", "31", "about", "15.5"])
def test_an_estimated_age_must_be_whole_years_0_to_30(value: str) -> None:
    with pytest.raises(ValidationError) as caught:
        age.check_estimated_age(value)
    assert caught.value.field == "estimated_age"


def _child(factory: sessionmaker[Session], **overrides: object) -> int:
    with session_scope(factory) as s:
        return children.create_child(s, factories.child(**overrides)).id


def test_an_assessment_is_recorded_and_listed_latest_first(factory: sessionmaker[Session]) -> None:
    child_id = _child(factory)
    with session_scope(factory, account=OFFICER) as s:
        age.add_age_assessment(
            s, child_id, AgeAssessmentData(date(2026, 10, 2), "interview", 15, 15), today=TODAY
        )
        age.add_age_assessment(
            s,
            child_id,
            AgeAssessmentData(date(2026, 11, 20), "medical", 16, 17, " Dr. Basha ", "X-ray"),
            today=TODAY,
        )
    with session_scope(factory) as s:
        found = age.list_age_assessments(s, child_id)
        events = s.scalars(select(AuditEvent).where(AuditEvent.entity == age.ENTITY)).all()
    assert [(a.method, a.age_min, a.age_max) for a in found] == [
        ("medical", 16, 17),
        ("interview", 15, 15),
    ]
    assert found[0].assessed_by == "Dr. Basha" and found[0].recorded_by == "o.kelmendi"
    assert found[0].result_text == "16 to 17 years" and found[1].result_text == "15 years"
    assert [e.actor for e in events] == ["o.kelmendi", "o.kelmendi"]


def test_an_assessment_is_checked(session: Session) -> None:
    child_id = children.create_child(session, factories.child()).id
    bad = AgeAssessmentData(date(2027, 1, 1), "guess", 17, 16)
    with pytest.raises(ValidationErrors) as caught:
        age.add_age_assessment(session, child_id, bad, today=TODAY)
    assert {e.field for e in caught.value.errors} == {"assessed_on", "method", "age_max"}


def test_an_assessment_may_set_the_estimated_birth_date_from_its_lower_age(
    factory: sessionmaker[Session],
) -> None:
    child_id = _child(factory, date_of_birth=None, dob_estimated=False)
    with session_scope(factory, account=OFFICER) as s:
        version = s.get(Child, child_id).version  # type: ignore[union-attr]
        age.add_age_assessment(
            s,
            child_id,
            AgeAssessmentData(date(2026, 11, 20), "medical", 16, 17),
            today=TODAY,
            set_birth_date=True,
            child_version=version,
        )
    with session_scope(factory) as s:
        child = s.get(Child, child_id)
        assert child is not None
        assert (child.date_of_birth, child.dob_estimated) == (date(2010, 11, 20), True)
        assert child.version == version + 1


def test_a_documented_birth_date_is_not_replaced(factory: sessionmaker[Session]) -> None:
    child_id = _child(factory, date_of_birth=date(2010, 5, 5), dob_estimated=False)
    with pytest.raises(age.DocumentedBirthDate), session_scope(factory) as s:
        age.add_age_assessment(
            s,
            child_id,
            AgeAssessmentData(date(2026, 11, 20), "medical", 16, 17),
            today=TODAY,
            set_birth_date=True,
        )
    with session_scope(factory) as s:
        assert age.list_age_assessments(s, child_id) == []


def test_roles_are_checked(factory: sessionmaker[Session]) -> None:
    child_id = _child(factory)
    data = AgeAssessmentData(date(2026, 11, 20), "documents", 16, 16)
    with pytest.raises(PermissionDenied), session_scope(factory, account=AUDITOR) as s:
        age.add_age_assessment(s, child_id, data, today=TODAY)
    with session_scope(factory, account=OFFICER) as s:
        added = age.add_age_assessment(s, child_id, data, today=TODAY)
    with pytest.raises(PermissionDenied), session_scope(factory, account=AUDITOR) as s:
        age.remove_age_assessment(s, added.id)
    with session_scope(factory, account=OFFICER) as s:
        age.remove_age_assessment(s, added.id)
        assert age.list_age_assessments(s, child_id) == []


def test_open_cases_turning_18_within_90_days(factory: sessionmaker[Session]) -> None:
    born = {
        "in 10 days": date(2008, 12, 16),
        "in 90 days": date(2009, 3, 6),
        "in 91 days": date(2009, 3, 7),
        "already 18": date(2008, 11, 1),
        "young": date(2015, 1, 1),
    }
    ids = {name: _child(factory, date_of_birth=day) for name, day in born.items()}
    _child(factory, date_of_birth=None, dob_estimated=False)
    closed = _child(factory, date_of_birth=date(2008, 12, 20), status=ChildStatus.REUNIFIED)
    with session_scope(factory) as s:
        lines, total = age.turning_adult(s, TODAY)
    assert [line.child_id for line in lines] == [
        ids["already 18"],
        ids["in 10 days"],
        ids["in 90 days"],
    ]
    assert total == 3 and closed not in {line.child_id for line in lines}
    assert [line.days_left for line in lines] == [-35, 10, 90]
    assert lines[1].adult_on == date(2026, 12, 16)
    with session_scope(factory) as s:
        cut, total = age.turning_adult(s, TODAY, limit=1)
    assert (len(cut), total) == (1, 3)
