"""Loading the demo office into a database through the services, so every record is audited.

The caller owns the transaction (``session_scope``): nothing here commits, and a cancel or an
error leaves the rollback to the caller. Guardians are appointed for the children whose case
is under guardianship by the same rules an officer meets (services/assignments.py): active,
vetted on the day, under their caseload, of the gender the child asked for. A child whose
languages the guardian does not speak also gets a mediator who speaks one of them.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from guardian_desk.db.models import Child
from guardian_desk.demo.generate import DemoData, DemoSizes, generate
from guardian_desk.demo.places import SUPPORTED_COUNTRIES
from guardian_desk.demo.protection import load_protection
from guardian_desk.domain.enums import AssignmentRole, ChildStatus, GenderPreference, Proficiency
from guardian_desk.domain.errors import GuardianDeskError, RuleViolation
from guardian_desk.domain.languages import country_name, language_name
from guardian_desk.domain.records import ChildData, StaffData
from guardian_desk.i18n import _, ngettext
from guardian_desk.i18n.formats import list_text
from guardian_desk.security.roles import Permission, requires
from guardian_desk.services import audit
from guardian_desk.services import facilities as facility_service
from guardian_desk.services import staff as staff_service
from guardian_desk.services.assignments import assign_guardian, assign_mediator
from guardian_desk.services.availability import set_availability
from guardian_desk.services.children import create_child
from guardian_desk.services.settings import get_settings

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


class DemoCancelled(GuardianDeskError):
    """The officer cancelled; the caller rolls back what was written."""

    def __init__(self) -> None:
        super().__init__(_("Loading the demo data was cancelled; nothing was saved."))


@dataclass(frozen=True)
class PlannedAssignment:
    case_number: str
    role: AssignmentRole
    person: str  # code of the guardian or mediator
    starts_on: date
    reason: str


@requires(Permission.EDIT_CASEWORK)
def load_demo(
    session: Session,
    sizes: DemoSizes,
    *,
    seed: int = 2026,
    today: date | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> dict[str, int]:
    """Write the demo office into an empty database; returns how many records of each kind.

    Raises RuleViolation if the database already has children, DemoCancelled if ``cancel()``
    answers True (asked before every record).
    """
    existing = session.scalar(select(func.count()).select_from(Child)) or 0
    if existing:
        raise RuleViolation(
            # TRANSLATORS: {count} is how many children the database already holds.
            ngettext(
                "Demo data can only be loaded into a database without children; this one "
                "already holds {count} child record. Open a new, empty database to explore "
                "the demo.",
                "Demo data can only be loaded into a database without children; this one "
                "already holds {count} child records. Open a new, empty database to explore "
                "the demo.",
                existing,
            ).format(count=existing)
        )
    settings = get_settings(session)
    if settings.country not in SUPPORTED_COUNTRIES:
        raise RuleViolation(
            # TRANSLATORS: {country} is the office's country; {countries} those with demo data.
            _(
                "There is no demo data for an office in {country}; demo data exists for "
                "{countries}. Change the office country in the settings of an empty database "
                "to load it."
            ).format(
                country=country_name(settings.country),
                countries=list_text(country_name(code) for code in SUPPORTED_COUNTRIES),
            )
        )
    today = today or date.today()
    if today > date.today():
        raise ValueError("today must not be in the future: the services check dates against it")
    data = generate(sizes, seed=seed, today=today, country=settings.country)
    _avoid_existing_codes(session, data)
    plan = plan_assignments(data, today=today, caseload_cap=settings.caseload_cap, seed=seed)
    total = (
        len(data.facilities)
        + len(data.guardians)
        + len(data.mediators)
        + len(data.availability)
        + len(data.children)
        + len(plan)
        + len(data.children)  # their screenings, referrals and adults' checks
    )
    step = _Steps(total, progress, cancel)
    step.start()

    # The services find records with session.get(); holding the rows keeps them in the
    # session's (weak) identity map, so that finds no row twice.
    held: list[object] = []
    for facility in data.facilities:
        held.append(facility_service.create_facility(session, replace(facility)))
        step()
    ids: dict[str, tuple[staff_service.StaffKind, int]] = {}
    staff: list[tuple[staff_service.StaffKind, list[StaffData]]] = [
        ("guardian", data.guardians),
        ("mediator", data.mediators),
    ]
    for kind, people in staff:
        for person in people:
            row = staff_service.create_staff(session, kind, replace(person))
            ids[row.code] = (kind, row.id)
            held.append(row)
            step()
    slots = absences = 0
    for code, windows, away in data.availability:
        kind, staff_id = ids[code]
        set_availability(session, kind, staff_id, windows, away, expected_version=None)
        slots += len(windows)
        absences += len(away)
        step()

    child_ids: dict[str, int] = {}
    for child in data.children:
        number = child.case_number or ""
        status = child.status
        if status is ChildStatus.UNDER_GUARDIANSHIP:
            # The appointment below moves the case on, as it does for an officer; without a
            # guardian to appoint, the child waits for one.
            status = ChildStatus.AWAITING_GUARDIAN
        created = create_child(
            session,
            replace(
                child,
                status=status,
                # Link to siblings already registered; the later sibling makes the link.
                sibling_case_numbers=[n for n in child.sibling_case_numbers if n in child_ids],
            ),
        )
        child_ids[number] = created.id
        held.append(created)
        step()

    for planned in plan:
        appoint = assign_guardian if planned.role is AssignmentRole.GUARDIAN else assign_mediator
        appoint(
            session,
            child_ids[planned.case_number],
            ids[planned.person][1],
            starts_on=planned.starts_on,
            reason=planned.reason,
            decision_ref=f"Decision {planned.case_number}/{planned.role.value[0].upper()}",
        )
        step()

    done = load_protection(session, list(child_ids.values()), today=today, seed=seed, step=step)

    counts = {
        "facilities": len(data.facilities),
        "guardians": len(data.guardians),
        "mediators": len(data.mediators),
        "children": len(data.children),
        "slots": slots,
        "absences": absences,
        "assignments": len(plan),
        "screenings": done.screenings,
        "referrals": done.referrals,
        "adult_checks": done.adult_checks,
    }
    audit.record(
        session,
        "demo",
        seed,
        "load",
        after={"seed": seed, "today": today, "sizes": sizes, "counts": counts},
    )
    step.finish()
    return counts


class _Steps:
    """Progress about a hundred times in all (the GUI repaints on each), cancel before each."""

    def __init__(self, total: int, progress: Progress | None, cancel: Cancel | None) -> None:
        self.total = total
        self.done = 0
        self.every = max(1, -(-total // 100))
        self.progress = progress
        self.cancel = cancel

    def start(self) -> None:
        self._check()
        if self.progress is not None:
            self.progress(0, self.total)

    def __call__(self) -> None:
        self.done += 1
        if self.progress is not None and self.done % self.every == 0 and self.done < self.total:
            self.progress(self.done, self.total)
        self._check()

    def _check(self) -> None:
        if self.cancel is not None and self.cancel():
            raise DemoCancelled

    def finish(self) -> None:
        if self.progress is not None:
            self.progress(self.total, self.total)


def _avoid_existing_codes(session: Session, data: DemoData) -> None:
    """Number the demo's facilities and staff after any already registered."""
    facility_shift = int(facility_service.next_code(session)[4:]) - 1
    guardian_shift = int(staff_service.next_code(session, "guardian")[2:]) - 1
    mediator_shift = int(staff_service.next_code(session, "mediator")[2:]) - 1
    if not (facility_shift or guardian_shift or mediator_shift):
        return
    facility_codes: dict[str, str] = {}
    for facility in data.facilities:
        new = f"FAC-{int((facility.code or '')[4:]) + facility_shift:04d}"
        facility_codes[facility.code or ""] = new
        facility.code = new
    staff_codes: dict[str, str] = {}
    for people, prefix, shift in (
        (data.guardians, "G", guardian_shift),
        (data.mediators, "M", mediator_shift),
    ):
        for person in people:
            new = f"{prefix}-{int((person.code or '')[2:]) + shift:05d}"
            staff_codes[person.code or ""] = new
            person.code = new
    for child in data.children:
        if child.facility_code:
            child.facility_code = facility_codes[child.facility_code]
    data.availability = [(staff_codes[c], s, a) for c, s, a in data.availability]


