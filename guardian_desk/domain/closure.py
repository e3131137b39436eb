"""Why an appointment ended and why a case was closed: closed vocabularies, stored by value.

The values are identifiers (database, CSV, command line) and stay in English; what a person
reads comes from the ``*_text`` functions, translated when they are called.
"""

from __future__ import annotations

from enum import StrEnum

from guardian_desk.domain.enums import ChildStatus
from guardian_desk.i18n import N_, _, ngettext

# A missing child's case may be closed once the child has been missing this long.
MISSING_DAYS = 30


class EndReason(StrEnum):
    """Why a guardian's or a mediator's appointment ended."""

    RESIGNED = "resigned"
    REPLACED = "replaced"
    CHILD_TRANSFERRED = "child_transferred"
    CASE_CLOSED = "case_closed"
    CONFLICT_OF_INTEREST = "conflict_of_interest"
    OTHER = "other"


_END_WORDS = {
    # TRANSLATORS: why an appointment ended, as a label in a list and on the termination paper.
    EndReason.RESIGNED: N_("The appointed person resigned"),
    EndReason.REPLACED: N_("Replaced by another person"),
    EndReason.CHILD_TRANSFERRED: N_("The child was transferred"),
    EndReason.CASE_CLOSED: N_("The case was closed"),
    EndReason.CONFLICT_OF_INTEREST: N_("Conflict of interest"),
    EndReason.OTHER: N_("Other reason"),
}


def end_reason_text(reason: EndReason) -> str:
    """The reason as a label, translated."""
    return _(_END_WORDS[reason])


class ClosureReason(StrEnum):
    """How a child's case ended."""

    TRANSFERRED = "transferred"
    RETURNED_TO_FAMILY = "returned_to_family"
    REUNIFIED = "reunified"
    TURNED_18 = "turned_18"
    MISSING = "missing"
    MOVED_ON = "moved_on"
    OTHER = "other"


def closure_reason_text(reason: ClosureReason) -> str:
    """The reason as a label, translated."""
    if reason is ClosureReason.MISSING:
        return ngettext(
            "Missing for more than {days} day",
            "Missing for more than {days} days",
            MISSING_DAYS,
        ).format(days=MISSING_DAYS)
    return {
        # TRANSLATORS: how a child's case ended, as a label in a list.
        ClosureReason.TRANSFERRED: _("Transferred to another office or country"),
        ClosureReason.RETURNED_TO_FAMILY: _("Returned to the family"),
        ClosureReason.REUNIFIED: _("Reunified with family abroad"),
        ClosureReason.TURNED_18: _("Turned 18"),
        ClosureReason.MOVED_ON: _("Moved on"),
        ClosureReason.OTHER: _("Other reason"),
    }[reason]


# The case status each closure leaves the child in.
STATUS_OF_CLOSURE: dict[ClosureReason, ChildStatus] = {
    ClosureReason.TRANSFERRED: ChildStatus.TRANSFERRED,
    ClosureReason.RETURNED_TO_FAMILY: ChildStatus.RETURNED,
    ClosureReason.REUNIFIED: ChildStatus.REUNIFIED,
    ClosureReason.TURNED_18: ChildStatus.AGED_OUT,
    ClosureReason.MISSING: ChildStatus.MISSING,
    ClosureReason.MOVED_ON: ChildStatus.CLOSED,
    ClosureReason.OTHER: ChildStatus.CLOSED,
}
# The closure a status alone says (a case closed before reasons had a column, or by status).
CLOSURE_OF_STATUS: dict[ChildStatus, ClosureReason] = {
    ChildStatus.TRANSFERRED: ClosureReason.TRANSFERRED,
    ChildStatus.RETURNED: ClosureReason.RETURNED_TO_FAMILY,
    ChildStatus.REUNIFIED: ClosureReason.REUNIFIED,
    ChildStatus.AGED_OUT: ClosureReason.TURNED_18,
    ChildStatus.MISSING: ClosureReason.MISSING,
    ChildStatus.CLOSED: ClosureReason.OTHER,
}
# The appointment's end reason when the case closes.
END_OF_CLOSURE: dict[ClosureReason, EndReason] = {
    ClosureReason.TRANSFERRED: EndReason.CHILD_TRANSFERRED,
}


def needs_note(reason: ClosureReason | EndReason) -> bool:
    """ "Other" says nothing by itself: the officer must write what happened."""
    return reason.value == "other"
