"""The office's wall clock and UTC: weekly windows become real instants, daylight saving included.

Scheduling counts time in whole *minutes since 1970-01-01 00:00 UTC* (plain ints, cheap to
compare and subtract). A weekly window of a date becomes the real instants at which the
office's wall clock shows a time inside it, that date:

- in the skipped hour (last Sunday of March in Europe, 02:00-03:00 does not exist) there
  are none: a window inside the gap is empty, 01:00-04:00 lasts two real hours, and no
  slot starts at a time that does not exist;
- in the repeated hour (last Sunday of October, 02:00-03:00 happens twice) there are two
  stretches: 01:00-04:00 lasts four real hours, and 02:15-03:15 is 02:15-02:59 summer time
  and 02:15-03:14 winter time, without the 02:00-02:14 winter time between them.

A 10:00 window is therefore 10:00 on the wall on both sides of either change. A single
wall time (``instant``) means its first occurrence, or the moment of the jump when it
falls in the skipped hour.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from guardian_desk.i18n import N_, _
from guardian_desk.i18n.formats import active_locale, list_text
from guardian_desk.scheduling.intervals import merge

EPOCH = date(1970, 1, 1)

WEEKDAYS_PLURAL = (
    # TRANSLATORS: weekdays in the plural, as in "free only on Saturdays and Sundays".
    N_("Mondays"),
    N_("Tuesdays"),
    N_("Wednesdays"),
    N_("Thursdays"),
    N_("Fridays"),
    N_("Saturdays"),
    N_("Sundays"),
)


def to_minute(moment: datetime) -> int:
    """An aware datetime as minutes since the epoch (seconds dropped)."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime given where an instant is meant")
    return int(moment.timestamp()) // 60


def to_utc(minute: int) -> datetime:
    return datetime.fromtimestamp(minute * 60, UTC)


