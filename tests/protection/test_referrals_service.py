"""Referrals: recorded with a legal basis and the consents, their status only moving forward."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy.orm import Session

from guardian_desk.db.models import Referral
from guardian_desk.domain.errors import (
    ConflictError,
    PermissionDenied,
    RuleViolation,
    ValidationError,
)
from guardian_desk.security.roles import ACCOUNT_KEY, Role, SignedIn
from guardian_desk.services import audit
from guardian_desk.services.case_closure import office_today
from guardian_desk.services.referrals import (
    ReferralInput,
    create_referral,
    referral_info,
    referrals_of,
    update_status,
)
from guardian_desk.services.settings import get_settings
from tests.scheduling.office import Office

SENT = date(2026, 3, 10)


@pytest.fixture
def child_id(session: Session) -> int:
    return Office(session).child(None, identified_on=date(2026, 3, 2)).id


def _input(child_id: int, **changes: object) -> ReferralInput:
    values: dict[str, object] = dict(
        child_id=child_id,
        recipient_kind="nrm",
        recipient_name="Office of the National Anti-Trafficking Coordinator",
        sent_on=SENT,
        legal_basis="Law 70/2017, art. 12",
        reason="Debt to the smuggler; works at a car wash.",
        child_consent="given",
        guardian_consent="not_asked",
    )
    values.update(changes)
    return ReferralInput(**values)  # type: ignore[arg-type]


def test_a_referral_is_recorded_sent_and_audited_without_its_free_text(
    session: Session, child_id: int
) -> None:
    info = create_referral(session, _input(child_id))
    assert (info.status, info.status_on, info.referred_by) == ("sent", SENT, "test-officer")
    assert (
        info.recipient
        == "National referral mechanism: Office of the National Anti-Trafficking Coordinator"
    )
    assert referrals_of(session, child_id) == [info]
    (event,) = audit.history(session, "referral", info.referral_id)
    assert event.action == "create" and event.after is not None
    assert event.after["recipient_kind"] == "nrm" and event.after["child_consent"] == "given"
    assert "reason" not in event.after and "car wash" not in str(event.after)


def test_the_date_is_neither_in_the_future_nor_before_identification(
    session: Session, child_id: int
) -> None:
    tomorrow = office_today(session) + timedelta(days=1)
    with pytest.raises(ValidationError, match="lies in the future") as future:
        create_referral(session, _input(child_id, sent_on=tomorrow))
    assert future.value.field == "sent_on"
    with pytest.raises(ValidationError, match="before the child was identified") as early:
        create_referral(session, _input(child_id, sent_on=date(2026, 3, 1)))
    assert early.value.field == "sent_on"


def test_the_legal_basis_is_required_or_comes_from_the_office(
    session: Session, child_id: int
) -> None:
    with pytest.raises(ValidationError, match="is required") as refused:
        create_referral(session, _input(child_id, legal_basis="  "))
    assert refused.value.field == "legal_basis"
    get_settings(session).legal_basis = "Law 18/2017 on the rights of the child"
    info = create_referral(session, _input(child_id, legal_basis=""))
    assert info.legal_basis == "Law 18/2017 on the rights of the child"


def test_unknown_values_are_refused_by_field(session: Session, child_id: int) -> None:
    for field, value in (
        ("recipient_kind", "priest"),
        ("child_consent", "maybe"),
        ("guardian_consent", ""),
    ):
        with pytest.raises(ValidationError) as refused:
            create_referral(session, _input(child_id, **{field: value}))
        assert refused.value.field == field
    with pytest.raises(ValidationError) as unnamed:
        create_referral(session, _input(child_id, recipient_kind="other", recipient_name=""))
    assert unnamed.value.field == "recipient_name"
    with pytest.raises(ValidationError) as screening:
        create_referral(session, _input(child_id, screening_id=999))
    assert screening.value.field == "screening_id"


def test_a_closed_case_is_refused(session: Session, child_id: int) -> None:
    from guardian_desk.domain.enums import ChildStatus
    from guardian_desk.services.children import get_child

    get_child(session, child_id).status = ChildStatus.CLOSED
    with pytest.raises(RuleViolation, match="reopen the case to record a referral"):
        create_referral(session, _input(child_id))


def test_the_status_moves_forward_only_on_later_dates(session: Session, child_id: int) -> None:
    info = create_referral(session, _input(child_id))
    acknowledged = update_status(
        session, info.referral_id, info.version, "acknowledged", date(2026, 3, 11),
        their_reference="NRM-2026-118",
    )  # fmt: skip
    assert (acknowledged.status, acknowledged.their_reference) == ("acknowledged", "NRM-2026-118")
    with pytest.raises(ValidationError, match="before the previous step") as early:
        update_status(
            session, info.referral_id, acknowledged.version, "accepted", date(2026, 3, 10)
        )
    assert early.value.field == "status_on"
    with pytest.raises(RuleViolation, match="moves forward only"):
        update_status(session, info.referral_id, acknowledged.version, "sent", date(2026, 3, 12))
    accepted = update_status(
        session, info.referral_id, acknowledged.version, "accepted", date(2026, 3, 13),
        response="Placed in the specialised shelter.", their_reference="NRM-2026-118",
    )  # fmt: skip
    with pytest.raises(RuleViolation, match="is accepted already"):
        update_status(session, info.referral_id, accepted.version, "declined", date(2026, 3, 14))
    # The same status again corrects the response.
    again = update_status(
        session, info.referral_id, accepted.version, "accepted", date(2026, 3, 13),
        response="Placed in the specialised shelter in Tirana.", their_reference="NRM-2026-118",
    )  # fmt: skip
    assert again.response.endswith("in Tirana.")
    closed = update_status(session, info.referral_id, again.version, "closed", date(2026, 3, 20))
    assert closed.status == "closed" and not closed.is_open
    actions = [e.action for e in audit.history(session, "referral", info.referral_id)]
    assert actions == ["create", "status", "status", "status", "status"]
    assert all(
        "shelter" not in str(e.after) for e in audit.history(session, "referral", info.referral_id)
    )


def test_a_stale_version_is_refused(session: Session, child_id: int) -> None:
    info = create_referral(session, _input(child_id))
    update_status(session, info.referral_id, info.version, "acknowledged", date(2026, 3, 11))
    with pytest.raises(ConflictError):
        update_status(session, info.referral_id, info.version, "accepted", date(2026, 3, 12))
    assert referral_info(session, info.referral_id).status == "acknowledged"


def test_the_database_refuses_a_status_it_does_not_know(session: Session, child_id: int) -> None:
    from sqlalchemy.exc import IntegrityError

    info = create_referral(session, _input(child_id))
    row = session.get(Referral, info.referral_id)
    assert row is not None
    with pytest.raises(IntegrityError), session.begin_nested():
        row.status = "forgotten"
        session.flush()


def test_roles(session: Session, child_id: int) -> None:
    session.info[ACCOUNT_KEY] = SignedIn("ilir", "Ilir Auditor", Role.AUDITOR)
    with pytest.raises(PermissionDenied):
        create_referral(session, _input(child_id))
    session.info[ACCOUNT_KEY] = SignedIn("arta", "Arta Krasniqi", Role.OFFICER)
    info = create_referral(session, _input(child_id))
    assert info.referred_by == "arta"
