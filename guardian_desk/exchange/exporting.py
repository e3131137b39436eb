"""Writing CSV files: UTF-8 with a BOM (so Excel reads the names right), rows sorted by key.

Values use the notation of guardian_desk.domain.parsing, so an exported file imports again
unchanged: export, import into an empty database and export again gives the same bytes.
A cell a spreadsheet would run as a formula gets a leading apostrophe (exchange/cells.py),
which import removes. The file is readable by its owner only (private_files.py).
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from guardian_desk.db.models import Child, Facility, Guardian, Mediator
from guardian_desk.domain.enums import Weekday
from guardian_desk.domain.errors import GuardianDeskError
from guardian_desk.domain.parsing import (
    format_bool,
    format_companions,
    format_date,
    format_float,
    format_languages,
    format_windows,
    minutes_to_text,
)
from guardian_desk.domain.records import (
    AbsencePeriod,
    ChildData,
    FacilityData,
    StaffData,
    WeeklyWindow,
)
from guardian_desk.exchange.cells import neutralised
from guardian_desk.exchange.columns import check_kind, columns
from guardian_desk.i18n import _
from guardian_desk.private_files import make_private, refuse_special_file
from guardian_desk.security.roles import Permission, require, requires
from guardian_desk.services import audit
from guardian_desk.services.availability import availability_of
from guardian_desk.services.children import child_data, sibling_numbers_by_child
from guardian_desk.services.facilities import facility_data
from guardian_desk.services.staff import staff_data

Progress = Callable[[int, int], None]
PersonAvailability = tuple[str, list[WeeklyWindow], list[AbsencePeriod]]
Row = dict[str, str]
PROGRESS_EVERY = 500


def facility_row(d: FacilityData) -> Row:
    return {
        "code": d.code or "",
        "name": d.name,
        "address": d.address,
        "municipality": d.municipality,
        "latitude": format_float(d.latitude),
        "longitude": format_float(d.longitude),
        "contact_name": d.contact_name,
        "contact_phone": d.contact_phone,
        "contact_email": d.contact_email,
        "visiting_hours": format_windows(d.hours),
        "active": format_bool(d.active),
        "notes": d.notes,
    }


def staff_row(d: StaffData) -> Row:
    return {
        "code": d.code or "",
        "given_name": d.given_name,
        "family_name": d.family_name,
        "sex": d.sex.value,
        "languages": format_languages(d.languages),
        "phone": d.phone,
        "email": d.email,
        "municipality": d.municipality,
        "latitude": format_float(d.latitude),
        "longitude": format_float(d.longitude),
        "max_caseload": str(d.max_caseload),
        "background_check_on": format_date(d.background_check_on),
        "training_on": format_date(d.training_on),
        "vetting_expires_on": format_date(d.vetting_expires_on),
        "active": format_bool(d.active),
        "suspended_reason": d.suspended_reason,
        "notes": d.notes,
        "dialects": "; ".join(d.dialects),
        "certification": d.certification,
        "organisation": d.organisation,
    }


def child_row(d: ChildData) -> Row:
    return {
        "case_number": d.case_number or "",
        "given_name": d.given_name,
        "family_name": d.family_name,
        "given_name_original": d.given_name_original,
        "family_name_original": d.family_name_original,
        "aliases": "; ".join(d.aliases),
        "sex": d.sex.value,
        "date_of_birth": format_date(d.date_of_birth),
        "dob_estimated": format_bool(d.dob_estimated),
        "nationality": d.nationality,
        "languages": format_languages(d.languages),
        "guardian_gender_preference": d.guardian_gender_preference.value,
        "mediator_gender_preference": d.mediator_gender_preference.value,
        "facility": d.facility_code or "",
        "identified_on": format_date(d.identified_on),
        "arrived_on": format_date(d.arrived_on),
        "status": d.status.value,
        "siblings": "; ".join(sorted(d.sibling_case_numbers)),
        "accompanying_adults": format_companions(d.accompanying_adults),
        "notes": d.notes,
    }


def availability_rows(record: PersonAvailability) -> list[tuple[tuple[Any, ...], Row]]:
    """A person's slots (by weekday and start), then absences (by first day): (sort key, row)."""
    person, slots, absences = record
    rows: list[tuple[tuple[Any, ...], Row]] = []
    for w in sorted(slots, key=lambda w: (w.weekday, w.start_minute, w.end_minute)):
        row = {
            "person": person,
            "weekday": Weekday.from_iso(w.weekday).value,
            "start": minutes_to_text(w.start_minute),
            "end": minutes_to_text(w.end_minute),
        }
        rows.append(((person, 0, w.weekday, w.start_minute, w.end_minute, "", "", ""), row))
    for a in sorted(absences, key=lambda a: (a.starts_on, a.ends_on, a.reason)):
        row = {
            "person": person,
            "absent_from": format_date(a.starts_on),
            "absent_to": format_date(a.ends_on),
            "reason": a.reason,
        }
        key = (person, 1, 0, 0, 0, a.starts_on.isoformat(), a.ends_on.isoformat(), a.reason)
        rows.append((key, row))
    return rows


