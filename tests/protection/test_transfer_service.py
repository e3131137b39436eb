"""A case sent from one office's database and imported into another's: exactly what was
chosen travels, the disclosure is recorded, and a damaged bundle imports nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
from guardian_desk.db.migrate import prepare_database
from guardian_desk.db.models import (
    Attachment,
    AuditEvent,
    CaseNote,
    CaseTransfer,
    Child,
    Disclosure,
)
from guardian_desk.domain.case_history import NoteKind
from guardian_desk.domain.enums import DocumentKind
from guardian_desk.domain.errors import PermissionDenied, RuleViolation, ValidationError
from guardian_desk.domain.records import Companion
from guardian_desk.papers.register import issue_transfer_summary, reprint
from guardian_desk.protection import bundle
from guardian_desk.protection.bundle import BundleError
from guardian_desk.security.roles import ACCOUNT_KEY, Role, SignedIn
from guardian_desk.services import transfers
from guardian_desk.services.attachments import AttachmentRefused, add_attachment
from guardian_desk.services.case_notes import add_note
from guardian_desk.services.children import create_child
from guardian_desk.services.settings import get_settings
from tests.core import factories
from tests.db.conftest import pg_server, pg_url  # noqa: F401  (fixtures)
from tests.papers.pdf import flat_text_of

PASSPHRASE = "the swallows fly low today"
PDF = b"%PDF-1.4 court decision"
PNG = b"\x89PNG\r\n\x1a\n passport photo page"
OFFICER = SignedIn("mira", "Mira Officer", Role.OFFICER)


@pytest.fixture(autouse=True)
def _cheap_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bundle, "ARGON2", {"time_cost": 1, "memory_cost": 1024, "parallelism": 1})


@pytest.fixture
def sender(session: Session) -> dict[str, Any]:
    session.info[ACCOUNT_KEY] = OFFICER
    settings = get_settings(session)
    settings.organisation_name = "Tirana Child Protection Unit"
    settings.country = "AL"
    child = create_child(
        session,
        factories.child(
            given_name="Omid",
            family_name="Rahimi",
            aliases=["Omed"],
            notes="Asks about his brother in Austria.",
            accompanying_adults=[Companion("Karim Rahimi", "uncle", False)],
        ),
    )
    pdf = add_attachment(session, child.id, "decision.pdf", PDF, "Court decision")
    png = add_attachment(session, child.id, "passport.png", PNG)
    add_note(session, child.id, NoteKind.CONTACT, date(2026, 10, 2), "First talk, calm.")
    session.flush()
    return {"child": child, "pdf": pdf.id, "png": png.id}


def _export(session: Session, child_id: int, **changes: Any) -> tuple[bytes, Any]:
    arguments: dict[str, Any] = dict(
        fields=["identity", "date_of_birth", "languages", "accompanying_adults", "case_notes"],
        attachment_ids=[],
        recipient="Centre for Social Work, Belgrade",
        legal_basis="Art. 19 of the bilateral protocol",
        consent="given",
        passphrase=PASSPHRASE,
        reference="TR-77",
    )
    arguments.update(changes)
    return transfers.export_bundle(session, child_id, **arguments)


@pytest.fixture
def other_office(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    url = f"sqlite:///{tmp_path / 'belgrade.sqlite3'}"
    prepare_database(url)
    engine = make_engine(url)
    factory = make_session_factory(engine)
    with session_scope(factory, actor="setup") as s:
        s.info[ACCOUNT_KEY] = OFFICER
        settings = get_settings(s)
        settings.organisation_name, settings.country = "Belgrade Centre", "RS"
    yield factory
    engine.dispose()


def _counts(factory: sessionmaker[Session]) -> dict[str, int]:
    with session_scope(factory, actor="count") as s:
        return {
            model.__name__: s.scalar(select(func.count()).select_from(model)) or 0
            for model in (Child, Attachment, CaseNote, CaseTransfer, AuditEvent)
        }


def _import(
    factory: sessionmaker[Session], data: bytes, passphrase: str = PASSPHRASE
) -> transfers.ImportResult:
    with session_scope(factory, actor="import", writes=True) as s:
        s.info[ACCOUNT_KEY] = OFFICER
        return transfers.import_bundle(s, data, passphrase)


def test_the_bundle_carries_exactly_the_chosen_fields_and_attachments(
    session: Session, sender: dict[str, Any]
) -> None:
    child = sender["child"]
    data, summary = _export(session, child.id, attachment_ids=[sender["pdf"]])
    payload = transfers.read_bundle(data, PASSPHRASE)
    chosen = {"identity", "date_of_birth", "languages", "accompanying_adults", "case_notes"}
    assert set(payload["fields"]) == chosen
    assert set(payload["manifest"]["fields"]) == chosen
    assert [a["file_name"] for a in payload["manifest"]["attachments"]] == ["decision.pdf"]
    assert list(payload["files"].values()) == [PDF]
    everything = json.dumps(payload["fields"])
    assert "Asks about his brother" not in everything  # the record's notes were not chosen
    assert "passport" not in json.dumps(payload["manifest"])
    assert payload["manifest"]["office"]["name"] == "Tirana Child Protection Unit"
    assert payload["manifest"]["case_number"] == child.case_number
    assert summary.fields == tuple(k for k in transfers._FIELDS if k in chosen)
    assert PASSPHRASE.encode() not in data


def test_a_field_or_attachment_not_chosen_does_not_travel(
    session: Session, sender: dict[str, Any]
) -> None:
    child = sender["child"]
    data, _summary = _export(session, child.id, fields=["identity"])
    payload = transfers.read_bundle(data, PASSPHRASE)
    assert set(payload["fields"]) == {"identity"}
    assert payload["files"] == {} and payload["manifest"]["attachments"] == []
    assert "2011" not in json.dumps(payload)


def test_identity_is_needed_and_unknown_fields_or_others_attachments_are_refused(
    session: Session, sender: dict[str, Any]
) -> None:
    child = sender["child"]
    with pytest.raises(ValidationError, match="identity"):
        _export(session, child.id, fields=["languages"])
    with pytest.raises(ValidationError, match="not a field"):
        _export(session, child.id, fields=["identity", "salary"])
    other = create_child(session, factories.child(given_name="Lena"))
    theirs = add_attachment(session, other.id, "x.pdf", PDF)
    with pytest.raises(ValidationError, match="not an attachment of"):
        _export(session, child.id, attachment_ids=[theirs.id])
    with pytest.raises(BundleError, match="at least 12"):
        _export(session, child.id, passphrase="too short")
    assert session.scalar(select(func.count()).select_from(Disclosure)) == 0


def test_the_disclosure_and_audit_name_what_to_whom_basis_consent_and_account(
    session: Session, sender: dict[str, Any]
) -> None:
    child = sender["child"]
    _data, summary = _export(session, child.id, attachment_ids=[sender["png"]])
    row = session.get(Disclosure, summary.disclosure_id)
    assert row is not None
    assert row.kind == "transfer_bundle"
    assert row.recipient == "Centre for Social Work, Belgrade"
    assert row.legal_basis == "Art. 19 of the bilateral protocol"
    assert row.consent == "given"
    assert row.reference == "TR-77"
    assert row.fields == list(summary.fields)
    assert row.attachment_ids == [sender["png"]]
    assert row.disclosed_by == "mira"
    session.flush()
    trail = session.scalars(select(AuditEvent).where(AuditEvent.actor == "mira")).all()
    disclose = [e for e in trail if e.action == "disclose"]
    assert disclose and disclose[0].after["recipient"] == "Centre for Social Work, Belgrade"
    assert disclose[0].after["consent"] == "given"
    assert disclose[0].after["legal_basis"] == "Art. 19 of the bilateral protocol"
    assert disclose[0].after["attachment_ids"] == [sender["png"]]
    exported = [e for e in trail if e.action == "export_bundle"]
    assert exported and exported[0].after["bundle_id"] == summary.bundle_id


def test_an_account_without_export_rights_is_refused(
    session: Session, sender: dict[str, Any]
) -> None:
    child = sender["child"]
    session.info[ACCOUNT_KEY] = SignedIn("ana", "Ana Auditor", Role.AUDITOR)
    with pytest.raises(PermissionDenied, match="export personal data"):
        _export(session, child.id)
    session.info[ACCOUNT_KEY] = OFFICER
    assert session.scalar(select(func.count()).select_from(Disclosure)) == 0


def test_a_case_round_trips_into_another_database(
    session: Session, sender: dict[str, Any], other_office: sessionmaker[Session]
) -> None:
    child = sender["child"]
    data, _summary = _export(session, child.id, attachment_ids=[sender["pdf"], sender["png"]])
    session.commit()
    result = _import(other_office, data)
    assert result.case_number.startswith("RS-")
    assert result.source_case_number == child.case_number
    assert result.attachments == 2
    with session_scope(other_office, actor="check") as s:
        s.info[ACCOUNT_KEY] = OFFICER
        new = s.get(Child, result.child_id)
        assert new is not None
        assert (new.given_name, new.family_name, new.aliases) == ("Omid", "Rahimi", ["Omed"])
        assert new.date_of_birth == date(2011, 3, 1) and new.dob_estimated
        assert new.nationality == "XX"  # nationality was not chosen
        assert new.notes == ""
        assert [a.full_name for a in new.accompanying_adults] == ["Karim Rahimi"]
        files = s.scalars(
            select(Attachment).where(Attachment.child_id == new.id).order_by(Attachment.file_name)
        ).all()
        assert [(f.file_name, f.content) for f in files] == [
            ("decision.pdf", PDF),
            ("passport.png", PNG),
        ]
        provenance = transfers.transfer_of(s, new.id)
        assert provenance is not None
        assert provenance.source_office == "Tirana Child Protection Unit"
        assert provenance.source_country == "AL"
        assert provenance.reference == "TR-77"
        assert provenance.imported_by == "mira"
        notes = s.scalars(select(CaseNote).where(CaseNote.child_id == new.id)).all()
        assert any("First talk, calm." in n.text for n in notes)


def test_the_same_bundle_is_imported_once(
    session: Session, sender: dict[str, Any], other_office: sessionmaker[Session]
) -> None:
    data, _summary = _export(session, sender["child"].id)
    first = _import(other_office, data)
    before = _counts(other_office)
    with pytest.raises(RuleViolation, match=f"imported already, as {first.case_number}"):
        _import(other_office, data)
    assert _counts(other_office) == before


def test_the_database_refuses_a_second_import_racing_the_first(
    session: Session,
    sender: dict[str, Any],
    other_office: sessionmaker[Session],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data, _summary = _export(session, sender["child"].id)
    _import(other_office, data)
    before = _counts(other_office)
    # The other officer's import is not visible yet when this one looks: the unique bundle
    # id in case_transfers still refuses it.
    real = transfers.select

    def blind(*args, **kwargs):  # type: ignore[no-untyped-def]
        statement = real(*args, **kwargs)
        if args and getattr(args[0], "key", None) == "case_number":
            return real(Child.case_number).where(Child.id == -1)
        return statement

    monkeypatch.setattr(transfers, "select", blind)
    with pytest.raises(RuleViolation, match="imported already"):
        _import(other_office, data)
    assert _counts(other_office) == before


@pytest.mark.parametrize("damage", ["header", "body", "truncated", "passphrase"])
def test_a_damaged_bundle_or_wrong_passphrase_imports_nothing(
    session: Session,
    sender: dict[str, Any],
    other_office: sessionmaker[Session],
    damage: str,
) -> None:
    data, _summary = _export(session, sender["child"].id, attachment_ids=[sender["pdf"]])
    spoiled = bytearray(data)
    passphrase = PASSPHRASE
    if damage == "header":
        spoiled[20] ^= 0x04
    elif damage == "body":
        spoiled[len(spoiled) // 2 + 40] ^= 0x01
    elif damage == "truncated":
        spoiled = spoiled[: len(spoiled) - 100]
    else:
        passphrase = "the swallows fly high today"
    before = _counts(other_office)
    with pytest.raises(BundleError) as refused:
        _import(other_office, bytes(spoiled), passphrase)
    assert "\n" not in str(refused.value)
    assert _counts(other_office) == before


def test_a_failure_half_way_imports_nothing(
    session: Session,
    sender: dict[str, Any],
    other_office: sessionmaker[Session],
) -> None:
    data, _summary = _export(session, sender["child"].id, attachment_ids=[sender["pdf"]])
    with session_scope(other_office, actor="set") as s:
        s.info[ACCOUNT_KEY] = OFFICER
        get_settings(s).attachment_max_mb = 1
    big = b"%PDF-1.4 " + b"x" * (2 * 1024 * 1024)
    large = add_attachment(session, sender["child"].id, "scan.pdf", big)
    data, _summary = _export(session, sender["child"].id, attachment_ids=[large.id])
    before = _counts(other_office)
    with pytest.raises(AttachmentRefused, match=r"scan\.pdf"):
        _import(other_office, data)
    assert _counts(other_office) == before


def test_a_likely_same_child_is_named_not_overwritten(
    session: Session, sender: dict[str, Any], other_office: sessionmaker[Session]
) -> None:
    with session_scope(other_office, actor="set") as s:
        s.info[ACCOUNT_KEY] = OFFICER
        known = create_child(s, factories.child(given_name="Omid", family_name="Rahimi"))
        known_number, known_version = known.case_number, known.version
    data, _summary = _export(
        session, sender["child"].id, fields=["identity", "nationality", "date_of_birth"]
    )
    result = _import(other_office, data)
    assert known_number in [d.case_number for d in result.possible_duplicates]
    assert result.case_number != known_number
    with session_scope(other_office, actor="check") as s:
        again = s.scalar(select(Child).where(Child.case_number == known_number))
        assert again is not None and again.version == known_version


def test_the_preview_says_where_it_came_from_and_what_it_carries(
    session: Session, sender: dict[str, Any], other_office: sessionmaker[Session]
) -> None:
    data, summary = _export(session, sender["child"].id, attachment_ids=[sender["pdf"]])
    with session_scope(other_office, actor="look") as s:
        s.info[ACCOUNT_KEY] = OFFICER
        shown = transfers.preview_bundle(s, data, PASSPHRASE)
        assert shown.office == "Tirana Child Protection Unit" and shown.country == "AL"
        assert shown.reference == "TR-77" and shown.child_name == "Omid Rahimi"
        assert shown.lines[0][0] == "Identity (names and aliases)"
        assert [a.file_name for a in shown.attachments] == ["decision.pdf"]
        assert shown.already_imported is None
        assert _counts(other_office)["Child"] == 0
    result = _import(other_office, data)
    with session_scope(other_office, actor="look") as s:
        s.info[ACCOUNT_KEY] = OFFICER
        assert transfers.preview_bundle(s, data, PASSPHRASE).already_imported == result.case_number
    assert summary.bundle_id == shown.bundle_id


def test_the_summary_paper_lists_what_was_sent_and_never_the_passphrase(
    session: Session, sender: dict[str, Any]
) -> None:
    data, summary = _export(session, sender["child"].id, attachment_ids=[sender["pdf"]])
    paper = issue_transfer_summary(session, summary.disclosure_id)
    assert paper.kind is DocumentKind.TRANSFER_SUMMARY
    text = flat_text_of(paper.pdf)
    for expected in (
        "Case transfer summary",
        "Tirana Child Protection Unit",
        "Centre for Social Work, Belgrade",
        "TR-77",
        "decision.pdf",
        summary.attachments[0].sha256,
        "Karim Rahimi",
        "First talk, calm.",
        "Art. 19 of the bilateral protocol",
    ):
        assert expected in text, expected
    assert "passport.png" not in text
    assert "Asks about his brother" not in text
    assert PASSPHRASE not in text
    assert data not in paper.pdf
    again = reprint(session, paper.reference)
    assert again.copy and "decision.pdf" in flat_text_of(again.pdf)


@pytest.mark.postgres
def test_a_case_round_trips_from_sqlite_into_postgresql(
    session: Session,
    sender: dict[str, Any],
    pg_url: str,  # noqa: F811
) -> None:
    prepare_database(pg_url)
    engine = make_engine(pg_url)
    factory = make_session_factory(engine)
    try:
        with session_scope(factory, actor="setup") as s:
            s.info[ACCOUNT_KEY] = OFFICER
            get_settings(s).country = "RS"
        data, _summary = _export(
            session, sender["child"].id, attachment_ids=[sender["pdf"], sender["png"]]
        )
        result = _import(factory, data)
        with session_scope(factory, actor="check") as s:
            s.info[ACCOUNT_KEY] = OFFICER
            new = s.get(Child, result.child_id)
            assert new is not None and new.given_name == "Omid"
            stored = s.scalars(select(Attachment.content).where(Attachment.child_id == new.id))
            assert sorted(stored) == sorted([PDF, PNG])
        before = _counts(factory)
        with pytest.raises(RuleViolation):
            _import(factory, data)
        spoiled = bytearray(data)
        spoiled[-5] ^= 0x10
        with pytest.raises(BundleError):
            _import(factory, bytes(spoiled))
        assert _counts(factory) == before
    finally:
        engine.dispose()
