"""The closed vocabularies of a case's history: why a child moved, what kind a case note is,
and the kinds of event on a child's timeline (stored by their string values)."""

from __future__ import annotations

from enum import StrEnum

from guardian_desk.i18n import N_, _


class PlacementReason(StrEnum):
    """Why a child came to live at a facility."""

    FIRST = "first"  # the placement the child had when registered
    NEEDS = "needs"  # the child's needs (age, health, school)
    SAFETY = "safety"
    CAPACITY = "capacity"  # the facility was full or closed
    FAMILY = "family"  # near siblings or relatives
    CHILD_REQUEST = "child_request"
    RECORD_EDIT = "record_edit"  # the facility was changed in the child's record
    OTHER = "other"


_PLACEMENT_REASONS = {
    PlacementReason.FIRST: N_("first placement"),
    PlacementReason.NEEDS: N_("the child's needs"),
    PlacementReason.SAFETY: N_("the child's safety"),
    PlacementReason.CAPACITY: N_("the facility was full or closed"),
    PlacementReason.FAMILY: N_("to be near family"),
    PlacementReason.CHILD_REQUEST: N_("the child asked to move"),
    PlacementReason.RECORD_EDIT: N_("changed in the child's record"),
    PlacementReason.OTHER: N_("other reason"),
}


def placement_reason_text(reason: PlacementReason) -> str:
    return _(_PLACEMENT_REASONS[reason])


class NoteKind(StrEnum):
    CONTACT = "contact"
    PHONE_CALL = "phone_call"
    INCIDENT = "incident"
    HEALTH = "health"
    EDUCATION = "education"
    LEGAL = "legal"
    OTHER = "other"


_NOTE_KINDS = {
    # TRANSLATORS: kinds of case note, shown in a list and as a column.
    NoteKind.CONTACT: N_("Contact"),
    NoteKind.PHONE_CALL: N_("Phone call"),
    NoteKind.INCIDENT: N_("Incident"),
    NoteKind.HEALTH: N_("Health"),
    NoteKind.EDUCATION: N_("Education"),
    NoteKind.LEGAL: N_("Legal"),
    NoteKind.OTHER: N_("Other"),
}


def note_kind_text(kind: NoteKind) -> str:
    return _(_NOTE_KINDS[kind])


class EventKind(StrEnum):
    """The kinds of event on a child's timeline (its filter)."""

    ARRIVAL = "arrival"
    IDENTIFICATION = "identification"
    PLACEMENT = "placement"
    APPOINTMENT = "appointment"
    VISIT = "visit"
    VISIT_REPORT = "visit_report"
    NOTE = "note"
    PAPER = "paper"
    STATUS = "status"
    MISSING = "missing"


_EVENT_KINDS = {
    # TRANSLATORS: kinds of event on a child's timeline, shown as filters and as a column.
    EventKind.ARRIVAL: N_("Arrival"),
    EventKind.IDENTIFICATION: N_("Identification"),
    EventKind.PLACEMENT: N_("Placements"),
    EventKind.APPOINTMENT: N_("Appointments"),
    EventKind.VISIT: N_("Visits"),
    EventKind.VISIT_REPORT: N_("Visit reports"),
    EventKind.NOTE: N_("Notes"),
    EventKind.PAPER: N_("Papers issued"),
    EventKind.STATUS: N_("Status changes"),
    EventKind.MISSING: N_("Missing episodes"),
}


def event_kind_text(kind: EventKind) -> str:
    return _(_EVENT_KINDS[kind])


_EVENT_LABELS = {
    # TRANSLATORS: the kind of one event on a child's timeline (a column of its table).
    EventKind.ARRIVAL: N_("Arrival"),
    EventKind.IDENTIFICATION: N_("Identification"),
    EventKind.PLACEMENT: N_("Placement"),
    EventKind.APPOINTMENT: N_("Appointment"),
    EventKind.VISIT: N_("Visit"),
    EventKind.VISIT_REPORT: N_("Visit report"),
    EventKind.NOTE: N_("Note"),
    EventKind.PAPER: N_("Paper"),
    EventKind.STATUS: N_("Status"),
    EventKind.MISSING: N_("Missing"),
}


def event_label(kind: EventKind) -> str:
    """One event's kind ("Visit"), where event_kind_text names the filter ("Visits")."""
    return _(_EVENT_LABELS[kind])
