"""What each role is refused, as an officer would meet it, and the readings the trail keeps."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.calendars import export_all_calendars
from guardian_desk.db.engine import session_scope
from guardian_desk.db.models import Assignment, AuditEvent, Child, OfficeSettings, Visit
from guardian_desk.domain.enums import ChildStatus, DocumentKind
from guardian_desk.domain.errors import PermissionDenied, RuleViolation
from guardian_desk.exchange import export_csv
from guardian_desk.papers.register import issue_document
from guardian_desk.scheduling import OutsideAvailability
from guardian_desk.security.roles import Role, SignedIn
from guardian_desk.services import assignments, children, details, settings, staff, visits
from tests.papers.test_sources import Case, build_case, next_monday

ACCOUNTS = {role: SignedIn(f"{role.value[:3]}.user", f"A {role.value}", role) for role in Role}


@contextmanager
def signed_in_as(factory: sessionmaker[Session], role: Role) -> Iterator[Session]:
    """A unit of work opened for an account of ``role``, as the app and the command line do."""
    with session_scope(factory, account=ACCOUNTS[role]) as session:
        yield session


@pytest.fixture
def case(factory: sessionmaker[Session]) -> Case:
    """A child with a guardian, and a suspended mediator, registered by the system."""
    with session_scope(factory) as session:
        made = build_case(session, with_mediator=False, visit=False)
        staff.set_active(
            session,
            "mediator",
            made.mediator.id,
            made.mediator.version,
            active=False,
            reason="on leave",
        )
        return made


def rows(factory: sessionmaker[Session], action: str) -> list[AuditEvent]:
    with session_scope(factory) as session:
        return list(session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_an_officer_cannot_change_the_office_settings(factory: sessionmaker[Session]) -> None:
    with signed_in_as(factory, Role.OFFICER) as session:
        row = settings.get_settings(session)
        data = settings.settings_data(row)
        data.caseload_cap = 3
        with pytest.raises(PermissionDenied) as refused:
            settings.update_settings(session, data, row.version)
    assert str(refused.value) == (
        "To change the office settings you need the role administrator; off.user is signed in "
        "as officer. Nothing was changed."
    )
    with session_scope(factory) as session:
        assert session.get(OfficeSettings, 1).caseload_cap != 3  # type: ignore[union-attr]


def test_an_auditor_cannot_export_personal_data(
    factory: sessionmaker[Session], case: Case, tmp_path: Path
) -> None:
    named = tmp_path / "children.csv"
    for kind, personal in (("children", True), ("guardians", False), ("facilities", False)):
        with (
            pytest.raises(PermissionDenied, match="administrator, supervisor or officer"),
            signed_in_as(factory, Role.AUDITOR) as session,
        ):
            export_csv(session, kind, named, include_personal=personal)
        assert not named.exists()
    plain = tmp_path / "plain.csv"
    with signed_in_as(factory, Role.AUDITOR) as session:
        assert export_csv(session, "children", plain) == 1  # case numbers, no names
    assert "Ahmad" not in plain.read_text(encoding="utf-8-sig")
    assert rows(factory, "export_personal") == []


def test_an_auditor_cannot_edit_a_child(factory: sessionmaker[Session], case: Case) -> None:
    with signed_in_as(factory, Role.AUDITOR) as session:
        detail = details.record_detail(session, "children", case.child.id)
        detail.data.notes = "changed by an auditor"
        with pytest.raises(PermissionDenied, match="change casework records you need the role"):
            details.save_record(session, "children", case.child.id, detail.data, detail.version)
    with session_scope(factory) as session:
        assert "auditor" not in children.get_child(session, case.child.id).notes


def test_an_officer_needs_a_supervisor_to_override_a_rule(
    factory: sessionmaker[Session], case: Case
) -> None:
    with (
        pytest.raises(RuleViolation, match=r"suspended.*override needs a written reason"),
        signed_in_as(factory, Role.OFFICER) as session,
    ):
        assignments.assign_mediator(session, case.child.id, case.mediator.id, starts_on=TODAY)
    with (
        pytest.raises(PermissionDenied) as refused,
        signed_in_as(factory, Role.OFFICER) as session,
    ):  # the rule is said first, then who
        assignments.assign_mediator(
            session,
            case.child.id,
            case.mediator.id,
            starts_on=TODAY,
            override_reason="the only Dari speaker this month",
        )
    assert "To override a rule you need the role administrator or supervisor" in str(refused.value)
    with signed_in_as(factory, Role.SUPERVISOR) as session:
        made = assignments.assign_mediator(
            session,
            case.child.id,
            case.mediator.id,
            starts_on=TODAY,
            override_reason="the only Dari speaker this month",
        )
    [approved] = [e for e in rows(factory, "override_assign") if e.entity_id == str(made.id)]
    assert approved.actor == "sup.user"


def test_a_visit_outside_availability_needs_a_supervisor_too(
    factory: sessionmaker[Session], case: Case
) -> None:
    with session_scope(factory) as session:
        zone = ZoneInfo(settings.get_settings(session).time_zone)
    sunday_night = datetime.combine(next_monday(TODAY) + timedelta(days=6), time(3, 0), zone)
    with pytest.raises(OutsideAvailability), signed_in_as(factory, Role.OFFICER) as session:
        visits.create_visit(session, case.child.id, starts_at=sunday_night)
    with (
        pytest.raises(PermissionDenied, match="override a rule"),
        signed_in_as(factory, Role.OFFICER) as session,
    ):
        visits.create_visit(
            session, case.child.id, starts_at=sunday_night, override_reason="urgent"
        )
    with session_scope(factory) as session:
        assert session.scalars(select(Visit)).all() == []


def test_an_officer_needs_a_supervisor_to_close_a_case(
    factory: sessionmaker[Session], case: Case
) -> None:
    with (
        pytest.raises(PermissionDenied, match="To close a case you need the role"),
        signed_in_as(factory, Role.OFFICER) as session,
    ):
        details.set_record_active(session, "children", case.child.id, 9, active=False)
    with signed_in_as(factory, Role.OFFICER) as session:  # closing by editing the status
        detail = details.record_detail(session, "children", case.child.id)
        detail.data.status = ChildStatus.REUNIFIED  # type: ignore[union-attr]
        with pytest.raises(PermissionDenied, match=r"administrator or supervisor; off\.user"):
            details.save_record(session, "children", case.child.id, detail.data, detail.version)
    with signed_in_as(factory, Role.OFFICER) as session:  # other edits are casework
        detail = details.record_detail(session, "children", case.child.id)
        detail.data.notes = "met the psychologist"
        details.save_record(session, "children", case.child.id, detail.data, detail.version)
    with signed_in_as(factory, Role.SUPERVISOR) as session:
        stored = children.get_child(session, case.child.id).version
        children.close_child(session, case.child.id, stored, "reunified with the mother")
    with session_scope(factory) as session:
        assert session.get(Child, case.child.id).status is ChildStatus.CLOSED  # type: ignore[union-attr]


def test_opening_a_childs_record_is_logged_with_the_account_and_no_personal_data(
    factory: sessionmaker[Session], case: Case
) -> None:
    with signed_in_as(factory, Role.OFFICER) as session:
        seen = details.record_detail(session, "children", case.child.id)
    assert seen.history == []  # an officer does not read the audit trail
    with signed_in_as(factory, Role.OFFICER) as session:  # shown again in the open dialog
        details.record_detail(session, "children", case.child.id, log_view=False)
    with signed_in_as(factory, Role.OFFICER) as session:  # a guardian's record: not logged
        details.record_detail(session, "guardians", case.guardian.id)
    [view] = rows(factory, "view")
    assert (view.actor, view.entity, view.entity_id) == ("off.user", "child", str(case.child.id))
    assert view.before is None and view.after is None
    with signed_in_as(factory, Role.AUDITOR) as session:
        history = details.record_detail(session, "children", case.child.id).history
    assert [row.action for row in history] == ["create"]  # readings stay out of the history
    assert [e.actor for e in rows(factory, "view")] == ["off.user", "aud.user"]


def test_a_logged_reading_begins_as_a_writer(factory: sessionmaker[Session], case: Case) -> None:
    """On SQLite a unit that has read cannot take the write lock for its audit row while
    someone else writes; the logged reading takes it first (and so waits like a save)."""
    statements: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        statements.append(statement)

    engine = factory.kw["bind"]
    event.listen(engine, "before_cursor_execute", seen)
    try:
        with signed_in_as(factory, Role.OFFICER) as session:
            details.record_detail(session, "children", case.child.id)
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert statements[0] == "BEGIN IMMEDIATE"


def test_exporting_names_is_logged_with_the_kind_and_the_row_count(
    factory: sessionmaker[Session], case: Case, tmp_path: Path
) -> None:
    with signed_in_as(factory, Role.OFFICER) as session:
        export_csv(session, "children", tmp_path / "named.csv", include_personal=True)
        export_csv(session, "children", tmp_path / "plain.csv")
        export_csv(session, "availability", tmp_path / "slots.csv")
    [logged] = rows(factory, "export_personal")
    assert (logged.actor, logged.entity, logged.entity_id) == ("off.user", "export", "children")
    assert logged.after == {"kind": "children", "rows": 1}
    assert "Ahmad" not in json.dumps([logged.before, logged.after], ensure_ascii=False)


def test_calendars_with_childrens_names_are_an_export_of_personal_data(
    factory: sessionmaker[Session], case: Case, tmp_path: Path
) -> None:
    with (
        pytest.raises(PermissionDenied, match="To print papers"),
        signed_in_as(factory, Role.AUDITOR) as session,
    ):
        export_all_calendars(session, tmp_path / "calendars", reveal_identity=True)
    with signed_in_as(factory, Role.OFFICER) as session:
        export_all_calendars(session, tmp_path / "initials")
        export_all_calendars(session, tmp_path / "named", reveal_identity=True)
    [logged] = rows(factory, "export_personal")
    assert logged.actor == "off.user" and logged.after == {"kind": "calendars", "rows": 0}


def test_a_printed_paper_names_the_account_that_printed_it(
    factory: sessionmaker[Session], case: Case
) -> None:
    with (
        pytest.raises(PermissionDenied, match="To print papers you need the role"),
        signed_in_as(factory, Role.AUDITOR) as session,
    ):
        issue_document(session, DocumentKind.CARD, child_id=case.child.id)
    with signed_in_as(factory, Role.OFFICER) as session:
        issue_document(session, DocumentKind.CARD, child_id=case.child.id)
    [issued] = rows(factory, "issue")
    assert issued.actor == "off.user"
    with session_scope(factory) as session:
        assert session.scalars(select(Assignment)).all()  # the case is untouched by refusals


TODAY = date.today()
