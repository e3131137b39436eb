"""Attachments: what a file really is decides (not its name), the office's size limit, the bytes
kept in the database and never read by the list, every viewing and copy audited with the
account, and the roles checked in the core."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.db.models import AuditEvent
from guardian_desk.domain.errors import PermissionDenied, ValidationErrors
from guardian_desk.domain.records import SettingsData
from guardian_desk.security.roles import Role, SignedIn
from guardian_desk.services import attachments, children
from guardian_desk.services.settings import get_settings, settings_data, update_settings
from tests.casework import attachment_files as files
from tests.core import factories

OFFICER = SignedIn("o.kelmendi", "Officer Kelmendi", Role.OFFICER)
AUDITOR = SignedIn("a.auditor", "An Auditor", Role.AUDITOR)


def _child(factory: sessionmaker[Session]) -> int:
    with session_scope(factory) as s:
        return children.create_child(s, factories.child()).id


def _events(s: Session, action: str) -> list[AuditEvent]:
    return list(
        s.scalars(
            select(AuditEvent).where(
                AuditEvent.entity == attachments.ENTITY, AuditEvent.action == action
            )
        )
    )


@pytest.mark.parametrize(
    ("make", "kind"),
    [(files.pdf, "pdf"), (files.jpeg, "jpeg"), (files.png, "png"), (files.docx, "docx")],
)
def test_each_kind_is_known_by_its_contents(make: object, kind: str) -> None:
    assert callable(make)
    assert attachments.detect_kind(make()) == kind
    assert attachments.check_file("whatever.bin", make(), 10) == kind


def test_a_renamed_program_is_refused_naming_the_file() -> None:
    with pytest.raises(attachments.AttachmentRefused) as caught:
        attachments.check_file("passport.pdf", files.windows_program(), 10)
    message = str(caught.value)
    assert "“passport.pdf” cannot be attached" in message
    assert "a Windows program" in message
    assert caught.value.file_name == "passport.pdf"


@pytest.mark.parametrize(
    "data",
    [files.xlsx(), b"just some text, named report.docx", b"GIF89a" + bytes(20)],
)
def test_other_files_are_refused(data: bytes) -> None:
    with pytest.raises(attachments.AttachmentRefused, match=r"“report\.docx” cannot be attached"):
        attachments.check_file("report.docx", data, 10)


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(attachments.AttachmentRefused, match="the file is empty"):
        attachments.check_file("scan.png", b"", 10)


def test_the_office_limit_is_kept(factory: sessionmaker[Session]) -> None:
    child_id = _child(factory)
    big = files.png() + bytes(attachments.MB)  # a PNG padded beyond 1 MB
    with session_scope(factory) as s:
        row = get_settings(s)
        data: SettingsData = settings_data(row)
        assert data.attachment_max_mb == 10  # the default
        update_settings(s, SettingsData(**{**vars(data), "attachment_max_mb": 1}), row.version)
    with pytest.raises(attachments.AttachmentRefused) as caught, session_scope(factory) as s:
        attachments.add_attachment(s, child_id, "scan.png", big)
    assert "larger than the 1 MB the office accepts" in str(caught.value)
    with session_scope(factory) as s:
        assert attachments.list_attachments(s, child_id) == []
        attachments.add_attachment(s, child_id, "scan.png", files.png())


def test_the_limit_setting_is_checked(session: Session) -> None:
    row = get_settings(session)
    data = settings_data(row)
    with pytest.raises(ValidationErrors) as caught:
        update_settings(session, SettingsData(**{**vars(data), "attachment_max_mb": 0}), 1)
    assert [e.field for e in caught.value.errors] == ["attachment_max_mb"]


def test_bytes_are_stored_and_the_list_does_not_read_them(
    factory: sessionmaker[Session],
) -> None:
    child_id = _child(factory)
    content = files.pdf()
    with session_scope(factory, account=OFFICER) as s:
        added = attachments.add_attachment(s, child_id, "/home/o/decision.pdf", content, " Court ")
    assert (added.file_name, added.kind, added.size, added.description) == (
        "decision.pdf",
        "pdf",
        len(content),
        "Court",
    )
    assert added.added_by == "o.kelmendi"
    statements: list[str] = []
    with session_scope(factory, account=OFFICER) as s:
        bind = s.get_bind()
        listen = lambda *args: statements.append(str(args[2]))  # noqa: E731
        event.listen(bind, "before_cursor_execute", listen)
        try:
            listed = attachments.list_attachments(s, child_id)
        finally:
            event.remove(bind, "before_cursor_execute", listen)
    assert listed == [added]
    reads = [sql for sql in statements if "FROM attachments" in sql]
    assert reads and all("attachments.content" not in sql for sql in reads)
    with session_scope(factory, account=OFFICER) as s:
        opened = attachments.open_attachment(s, added.id)
    assert opened.content == content and opened.info == added


def test_viewing_and_saving_a_copy_are_audited_with_the_account(
    factory: sessionmaker[Session], tmp_path: Path
) -> None:
    child_id = _child(factory)
    with session_scope(factory, account=OFFICER) as s:
        added = attachments.add_attachment(s, child_id, "photo.jpg", files.jpeg())
    with session_scope(factory, account=AUDITOR) as s:
        attachments.open_attachment(s, added.id)
    target = tmp_path / "copy.jpg"
    with session_scope(factory, account=OFFICER) as s:
        attachments.save_attachment_copy(s, added.id, target)
    assert target.read_bytes() == files.jpeg()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with session_scope(factory) as s:
        (created,) = _events(s, "create")
        (viewed,) = _events(s, "view")
        (copied,) = _events(s, "export_personal")
    assert created.actor == "o.kelmendi" and created.after is not None
    assert "content" not in created.after and created.after["sha256"] == added.sha256
    assert (viewed.actor, viewed.entity_id) == ("a.auditor", str(added.id))
    assert copied.actor == "o.kelmendi"
    assert copied.after == {"child_id": child_id, "sha256": added.sha256, "saved_as": "copy.jpg"}


def test_a_copy_that_cannot_be_written_leaves_no_audit_row(
    factory: sessionmaker[Session], tmp_path: Path
) -> None:
    child_id = _child(factory)
    with session_scope(factory) as s:
        added = attachments.add_attachment(s, child_id, "a.png", files.png())
    with pytest.raises(OSError), session_scope(factory) as s:
        attachments.save_attachment_copy(s, added.id, tmp_path / "no such folder" / "a.png")
    with session_scope(factory) as s:
        assert _events(s, "export_personal") == []


def test_roles_are_checked_in_the_core(factory: sessionmaker[Session], tmp_path: Path) -> None:
    child_id = _child(factory)
    with pytest.raises(PermissionDenied), session_scope(factory, account=AUDITOR) as s:
        attachments.add_attachment(s, child_id, "a.png", files.png())
    with session_scope(factory, account=OFFICER) as s:
        added = attachments.add_attachment(s, child_id, "a.png", files.png())
    with pytest.raises(PermissionDenied), session_scope(factory, account=AUDITOR) as s:
        attachments.save_attachment_copy(s, added.id, tmp_path / "a.png")
    with pytest.raises(PermissionDenied), session_scope(factory, account=AUDITOR) as s:
        attachments.remove_attachment(s, added.id)
    assert not (tmp_path / "a.png").exists()


def test_removing_keeps_the_name_and_fingerprint_in_the_audit(
    factory: sessionmaker[Session],
) -> None:
    child_id = _child(factory)
    with session_scope(factory, account=OFFICER) as s:
        added = attachments.add_attachment(s, child_id, "wrong.png", files.png())
        attachments.describe_attachment(s, added.id, "Not this child's")
    with session_scope(factory, account=OFFICER) as s:
        attachments.remove_attachment(s, added.id)
    with session_scope(factory) as s:
        assert attachments.list_attachments(s, child_id) == []
        (removed,) = _events(s, "delete")
        assert removed.before is not None
        assert removed.before["file_name"] == "wrong.png"
        assert removed.before["description"] == "Not this child's"
        with pytest.raises(attachments.AttachmentNotFound, match="does not exist"):
            attachments.open_attachment(s, added.id)


def test_sizes_read_as_people_write_them() -> None:
    assert attachments.size_text(100) == "1 KB"
    assert attachments.size_text(18 * 1024) == "18 KB"
    assert attachments.size_text(10 * attachments.MB) == "10 MB"
    assert attachments.size_text(int(2.4 * attachments.MB)) == "2.4 MB"