class OfficeClock:
    """Conversions between the office's wall clock and epoch minutes, cached per date."""

    def __init__(self, zone: ZoneInfo | str) -> None:
        self.zone = zone if isinstance(zone, ZoneInfo) else ZoneInfo(zone)
        self._instants: dict[tuple[date, int], int] = {}
        self._windows: dict[tuple[date, tuple[tuple[int, int], ...]], list[tuple[int, int]]] = {}
        self._segments: dict[date, list[tuple[int, int, int]]] = {}

    def instant(self, day: date, minute: int) -> int:
        """The epoch minute at which the wall clock shows ``minute`` past midnight of ``day``
        (1440 is the next midnight). See the module's note on the two changes a year."""
        key = (day, minute)
        found = self._instants.get(key)
        if found is None:
            wall = datetime.combine(day, time()) + timedelta(minutes=minute)
            found = to_minute(wall.replace(tzinfo=self.zone))  # fold=0: the first occurrence
            if self.wall(found) != wall:
                # In the skipped hour zoneinfo lands after the jump: step back to the jump.
                while self.wall(found - 1) > wall:
                    found -= 1
            self._instants[key] = found
        return found

    def wall(self, minute: int) -> datetime:
        """The naive wall-clock time of an epoch minute."""
        return datetime.fromtimestamp(minute * 60, self.zone).replace(tzinfo=None)

    def local(self, minute: int) -> datetime:
        """An epoch minute as an aware datetime in the office's zone."""
        return datetime.fromtimestamp(minute * 60, self.zone)

    def local_date(self, minute: int) -> date:
        return self.local(minute).date()

    def segments(self, day: date) -> list[tuple[int, int, int]]:
        """The real stretches around a date in which the offset stays the same, as (start,
        end, offset in minutes); the clocks change between them."""
        found = self._segments.get(day)
        if found is None:
            midnight = to_minute(datetime.combine(day, time(), tzinfo=UTC))
            first, last = midnight - 15 * 60, midnight + 39 * 60  # any offset, -12 h to +14 h
            found = []
            start, offset = first, self.offset(first)
            for hour in range(first + 60, last + 60, 60):
                if self.offset(hour) != offset:
                    low, high = hour - 60, hour  # the change lies in (low, high]
                    while high - low > 1:
                        middle = (low + high) // 2
                        low, high = (
                            (middle, high) if self.offset(middle) == offset else (low, middle)
                        )
                    found.append((start, high, offset))
                    start, offset = high, self.offset(high)
            found.append((start, last + 60, offset))
            self._segments[day] = found
        return found

    def offset(self, minute: int) -> int:
        """The zone's offset from UTC at an epoch minute, in minutes."""
        delta = self.local(minute).utcoffset()
        return int(delta.total_seconds()) // 60 if delta is not None else 0

    def windows(self, day: date, local: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
        """Wall-clock windows of one date (minutes past midnight) as the sorted epoch-minute
        intervals in which the wall clock shows a time inside them (the module's note)."""
        key = (day, local)
        found = self._windows.get(key)
        if found is None:
            wall_midnight = (day - EPOCH).days * 1440
            pieces = []
            for start, end in local:
                for low, high, offset in self.segments(day):
                    first = max(low, wall_midnight + start - offset)
                    last = min(high, wall_midnight + end - offset)
                    if first < last:
                        pieces.append((first, last))
            found = merge(pieces)
            self._windows[key] = found
        return found


# --- words -----------------------------------------------------------------------------------


def day_text(day: date) -> str:
    """ "12 March" in the interface language (the year only matters in files, which carry
    ISO dates)."""
    from babel.dates import format_skeleton

    return format_skeleton("MMMMd", day, locale=active_locale())


def range_text(first: date, last: date) -> str:
    """ "3-17 March", "28 February-3 March", "12 March" (with an en dash)."""
    if first == last:
        return day_text(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{day_text(last)}"
    return f"{day_text(first)}–{day_text(last)}"


def days_text(days: list[date]) -> str:
    """Dates as runs: "4, 11 and 18 March", "3-5 March and 9 March"."""
    runs: list[tuple[date, date]] = []
    for day in sorted(set(days)):
        if runs and (day - runs[-1][1]).days == 1:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    words = [range_text(a, b) for a, b in runs]
    # "4 March, 11 March" reads better as "4, 11 March" when one month holds them all.
    if all(a == b for a, b in runs) and len({(a.year, a.month) for a, _last in runs}) == 1:
        words = [str(a.day) for a, _last in runs[:-1]] + [day_text(runs[-1][0])]
    return list_text(words)


def clock_text(minute_of_day: int) -> str:
    hours, minutes = divmod(minute_of_day, 60)
    return f"{hours:02d}:{minutes:02d}"


def span_text(clock: OfficeClock, start: int, end: int) -> str:
    """ "10:00–11:00 on 12 March" in the office's time."""
    first, last = clock.wall(start), clock.wall(end)
    # TRANSLATORS: a meeting's time, "10:00–11:00 on 12 March".
    return _("{start}–{end} on {day}").format(
        start=f"{first:%H:%M}", end=f"{last:%H:%M}", day=day_text(first.date())
    )


def _days_name(run: list[int]) -> str:
    """ "Mon", "Mon, Tue", "Mon–Fri" for consecutive ISO weekdays."""
    first, last = _weekday_short(run[0]), _weekday_short(run[-1])
    if len(run) == 1:
        return first
    return f"{first}, {last}" if len(run) == 2 else f"{first}–{last}"


def windows_text(windows: Mapping[int, Sequence[tuple[int, int]]]) -> str:
    """Weekly windows by ISO weekday, days with the same hours together:
    "Mon–Fri 09:00–13:00; Sat 10:00–12:00", "Mon, Wed 10:00–12:00, 14:00–16:00"."""
    by_hours: dict[tuple[tuple[int, int], ...], list[int]] = {}
    for day in sorted(windows):
        hours = tuple((start, end) for start, end in windows[day])
        if hours:
            by_hours.setdefault(hours, []).append(day)
    parts = []
    for hours, days in sorted(by_hours.items(), key=lambda item: item[1][0]):
        runs: list[list[int]] = []
        for day in days:
            if runs and day == runs[-1][-1] + 1:
                runs[-1].append(day)
            else:
                runs.append([day])
        names = ", ".join(_days_name(run) for run in runs)
        times = ", ".join(f"{clock_text(a)}–{clock_text(b)}" for a, b in hours)
        parts.append(f"{names} {times}")
    # TRANSLATORS: no weekly hours at all.
    return "; ".join(parts) if parts else _("none")


def weekdays_text(days: list[int]) -> str:
    """ "Sundays", "Saturdays and Sundays", "Mondays, Tuesdays and Fridays"."""
    return list_text(_(WEEKDAYS_PLURAL[day - 1]) for day in sorted(set(days)))


def _weekday_short(iso_day: int) -> str:
    """ "Mon" in the interface language (CLDR's abbreviated weekday, 1 = Monday)."""
    return str(active_locale().days["format"]["abbreviated"][iso_day - 1])
