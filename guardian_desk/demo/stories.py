"""The small texts that make records read like real ones: notes, statuses, aliases, companions.

Notes are short and factual, as an officer writes them; nothing here describes harm done to a
child. Places named are countries on the route and destinations, never real people.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from guardian_desk.demo.origins import Origin
from guardian_desk.demo.tables import Picker
from guardian_desk.domain.enums import ChildStatus, Sex
from guardian_desk.domain.languages import language_name
from guardian_desk.domain.records import Companion

# reason -> (weight, shortest days, longest days)
ABSENCE_REASONS: dict[str, tuple[float, int, int]] = {
    "Annual leave": (5, 5, 14),
    "Training course": (2, 2, 4),
    "Sick leave": (1.5, 2, 7),
    "Family matters": (1.5, 1, 3),
}

DESTINATIONS = (
    "Germany", "Austria", "France", "Italy", "Belgium", "the Netherlands", "Sweden",
    "the United Kingdom", "Switzerland",
)  # fmt: skip
RELATIVES = ("an older brother", "an uncle", "a cousin", "family friends", "his father")


_NEW = Picker.of({ChildStatus.IDENTIFIED: 65, ChildStatus.AWAITING_GUARDIAN: 35})
_RECENT = Picker.of(
    {
        ChildStatus.AWAITING_GUARDIAN: 30,
        ChildStatus.UNDER_GUARDIANSHIP: 57,
        ChildStatus.MISSING: 10,
        ChildStatus.TRANSFERRED: 3,
    }
)
_OLDER = Picker.of(
    {
        ChildStatus.UNDER_GUARDIANSHIP: 70,
        ChildStatus.AWAITING_GUARDIAN: 5,
        ChildStatus.MISSING: 11,
        ChildStatus.TRANSFERRED: 6,
        ChildStatus.REUNIFIED: 6,
        ChildStatus.RETURNED: 1,
    }
)


def pick_status(rng: random.Random, identified: date, today: date) -> tuple[ChildStatus, date]:
    """A status that fits how long ago the child was identified, and the day a closed case
    ended (identified_on for open ones)."""
    days = (today - identified).days
    status = (_NEW if days <= 14 else _RECENT if days <= 45 else _OLDER).pick(rng)
    if status in (
        ChildStatus.IDENTIFIED,
        ChildStatus.AWAITING_GUARDIAN,
        ChildStatus.UNDER_GUARDIANSHIP,
    ):
        return status, identified
    return status, identified + timedelta(days=rng.randint(min(2, days), days))


def _pronouns(sex: Sex) -> tuple[str, str]:
    return ("she", "her") if sex is Sex.FEMALE else ("he", "his")


ENTERED_FROM = {
    "AL": "Greece", "XK": "Albania", "MK": "Greece", "RS": "North Macedonia",
    "ME": "Albania", "BA": "Serbia", "GR": "Türkiye", "BG": "Türkiye",
}  # fmt: skip


def child_notes(
    rng: random.Random, origin: Origin, sex: Sex, office_language: str, country: str
) -> list[str]:
    he, his = _pronouns(sex)
    relative = rng.choice(RELATIVES)
    if relative == "his father":
        relative = f"{his} father"
    options = [
        f"Says {he} wants to reach {rng.choice(DESTINATIONS)}, where {relative} lives.",
        f"Entered from {ENTERED_FROM.get(country, 'a neighbouring country')} with a group of "
        f"{rng.randint(3, 12)} young people.",
        f"Attends {language_name(office_language)} lessons at the centre twice a week.",
        "Asked to phone family at home; call arranged with the mediator present.",
        f"Needs a dental appointment; {he} has been referred to the health centre.",
        "Plays in the centre's football team and gets on well with the other residents.",
        f"Wears glasses; a new pair has been requested for {his} school lessons.",
        "Follows a school catch-up class; teachers report good progress.",
    ]
    if origin.stayed_in:
        years = rng.choice(("one year", "two years", "several months", "three years"))
        options.append(f"Lived in {rng.choice(origin.stayed_in)} for {years} before leaving.")
    return rng.sample(options, rng.choice((1, 1, 2)))


def closing_note(rng: random.Random, status: ChildStatus, sex: Sex, on: date, facility: str) -> str:
    he, his = _pronouns(sex)
    day = on.isoformat()
    if status is ChildStatus.MISSING:
        return f"{day}: left {facility} and has not returned; reported to the police the same day."
    if status is ChildStatus.TRANSFERRED:
        return f"{day}: transferred to the care of another office's child protection service."
    if status is ChildStatus.REUNIFIED:
        relative = rng.choice(("father", "mother", "older brother", "aunt", "uncle"))
        where = rng.choice(DESTINATIONS)
        return f"{day}: reunified with {his} {relative} in {where} (family reunification)."
    if status is ChildStatus.RETURNED:
        return f"{day}: returned home at {his} own request, with the family's agreement."
    if status is ChildStatus.AGED_OUT:
        return f"{day}: turned 18; {he} was referred to adult services."
    return f"{day}: case closed."


_RELATIONSHIPS = Picker.of(
    {
        "uncle": 35,
        "cousin": 30,
        "family friend": 15,
        "older brother": 8,
        "brother-in-law": 6,
        "neighbour from home": 6,
    }
)


def companion_for(rng: random.Random, origin: Origin, family: str) -> Companion:
    relationship = _RELATIONSHIPS.pick(rng)
    given = origin.male.pick(rng)[0]
    other_family = relationship in ("family friend", "neighbour from home", "brother-in-law")
    if other_family or not family or (relationship == "cousin" and rng.random() < 0.5):
        family = origin.family.pick(rng)[0]
    return Companion(f"{given} {family}".strip(), relationship, verified=rng.random() < 0.1)


_SPELLINGS = (
    ("Mohammad", "Muhammad"), ("Mohammed", "Muhammad"), ("Mohamed", "Mohammed"),
    ("Muhammad", "Mohammad"), ("Ahmad", "Ahmed"), ("Ahmed", "Ahmad"), ("Hussain", "Husain"),
    ("Hussein", "Husein"), ("Yousef", "Yusuf"), ("Yousuf", "Yusuf"), ("Youssef", "Yusuf"),
    ("ou", "u"), ("ee", "i"), ("oo", "u"), ("Kh", "H"), ("q", "k"), ("w", "v"), ("ai", "ay"),
    ("i", "y"), ("e", "a"),
)  # fmt: skip


def aliases_for(rng: random.Random, given: str, family: str) -> list[str]:
    """Another spelling of the name, or the name in reversed order, as an earlier
    registration on the route wrote it."""
    full = f"{given} {family}".strip()
    for old, new in _SPELLINGS:
        if old in given and rng.random() < 0.7:
            alias = f"{given.replace(old, new, 1)} {family}".strip()
            if alias != full:
                return [alias]
    if family:
        return [f"{family} {given}"]
    return [f"{given} {rng.choice(('Mohammadi', 'Ahmadi', 'Ali'))}"]


_FACILITY_NOTES = {
    "Reception Centre": (
        "Capacity about 40 beds; separate floor for girls; a doctor visits twice a week.",
        "Run by the state agency with NGO support; a psychologist is on site on weekdays.",
        "",
    ),
    "Shelter for Unaccompanied Children": (
        "Up to 24 children; children attend the nearby public school.",
        "Run by the municipality with NGO support; staff on duty around the clock.",
        "",
    ),
    "Children's Home": (
        "Small group home for up to 12 children; younger children and siblings placed here.",
        "",
    ),
    "Supported Housing for Adolescents": (
        "Flats for 16-17-year-olds, with a social worker visiting daily.",
        "",
    ),
    "Emergency Shelter": ("Short placements while a longer-term place is found.", ""),
    "Transit Centre": (
        "Short stays, usually under 72 hours, before transfer to a reception centre.",
        "First registration and medical screening point near the border crossing.",
    ),
    "Border Reception Point": ("Open when the border police refer a child; staff on call.",),
}


def facility_note(rng: random.Random, kind: str) -> str:
    return rng.choice(_FACILITY_NOTES[kind])


_GUARDIAN_EXTRAS = (
    "Has a car; can accompany children to appointments in other towns.",
    "Prefers cases in {town} and nearby.",
    "Experienced with age-assessment procedures.",
    "Trained in trauma-informed care.",
)


def guardian_note(rng: random.Random, profession: str, town: str) -> str:
    note = profession + "."
    if rng.random() < 0.4:
        note += " " + rng.choice(_GUARDIAN_EXTRAS).format(town=town)
    return note
