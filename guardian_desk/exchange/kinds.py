"""Per kind of file: check each row, check the rows against each other and the database, write.

Checking never writes. Every lookup the checks need is fetched once up front (existing keys,
facility codes, people's codes), so checking 20,000 rows costs a handful of queries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from guardian_desk.db.models import Child, Facility, Guardian, Mediator
from guardian_desk.domain import validation as v
from guardian_desk.domain.enums import Weekday
from guardian_desk.domain.errors import ValidationError, ValidationErrors
from guardian_desk.domain.parsing import (
    format_windows,
    parse_child,
    parse_facility,
    parse_staff,
    split_list,
    text_to_minutes,
)
from guardian_desk.domain.records import AbsencePeriod, ChildData, WeeklyWindow
from guardian_desk.domain.text import shown
from guardian_desk.exchange.columns import ABSENCE_COLUMNS, KEY_COLUMN, SLOT_COLUMNS
from guardian_desk.exchange.report import ErrorSink
from guardian_desk.i18n import N_, _
from guardian_desk.services import audit
from guardian_desk.services.availability import replace_availability_many
from guardian_desk.services.children import ENTITY as CHILD_ENTITY
from guardian_desk.services.children import create_children, find_by_case_number, link_siblings
from guardian_desk.services.facilities import create_facility
from guardian_desk.services.settings import get_settings
from guardian_desk.services.staff import StaffKind, create_staff_many

Raw = dict[str, str]
Tick = Callable[[], None]

WEEKDAY_NUMBERS = frozenset("1234567")
WRITE_BATCH = 2_000  # children flushed together: one INSERT statement batch, not 2,000


def _get(raw: Raw, name: str) -> str:
    return (raw.get(name) or "").strip()


class KindImporter:
    """Base: key bookkeeping shared by every kind whose rows are records with a unique key."""

    kind = ""
    existing_reason = N_("is already registered")

    def __init__(self, session: Session, today: date) -> None:
        self.today = today
        self.region = get_settings(session).country
        self.key_column = KEY_COLUMN[self.kind]
        self.seen: dict[str, int] = {}  # key -> first line
        self.existing: set[str] = set()
        self.items: list[tuple[int, Any]] = []
        self.current_line = 0  # the row being written, for errors the services raise

    def check_row(self, line: int, raw: Raw, sink: ErrorSink) -> None:
        raise NotImplementedError

    def check_file(self, sink: ErrorSink) -> None:
        """Problems between rows, found once every row is read."""

    def count(self) -> int:
        return len(self.items)

    def write(self, session: Session, tick: Tick) -> None:
        raise NotImplementedError

    def _key(self, line: int, raw: Raw, sink: ErrorSink, parse: Callable[[str, str], str]) -> None:
        """Check the row's key: present, not twice in the file, not already in the database."""
        column = self.key_column
        text = _get(raw, column)
        if not text:
            sink.add(line, column, "", _("is required"))
            return
        try:
            key = parse(column, text)
        except ValidationError:
            return  # the record's parser reports the malformed key
        first = self.seen.setdefault(key, line)
        if first != line:
            # TRANSLATORS: {line} is the line of the file where the value first appears.
            problem = _("appears twice in the file (first on line {line})").format(line=first)
            sink.add(line, column, key, problem)
        if key in self.existing:
            sink.add(line, column, key, _(self.existing_reason))
        else:
            self._also_check_key(line, key, sink)

    def _also_check_key(self, line: int, key: str, sink: ErrorSink) -> None:
        pass

    def _drop(self, line: int) -> None:
        """Forget the row just kept: a later check found a problem in it."""
        if self.items and self.items[-1][0] == line:
            self.items.pop()

    def _keep(self, line: int, sink: ErrorSink, parse: Callable[[], Any]) -> Any:
        """Parse the record; keep it for writing if the row has no problem at all."""
        try:
            record = parse()
        except (ValidationError, ValidationErrors) as exc:
            sink.validation(line, exc)
            return None
        if not sink.has(line):
            self.items.append((line, record))
        return record


