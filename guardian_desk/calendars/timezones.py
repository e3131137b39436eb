"""The VTIMEZONE of the office's zone, in the shape Outlook can read.

icalendar's own ``Timezone.from_tzinfo`` lists every transition as an RDATE, and (7.3.2) gives
the DAYLIGHT onset in the new offset (03:00) where RFC 5545 wants the wall clock of the offset
in force before it (02:00 for Europe/Tirane). Outlook reads only DTSTART, RRULE, TZOFFSETFROM
and TZOFFSETTO ([MS-STANOICAL] 2.2.47) and folds a zone into one yearly rule per direction, so
RDATE lists are lost on it. Here the transitions are read from zoneinfo, each direction is
written as one yearly RRULE (``BYMONTH=3;BYDAY=-1SU``) when every year of the span follows it,
and as RDATEs otherwise; icalendar's components do the writing.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import cast
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_NONE = timedelta()
_STEP = timedelta(hours=6)  # zones change offset at most once in six hours


@dataclass(frozen=True)
class Transition:
    """One change of a zone's offset: the UTC instant, the offsets around it, the new name."""

    at: datetime  # aware, UTC
    offset_from: timedelta
    offset_to: timedelta
    name: str
    is_dst: bool

    @property
    def local_onset(self) -> datetime:
        """The naive wall-clock time of the change, in the offset that was in force before."""
        return (self.at + self.offset_from).replace(tzinfo=None)


def _state(local: datetime) -> tuple[timedelta | None, str | None, timedelta | None]:
    return local.utcoffset(), local.tzname(), local.dst()


def transitions(zone: ZoneInfo, first_year: int, last_year: int) -> list[Transition]:
    """Every change of offset, name or summer time from 1 January of ``first_year`` to
    31 December of ``last_year``."""
    start = datetime(first_year, 1, 1, tzinfo=UTC)
    end = datetime(last_year + 1, 1, 1, tzinfo=UTC)
    found: list[Transition] = []
    before = start.astimezone(zone)
    moment = start
    while moment < end:
        after_moment = moment + _STEP
        after = after_moment.astimezone(zone)
        if _state(after) != _state(before):
            low, high = moment, after_moment
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                if _state(middle.astimezone(zone)) == _state(before):
                    low = middle
                else:
                    high = middle
            changed = high.astimezone(zone)
            found.append(
                Transition(
                    at=high.replace(microsecond=0),
                    offset_from=before.utcoffset() or timedelta(),
                    offset_to=changed.utcoffset() or timedelta(),
                    name=changed.tzname() or "",
                    # tzdata gives Ireland a negative summer time in winter: leaving it
                    # is what people (and Outlook's DAYLIGHT part) call summer time.
                    is_dst=(changed.dst() or _NONE) > _NONE or (before.dst() or _NONE) < _NONE,
                )
            )
        moment, before = after_moment, after
    return found


def _yearly_rule(group: list[Transition]) -> dict[str, object] | None:
    """``FREQ=YEARLY`` parts that give exactly these onsets, one a year; None if none does."""
    onsets = [t.local_onset for t in group]
    first = onsets[0]
    if [o.year for o in onsets] != list(range(first.year, first.year + len(onsets))):
        return None
    if any(
        (o.month, o.time(), o.weekday()) != (first.month, first.time(), first.weekday())
        for o in onsets
    ):
        return None
    weekday = _WEEKDAYS[first.weekday()]
    if all(o.day + 7 > calendar.monthrange(o.year, o.month)[1] for o in onsets):
        return {"FREQ": "YEARLY", "BYMONTH": first.month, "BYDAY": f"-1{weekday}"}
    nth = (first.day - 1) // 7 + 1
    if nth <= 4 and all((o.day - 1) // 7 + 1 == nth for o in onsets):
        return {"FREQ": "YEARLY", "BYMONTH": first.month, "BYDAY": f"{nth}{weekday}"}
    return None


def _observance(
    group: list[Transition], *, open_ended: bool
) -> TimezoneStandard | TimezoneDaylight:
    first = group[0]
    part = TimezoneDaylight() if first.is_dst else TimezoneStandard()
    part.add("DTSTART", first.local_onset)
    rule = _yearly_rule(group) if len(group) > 1 else None
    if rule is not None:
        if not open_ended:
            rule["UNTIL"] = group[-1].at
        part.add("RRULE", rule)
    else:
        for later in group[1:]:  # one per line: vobject reads only the first of a list
            part.add("RDATE", later.local_onset)
    part.add("TZNAME", first.name)
    part.add("TZOFFSETFROM", first.offset_from)
    part.add("TZOFFSETTO", first.offset_to)
    return part


def build_timezone(zone_name: str, first_year: int, last_year: int) -> Timezone:
    """The VTIMEZONE for ``zone_name``, exact for every instant of the years given.

    The zone is read from a year before to a year after them, so that each yearly rule is
    seen at least three times; rules still in force then run on (as the IANA data does), so a
    visit planned later still gets the right offset. A zone without changes gets one part.
    """
    zone = ZoneInfo(zone_name)
    timezone = Timezone()
    timezone.add("TZID", zone_name)
    first_year, last_year = first_year - 1, max(first_year, last_year) + 1
    changes = transitions(zone, first_year, last_year)
    if not changes:
        fixed = datetime(first_year, 1, 1, tzinfo=UTC).astimezone(zone)
        offset = fixed.utcoffset() or timedelta()
        part = TimezoneDaylight() if fixed.dst() else TimezoneStandard()
        part.add("DTSTART", datetime(1970, 1, 1))
        part.add("TZNAME", fixed.tzname() or zone_name)
        part.add("TZOFFSETFROM", offset)
        part.add("TZOFFSETTO", offset)
        timezone.add_component(part)
        return timezone
    groups: dict[tuple[bool, timedelta, timedelta, str], list[Transition]] = defaultdict(list)
    for change in changes:
        groups[(change.is_dst, change.offset_from, change.offset_to, change.name)].append(change)
    # A rule still in force in the last year goes on; one that stopped earlier ends (UNTIL).
    for group in sorted(groups.values(), key=lambda g: g[0].at):
        open_ended = group[-1].at.year >= last_year
        timezone.add_component(_observance(group, open_ended=open_ended))
    return timezone


@lru_cache(maxsize=16)
def vtimezone_text(zone_name: str, first_year: int, last_year: int) -> str:
    """The VTIMEZONE as CRLF-terminated text, ready to put in a VCALENDAR."""
    ical = cast(bytes, build_timezone(zone_name, first_year, last_year).to_ical())  # untyped
    return ical.decode("utf-8")