def _sorted_rows(kind: str, records: Iterable[Any]) -> list[Row]:
    keyed: list[tuple[tuple[Any, ...], Row]] = []
    for record in records:
        if kind == "availability":
            keyed.extend(availability_rows(record))
        elif kind == "facilities":
            keyed.append(((record.code or "",), facility_row(record)))
        elif kind == "children":
            keyed.append(((record.case_number or "",), child_row(record)))
        else:
            keyed.append(((record.code or "",), staff_row(record)))
    keyed.sort(key=lambda item: item[0])
    return [row for _key, row in keyed]


class ExportCancelled(GuardianDeskError):
    """The officer cancelled an export; nothing was written."""


def _write(path: Path, header: list[str], rows: Iterable[Row]) -> int:
    """Write beside the target, then replace it: a failed export leaves no half-written file."""
    path = Path(path)
    refuse_special_file(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    count = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f, lineterminator="\r\n")
            writer.writerow(header)
            for row in rows:
                writer.writerow([neutralised(name, row.get(name, "")) for name in header])
                count += 1
        make_private(Path(temp))  # mkstemp made it 0600; said here, not left to chance
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return count


def write_records_csv(
    kind: str, records: Iterable[Any], path: Path, *, include_personal: bool = True
) -> int:
    """Write domain records (no database) as a ``kind`` file; returns the rows written.

    facilities: FacilityData; guardians, mediators: StaffData; children: ChildData;
    availability: ``(person_code, slots, absences)`` tuples.
    """
    check_kind(kind)
    return _write(
        path, columns(kind, include_personal=include_personal), _sorted_rows(kind, records)
    )


def _counted(
    items: list[Any], convert: Callable[[Any], Any], progress: Progress | None
) -> Iterator[Any]:
    for done, item in enumerate(items, start=1):
        yield convert(item)
        if progress is not None and (done % PROGRESS_EVERY == 0 or done == len(items)):
            progress(done, len(items))


def _records(session: Session, kind: str, progress: Progress | None) -> Iterator[Any]:
    if kind == "facilities":
        facilities = list(
            session.scalars(
                select(Facility).options(selectinload(Facility.hours)).order_by(Facility.code)
            )
        )
        return _counted(facilities, facility_data, progress)
    if kind in ("guardians", "mediators"):
        model = Guardian if kind == "guardians" else Mediator
        return _counted(
            list(session.scalars(select(model).order_by(model.code))), staff_data, progress
        )
    if kind == "children":
        children = list(
            session.scalars(
                select(Child)
                .options(selectinload(Child.facility), selectinload(Child.accompanying_adults))
                .order_by(Child.case_number)
            )
        )
        siblings = sibling_numbers_by_child(session)
        return _counted(
            children, lambda c: child_data(session, c, siblings=siblings.get(c.id, [])), progress
        )
    people: list[Guardian | Mediator] = []
    for staff_model in (Guardian, Mediator):
        people += session.scalars(
            select(staff_model).options(
                selectinload(staff_model.slots), selectinload(staff_model.absences)
            )
        )
    people.sort(key=lambda p: p.code)
    return _counted(people, lambda p: (p.code, *availability_of(p)), progress)


# Columns that name a person (a child, a guardian or mediator, a facility's contact): a file
# with any of them is an export of personal data, for a role that may export it, and audited.
NAME_COLUMNS = frozenset(
    {
        "given_name",
        "family_name",
        "given_name_original",
        "family_name_original",
        "aliases",
        "accompanying_adults",
        "contact_name",
    }
)


def names_people(kind: str, *, include_personal: bool) -> bool:
    """Whether a ``kind`` export names people (then it needs EXPORT_PERSONAL and is logged)."""
    return not NAME_COLUMNS.isdisjoint(columns(kind, include_personal=include_personal))


@requires(Permission.READ_RECORDS)
def export_csv(
    session: Session,
    kind: str,
    path: Path,
    *,
    include_personal: bool = False,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> int:
    """Export every ``kind`` record from the database; returns the rows written.

    Children's names, birth dates, companions and notes are left out unless
    ``include_personal``: a default export carries case numbers, not names.
    ``cancel`` is asked at every progress step; cancelling leaves no file behind.
    A file that names people needs the right to export personal data and leaves an
    "export_personal" audit row (kind and row count, no names).
    """
    check_kind(kind)
    personal = names_people(kind, include_personal=include_personal)
    if personal:
        require(session, Permission.EXPORT_PERSONAL)
        audit.before_logged_read(session)

    def step(done: int, total: int) -> None:
        if cancel is not None and cancel():
            raise ExportCancelled(_("the export was cancelled; no file was written"))
        if progress is not None:
            progress(done, total)

    records = _records(session, kind, step)
    written = _write(
        path, columns(kind, include_personal=include_personal), _sorted_rows(kind, records)
    )
    if personal:
        audit.record(
            session, "export", kind, "export_personal", after={"kind": kind, "rows": written}
        )
    return written
