"""Files on a child's record: PDF, JPEG, PNG and Word (DOCX), kept in the database.

The bytes live in ``attachments.content`` (db/models/attachments.py), so a backup, a restore
and encryption at rest cover them like every other record. What a file is comes from its first
bytes, never from its name: a program renamed ``passport.pdf`` is refused, naming the file.
The office sets the largest file it accepts (``office_settings.attachment_max_mb``).

Listing a child's attachments never reads their bytes (the column is deferred). Opening one
(``open_attachment``) or saving a copy of it (``save_attachment_copy``) reads them and leaves an
audit row naming the signed-in account ("view", "export_personal"), like opening a child's record.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from guardian_desk.db.models import Attachment, Child
from guardian_desk.domain.errors import GuardianDeskError, NotFoundError
from guardian_desk.i18n import N_, _
from guardian_desk.i18n.formats import number_text
from guardian_desk.private_files import write_private_bytes
from guardian_desk.security.roles import Permission, requires
from guardian_desk.services import audit
from guardian_desk.services.settings import get_settings

ENTITY = "attachment"
MB = 1024 * 1024
DEFAULT_LIMIT_MB = 10
MAX_NAME = 255
MAX_DESCRIPTION = 1000

# The kinds kept, their magic bytes (DOCX is a ZIP holding word/document.xml) and file suffix.
KIND_NAMES = {
    "pdf": N_("PDF document"),
    "jpeg": N_("JPEG image"),
    "png": N_("PNG image"),
    "docx": N_("Word document (DOCX)"),
}
SUFFIXES = {"pdf": ".pdf", "jpeg": ".jpg", "png": ".png", "docx": ".docx"}
PREVIEWABLE = frozenset({"pdf", "jpeg", "png"})
_MAGIC = (
    ("pdf", b"%PDF-"),
    ("jpeg", b"\xff\xd8\xff"),
    ("png", b"\x89PNG\r\n\x1a\n"),
)
_ZIP = b"PK\x03\x04"
# What a refused file is, when its first bytes say (so the officer learns what it really is).
_KNOWN_OTHERS = (
    (b"MZ", N_("a Windows program")),
    (b"\x7fELF", N_("a Linux program")),
    (b"\xcf\xfa\xed\xfe", N_("a macOS program")),
    (b"#!", N_("a script")),
    (b"GIF8", N_("a GIF image")),
    (b"II*\x00", N_("a TIFF image")),
    (b"MM\x00*", N_("a TIFF image")),
    (b"\xd0\xcf\x11\xe0", N_("an old Office document (DOC, XLS)")),
    (b"Rar!", N_("a RAR archive")),
    (b"7z\xbc\xaf", N_("a 7-Zip archive")),
    (b"{\\rtf", N_("an RTF document")),
)


class AttachmentRefused(GuardianDeskError):
    """A file that cannot be attached; the message names the file and says why."""

    def __init__(self, file_name: str, message: str) -> None:
        self.file_name = file_name
        super().__init__(message)


class AttachmentNotFound(NotFoundError):
    def __init__(self, key: object) -> None:
        GuardianDeskError.__init__(
            self,
            # TRANSLATORS: {key} is an attachment's number.
            _("Attachment {key} does not exist: someone may have removed it.").format(key=key),
        )
        self.entity = ENTITY
        self.key = key


@dataclass(frozen=True)
class AttachmentInfo:
    """An attachment as a list shows it: everything but its bytes."""

    id: int
    child_id: int
    file_name: str
    kind: str  # pdf, jpeg, png, docx
    size: int
    sha256: str
    description: str
    added_at: datetime
    added_by: str

    @property
    def previewable(self) -> bool:
        return self.kind in PREVIEWABLE


@dataclass(frozen=True)
class AttachmentContent:
    info: AttachmentInfo
    content: bytes


def kind_name(kind: str) -> str:
    """ "PDF document": the kind as the officer reads it."""
    return _(KIND_NAMES[kind]) if kind in KIND_NAMES else kind


def size_text(count: int) -> str:
    """ "2.4 MB", "18 KB": a file's size in the interface language's numbers."""
    if count >= MB:
        megabytes = round(count / MB, 1)
        digits = 0 if megabytes == int(megabytes) else 1
        # TRANSLATORS: a file size in megabytes.
        return _("{size} MB").format(size=number_text(megabytes, digits=digits))
    # TRANSLATORS: a file size in kilobytes.
    return _("{size} KB").format(size=number_text(max(1, round(count / 1024))))


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return False
    return "[Content_Types].xml" in names and "word/document.xml" in names


def detect_kind(data: bytes) -> str | None:
    """pdf, jpeg, png or docx as the file's first bytes say; None for anything else."""
    for kind, magic in _MAGIC:
        if data.startswith(magic):
            return kind
    if data.startswith(_ZIP) and _is_docx(data):
        return "docx"
    return None


