"""Calendar export: one guardian's, mediator's or facility's .ics, or all of them into a folder.

Both only read: the caller's unit of work commits nothing. The file format is in
docs/calendars.md.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from guardian_desk.calendars.events import EventWriter, year_span
from guardian_desk.calendars.reading import calendar_visits, find_owner, list_owners
from guardian_desk.calendars.records import (
    CalendarOptions,
    CalendarOwner,
    CalendarOwnerRef,
    CalendarVisit,
)
from guardian_desk.domain.errors import GuardianDeskError
from guardian_desk.i18n import _
from guardian_desk.private_files import make_private, private_folder, refuse_special_file
from guardian_desk.security.roles import Permission, require, requires
from guardian_desk.services import audit
from guardian_desk.services.settings import get_settings

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]
FOLDERS: dict[CalendarOwner, str] = {
    "guardian": "guardians",
    "mediator": "mediators",
    "facility": "facilities",
}


class CalendarExportCancelled(GuardianDeskError):
    """The officer cancelled the export; the folder was left as it was."""

    def __init__(self) -> None:
        super().__init__(_("The calendar export was cancelled; no file was written."))


@dataclass(frozen=True)
class CalendarFile:
    """One exported calendar: save ``content`` as ``owner.file_name`` (or where asked)."""

    owner: CalendarOwnerRef
    calendar_name: str
    visits: int
    content: bytes


@dataclass(frozen=True)
class FolderExport:
    folder: Path
    files: int  # one per guardian, mediator and facility, with or without visits
    visits: int  # distinct visits written (a visit is in up to three files)


@requires(Permission.READ_RECORDS)
def export_options(
    session: Session,
    *,
    alarm_minutes: int | None = None,
    reveal_identity: bool = False,
    now: datetime | None = None,
) -> CalendarOptions:
    """The office's UID, zone and name, with what the officer chose for this export."""
    settings = get_settings(session)
    return CalendarOptions(
        office_uid=settings.office_uid,
        time_zone=settings.time_zone,
        organisation_name=settings.organisation_name,
        alarm_minutes=alarm_minutes,
        reveal_identity=reveal_identity,
        now=now or datetime.now(UTC),
    )


def calendar_name(options: CalendarOptions, owner: CalendarOwnerRef) -> str:
    """``Office: guardian G-00001 Elira Hoxha`` (staff and facility names, never a child's)."""
    office = options.organisation_name.strip() or "Guardian Desk"
    values = {"office": office, "code": owner.code, "name": owner.name}
    if owner.owner == "guardian":
        # TRANSLATORS: a calendar's name; {office} is the organisation, {code} and {name} the
        # guardian's.
        text = _("{office}: guardian {code} {name}")
    elif owner.owner == "mediator":
        text = _("{office}: mediator {code} {name}")
    elif owner.owner == "facility":
        text = _("{office}: facility {code} {name}")
    else:
        text = "{office}: " + owner.owner + " {code} {name}"
    return text.format(**values).strip()


def _before_revealing(session: Session, reveal_identity: bool) -> None:
    """Children's full names in a calendar make it an export of personal data: allowed to a
    role that may export it, and logged (see _log_revealed)."""
    if reveal_identity:
        require(session, Permission.EXPORT_PERSONAL)
        audit.before_logged_read(session)


def _log_revealed(session: Session, reveal_identity: bool, kind: str, visits: int) -> None:
    if reveal_identity:
        audit.record(
            session, "export", kind, "export_personal", after={"kind": kind, "rows": visits}
        )


@requires(Permission.PRINT_PAPERS)
def export_calendar(
    session: Session,
    owner: CalendarOwner,
    code_or_id: str | int,
    *,
    starting_from: date | None = None,
    alarm_minutes: int | None = None,
    reveal_identity: bool = False,
    now: datetime | None = None,
) -> CalendarFile:
    """One guardian's, mediator's or facility's calendar as .ics bytes.

    A mediator's calendar holds every visit and booking they come to, with or without a
    guardian. ``reveal_identity`` puts children's full names in: the caller warns first.
    Raises NotFoundError for an unknown code or id, ValidationError for a bad alarm.
    """
    _before_revealing(session, reveal_identity)
    ref = find_owner(session, owner, code_or_id)
    options = export_options(
        session, alarm_minutes=alarm_minutes, reveal_identity=reveal_identity, now=now
    )
    visits = calendar_visits(
        session, owner=ref, starting_from=starting_from, reveal_identity=reveal_identity
    )
    writer = EventWriter(options, year_span(visits, options.time_zone))
    name = calendar_name(options, ref)
    content = writer.calendar(name, (writer.event(v) for v in visits))
    _log_revealed(session, reveal_identity, "calendar", len(visits))
    return CalendarFile(ref, name, len(visits), content)


