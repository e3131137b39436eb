"""The parts of a score (docs/matching.md): each a value in 0..1 with a label that says why."""

from __future__ import annotations

from guardian_desk.domain.enums import GenderPreference, Proficiency
from guardian_desk.domain.languages import language_name
from guardian_desk.matching.geo import distance_km, distance_value
from guardian_desk.matching.pool import (
    NEUTRAL,
    OVERLAP_FULL_MINUTES,
    PROFICIENCY_VALUE,
    MatchingPool,
    PoolChild,
    PoolFacility,
    PoolPerson,
)
from guardian_desk.matching.results import ScorePart

MEDIATED_SHARE = 0.5  # a mediated conversation is worth at most half a direct one


def link(first: Proficiency, second: Proficiency) -> float:
    """What a conversation in one language is worth: the weaker speaker's level decides."""
    return PROFICIENCY_VALUE[min(first, second, key=lambda level: level.rank)]


def part(pool: MatchingPool, key: str, label: str, value: float) -> ScorePart:
    weight = pool.weights[key]
    value = round(min(1.0, max(0.0, value)), 3)
    return ScorePart(key, label, value, round(weight, 2), round(value * weight, 2))


def total(parts: tuple[ScorePart, ...]) -> float:
    return round(sum(p.points for p in parts), 2)


def distance_part(
    pool: MatchingPool, person: PoolPerson, facility: PoolFacility | None
) -> tuple[ScorePart, float | None]:
    km = distance_km(person, facility)
    if facility is None:
        return part(pool, "distance", "Distance: the child has no facility", NEUTRAL), None
    if km is None:
        label = "Distance: home or facility location not recorded"
        return part(pool, "distance", label, NEUTRAL), None
    label = f"Distance: {km:.0f} km from home to {facility.name}"
    return part(pool, "distance", label, distance_value(km)), round(km, 1)


def availability_part(pool: MatchingPool, common: int | None, where: str) -> ScorePart:
    """``common``: free minutes a week, ``where`` says in common with what; None: not checked."""
    if common is None:
        label = "Availability: the child has no facility; visiting hours not checked"
        return part(pool, "availability", label, NEUTRAL)
    hours, rest = divmod(common, 60)
    amount = f"{hours} h {rest} min" if hours and rest else f"{hours} h" if hours else f"{rest} min"
    label = f"Availability: {amount} a week {where}"
    return part(pool, "availability", label, common / OVERLAP_FULL_MINUTES)


def load_part(pool: MatchingPool, person: PoolPerson) -> ScorePart:
    label = f"Load: {person.caseload} of {pool.capacity(person)} children"
    return part(pool, "load", label, pool.load_value(person))


def preference_part(
    pool: MatchingPool, preference: GenderPreference, sex: str, role: str
) -> ScorePart:
    if preference is GenderPreference.ANY:
        return part(pool, "preference", f"Preference: any {role}", 1.0)
    asked = f"the child asked for a {preference.value} {role}"
    if sex == preference.value:
        return part(pool, "preference", f"Preference: {asked}; met", 1.0)
    return part(pool, "preference", f"Preference: {asked}; not met", 0.0)


def guardian_continuity(pool: MatchingPool, child: PoolChild, guardian_id: int) -> ScorePart:
    for sibling in child.sibling_ids:
        if pool.guardian_of.get(sibling) == guardian_id:
            number = pool.children[sibling].case_number
            return part(pool, "continuity", f"Continuity: guardian of the sibling {number}", 1.0)
    return part(pool, "continuity", "Continuity: no sibling in this guardian's care", 0.0)


def mediator_continuity(pool: MatchingPool, child: PoolChild, mediator_id: int) -> ScorePart:
    if mediator_id in child.known_mediator_ids:
        return part(pool, "continuity", "Continuity: the child already knows this mediator", 1.0)
    for sibling in child.sibling_ids:
        other = pool.children.get(sibling)
        if other is not None and mediator_id in other.mediator_ids:
            label = f"Continuity: mediator of the sibling {other.case_number}"
            return part(pool, "continuity", label, 0.5)
    return part(pool, "continuity", "Continuity: new to the child", 0.0)


def direct_language_part(
    pool: MatchingPool, child: PoolChild, guardian: PoolPerson, shared: list[str]
) -> tuple[ScorePart, str]:
    """The best language child and guardian share; ``shared`` holds only working-level ones."""
    best = max(
        shared, key=lambda code: (link(child.languages[code], guardian.languages[code]), code)
    )
    value = link(child.languages[best], guardian.languages[best])
    name = language_name(best)
    label = (
        f"Language: both speak {name} (child {child.languages[best].value}, "
        f"guardian {guardian.languages[best].value})"
    )
    return part(pool, "language", label, value), name


def mediated_language_part(pool: MatchingPool, target: str, level: Proficiency) -> ScorePart:
    """Half of what the guardian's side of the conversation is worth."""
    label = f"Language: through a mediator who speaks {target} with the guardian ({level.value})"
    return part(pool, "language", label, MEDIATED_SHARE * PROFICIENCY_VALUE[level])