def _what_it_is(data: bytes) -> str | None:
    if data.startswith(_ZIP):
        return _("a ZIP archive or another Office file")
    return next((_(text) for magic, text in _KNOWN_OTHERS if data.startswith(magic)), None)


def check_file(file_name: str, data: bytes, limit_mb: int) -> str:
    """The kind of an acceptable file; AttachmentRefused naming the file otherwise."""
    name = Path(file_name).name or file_name
    if not data:
        raise AttachmentRefused(
            name, _("“{name}” cannot be attached: the file is empty.").format(name=name)
        )
    if len(data) > limit_mb * MB:
        raise AttachmentRefused(
            name,
            # TRANSLATORS: {size} is the file's size ("12.3 MB"), {limit} the office's largest
            # ("10 MB"), set in Settings.
            _(
                "“{name}” cannot be attached: it is {size}, larger than the {limit} the office "
                "accepts (Settings)."
            ).format(name=name, size=size_text(len(data)), limit=size_text(limit_mb * MB)),
        )
    kind = detect_kind(data)
    if kind is None:
        really = _what_it_is(data)
        if really is not None:
            # TRANSLATORS: {what} says what the file really is ("a Windows program").
            text = _(
                "“{name}” cannot be attached: its contents are {what}, not a PDF, JPEG, PNG or "
                "Word (DOCX) file, whatever its name says."
            ).format(name=name, what=really)
        else:
            text = _(
                "“{name}” cannot be attached: its contents are not a PDF, JPEG, PNG or Word "
                "(DOCX) file, whatever its name says."
            ).format(name=name)
        raise AttachmentRefused(name, text)
    return kind


def _info(row: Attachment) -> AttachmentInfo:
    return AttachmentInfo(
        id=row.id,
        child_id=row.child_id,
        file_name=row.file_name,
        kind=row.kind,
        size=row.size,
        sha256=row.sha256,
        description=row.description,
        added_at=row.added_at,
        added_by=row.added_by,
    )


def _audit_values(row: Attachment) -> dict[str, object]:
    """What the audit keeps of an attachment: never its bytes, their fingerprint instead."""
    return {
        "child_id": row.child_id,
        "file_name": row.file_name,
        "kind": row.kind,
        "size": row.size,
        "sha256": row.sha256,
        "description": row.description,
    }


def _child(session: Session, child_id: int) -> Child:
    child = session.get(Child, child_id)
    if child is None:
        raise NotFoundError("child", child_id)
    return child


@requires(Permission.READ_RECORDS)
def attachment_limit_mb(session: Session) -> int:
    """The largest file the office accepts, in MB (1 MB = 1,048,576 bytes)."""
    return int(get_settings(session).attachment_max_mb or DEFAULT_LIMIT_MB)


@requires(Permission.READ_RECORDS)
def list_attachments(session: Session, child_id: int) -> list[AttachmentInfo]:
    """A child's attachments, newest first, without their bytes."""
    _child(session, child_id)
    rows = session.scalars(
        select(Attachment)
        .where(Attachment.child_id == child_id)
        .order_by(Attachment.added_at.desc(), Attachment.id.desc())
    )
    return [_info(row) for row in rows]


