"""Sets of time as sorted lists of half-open ``(start, end)`` intervals of minutes.

Every list this module returns is sorted and its intervals neither overlap nor touch.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

Interval = tuple[int, int]
GRID_MINUTES = 15  # slots start on the quarter hour


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Sort, drop empty ones, join overlapping or touching ones."""
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def intersect(first: Sequence[Interval], second: Sequence[Interval]) -> list[Interval]:
    """The time in both (each argument sorted and disjoint)."""
    found: list[Interval] = []
    i = j = 0
    while i < len(first) and j < len(second):
        start = max(first[i][0], second[j][0])
        end = min(first[i][1], second[j][1])
        if start < end:
            found.append((start, end))
        if first[i][1] < second[j][1]:
            i += 1
        else:
            j += 1
    return found


def subtract(free: Sequence[Interval], taken: Iterable[Interval]) -> list[Interval]:
    """``free`` (sorted, disjoint) without any of ``taken`` (any order, may overlap)."""
    holes = merge(taken)
    if not holes:
        return list(free)
    found: list[Interval] = []
    j = 0
    for start, end in free:
        while j < len(holes) and holes[j][1] <= start:
            j += 1
        k, cursor = j, start
        while k < len(holes) and holes[k][0] < end:
            if holes[k][0] > cursor:
                found.append((cursor, holes[k][0]))
            cursor = max(cursor, holes[k][1])
            k += 1
        if cursor < end:
            found.append((cursor, end))
    return found


def contains(free: Sequence[Interval], start: int, end: int) -> bool:
    """Whether ``[start, end)`` lies wholly inside one interval of ``free``."""
    return any(a <= start and end <= b for a, b in free)


def on_grid(minute: int, grid: int = GRID_MINUTES) -> int:
    """The first grid minute at or after ``minute``."""
    return -(-minute // grid) * grid


def fits(free: Sequence[Interval], length: int, grid: int = GRID_MINUTES) -> list[Interval]:
    """For each free interval with room, ``(earliest start on the grid, end of the interval)``."""
    found = []
    for start, end in free:
        first = on_grid(start, grid)
        if first + length <= end:
            found.append((first, end))
    return found


def longest(free: Sequence[Interval]) -> int:
    return max((end - start for start, end in free), default=0)
