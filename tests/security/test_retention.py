"""Retention: cases closed longer ago than the office's period are anonymised (issue 11)."""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.db.models import (
    AccompanyingAdult,
    Assignment,
    AuditEvent,
    Child,
    IssuedDocument,
    Visit,
)
from guardian_desk.domain.enums import ChildStatus, DocumentKind
from guardian_desk.domain.errors import PermissionDenied
from guardian_desk.domain.records import Companion
from guardian_desk.papers.register import issue_document
from guardian_desk.retention_commands import add_retention_commands
from guardian_desk.security.roles import Role, SignedIn
from guardian_desk.services import audit, children
from guardian_desk.services.audit_chain import verify
from guardian_desk.services.retention import MARKER, anonymise_closed_cases
from guardian_desk.services.settings import get_settings
from tests.core import factories
from tests.papers.test_sources import build_case

OLD_NAMES = ("Ahmad", "Rahimi", "احمد", "رحیمی", "Amad", "Karim Uncle", "Secret note", "Zaki")
OTHER = {"given_name_original": "", "family_name_original": ""}
ADMIN = SignedIn("ada", "Ada Admin", Role.ADMINISTRATOR)
OFFICER = SignedIn("olga", "Olga Officer", Role.OFFICER)


def _close(
    session: Session, child_id: int, years_ago: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Close the case as if it happened ``years_ago`` (the audit row carries the time)."""
    then = datetime.now(UTC) - timedelta(days=365 * years_ago + 3)
    child = session.get(Child, child_id)
    assert child is not None
    with monkeypatch.context() as m:
        m.setattr(audit, "utcnow", lambda: then)
        children.close_child(session, child_id, child.version, "reunified with family")
    session.flush()


def _office(session: Session, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """An old closed case (full record, paper), a recently closed one and an open one."""
    old = build_case(session).child
    data = children.child_data(session, old)
    data = replace(
        data,
        aliases=["Amad"],
        accompanying_adults=[Companion("Karim Uncle", "uncle", False)],
        date_of_birth=date(2011, 3, 14),
    )
    children.update_child(session, old.id, data, old.version)
    issue_document(session, DocumentKind.APPOINTMENT, child_id=old.id)
    session.flush()
    recent = children.create_child(
        session,
        factories.child(given_name="Zainab", family_name="Karimi", nationality="SY", **OTHER),
    )
    still_open = children.create_child(
        session, factories.child(given_name="Omid", family_name="Azizi", nationality="IR", **OTHER)
    )
    session.flush()
    _close(session, old.id, 11, monkeypatch)
    _close(session, recent.id, 9, monkeypatch)
    get_settings(session).retention_years = 10
    return {
        "old": old.case_number,
        "recent": recent.case_number,
        "open": still_open.case_number,
    }


def _statistics(session: Session) -> dict[str, object]:
    def grouped(column: object) -> list[tuple[object, int]]:
        return sorted(
            (value, count)
            for value, count in session.execute(
                select(column, func.count()).group_by(column)  # type: ignore[call-overload]
            )
        )

    return {
        "status": grouped(Child.status),
        "nationality": grouped(Child.nationality),
        "sex": grouped(Child.sex),
        "visits": session.scalar(select(func.count()).select_from(Visit)),
        "assignments": session.scalar(select(func.count()).select_from(Assignment)),
        "papers": session.scalar(select(func.count()).select_from(IssuedDocument)),
    }


def _everything_about_children(session: Session) -> str:
    rows: list[object] = []
    for model in (Child, AccompanyingAdult, IssuedDocument, Visit, Assignment):
        table = model.__table__
        rows += [tuple(r) for r in session.execute(select(table))]
    return repr(rows)


@pytest.fixture
def office(factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    with session_scope(factory, actor="test-officer") as s:
        return _office(s, monkeypatch)


def test_a_case_closed_eleven_years_ago_is_anonymised_and_counted_still(
    factory: sessionmaker[Session], office: dict[str, str]
) -> None:
    with factory() as s:
        before = _statistics(s)
        last_audit = s.scalar(select(func.max(AuditEvent.id)))
        assert any(name in _everything_about_children(s) for name in OLD_NAMES)

    with session_scope(factory, account=ADMIN) as s:
        report = anonymise_closed_cases(s, date.today())
    assert report.case_numbers == [office["old"]] and report.companions == 1
    assert report.papers == 1 and "Anonymised 1 case closed before" in report.line()

    with factory() as s:
        assert _statistics(s) == before
        stored = _everything_about_children(s)
        for name in OLD_NAMES:
            assert name not in stored, name
        old = s.scalars(select(Child).where(Child.case_number == office["old"])).one()
        assert (old.given_name, old.family_name) == (MARKER, office["old"])
        assert (old.date_of_birth, old.dob_estimated) == (date(2011, 7, 1), True)
        assert old.notes == "" and old.aliases == [] and old.given_name_original == ""
        assert old.status is ChildStatus.CLOSED and old.nationality == "AF"
        assert [lang.code for lang in old.languages] == ["prs"]
        assert "rahimi" not in old.search_text and office["old"].lower() in old.search_text.lower()
        for number in (office["recent"], office["open"]):
            kept = s.scalars(select(Child).where(Child.case_number == number)).one()
            assert kept.given_name in ("Zainab", "Omid")

        new_rows = list(s.scalars(select(AuditEvent).where(AuditEvent.id > last_audit)))
        assert [(r.entity, r.action, r.actor) for r in new_rows] == [
            ("child", "anonymise", "ada"),
            ("retention", "anonymise", "ada"),
        ]
        written = repr([(r.before, r.after) for r in new_rows])
        for name in OLD_NAMES:
            assert name not in written, name
        assert new_rows[1].after is not None and new_rows[1].after["children"] == 1
        assert verify(s).intact  # the erasure is appended to the chain, nothing rewritten

    with session_scope(factory, account=ADMIN) as s:  # run again: nothing left to do
        again = anonymise_closed_cases(s, date.today())
    assert again.case_numbers == [] and "nothing was changed" in again.line()


def test_a_dry_run_lists_the_cases_and_changes_nothing(
    factory: sessionmaker[Session], office: dict[str, str]
) -> None:
    with factory() as s:
        stored, audit_rows = _everything_about_children(s), s.scalar(func.count(AuditEvent.id))
    with session_scope(factory, account=ADMIN) as s:
        report = anonymise_closed_cases(s, date.today(), dry_run=True)
    assert report.case_numbers == [office["old"]] and report.companions == 1
    assert report.line().startswith("Would anonymise 1 case") and "dry run" in report.line()
    with factory() as s:
        assert _everything_about_children(s) == stored
        assert s.scalar(func.count(AuditEvent.id)) == audit_rows


def test_an_officer_is_refused_naming_the_administrator(
    factory: sessionmaker[Session], office: dict[str, str]
) -> None:
    for dry_run in (False, True):
        with (
            pytest.raises(PermissionDenied, match="administrator") as refused,
            session_scope(factory, account=OFFICER) as s,
        ):
            anonymise_closed_cases(s, date.today(), dry_run=dry_run)
        assert "Ahmad" not in str(refused.value)
    with factory() as s:
        assert any(name in _everything_about_children(s) for name in OLD_NAMES)


def test_the_period_is_the_office_setting(
    factory: sessionmaker[Session], office: dict[str, str]
) -> None:
    with session_scope(factory) as s:
        get_settings(s).retention_years = 8
    with session_scope(factory, account=ADMIN) as s:
        report = anonymise_closed_cases(s, date.today(), dry_run=True)
    assert report.case_numbers == sorted([office["old"], office["recent"]])


def test_the_command_line(
    db_url: str, office: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--actor")
    add_retention_commands(parser.add_subparsers(dest="command", required=True))
    for argv, expected in (
        (["retention", "anonymise", "--dry-run"], "Would anonymise 1 case"),
        (["retention", "anonymise"], "Anonymised 1 case"),
        (["retention", "anonymise"], "No case closed before"),
    ):
        args = parser.parse_args(["--actor", "ada", *argv])
        args.url, args.account = db_url, ADMIN
        assert args.run(args) == 0
        out = capsys.readouterr().out
        assert expected in out and "Ahmad" not in out
