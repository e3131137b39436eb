"""What a person reads for each stored value of the protection work (the values stay English).

Translate where shown: ``_(ANSWER_NAMES[value])``, or ``word(ANSWER_NAMES, value)``.
The elements' and indicators' own names come from the indicator file in its four languages
(guardian_desk/protection/indicators.py), not from here.
"""

from __future__ import annotations

from collections.abc import Mapping

from guardian_desk.i18n import N_, _, pgettext

ANSWER_NAMES: dict[str, str] = {
    "observed": N_("Observed"),
    "reported_by_child": N_("Reported by the child"),
    "reported_by_others": N_("Reported by others"),
    "not_observed": N_("Not observed"),
    "not_asked": N_("Not asked"),
}
OCCASION_NAMES: dict[str, str] = {
    "first_contact": N_("First contact"),
    "after_missing": N_("After a missing episode"),
    "new_adult": N_("A new adult contact"),
    "facility_change": N_("A change of facility"),
    "periodic": N_("Scheduled re-screening"),
    "other": N_("Other reason"),
}
DECISION_NAMES: dict[str, str] = {
    "pending": N_("Not decided yet"),
    "no_indication": N_("No indication of trafficking"),
    "monitor": N_("Monitor and screen again"),
    "refer": N_("Refer for formal identification"),
    "presumed_victim": N_("Presumed victim: protect and refer"),
}
SET_NAMES: dict[str, str] = {
    "labour": N_("Labour exploitation"),
    "sexual": N_("Sexual exploitation"),
}
CHECK_METHOD_NAMES: dict[str, str] = {
    "documents": N_("Documents"),
    "interview": N_("Separate interviews"),
    "consistency": N_("Consistency of accounts"),
    "none": N_("Not checked"),
}
CHECK_OUTCOME_NAMES: dict[str, str] = {
    "pending": N_("Not yet known"),
    "confirmed": N_("Relationship confirmed"),
    "not_confirmed": N_("Could not be confirmed"),
    "contradicted": N_("Contradicted"),
}
RECIPIENT_NAMES: dict[str, str] = {
    "nrm": N_("National referral mechanism"),
    "police": N_("Police"),
    "prosecutor": N_("Prosecutor"),
    "shelter": N_("Shelter"),
    "health": N_("Health service"),
    "legal_aid": N_("Legal aid"),
    "asylum": N_("Asylum office"),
    "other": N_("Other service"),
}
CONSENT_NAMES: dict[str, str] = {
    "given": N_("Given"),
    "refused": N_("Refused"),
    "not_asked": N_("Not asked"),
    "not_required": N_("Not required"),
}
REFERRAL_STATUS_NAMES: dict[str, str] = {
    "sent": N_("Sent"),
    "acknowledged": N_("Acknowledged"),
    "accepted": N_("Accepted"),
    "declined": N_("Declined"),
    "closed": N_("Closed"),
}


def word(table: Mapping[str, str], value: str) -> str:
    """The translated name of a stored value; an unknown value is shown as it is."""
    text = table.get(value)
    return _(text) if text else value


def strength_name(strength: str) -> str:
    """Strong, medium, weak: how much an indicator weighs (the ILO/EC rule)."""
    names = {
        # TRANSLATORS: the weight of a trafficking indicator (ILO/EC 2009).
        "strong": pgettext("indicator", "Strong"),
        "medium": pgettext("indicator", "Medium"),
        "weak": pgettext("indicator", "Weak"),
    }
    return names.get(strength, strength)
