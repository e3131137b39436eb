"""A seeded synthetic office: facilities, guardians, mediators, children and availability.

Pure: no database, no clock other than ``today``, the same records for the same seed. Each part
draws from its own random stream, so changing how many guardians there are does not change the
children. Every record carries its code or case number, and passes the parsers of
guardian_desk.domain.parsing unchanged (tests/demo checks it).
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from guardian_desk.demo import children as child_part
from guardian_desk.demo import staff as staff_part
from guardian_desk.demo.helpers import Contacts, near
from guardian_desk.demo.names_staff import COMMUNITIES
from guardian_desk.demo.places import OFFICES, SUPPORTED_COUNTRIES, Office, Place
from guardian_desk.demo.staff import Availability, person_name
from guardian_desk.demo.stories import facility_note
from guardian_desk.demo.tables import Picker, to_ascii
from guardian_desk.domain.records import ChildData, FacilityData, StaffData, WeeklyWindow


@dataclass
class DemoSizes:
    children: int = 300
    guardians: int = 60
    mediators: int = 30
    facilities: int = 12


@dataclass
class DemoData:
    facilities: list[FacilityData]
    guardians: list[StaffData]
    mediators: list[StaffData]
    children: list[ChildData]
    availability: list[Availability]  # (person code, weekly slots, absences)


def generate(
    sizes: DemoSizes, *, seed: int = 2026, today: date | None = None, country: str = "AL"
) -> DemoData:
    """The demo office for ``country`` (one of SUPPORTED_COUNTRIES) as of ``today``."""
    office = OFFICES.get(country.upper())
    if office is None:
        raise ValueError(
            f"no demo data for country {country!r}; available: {', '.join(SUPPORTED_COUNTRIES)}"
        )
    today = today or date.today()
    for name in ("children", "guardians", "mediators", "facilities"):
        if getattr(sizes, name) < 0:
            raise ValueError(f"{name} must not be negative")

    def stream(part: str) -> random.Random:
        return random.Random(f"guardian-desk-demo:{seed}:{office.country}:{part}")

    contacts = Contacts(office, stream("contacts"))
    facilities, towns = _facilities(stream("facilities"), sizes.facilities, office, contacts)
    guardians, volunteers = staff_part.guardians(
        stream("guardians"), sizes.guardians, office, today, contacts
    )
    mediators = staff_part.mediators(stream("mediators"), sizes.mediators, office, today, contacts)
    children = child_part.children(
        stream("children"), sizes.children, office, today, facilities, towns
    )
    rng = stream("availability")
    availability = [
        staff_part.availability(rng, g.code or "", today, evenings=g.code in volunteers)
        for g in guardians
    ] + [
        staff_part.availability(rng, m.code or "", today, evenings=rng.random() < 0.5)
        for m in mediators
    ]
    return DemoData(facilities, guardians, mediators, children, availability)


# --- facilities --------------------------------------------------------------------------------

# kind -> (weight, word for the e-mail address)
_FACILITY_KINDS = {
    "Reception Centre": (3, "reception"),
    "Shelter for Unaccompanied Children": (3, "shelter"),
    "Children's Home": (1.5, "home"),
    "Supported Housing for Adolescents": (1, "housing"),
    "Emergency Shelter": (1, "emergency"),
    "Transit Centre": (3, "transit"),
    "Border Reception Point": (1, "border"),
}
_BORDER = ("Transit Centre", "Border Reception Point")
_TOWN_KINDS = Picker.of({k: w for k, (w, _) in _FACILITY_KINDS.items() if k not in _BORDER})
_BORDER_KINDS = Picker.of({k: w for k, (w, _) in _FACILITY_KINDS.items() if k in _BORDER})


def _hours(rng: random.Random, transit: bool) -> list[WeeklyWindow]:
    if transit:
        start = rng.choice((9 * 60, 10 * 60))
        return [WeeklyWindow(day, start, start + 6 * 60) for day in range(1, 8)]
    start = rng.choice((14 * 60, 14 * 60 + 30, 15 * 60))
    end = start + rng.choice((180, 210, 240))
    hours = [WeeklyWindow(day, start, end) for day in range(1, 6)]
    if rng.random() < 0.85:
        hours.append(WeeklyWindow(6, 10 * 60, rng.choice((12 * 60, 13 * 60))))
    if rng.random() < 0.2:
        hours.append(WeeklyWindow(7, 10 * 60, 12 * 60))
    return hours


def _facilities(
    rng: random.Random, count: int, office: Office, contacts: Contacts
) -> tuple[list[FacilityData], dict[str, Place]]:
    hosts = sorted((p for p in office.places if p.reception > 0), key=lambda p: -p.reception)
    more_hosts = Picker(hosts, [p.reception for p in hosts])
    communities = Picker.of(office.communities)
    used: dict[str, int] = defaultdict(int)
    facilities: list[FacilityData] = []
    towns: dict[str, Place] = {}
    for number in range(1, count + 1):
        # Every reception town gets a facility before any gets a second one.
        place = hosts[number - 1] if number <= len(hosts) else more_hosts.pick(rng)
        kind = (_BORDER_KINDS if place.border else _TOWN_KINDS).pick(rng)
        base = f"{place.name} {kind}"
        used[base] += 1
        name = base if used[base] == 1 else f"{base} No. {used[base]}"
        latitude, longitude = near(rng, place, 0.01)
        given, family, _ = person_name(rng, COMMUNITIES[communities.pick(rng)])
        slug = _FACILITY_KINDS[kind][1]
        code = f"FAC-{number:04d}"
        facilities.append(
            FacilityData(
                code=code,
                name=name,
                address=(
                    f"{office.border_road}, km {rng.randint(1, 25)}"
                    if place.border and kind in _BORDER
                    else office.address.format(
                        street=rng.choice(office.streets), number=rng.randint(1, 180)
                    )
                ),
                municipality=place.name,
                latitude=latitude,
                longitude=longitude,
                contact_name=f"{given} {family}",
                contact_phone=contacts.phone(),
                contact_email=contacts.email(
                    f"{slug}.{to_ascii(place.name)}", f"care-{office.country.lower()}.example"
                ),
                hours=_hours(rng, place.border),
                active=not (count >= 8 and number > len(hosts) and rng.random() < 0.1),
                notes=facility_note(rng, kind),
            )
        )
        if not facilities[-1].active:
            facilities[-1].notes = "Closed for renovation; children moved to other facilities."
        towns[code] = place
    return facilities, towns
