"""Working days in the office's country: weekends and public holidays (the `holidays` package,
whose answers are kept on disk between starts: ``holiday_cache``)."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from guardian_desk.scheduling import holiday_cache


@lru_cache(maxsize=64)
def holiday_names(country: str, year: int) -> dict[date, str]:
    """The country's public holidays of a year by date, with their English names ("Christmas
    Day"); none for a country the package does not know. Do not change the returned dict."""
    kept = holiday_cache.load(country, year)
    if kept is not None:
        return kept
    import holidays  # 0.2 s with every country it knows: only when nothing is kept

    try:
        found = dict(holidays.country_holidays(country, years=year).items())
    except NotImplementedError:
        found = {}
    holiday_cache.keep(country, year, found)
    return found


@lru_cache(maxsize=64)
def public_holidays(country: str, year: int) -> frozenset[date]:
    """The country's public holidays of a year; none for a country the package does not know."""
    return frozenset(holiday_names(country, year))


def holiday_name(day: date, country: str) -> str | None:
    """The name of the public holiday on ``day``, or None on an ordinary day."""
    return holiday_names(country, day.year).get(day)


def is_working_day(day: date, country: str) -> bool:
    return day.isoweekday() <= 5 and day not in public_holidays(country, day.year)


def add_working_days(start: date, days: int, country: str) -> date:
    """The date ``days`` working days after ``start`` (the start itself not counted)."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if is_working_day(current, country):
            remaining -= 1
    return current


def working_days_between(start: date, end: date, country: str) -> int:
    """Working days after ``start`` up to and including ``end``; negative when end is earlier."""
    if end < start:
        return -working_days_between(end, start, country)
    return sum(
        1
        for n in range(1, (end - start).days + 1)
        if is_working_day(start + timedelta(days=n), country)
    )
