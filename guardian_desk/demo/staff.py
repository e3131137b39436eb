"""Guardians, mediators and their weekly availability."""

from __future__ import annotations

import random
from datetime import date, timedelta

from guardian_desk.demo.helpers import (
    Contacts,
    near,
    sorted_skills,
    staff_towns,
    vetting,
    with_extras,
)
from guardian_desk.demo.names_staff import COMMUNITIES, Community
from guardian_desk.demo.origins import (
    CERTIFICATIONS,
    MEDIATOR_PROFILES,
    ORGANISATIONS,
    ORIGINS,
    Extra,
)
from guardian_desk.demo.places import Office
from guardian_desk.demo.stories import ABSENCE_REASONS, guardian_note
from guardian_desk.demo.tables import Picker, serbian_cyrillic, to_ascii
from guardian_desk.domain.enums import Proficiency, Sex
from guardian_desk.domain.records import AbsencePeriod, LanguageSkill, StaffData, WeeklyWindow

Availability = tuple[str, list[WeeklyWindow], list[AbsencePeriod]]


def person_name(rng: random.Random, community: Community) -> tuple[str, str, Sex]:
    sex = Sex.FEMALE if rng.random() < 0.6 else Sex.MALE
    given = (community.female if sex is Sex.FEMALE else community.male).pick(rng)[0]
    masculine, feminine = community.family.pick(rng)
    family = (feminine or community.feminine(masculine)) if sex is Sex.FEMALE else masculine
    if community.cyrillic_share and rng.random() < community.cyrillic_share:
        given, family = serbian_cyrillic(given), serbian_cyrillic(family)
    return given, family, sex


_PROFESSIONS = Picker.of(
    {
        "Social worker, municipal Child Protection Unit": 4,
        "Lawyer (family and migration law)": 1.5,
        "Psychologist": 1.5,
        "Caseworker at a children's rights NGO": 2,
        "Social pedagogue": 1,
        "Teacher; volunteer guardian": 1.5,
        "Retired social worker; volunteer guardian": 1,
        "Nurse; volunteer guardian": 0.7,
    }
)

_SUSPENSIONS = (
    "Under review after a complaint; no new children until the review is closed",
    "Vetting renewal documents outstanding",
    "On extended leave at own request",
)


def guardians(
    rng: random.Random, count: int, office: Office, today: date, contacts: Contacts
) -> tuple[list[StaffData], set[str]]:
    guardians: list[StaffData] = []
    volunteers: set[str] = set()
    communities = Picker.of(office.communities)
    towns = staff_towns(office)
    levels = (Proficiency.BASIC, Proficiency.WORKING, Proficiency.WORKING, Proficiency.FLUENT)
    foreign = tuple(
        [Extra(code, chance, levels) for code, chance in office.foreign.items()]
        + [Extra("arb", 0.05, (Proficiency.WORKING,)), Extra("prs", 0.03, levels[:2])]
    )
    for number in range(1, count + 1):
        community = COMMUNITIES[communities.pick(rng)]
        given, family, sex = person_name(rng, community)
        skills = {community.language: LanguageSkill(community.language, Proficiency.NATIVE)}
        if office.language not in skills:
            skills[office.language] = LanguageSkill(office.language, Proficiency.FLUENT)
        skills = with_extras(rng, list(skills.values()), foreign)
        profession = _PROFESSIONS.pick(rng)
        volunteer = "volunteer" in profession
        town = towns.pick(rng)
        latitude, longitude = near(rng, town, 0.02)
        checked, trained, expires = vetting(rng, today, expired=0.06, expiring=0.08)
        suspended = number > 3 and rng.random() < 0.04
        code = f"G-{number:05d}"
        if volunteer:
            volunteers.add(code)
        guardians.append(
            StaffData(
                code=code,
                given_name=given,
                family_name=family,
                sex=sex,
                languages=sorted_skills(skills),
                phone=contacts.phone(),
                email=contacts.email(
                    f"{to_ascii(given)}.{to_ascii(family)}",
                    f"guardians-{office.country.lower()}.example",
                ),
                municipality=town.name,
                latitude=latitude,
                longitude=longitude,
                max_caseload=rng.randint(10, 15) if volunteer else rng.randint(15, 25),
                background_check_on=checked,
                training_on=trained,
                vetting_expires_on=expires,
                active=not suspended,
                suspended_reason=rng.choice(_SUSPENSIONS) if suspended else "",
                notes=guardian_note(rng, profession, town.name),
            )
        )
    return guardians, volunteers


