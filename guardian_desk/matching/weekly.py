"""A week of free time as one integer bit set: one bit a ``unit`` of minutes, Monday first.

The unit is the greatest common divisor of every window's edges and the visit length (30
minutes on most data), so the sets stay small and exact. Each day takes 1440/unit + 1 bits,
the last always clear, so no window runs over midnight into the
next day. Intersections are ``&``. ``starts(bits, length)`` gives the minutes at which a
visit of that length could start; it distributes over ``&`` (a visit fits in ``a & b``
exactly when it fits in both), so "is any of these mediators free when the guardian and the
facility are" is one ``&`` against the union (``|``) of the mediators' start sets.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from guardian_desk.domain.records import WeeklyWindow


def unit_of(windows: Iterable[WeeklyWindow], visit_minutes: int) -> int:
    unit = math.gcd(visit_minutes, 1440)
    for w in windows:
        unit = math.gcd(math.gcd(unit, w.start_minute), w.end_minute)
    return unit


def day_bits(unit: int) -> int:
    return 1440 // unit + 1


def week_bits(windows: Iterable[WeeklyWindow], unit: int = 1) -> int:
    bits, per_day = 0, day_bits(unit)
    for w in windows:
        if w.end_minute <= w.start_minute:
            continue
        offset = (w.weekday - 1) * per_day + w.start_minute // unit
        bits |= ((1 << ((w.end_minute - w.start_minute) // unit)) - 1) << offset
    return bits


def starts(bits: int, length: int) -> int:
    """The units at which ``length`` free units in a row begin."""
    result, covered = bits, 1
    while covered < length and result:
        step = min(covered, length - covered)
        result &= result >> step
        covered += step
    return result


def minutes(bits: int, unit: int = 1) -> int:
    return bits.bit_count() * unit


def longest_run(bits: int, unit: int = 1) -> int:
    """The longest stretch of free minutes in a row (within one day)."""
    longest = 0
    while bits:
        start = (bits & -bits).bit_length() - 1
        shifted = bits >> start
        length = (shifted ^ (shifted + 1)).bit_length() - 1  # the ones from the lowest up
        longest = max(longest, length)
        bits &= ~(((1 << length) - 1) << start)
    return longest * unit
