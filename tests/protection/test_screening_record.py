"""Recording a screening: the stored result is the rule's, the answers come back as given."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.db.models import Screening, ScreeningAnswer
from guardian_desk.domain.enums import ChildStatus, Proficiency
from guardian_desk.domain.errors import (
    ConflictError,
    PermissionDenied,
    RuleViolation,
    ValidationError,
)
from guardian_desk.domain.records import LanguageSkill
from guardian_desk.protection.indicators import assess, load_catalogue
from guardian_desk.security.roles import Role, SignedIn
from guardian_desk.services import audit
from guardian_desk.services.screenings import (
    ScreeningInput,
    get_screening,
    record_decision,
    record_screening,
    screening_choices,
    screenings_of,
)
from tests.scheduling.office import Office

FLAGGING = {
    "cl-dr-01": "observed",
    "cl-dr-02": "reported_by_child",
    "cl-ex-01": "reported_by_others",
    "office-crime": "observed",
    "cl-cd-01": "not_observed",
}


@pytest.fixture
def office(session: Session) -> Office:
    return Office(session)


def _screen(session: Session, child_id: int, **changes: object):  # type: ignore[no-untyped-def]
    values: dict[str, object] = dict(
        child_id=child_id,
        screened_at=datetime.now(UTC) - timedelta(hours=1),
        language="prs",
        answers=FLAGGING,
        answer_notes={"cl-dr-01": "promised a job in a restaurant"},
        note="interview at the reception centre",
    )
    values.update(changes)
    return record_screening(session, ScreeningInput(**values))  # type: ignore[arg-type]


def test_a_screening_is_stored_with_the_rules_result(session: Session, office: Office) -> None:
    child = office.child(office.facility())
    mediator = office.mediator()
    info = _screen(session, child.id, mediator_id=mediator.id)
    expected = assess(load_catalogue(), FLAGGING, indicator_set="labour", child=True)
    assert info.positive_elements == expected.positive_elements()
    assert info.positive_elements == ("deceptive_recruitment", "exploitation")
    assert info.flagged is expected.flagged is True
    assert dict(info.explanation) == expected.explanation()
    assert info.explanation["exploitation"] == ("cl-ex-01", "office-crime")
    assert dict(info.answers) == FLAGGING  # only those given; the rest are "not asked"
    assert dict(info.answer_notes) == {"cl-dr-01": "promised a job in a restaurant"}
    assert info.decision == "pending" and info.screened_by == "test-officer"
    assert info.mediator_name == "Farid Noori" and info.catalogue_version == "draft"
    assert info.screened_at.tzinfo is not None and info.case_number == child.case_number
    stored = session.scalars(
        select(ScreeningAnswer).where(ScreeningAnswer.screening_id == info.screening_id)
    ).all()
    assert len(stored) == len(FLAGGING)
    again = get_screening(session, info.screening_id)
    assert again == info
    (event,) = audit.history(session, "screening", info.screening_id)
    assert event.action == "screen" and event.after is not None
    assert event.after["answer_counts"]["observed"] == 2
    assert "restaurant" not in str(event.after) and "reception" not in str(event.after)


def test_a_screening_below_the_threshold_does_not_flag(session: Session, office: Office) -> None:
    child = office.child(office.facility())
    answers = {"cl-dr-01": "observed", "cl-ex-01": "observed"}  # one strong each: not enough
    info = _screen(session, child.id, answers=answers, answer_notes={})
    assert info.positive_elements == () and info.flagged is False and info.explanation == {}


def test_screenings_are_listed_newest_first(session: Session, office: Office) -> None:
    child = office.child(office.facility())
    older = _screen(session, child.id, screened_at=datetime.now(UTC) - timedelta(days=3))
    newer = _screen(session, child.id, occasion="periodic", answers={})
    assert [s.screening_id for s in screenings_of(session, child.id)] == [
        newer.screening_id,
        older.screening_id,
    ]


def test_a_future_time_is_refused(session: Session, office: Office) -> None:
    child = office.child(office.facility())
    with pytest.raises(ValidationError) as refused:
        _screen(session, child.id, screened_at=datetime.now(UTC) + timedelta(days=1))
    assert refused.value.field == "screened_at" and "lies in the future" in str(refused.value)
    assert session.scalar(select(Screening.id)) is None


def test_a_time_before_the_childs_arrival_is_refused(session: Session, office: Office) -> None:
    child = office.child(office.facility())
    first = min(day for day in (child.arrived_on, child.identified_on) if day is not None)
    before = datetime.combine(first - timedelta(days=2), datetime.min.time(), UTC)
    with pytest.raises(ValidationError) as refused:
        _screen(session, child.id, screened_at=before)
    assert refused.value.field == "screened_at"
    assert "before the child's arrival or identification" in str(refused.value)
    assert session.scalar(select(Screening.id)) is None


def test_an_unknown_indicator_or_answer_is_refused(session: Session, office: Office) -> None:
    child = office.child(office.facility())
    with pytest.raises(ValidationError) as refused:
        _screen(session, child.id, answers={"cl-xx-99": "observed"})
    assert refused.value.field == "answers" and refused.value.value == "cl-xx-99"
    with pytest.raises(ValidationError) as refused:
        _screen(session, child.id, answers={"cl-dr-01": "maybe"})
    assert refused.value.field == "answers.cl-dr-01"
    with pytest.raises(ValidationError):
        _screen(session, child.id, occasion="whenever")
    assert session.scalar(select(Screening.id)) is None


def test_a_closed_case_is_not_screened(session: Session, office: Office) -> None:
    child = office.child(office.facility())
    child.status = ChildStatus.CLOSED
    session.flush()
    with pytest.raises(RuleViolation, match="reopen the case to record a screening"):
        _screen(session, child.id)


def test_the_officer_decides_and_a_stale_decision_is_refused(
    session: Session, office: Office
) -> None:
    child = office.child(office.facility())
    info = _screen(session, child.id)
    decided = record_decision(
        session, info.screening_id, info.version, "refer", "refer to the NRM today"
    )
    assert decided.decision == "refer" and decided.decided_by == "test-officer"
    assert decided.decided_at is not None and decided.version == info.version + 1
    assert decided.decision_note == "refer to the NRM today"
    with pytest.raises(ConflictError):
        record_decision(session, info.screening_id, info.version, "no_indication", "")
    with pytest.raises(ValidationError) as refused:
        record_decision(session, info.screening_id, decided.version, "victim", "")
    assert refused.value.field == "decision"
    assert get_screening(session, info.screening_id).decision == "refer"
    actions = [e.action for e in audit.history(session, "screening", info.screening_id)]
    assert actions == ["screen", "decide"]


def test_the_choices_suggest_the_occasion(session: Session, office: Office) -> None:
    child = office.child(office.facility())
    far = office.mediator(
        given_name="Ana", family_name="Aaron", languages=[LanguageSkill("sqi", Proficiency.NATIVE)]
    )
    near = office.mediator(given_name="Zarmina")  # speaks Dari like the child
    choices = screening_choices(session, child.id)
    assert choices.suggested_occasion == "first_contact"
    assert choices.child_languages == ("prs",)
    assert [m.mediator_id for m in choices.mediators][:1] == [near.id]
    assert far.id in [m.mediator_id for m in choices.mediators]
    _screen(session, child.id)
    assert screening_choices(session, child.id).suggested_occasion == "other"
    from guardian_desk.services.adults import add_adult

    add_adult(session, child.id, "Karim Rahimi", "uncle")
    assert screening_choices(session, child.id).suggested_occasion == "new_adult"


def test_an_auditor_cannot_record_a_screening(factory: sessionmaker[Session]) -> None:
    with session_scope(factory, actor="test") as session:
        child_id = Office(session).child(None).id
    auditor = SignedIn("aud.user", "An auditor", Role.AUDITOR)
    with session_scope(factory, account=auditor) as session:
        assert screenings_of(session, child_id) == []  # may read
        with pytest.raises(PermissionDenied):
            _screen(session, child_id)
    officer = SignedIn("off.user", "An officer", Role.OFFICER)
    with session_scope(factory, account=officer) as session:
        assert _screen(session, child_id).screened_by == "off.user"