class FacilityImporter(KindImporter):
    kind = "facilities"

    def __init__(self, session: Session, today: date) -> None:
        super().__init__(session, today)
        self.existing = set(session.scalars(select(Facility.code)))

    def check_row(self, line: int, raw: Raw, sink: ErrorSink) -> None:
        self._key(line, raw, sink, v.record_code)
        self._keep(line, sink, lambda: parse_facility(raw, region=self.region))

    def write(self, session: Session, tick: Tick) -> None:
        for line, data in self.items:
            self.current_line = line
            create_facility(session, data, check_unique=False)
            tick()


class StaffImporter(KindImporter):
    staff_kind: StaffKind = "guardian"

    def __init__(self, session: Session, today: date) -> None:
        super().__init__(session, today)
        own, other = (Guardian, Mediator) if self.staff_kind == "guardian" else (Mediator, Guardian)
        self.existing = set(session.scalars(select(own.code)))
        self.others = set(session.scalars(select(other.code)))

    def _also_check_key(self, line: int, key: str, sink: ErrorSink) -> None:
        if key in self.others:
            if self.staff_kind == "guardian":
                problem = _(
                    "is already the code of a mediator (availability files name people by code, "
                    "so guardians and mediators need different codes)"
                )
            else:
                problem = _(
                    "is already the code of a guardian (availability files name people by code, "
                    "so guardians and mediators need different codes)"
                )
            sink.add(line, "code", key, problem)

    def check_row(self, line: int, raw: Raw, sink: ErrorSink) -> None:
        self._key(line, raw, sink, v.record_code)
        self._keep(
            line,
            sink,
            lambda: parse_staff(
                raw, region=self.region, mediator=self.staff_kind == "mediator", today=self.today
            ),
        )

    def write(self, session: Session, tick: Tick) -> None:
        for start in range(0, len(self.items), WRITE_BATCH):
            batch = self.items[start : start + WRITE_BATCH]
            self.current_line = batch[0][0]
            create_staff_many(session, self.staff_kind, [data for _line, data in batch])
            for _unused in batch:
                tick()


class GuardianImporter(StaffImporter):
    kind = "guardians"
    staff_kind: StaffKind = "guardian"


class MediatorImporter(StaffImporter):
    kind = "mediators"
    staff_kind: StaffKind = "mediator"


class ChildImporter(KindImporter):
    kind = "children"

    def __init__(self, session: Session, today: date) -> None:
        super().__init__(session, today)
        self.existing = set(session.scalars(select(Child.case_number)))
        self.facilities = set(session.scalars(select(Facility.code)))
        self.sibling_refs: list[tuple[int, list[str]]] = []  # of every readable row

    def check_row(self, line: int, raw: Raw, sink: ErrorSink) -> None:
        self._key(line, raw, sink, v.case_number)
        data: ChildData | None = self._keep(line, sink, lambda: parse_child(raw, today=self.today))
        # A row with a bad value still has its references checked: every problem of a row
        # is listed at once, not one more on each try.
        own, facility_code, siblings = (
            (data.case_number, data.facility_code, data.sibling_case_numbers)
            if data is not None
            else _readable_references(raw)
        )
        if siblings:
            self.sibling_refs.append((line, siblings))
        if facility_code and facility_code not in self.facilities:
            sink.add(
                line,
                "facility",
                facility_code,
                _("is not the code of a registered facility (import facilities first)"),
            )
        if own is not None and own in siblings:
            problem = _("is the child's own case number")
            sink.add(line, "siblings", own, problem)
        if sink.has(line):
            self._drop(line)

    def check_file(self, sink: ErrorSink) -> None:
        for line, numbers in self.sibling_refs:
            for number in numbers:
                if number not in self.seen and number not in self.existing:
                    sink.add(
                        line,
                        "siblings",
                        number,
                        _("is not the case number of a child in this file or already registered"),
                    )

    def _sibling_links(self) -> dict[str, set[str]]:
        """Each new child's siblings, both ways: a link named on either side counts."""
        links: dict[str, set[str]] = {}
        for _line, data in self.items:
            for number in data.sibling_case_numbers:
                links.setdefault(data.case_number, set()).add(number)
                links.setdefault(number, set()).add(data.case_number)
        return links

    def write(self, session: Session, tick: Tick) -> None:
        created: dict[str, int] = {}
        for start in range(0, len(self.items), WRITE_BATCH):
            batch = self.items[start : start + WRITE_BATCH]
            self.current_line = batch[0][0]
            records = [replace(data, sibling_case_numbers=[]) for _line, data in batch]
            for (_ln, data), child_id in zip(batch, create_children(session, records), strict=True):
                created[str(data.case_number)] = child_id
            for _unused in batch:
                tick()
        links = self._sibling_links()
        if not links:
            return
        known = dict(created)
        for number in links.keys() - created.keys():  # registered children the file names
            known[number] = find_by_case_number(session, number).id
        link_siblings(
            session, {(known[a], known[b]) for a, linked in links.items() for b in linked}
        )
        changes: list[tuple[object, object, object]] = [
            (
                known[number],
                None,
                {"siblings": sorted(linked)}
                if number in created
                else {"siblings_added": sorted(linked)},
            )
            for number, linked in sorted(links.items())
        ]
        audit.record_many(session, CHILD_ENTITY, "link_siblings", changes)


