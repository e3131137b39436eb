"""Why a guardian cannot be proposed, in the words an officer would use (docs/matching.md)."""

from __future__ import annotations

from collections.abc import Iterable

from guardian_desk.domain.enums import GenderPreference, Proficiency
from guardian_desk.domain.languages import language_name
from guardian_desk.matching import weekly


def names(codes: Iterable[str]) -> str:
    """ "Dari", "Dari or Pashto", "Dari, Pashto or Urdu"."""
    found = [language_name(code) for code in codes]
    if len(found) <= 1:
        return "".join(found)
    return ", ".join(found[:-1]) + " or " + found[-1]


def gender(preference: GenderPreference, role: str) -> str:
    return f"the child asked for a {preference.value} {role}"


def time(guardian_bits: int, facility_bits: int, visit_minutes: int, unit: int) -> str:
    if not facility_bits:
        return "the facility has no visiting hours on record"
    if not guardian_bits:
        return "no weekly availability on record"
    longest = weekly.longest_run(guardian_bits & facility_bits, unit)
    if not longest:
        return "no time in common with the facility's visiting hours"
    return (
        f"at most {longest} minutes in a row in common with the facility's visiting hours; "
        f"a visit takes {visit_minutes}"
    )


def no_child_language(has_any: bool) -> str:
    if has_any:
        return "the child speaks no language at working level or better"
    return "the child's languages are not recorded"


def language(
    child_codes: list[str],
    guardian_languages: dict[str, Proficiency],
    guardian_codes: list[str],
    problem: str,
    with_facility: bool,
) -> str:
    """``problem``: "registered" (nobody speaks the pair), "eligible" or "free"."""
    basic = [code for code in child_codes if code in guardian_languages]
    if basic:
        first = f"speaks {names(basic)} only at basic level"
    else:
        first = f"speaks no {names(child_codes)}"
    if len(child_codes) == 1 and len(guardian_codes) == 1:
        pair = f"{language_name(child_codes[0])}–{language_name(guardian_codes[0])} mediator"
    elif guardian_codes:
        pair = f"mediator speaking {names(child_codes)} and {names(guardian_codes)}"
    else:
        return f"{first}, and speaks no language at working level for a mediator to bridge"
    if problem == "registered":
        return f"{first}, and no {pair} is registered"
    if problem == "eligible":
        return f"{first}, and no {pair} is eligible"
    when = "the guardian and the facility are" if with_facility else "the guardian is"
    return f"{first}, and no {pair} is free when {when}"