def mediators(
    rng: random.Random, count: int, office: Office, today: date, contacts: Contacts
) -> list[StaffData]:
    profiles = sorted(MEDIATOR_PROFILES, key=lambda p: -p.weight)
    more_profiles = Picker(profiles, [p.weight for p in profiles])
    towns = staff_towns(office)
    mediators: list[StaffData] = []
    for number in range(1, count + 1):
        # Every language is covered once before the most spoken ones get more mediators.
        profile = profiles[number - 1] if number <= len(profiles) else more_profiles.pick(rng)
        origin = ORIGINS[profile.origin]
        sex = Sex.FEMALE if rng.random() < 0.45 else Sex.MALE
        given = (origin.female if sex is Sex.FEMALE else origin.male).pick(rng)[0]
        family = origin.family.pick(rng)[0]
        native = LanguageSkill(profile.native, Proficiency.NATIVE)
        skills = with_extras(rng, [native], profile.extras)
        if office.language not in skills and rng.random() < 0.8:
            skills[office.language] = LanguageSkill(
                office.language, rng.choice((Proficiency.WORKING, Proficiency.FLUENT))
            )
        if "eng" not in skills and (rng.random() < 0.7 or office.language not in skills):
            skills["eng"] = LanguageSkill("eng", Proficiency.FLUENT)
        dialects = (
            sorted(rng.sample(profile.dialects, rng.choice((1, 1, 2))))
            if profile.dialects and rng.random() < 0.85
            else []
        )
        organisation = rng.choice(ORGANISATIONS)
        domain = (
            f"interpreters-{office.country.lower()}.example"
            if organisation.startswith("Independent")
            else f"{to_ascii(organisation.split()[0])}.example"
        )
        town = towns.pick(rng)
        latitude, longitude = near(rng, town, 0.02)
        checked, trained, expires = vetting(rng, today, expired=0.04, expiring=0.06)
        suspended = number > len(profiles) and rng.random() < 0.03
        certification = (
            rng.choice(CERTIFICATIONS).format(year=rng.randint(today.year - 12, today.year - 1))
            if rng.random() < 0.85
            else ""
        )
        mediators.append(
            StaffData(
                code=f"M-{number:05d}",
                given_name=given,
                family_name=family,
                sex=sex,
                languages=sorted_skills(skills),
                phone=contacts.phone(),
                email=contacts.email(f"{to_ascii(given)}.{to_ascii(family)}", domain),
                municipality=town.name,
                latitude=latitude,
                longitude=longitude,
                max_caseload=rng.randint(15, 25),
                background_check_on=checked,
                training_on=trained,
                vetting_expires_on=expires,
                active=not suspended,
                suspended_reason="On leave at own request" if suspended else "",
                dialects=dialects,
                certification=certification,
                organisation=organisation,
            )
        )
    return mediators


# --- availability ------------------------------------------------------------------------------

_ABSENCE_COUNT = Picker((0, 1, 2), (62, 30, 8))
_ABSENCE_REASON = Picker.of({r: w for r, (w, _, _) in ABSENCE_REASONS.items()})
_DAYTIME = ((9 * 60, 12 * 60), (13 * 60, 16 * 60), (14 * 60, 17 * 60), (15 * 60, 18 * 60))
_EVENINGS = ((17 * 60, 20 * 60), (17 * 60 + 30, 20 * 60 + 30), (18 * 60, 21 * 60))
_WEEKENDS = ((10 * 60, 13 * 60), (14 * 60, 17 * 60), (9 * 60 + 30, 12 * 60))


def availability(rng: random.Random, code: str, today: date, *, evenings: bool) -> Availability:
    """2-6 weekly slots (one a day) and, for some, holidays or training near ``today``."""
    count = rng.randint(2, 6)
    if evenings:  # volunteers: evenings and weekends
        days = rng.sample(range(1, 8), count)
    else:  # professionals: weekday daytime, a sixth slot on Saturday
        days = rng.sample(range(1, 6), min(count, 5)) + ([6] if count == 6 else [])
    days.sort()
    slots = []
    for day in days:
        options = _WEEKENDS if day >= 6 else (_EVENINGS if evenings else _DAYTIME)
        start, end = rng.choice(options)
        slots.append(WeeklyWindow(day, start, end))
    absences: list[AbsencePeriod] = []
    away = today + timedelta(days=rng.randint(-20, 60))
    for _ in range(_ABSENCE_COUNT.pick(rng)):
        reason = _ABSENCE_REASON.pick(rng)
        _, shortest, longest = ABSENCE_REASONS[reason]
        back = away + timedelta(days=rng.randint(shortest, longest) - 1)
        absences.append(AbsencePeriod(away, back, reason))
        away = back + timedelta(days=rng.randint(10, 40))
    return code, slots, absences