def _readable_references(raw: Raw) -> tuple[str | None, str | None, list[str]]:
    """A refused row's case number, facility code and siblings, those that can be read (the
    parser has reported the rest)."""

    def readable(parse: Callable[[str, str], str], field_name: str, text: str) -> str | None:
        try:
            return parse(field_name, text) if text else None
        except ValidationError:
            return None

    siblings = [readable(v.case_number, "siblings", s) for s in split_list(_get(raw, "siblings"))]
    return (
        readable(v.case_number, "case_number", _get(raw, "case_number")),
        readable(v.record_code, "facility", _get(raw, "facility")),
        [s for s in siblings if s is not None],
    )


@dataclass
class PersonAvailability:
    kind: StaffKind
    staff_id: int
    first_line: int
    slots: list[tuple[int, WeeklyWindow]] = field(default_factory=list)
    absences: list[AbsencePeriod] = field(default_factory=list)


class AvailabilityImporter(KindImporter):
    """Rows name a person and either a weekly slot or an absence; the file replaces the
    availability of every person it names (a row with only the person clears it)."""

    kind = "availability"

    def __init__(self, session: Session, today: date) -> None:
        super().__init__(session, today)
        self.people: dict[str, tuple[StaffKind, int]] = {}
        self.ambiguous: set[str] = set()
        for model, staff_kind in ((Guardian, "guardian"), (Mediator, "mediator")):
            for code, staff_id in session.execute(select(model.code, model.id)):
                if code in self.people:
                    self.ambiguous.add(code)
                self.people[code] = (staff_kind, staff_id)  # type: ignore[assignment]
        self.plan: dict[str, PersonAvailability] = {}

    def count(self) -> int:
        return len(self.plan)

    def _person(self, line: int, raw: Raw, sink: ErrorSink) -> PersonAvailability | None:
        text = _get(raw, "person")
        if not text:
            sink.add(line, "person", "", _("is required (the code of a guardian or mediator)"))
            return None
        code = text.upper()
        if code in self.ambiguous:
            sink.add(line, "person", text, _("is the code of both a guardian and a mediator"))
            return None
        if code not in self.people:
            problem = _("is not the code of a registered guardian or mediator")
            sink.add(line, "person", text, problem)
            return None
        staff_kind, staff_id = self.people[code]
        return self.plan.setdefault(code, PersonAvailability(staff_kind, staff_id, line))

    def check_row(self, line: int, raw: Raw, sink: ErrorSink) -> None:
        person = self._person(line, raw, sink)
        is_slot = any(_get(raw, c) for c in SLOT_COLUMNS)
        is_absence = any(_get(raw, c) for c in (*ABSENCE_COLUMNS, "reason"))
        if is_slot and is_absence:
            problem = _("gives both a weekly slot and an absence: use one row for each")
            sink.add(line, "", "", problem)
            return
        try:
            if is_slot:
                window = self._slot(raw)
                if person is not None:
                    person.slots.append((line, window))
            elif is_absence:
                absence = self._absence(raw)
                if person is not None:
                    person.absences.append(absence)
        except (ValidationError, ValidationErrors) as exc:
            sink.validation(line, exc)

    def _slot(self, raw: Raw) -> WeeklyWindow:
        errors: list[ValidationError] = []
        for name in SLOT_COLUMNS:
            if not _get(raw, name):
                errors.append(ValidationError(name, "", _("is required for a weekly slot")))
        if errors:
            raise ValidationErrors(errors)
        day = _get(raw, "weekday")
        try:  # 1-7 in ASCII digits only: str.isdigit() and int() also take Arabic-Indic ones
            weekday = int(day) if day in WEEKDAY_NUMBERS else Weekday(day.capitalize()[:3]).iso
        except ValueError:
            raise ValidationError(
                "weekday",
                shown(day),
                # TRANSLATORS: keep Mon, Tue, Sun: files name weekdays in English.
                _("is not a weekday (Mon, Tue, … Sun)"),
            ) from None
        start = text_to_minutes("start", _get(raw, "start"))
        end = text_to_minutes("end", _get(raw, "end"))
        if start >= end:
            # TRANSLATORS: {other} is the name of another column as files write it; keep it.
            problem = _("is not after {other}").format(other="start")
            raise ValidationError("end", _get(raw, "end"), problem)
        return WeeklyWindow(weekday, start, end)

    def _absence(self, raw: Raw) -> AbsencePeriod:
        starts = v.parse_date("absent_from", _get(raw, "absent_from"), allow_future=True)
        ends = v.parse_date("absent_to", _get(raw, "absent_to"), allow_future=True)
        reason = v.text("reason", _get(raw, "reason"), max_length=300, required=False)
        assert starts is not None and ends is not None
        if ends < starts:
            # TRANSLATORS: {other} is the name of another column as files write it; keep it.
            problem = _("is before {other}").format(other="absent_from")
            raise ValidationError("absent_to", ends.isoformat(), problem)
        return AbsencePeriod(starts, ends, reason)

    def check_file(self, sink: ErrorSink) -> None:
        for person in self.plan.values():
            ordered = sorted(person.slots, key=lambda s: (s[1].weekday, s[1].start_minute))
            reaching: WeeklyWindow | None = None  # the day's window that ends latest so far
            for line, window in ordered:
                if reaching is not None and reaching.weekday == window.weekday:
                    if window.start_minute < reaching.end_minute:
                        overlapped = format_windows([reaching])
                        # TRANSLATORS: {window} is a weekly window such as "Mon 09:00-12:00".
                        problem = _("overlaps {window}").format(window=overlapped)
                        sink.add(line, "start", format_windows([window]), problem)
                    if window.end_minute <= reaching.end_minute:
                        continue
                reaching = window

    def write(self, session: Session, tick: Tick) -> None:
        for kind in ("guardian", "mediator"):
            people = [p for p in self.plan.values() if p.kind == kind]
            if people:
                self.current_line = people[0].first_line
            replace_availability_many(
                session,
                kind,
                {p.staff_id: ([window for _line, window in p.slots], p.absences) for p in people},
            )
            for _unused in people:
                tick()


IMPORTERS: dict[str, type[KindImporter]] = {
    "facilities": FacilityImporter,
    "guardians": GuardianImporter,
    "mediators": MediatorImporter,
    "children": ChildImporter,
    "availability": AvailabilityImporter,
}