def write_calendar_file(path: Path, content: bytes) -> None:
    """Write beside the target, then replace it: a failed write leaves no half a file."""
    path = Path(path)
    refuse_special_file(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(content)
        make_private(Path(temp))  # owner only (issue 11), also where an older file was wider
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


class _EventCache:
    """Each VEVENT is written once and kept only until the last file that holds it."""

    def __init__(self, writer: EventWriter) -> None:
        self.writer = writer
        self.kept: dict[int, tuple[str, int]] = {}

    def text(self, visit: CalendarVisit) -> str:
        found = self.kept.pop(visit.visit_id, None)
        if found is None:
            uses = (visit.guardian is not None) + (visit.mediator is not None)
            found = (self.writer.event(visit), uses + (visit.facility is not None))
        text, uses = found
        if uses > 1:
            self.kept[visit.visit_id] = (text, uses - 1)
        return text


def _grouped(
    visits: list[CalendarVisit], refs: list[CalendarOwnerRef]
) -> Iterator[tuple[CalendarOwnerRef, list[CalendarVisit]]]:
    by_owner: dict[tuple[str, str], list[CalendarVisit]] = {}
    for visit in visits:
        for owner, who in (
            ("guardian", visit.guardian),
            ("mediator", visit.mediator),
            ("facility", visit.facility),
        ):
            if who is not None:
                by_owner.setdefault((owner, who.code), []).append(visit)
    for ref in refs:
        yield ref, by_owner.get((ref.owner, ref.code), [])


@requires(Permission.PRINT_PAPERS)
def export_all_calendars(
    session: Session,
    folder: Path,
    *,
    starting_from: date | None = None,
    alarm_minutes: int | None = None,
    reveal_identity: bool = False,
    now: datetime | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> FolderExport:
    """Every guardian's, mediator's and facility's calendar into ``folder``, by code:
    guardians/G-00001.ics, mediators/M-00001.ics, facilities/FAC-0001.ics.

    Everyone gets a file, with or without visits, so that a calendar subscribed to one is
    emptied rather than left stale. The files are written into a hidden folder inside
    ``folder`` and moved in only when all are done: a cancel (``cancel()`` is asked before
    every file) or an error leaves the folder as it was. ``progress(done, total)`` counts
    files. Other files in the folder are not touched.
    """
    _before_revealing(session, reveal_identity)
    options = export_options(
        session, alarm_minutes=alarm_minutes, reveal_identity=reveal_identity, now=now
    )
    refs = list_owners(session)
    visits = calendar_visits(session, starting_from=starting_from, reveal_identity=reveal_identity)
    writer = EventWriter(options, year_span(visits, options.time_zone))
    cache = _EventCache(writer)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".calendars-", dir=folder))
    total, every = len(refs), max(1, len(refs) // 100)
    written: list[Path] = []
    taken: set[str] = set()
    try:
        for sub in FOLDERS.values():
            (staging / sub).mkdir()
        for done, (ref, owned) in enumerate(_grouped(visits, refs)):
            if cancel is not None and cancel():
                raise CalendarExportCancelled()
            if progress is not None and done % every == 0:
                progress(done, total)
            relative = Path(FOLDERS[ref.owner]) / f"{ref.file_stem}.ics"
            if str(relative).casefold() in taken:  # codes alike but for unsafe characters
                relative = relative.with_name(f"{ref.file_stem}-id-{ref.id}.ics")
            taken.add(str(relative).casefold())
            content = writer.calendar(calendar_name(options, ref), map(cache.text, owned))
            (staging / relative).write_bytes(content)
            make_private(staging / relative)  # owner only (issue 11)
            written.append(relative)
        for sub in FOLDERS.values():
            private_folder(folder / sub)  # a new one owner only (issue 11)
        for relative in written:
            os.replace(staging / relative, folder / relative)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if progress is not None:
        progress(total, total)
    _log_revealed(session, reveal_identity, "calendars", len(visits))
    return FolderExport(folder, len(written), len(visits))
