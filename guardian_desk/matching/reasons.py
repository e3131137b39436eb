"""Why a guardian cannot be proposed, in the words an officer would use (docs/matching.md)."""

from __future__ import annotations

from collections.abc import Iterable

from guardian_desk.domain.enums import GenderPreference, Proficiency, asked_for_text
from guardian_desk.domain.languages import language_name
from guardian_desk.i18n import _, ngettext
from guardian_desk.i18n.formats import list_text
from guardian_desk.matching import weekly


def names(codes: Iterable[str]) -> str:
    """ "Dari", "Dari or Pashto", "Dari, Pashto or Urdu"."""
    return list_text((language_name(code) for code in codes), style="or")


def gender(preference: GenderPreference, role: str) -> str:
    return asked_for_text(preference, role)


def time(guardian_bits: int, facility_bits: int, visit_minutes: int, unit: int) -> str:
    if not facility_bits:
        return _("the facility has no visiting hours on record")
    if not guardian_bits:
        return _("no weekly availability on record")
    longest = weekly.longest_run(guardian_bits & facility_bits, unit)
    if not longest:
        return _("no time in common with the facility's visiting hours")
    return ngettext(
        "at most {longest} minute in a row in common with the facility's visiting hours; "
        "a visit takes {visit}",
        "at most {longest} minutes in a row in common with the facility's visiting hours; "
        "a visit takes {visit}",
        longest,
    ).format(longest=longest, visit=visit_minutes)


def no_child_language(has_any: bool) -> str:
    if has_any:
        return _("the child speaks no language at working level or better")
    return _("the child's languages are not recorded")


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
        # TRANSLATORS: about a guardian; {languages} is like "Dari or Pashto".
        first = _("speaks {languages} only at basic level").format(languages=names(basic))
    else:
        # TRANSLATORS: about a guardian; {languages} is like "Dari or Pashto".
        first = _("speaks no {languages}").format(languages=names(child_codes))
    if len(child_codes) == 1 and len(guardian_codes) == 1:
        # TRANSLATORS: a mediator who speaks both languages, as in "Dari–English mediator".
        pair = _("{first}–{second} mediator").format(
            first=language_name(child_codes[0]), second=language_name(guardian_codes[0])
        )
    elif guardian_codes:
        pair = _("mediator speaking {languages} and {others}").format(
            languages=names(child_codes), others=names(guardian_codes)
        )
    else:
        # TRANSLATORS: {reason} is like "speaks no Dari".
        text = _("{reason}, and speaks no language at working level for a mediator to bridge")
        return text.format(reason=first)
    if problem == "registered":
        # TRANSLATORS: {reason} is like "speaks no Dari", {mediator} like "Dari–English mediator".
        text = _("{reason}, and no {mediator} is registered")
    elif problem == "eligible":
        text = _("{reason}, and no {mediator} is eligible")
    elif with_facility:
        text = _("{reason}, and no {mediator} is free when the guardian and the facility are")
    else:
        text = _("{reason}, and no {mediator} is free when the guardian is")
    return text.format(reason=first, mediator=pair)