# --- who is appointed for whom -----------------------------------------------------------------

_RANK = {p: p.rank for p in Proficiency}
_WORKING = _RANK[Proficiency.WORKING]
_FLUENT = _RANK[Proficiency.FLUENT]


def understands(child: ChildData, person: StaffData, *, interpreter: bool = False) -> bool:
    """Child and adult share a language both speak at working level or better (an interpreter
    needs to be fluent in it)."""
    needed = _FLUENT if interpreter else _WORKING
    spoken = {s.code: _RANK[s.proficiency] for s in person.languages}
    return any(
        _RANK[s.proficiency] >= _WORKING and spoken.get(s.code, -1) >= needed
        for s in child.languages
    )


def _accepts(preference: GenderPreference, person: StaffData) -> bool:
    return preference is GenderPreference.ANY or person.sex.value == preference.value


def plan_assignments(
    data: DemoData, *, today: date, caseload_cap: int, seed: int = 2026
) -> list[PlannedAssignment]:
    """Guardian (and where needed mediator) appointments for children under guardianship,
    meeting every rule the assignment service checks; children nobody can take are left out
    (they stay awaiting a guardian)."""
    rng = random.Random(f"guardian-desk-demo:{seed}:assignments")
    towns = {f.code: f.municipality for f in data.facilities}
    load: dict[str, int] = defaultdict(int)
    capacity = {p.code: min(p.max_caseload, caseload_cap) for p in data.guardians + data.mediators}
    guardians = [g for g in data.guardians if g.active]
    guardians_in: dict[str, list[StaffData]] = defaultdict(list)
    for g in guardians:
        guardians_in[g.municipality].append(g)
    interpreters: dict[str, list[StaffData]] = defaultdict(list)
    for m in data.mediators:
        if m.active:
            for skill in m.languages:
                if _RANK[skill.proficiency] >= _FLUENT:
                    interpreters[skill.code].append(m)
    family_guardian: dict[str, StaffData] = {}

    def free(person: StaffData, on: date) -> bool:
        code = person.code or ""
        return (
            load[code] < capacity[code]
            and (person.vetting_expires_on is None or person.vetting_expires_on >= on)
            and (person.background_check_on is None or person.background_check_on <= on)
        )

    by_number = {c.case_number: c for c in data.children}
    plan: list[PlannedAssignment] = []
    for child in data.children:
        if child.status is not ChildStatus.UNDER_GUARDIANSHIP:
            continue
        number = child.case_number or ""
        on = min(today, child.identified_on + timedelta(days=rng.randint(2, 20)))
        town = towns.get(child.facility_code)
        # Siblings still to be placed: the first one's guardian should suit them all.
        family = [child] + [
            by_number[n]
            for n in child.sibling_case_numbers
            if n not in family_guardian and by_number[n].status is ChildStatus.UNDER_GUARDIANSHIP
        ]
        guardian = next(
            (
                g
                for g in (family_guardian.get(n) for n in child.sibling_case_numbers)
                if g is not None and free(g, on) and _accepts(child.guardian_gender_preference, g)
            ),
            None,
        )
        reason = "Same guardian as the sibling(s), to keep the family together"
        if guardian is None:
            pool = guardians_in.get(town or "", []) + rng.sample(guardians, min(40, len(guardians)))
            eligible = [
                g for g in pool if free(g, on) and _accepts(child.guardian_gender_preference, g)
            ]
            if not eligible:
                continue
            for_all = [
                g
                for g in eligible
                if load[g.code or ""] + len(family) <= capacity[g.code or ""]
                and all(_accepts(c.guardian_gender_preference, g) for c in family)
            ]
            eligible = for_all or eligible
            guardian = max(
                eligible,
                key=lambda g: (
                    2 * understands(child, g)
                    + 1.5 * (g.municipality == town)
                    - load[g.code or ""] / capacity[g.code or ""]
                    + 0.5 * rng.random()
                ),
            )
            reason = (
                "Speaks the child's language"
                if understands(child, guardian)
                else "Guardian with a free place near the child's facility"
            )
        code = guardian.code or ""
        load[code] += 1
        family_guardian[number] = guardian
        plan.append(PlannedAssignment(number, AssignmentRole.GUARDIAN, code, on, reason))
        if understands(child, guardian):
            continue
        candidates = {
            m.code: m
            for skill in child.languages
            if _RANK[skill.proficiency] >= _WORKING
            for m in interpreters.get(skill.code, [])
            if free(m, on) and _accepts(child.mediator_gender_preference, m)
        }
        if not candidates:
            continue  # a gap the officer will see: nobody free speaks the child's language
        mediator = max(
            candidates.values(),
            key=lambda m: (
                1.0 * (m.municipality == town)
                - load[m.code or ""] / capacity[m.code or ""]
                + 0.5 * rng.random()
            ),
        )
        load[mediator.code or ""] += 1
        shared = next(
            s.code
            for s in child.languages
            if _RANK[s.proficiency] >= _WORKING
            and any(
                k.code == s.code and _RANK[k.proficiency] >= _FLUENT for k in mediator.languages
            )
        )
        plan.append(
            PlannedAssignment(
                number,
                AssignmentRole.MEDIATOR,
                mediator.code or "",
                on,
                f"Interpreting in {language_name(shared)}",
            )
        )
    return plan
