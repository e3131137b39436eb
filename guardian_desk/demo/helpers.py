"""Helpers the parts of the generator share: contacts, places, languages, dates, vetting."""

from __future__ import annotations

import random
from datetime import date, timedelta

import phonenumbers

from guardian_desk.demo.origins import Extra
from guardian_desk.demo.places import Office, Place
from guardian_desk.demo.tables import Picker
from guardian_desk.domain.records import LanguageSkill


class Contacts:
    """Unique valid mobile numbers for the office's country and unique e-mail addresses."""

    def __init__(self, office: Office, rng: random.Random) -> None:
        self.office = office
        self.rng = rng
        self.phones: set[str] = set()
        self.emails: set[str] = set()
        self.calling_code = phonenumbers.country_code_for_region(office.country)
        self.prefixes = [p.removeprefix(f"+{self.calling_code}") for p in office.mobile]
        self.top = 10**office.mobile_digits

    def phone(self) -> str:
        """A mobile number in E.164, as the phone validator stores it."""
        for _ in range(1000):
            digits = str(self.rng.randrange(self.top)).zfill(self.office.mobile_digits)
            national = self.rng.choice(self.prefixes) + digits
            number = f"+{self.calling_code}{national}"
            if number in self.phones:
                continue
            parsed = phonenumbers.PhoneNumber(
                country_code=self.calling_code, national_number=int(national)
            )
            if phonenumbers.is_valid_number_for_region(parsed, self.office.country):
                self.phones.add(number)
                return number
        raise RuntimeError(f"cannot make a valid phone number for {self.office.country}")

    def email(self, local: str, domain: str) -> str:
        local = local.strip(".") or "office"
        address = f"{local}@{domain}"
        n = 1
        while address in self.emails:
            n += 1
            address = f"{local}{n}@{domain}"
        self.emails.add(address)
        return address


def near(rng: random.Random, place: Place, spread: float) -> tuple[float, float]:
    return (
        round(place.latitude + rng.uniform(-spread, spread), 5),
        round(place.longitude + rng.uniform(-spread, spread), 5),
    )


def staff_towns(office: Office) -> Picker[Place]:
    """Where staff live."""
    places = [p for p in office.places if p.people > 0]
    return Picker(places, [p.people for p in places])


def with_extras(
    rng: random.Random, first: list[LanguageSkill], extras: tuple[Extra, ...]
) -> dict[str, LanguageSkill]:
    skills = {s.code: s for s in first}
    for extra in extras:
        if extra.code not in skills and rng.random() < extra.chance:
            skills[extra.code] = LanguageSkill(extra.code, rng.choice(extra.levels))
    return skills


def sorted_skills(skills: dict[str, LanguageSkill]) -> list[LanguageSkill]:
    return sorted(skills.values(), key=lambda s: s.code)


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def age_on(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def vetting(
    rng: random.Random, today: date, expired: float, expiring: float
) -> tuple[date, date, date]:
    """Background check, training and vetting expiry: a few expired, a few expiring soon."""
    draw = rng.random()
    if draw < expired:
        expires = today - timedelta(days=rng.randint(1, 150))
    elif draw < expired + expiring:
        expires = today + timedelta(days=rng.randint(0, 30))
    else:
        expires = today + timedelta(days=rng.randint(31, 3 * 365 - 30))
    checked = years_before(expires, 3)
    trained = min(today, checked + timedelta(days=rng.randint(7, 60)))
    return checked, trained, expires