@requires(Permission.EDIT_CASEWORK)
def add_attachment(
    session: Session, child_id: int, file_name: str, data: bytes, description: str = ""
) -> AttachmentInfo:
    """Attach a file to a child's record, after checking what it really is and its size."""
    name = (Path(file_name).name or file_name).strip()[:MAX_NAME]
    kind = check_file(name, data, attachment_limit_mb(session))
    _child(session, child_id)
    row = Attachment(
        child_id=child_id,
        file_name=name,
        kind=kind,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        description=description.strip()[:MAX_DESCRIPTION],
        added_by=audit.actor_of(session),
        content=data,
    )
    session.add(row)
    session.flush()
    audit.record(session, ENTITY, row.id, "create", after=_audit_values(row))
    return _info(row)


@requires(Permission.EDIT_CASEWORK)
def add_attachment_file(
    session: Session, child_id: int, path: Path, description: str = ""
) -> AttachmentInfo:
    """Attach the file at ``path``; one larger than the office's limit is refused before it
    is read (a film chosen by mistake is never loaded)."""
    target = Path(path)
    limit = attachment_limit_mb(session)
    size = target.stat().st_size
    if size > limit * MB:
        raise AttachmentRefused(
            target.name,
            _(
                "“{name}” cannot be attached: it is {size}, larger than the {limit} the office "
                "accepts (Settings)."
            ).format(name=target.name, size=size_text(size), limit=size_text(limit * MB)),
        )
    return add_attachment(session, child_id, target.name, target.read_bytes(), description)


def _load(session: Session, attachment_id: int, *, content: bool) -> Attachment:
    statement = select(Attachment).where(Attachment.id == attachment_id)
    if content:
        statement = statement.options(undefer(Attachment.content))
    row = session.scalars(statement).first()
    if row is None:
        raise AttachmentNotFound(attachment_id)
    return row


@requires(Permission.READ_RECORDS)
def open_attachment(session: Session, attachment_id: int) -> AttachmentContent:
    """An attachment's bytes, to show it; leaves a "view" audit row naming the account."""
    audit.before_logged_read(session)
    row = _load(session, attachment_id, content=True)
    audit.record(
        session, ENTITY, row.id, "view", after={"child_id": row.child_id, "sha256": row.sha256}
    )
    return AttachmentContent(_info(row), bytes(row.content))


@requires(Permission.EXPORT_PERSONAL)
def save_attachment_copy(session: Session, attachment_id: int, path: Path) -> AttachmentInfo:
    """Write a copy of an attachment to ``path``, readable by its owner only (0600).

    Leaves an "export_personal" audit row naming the account and the file written; a copy that
    could not be written leaves none (the unit of work rolls back).
    """
    audit.before_logged_read(session)
    row = _load(session, attachment_id, content=True)
    target = Path(path)
    write_private_bytes(target, bytes(row.content))
    audit.record(
        session,
        ENTITY,
        row.id,
        "export_personal",
        after={"child_id": row.child_id, "sha256": row.sha256, "saved_as": target.name},
    )
    return _info(row)


@requires(Permission.EDIT_CASEWORK)
def remove_attachment(session: Session, attachment_id: int) -> None:
    """Remove an attachment (one attached by mistake); the audit keeps its name and fingerprint."""
    row = _load(session, attachment_id, content=False)
    before = _audit_values(row)
    session.delete(row)
    session.flush()
    audit.record(session, ENTITY, attachment_id, "delete", before=before)


@requires(Permission.EDIT_CASEWORK)
def describe_attachment(session: Session, attachment_id: int, description: str) -> AttachmentInfo:
    """Change what the list says about an attachment (the file itself never changes)."""
    row = _load(session, attachment_id, content=False)
    text = description.strip()[:MAX_DESCRIPTION]
    if text != row.description:
        before = {"description": row.description}
        row.description = text
        session.flush()
        audit.record(session, ENTITY, row.id, "update", before=before, after={"description": text})
    return _info(row)
