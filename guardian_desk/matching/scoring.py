"""The parts of a score (docs/matching.md): each a value in 0..1 with a label that says why."""

from __future__ import annotations

from guardian_desk.domain.enums import (
    GenderPreference,
    Proficiency,
    asked_for_text,
    proficiency_text,
)
from guardian_desk.domain.languages import language_name
from guardian_desk.i18n import _, ngettext
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
        label = _("Distance: the child has no facility")
        return part(pool, "distance", label, NEUTRAL), None
    if km is None:
        label = _("Distance: home or facility location not recorded")
        return part(pool, "distance", label, NEUTRAL), None
    # TRANSLATORS: {km} is a whole number of kilometres, {facility} a facility's name.
    label = _("Distance: {km} km from home to {facility}").format(
        km=f"{km:.0f}", facility=facility.name
    )
    return part(pool, "distance", label, distance_value(km)), round(km, 1)


def availability_part(pool: MatchingPool, common: int | None, where: str) -> ScorePart:
    """``common``: free minutes a week, ``where`` (translated) says in common with what;
    None: not checked."""
    if common is None:
        label = _("Availability: the child has no facility; visiting hours not checked")
        return part(pool, "availability", label, NEUTRAL)
    hours, rest = divmod(common, 60)
    if hours and rest:
        # TRANSLATORS: an amount of time, "3 h 30 min".
        amount = _("{hours} h {minutes} min").format(hours=hours, minutes=rest)
    elif hours:
        amount = _("{hours} h").format(hours=hours)
    else:
        amount = _("{minutes} min").format(minutes=rest)
    # TRANSLATORS: {amount} is like "3 h 30 min", {where} like "within the facility's visiting
    # hours".
    label = _("Availability: {amount} a week {where}").format(amount=amount, where=where)
    return part(pool, "availability", label, common / OVERLAP_FULL_MINUTES)


def load_part(pool: MatchingPool, person: PoolPerson, planned: int = 1) -> ScorePart:
    """``planned``: the children a bulk plan gives this person; with more than one, each is
    valued at the load it finds (its k-th child sees k - 1 of them already there), and the
    part is their average: ``1 - (caseload + (planned - 1) / 2) / capacity``."""
    capacity = pool.capacity(person)
    if planned <= 1:
        label = ngettext(
            "Load: {load} of {capacity} child", "Load: {load} of {capacity} children", capacity
        ).format(load=person.caseload, capacity=capacity)
        return part(pool, "load", label, pool.load_value(person))
    # TRANSLATORS: {load} children in the guardian's care now, of at most {capacity}; the
    # bulk plan gives them {count} more, and the load part counts those too.
    label = ngettext(
        "Load: {load} of {capacity} now, and this plan gives {count} more child "
        "(counted in the load)",
        "Load: {load} of {capacity} now, and this plan gives {count} more children "
        "(counted in the load)",
        planned,
    ).format(load=person.caseload, capacity=capacity, count=planned)
    value = 1 - (person.caseload + (planned - 1) / 2) / capacity if capacity > 0 else 0.0
    return part(pool, "load", label, value)


def preference_part(
    pool: MatchingPool, preference: GenderPreference, sex: str, role: str
) -> ScorePart:
    if preference is GenderPreference.ANY:
        if role == "guardian":
            return part(pool, "preference", _("Preference: any guardian"), 1.0)
        return part(pool, "preference", _("Preference: any mediator"), 1.0)
    asked = asked_for_text(preference, role)
    if sex == preference.value:
        # TRANSLATORS: {asked} is like "the child asked for a female guardian".
        return part(pool, "preference", _("Preference: {asked}; met").format(asked=asked), 1.0)
    label = _("Preference: {asked}; not met").format(asked=asked)
    return part(pool, "preference", label, 0.0)


def guardian_continuity(pool: MatchingPool, child: PoolChild, guardian_id: int) -> ScorePart:
    for sibling in child.sibling_ids:
        if pool.guardian_of.get(sibling) == guardian_id:
            number = pool.children[sibling].case_number
            # TRANSLATORS: {case_number} is the sibling's case number.
            label = _("Continuity: guardian of the sibling {case_number}")
            return part(pool, "continuity", label.format(case_number=number), 1.0)
    return part(pool, "continuity", _("Continuity: no sibling in this guardian's care"), 0.0)


def mediator_continuity(pool: MatchingPool, child: PoolChild, mediator_id: int) -> ScorePart:
    if mediator_id in child.known_mediator_ids:
        label = _("Continuity: the child already knows this mediator")
        return part(pool, "continuity", label, 1.0)
    for sibling in child.sibling_ids:
        other = pool.children.get(sibling)
        if other is not None and mediator_id in other.mediator_ids:
            label = _("Continuity: mediator of the sibling {case_number}").format(
                case_number=other.case_number
            )
            return part(pool, "continuity", label, 0.5)
    return part(pool, "continuity", _("Continuity: new to the child"), 0.0)


def direct_language_part(
    pool: MatchingPool, child: PoolChild, guardian: PoolPerson, shared: list[str]
) -> tuple[ScorePart, str]:
    """The best language child and guardian share; ``shared`` holds only working-level ones."""
    best = max(
        shared, key=lambda code: (link(child.languages[code], guardian.languages[code]), code)
    )
    value = link(child.languages[best], guardian.languages[best])
    name = language_name(best)
    # TRANSLATORS: {language} is a language's name; {child} and {guardian} how well each
    # speaks it ("native", "basic").
    label = _("Language: both speak {language} (child {child}, guardian {guardian})").format(
        language=name,
        child=proficiency_text(child.languages[best]),
        guardian=proficiency_text(guardian.languages[best]),
    )
    return part(pool, "language", label, value), name


def mediated_language_part(pool: MatchingPool, target: str, level: Proficiency) -> ScorePart:
    """Half of what the guardian's side of the conversation is worth."""
    # TRANSLATORS: {language} is a language's name, {level} how well ("fluent").
    label = _("Language: through a mediator who speaks {language} with the guardian ({level})")
    label = label.format(language=target, level=proficiency_text(level))
    return part(pool, "language", label, MEDIATED_SHARE * PROFICIENCY_VALUE[level])
