"""Children: origins, names, ages, languages, statuses, siblings and case numbers."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from guardian_desk.demo.helpers import age_on, sorted_skills, with_extras, years_before
from guardian_desk.demo.origins import ORIGINS, Origin
from guardian_desk.demo.places import Office, Place
from guardian_desk.demo.stories import (
    aliases_for,
    child_notes,
    closing_note,
    companion_for,
    pick_status,
)
from guardian_desk.demo.tables import Picker
from guardian_desk.domain.enums import ChildStatus, GenderPreference, Proficiency, Sex
from guardian_desk.domain.records import ChildData, Companion, FacilityData, LanguageSkill

OPEN_STATUSES = frozenset(
    {ChildStatus.IDENTIFIED, ChildStatus.AWAITING_GUARDIAN, ChildStatus.UNDER_GUARDIANSHIP}
)
# Age when identified: mostly 14-17, a few younger children.
AGE_WEIGHTS = {8: 0.5, 9: 0.5, 10: 1, 11: 1.5, 12: 2.5, 13: 5, 14: 13, 15: 22, 16: 30, 17: 24}
HISTORY_DAYS = 545  # identifications reach back about 18 months


@dataclass
class _Child:
    data: ChildData
    group: int
    order: int
    siblings: list[int] = field(default_factory=list)


def _birth(rng: random.Random, on: date, age: int, estimated: bool) -> date:
    if estimated:  # the usual convention for an estimated age: 1 January of the year
        return date(on.year - age, 1, 1)
    latest = years_before(on, age)
    earliest = years_before(on, age + 1) + timedelta(days=1)
    return earliest + timedelta(days=rng.randint(0, (latest - earliest).days))


def children(
    rng: random.Random,
    count: int,
    office: Office,
    today: date,
    facilities: list[FacilityData],
    towns: dict[str, Place],
) -> list[ChildData]:
    origins = Picker([o for o in ORIGINS.values()], [o.weight for o in ORIGINS.values()])
    active: list[FacilityData | None] = [f for f in facilities if f.active] or [None]
    # Children who arrived days ago are often still in a transit centre, later ones rarely.
    border = [f is not None and towns[f.code or ""].border for f in active]
    settled = Picker(active, [0.2 if b else 1.0 for b in border])
    arriving = Picker(active, [2.0 if b else 1.0 for b in border])
    ages = Picker.of(AGE_WEIGHTS)
    drafts: list[_Child] = []
    group = 0
    while len(drafts) < count:
        left = count - len(drafts)
        origin = origins.pick(rng)
        size = 1
        if left >= 2 and rng.random() < 0.06:
            size = 3 if left >= 3 and rng.random() < 0.25 else 2
        days_ago = int(HISTORY_DAYS * rng.random() ** 1.6)
        identified = today - timedelta(days=days_ago)
        arrived = identified - timedelta(days=rng.randint(0, 8)) if rng.random() < 0.9 else None
        status, event_day = pick_status(rng, identified, today)
        facility = (arriving if days_ago <= 7 else settled).pick(rng)
        family = ("", "")
        if size > 1 or rng.random() >= origin.no_family_name:
            family = origin.family.pick(rng)
        companions = [companion_for(rng, origin, family[0])] if rng.random() < 0.08 else []
        first_age = ages.pick(rng)
        names: set[str] = set()
        members: list[_Child] = []
        for member in range(size):
            age = first_age if member == 0 else rng.randint(max(6, first_age - 7), first_age)
            child = _child(rng, origin, office, today, identified, arrived, age, family, status,
                           event_day, facility, companions, names, in_group=size > 1)  # fmt: skip
            members.append(_Child(child, group, len(drafts) + member))
        for m in members:
            m.siblings = [other.order for other in members if other is not m]
        drafts.extend(members)
        group += 1
    _number(drafts, office.country)
    by_order = {d.order: d for d in drafts}
    for d in drafts:
        d.data.sibling_case_numbers = sorted(by_order[o].data.case_number or "" for o in d.siblings)
    return [d.data for d in sorted(drafts, key=lambda d: d.data.case_number or "")]


def _number(drafts: list[_Child], country: str) -> None:
    """Case numbers per year of identification, in the order the children were identified."""
    per_year: dict[int, int] = defaultdict(int)
    for d in sorted(drafts, key=lambda d: (d.data.identified_on, d.order)):
        year = d.data.identified_on.year
        per_year[year] += 1
        d.data.case_number = f"{country}-{year}-{per_year[year]:05d}"


def _child(
    rng: random.Random,
    origin: Origin,
    office: Office,
    today: date,
    identified: date,
    arrived: date | None,
    age: int,
    family: tuple[str, str],
    status: ChildStatus,
    event_day: date,
    facility: FacilityData | None,
    companions: list[Companion],
    names: set[str],
    *,
    in_group: bool,
) -> ChildData:
    female_share = min(0.45, origin.female_share * (3 if in_group else 1))
    sex = Sex.FEMALE if rng.random() < female_share else Sex.MALE
    table = origin.female if sex is Sex.FEMALE else origin.male
    given = table.pick(rng)
    for _ in range(8):  # siblings have different names
        if given[0] not in names:
            break
        given = table.pick(rng)
    names.add(given[0])
    estimated = rng.random() < origin.dob_estimated
    born: date | None = _birth(rng, identified, age, estimated)
    if status in OPEN_STATUSES and born is not None:
        for _ in range(5):  # an open case is mostly a child still under 18 today
            if age_on(born, today) < 18 or rng.random() < 0.2:
                break
            age = max(6, age - 1)
            born = _birth(rng, identified, age, estimated)
    if rng.random() < 0.05:
        born, estimated = None, False
    eighteen = None if born is None else years_before(born, -18)
    if status in OPEN_STATUSES and eighteen is not None and eighteen <= today:
        status, event_day = ChildStatus.AGED_OUT, max(eighteen, identified)
    skills = with_extras(rng, [LanguageSkill(origin.native, Proficiency.NATIVE)], origin.extras)
    if (today - identified).days > 120 and rng.random() < 0.3:
        skills.setdefault(office.language, LanguageSkill(office.language, Proficiency.BASIC))
    guardian_pref = GenderPreference.ANY
    mediator_pref = GenderPreference.ANY
    if sex is Sex.FEMALE:
        if rng.random() < 0.55:
            guardian_pref = GenderPreference.FEMALE
        if rng.random() < 0.4:
            mediator_pref = GenderPreference.FEMALE
    else:
        if rng.random() < 0.1:
            guardian_pref = GenderPreference.MALE
        if rng.random() < 0.05:
            mediator_pref = GenderPreference.MALE
    open_case = status in OPEN_STATUSES
    notes = []
    if rng.random() < 0.45:
        notes = child_notes(rng, origin, sex, office.language, office.country)
    if not open_case:
        notes.append(
            closing_note(rng, status, sex, event_day, facility.name if facility else "the centre")
        )
    return ChildData(
        given_name=given[0],
        given_name_original=given[1],
        family_name=family[0],
        family_name_original=family[1],
        aliases=aliases_for(rng, given[0], family[0]) if rng.random() < 0.08 else [],
        sex=sex,
        nationality=origin.nationality,
        identified_on=identified,
        arrived_on=arrived,
        date_of_birth=born,
        dob_estimated=estimated,
        languages=sorted_skills(skills),
        guardian_gender_preference=guardian_pref,
        mediator_gender_preference=mediator_pref,
        facility_code=facility.code if facility is not None and open_case else None,
        status=status,
        accompanying_adults=list(companions),
        notes="\n".join(notes),
    )
