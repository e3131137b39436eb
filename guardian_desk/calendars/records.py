"""Plain records a calendar is written from: no database, safe to hand between threads."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from guardian_desk.domain.enums import VisitPurpose, VisitStatus

CalendarOwner = Literal["guardian", "mediator", "facility"]
OWNERS: tuple[CalendarOwner, ...] = ("guardian", "mediator", "facility")
MAX_ALARM_MINUTES = 4 * 7 * 24 * 60  # four weeks
_UNSAFE_IN_FILE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
_RESERVED_ON_WINDOWS = {"CON", "PRN", "AUX", "NUL"} | {
    f"{device}{n}" for device in ("COM", "LPT") for n in range(1, 10)
}


@dataclass(frozen=True)
class CalendarOwnerRef:
    """Whose calendar: a guardian, a mediator or a facility, by id, code and name."""

    owner: CalendarOwner
    id: int
    code: str
    name: str

    @property
    def file_stem(self) -> str:
        """The code as a file name (never the person's name); the id if the code will not do."""
        stem = _UNSAFE_IN_FILE_NAME.sub("_", self.code).strip("._")
        if stem.upper() in _RESERVED_ON_WINDOWS:
            stem += "_"
        return stem or f"id-{self.id}"

    @property
    def file_name(self) -> str:
        """``guardian-G-00001.ics``: what a single export is saved as by default."""
        return f"{self.owner}-{self.file_stem}.ics"


@dataclass(frozen=True, slots=True)
class CalendarPerson:
    """A guardian or a mediator as a calendar names them (staff, not children)."""

    code: str
    name: str
    email: str = ""


@dataclass(frozen=True, slots=True)
class CalendarPlace:
    code: str
    name: str
    address: str = ""
    municipality: str = ""


@dataclass(slots=True)  # not frozen: that makes 200,000 of them take six times longer
class CalendarVisit:
    """One visit or booking (read-only by convention). ``child_name`` is empty unless the
    caller asked for names."""

    visit_id: int
    sequence: int
    status: VisitStatus
    purpose: VisitPurpose
    starts_at: datetime  # aware (UTC in the database)
    ends_at: datetime
    updated_at: datetime
    case_number: str
    child_initials: str  # "A. R."
    child_name: str = ""  # the full name, only in an export that reveals identities
    guardian: CalendarPerson | None = None
    mediator: CalendarPerson | None = None
    facility: CalendarPlace | None = None
    place: str = ""  # the place written on the visit (an interview room, a clinic)
    on_hold: bool = False  # the child is missing: shown TENTATIVE, "On hold: ..."


@dataclass(frozen=True)
class CalendarOptions:
    """What every event of one export shares.

    ``alarm_minutes``: a reminder that many minutes before each planned, future visit
    (None: none). ``reveal_identity``: put the child's full name in SUMMARY and DESCRIPTION
    (the caller warns the officer first). ``now``: DTSTAMP, and what "future" means.
    """

    office_uid: str
    time_zone: str = "Europe/Tirane"
    organisation_name: str = ""
    alarm_minutes: int | None = None
    reveal_identity: bool = False
    now: datetime | None = None


def initials(given_name: str, family_name: str) -> str:
    """``A. R.`` for Ahmad Rahimi: the first letter of each name, nothing more."""
    letters = []
    for name in (given_name, family_name):
        first = next((ch for ch in name if ch.isalpha()), "")
        if first:
            letters.append(first.upper() + ".")
    return " ".join(letters)
