"""The columns of each kind of CSV file: their order, which are required, which are personal."""

from __future__ import annotations

KINDS = ("facilities", "guardians", "mediators", "children", "availability")
"""Every kind of file, in the order a set of files can safely be imported."""

FACILITY_COLUMNS = (
    "code",
    "name",
    "address",
    "municipality",
    "latitude",
    "longitude",
    "contact_name",
    "contact_phone",
    "contact_email",
    "visiting_hours",
    "active",
    "notes",
)

GUARDIAN_COLUMNS = (
    "code",
    "given_name",
    "family_name",
    "sex",
    "languages",
    "phone",
    "email",
    "municipality",
    "latitude",
    "longitude",
    "max_caseload",
    "background_check_on",
    "training_on",
    "vetting_expires_on",
    "active",
    "suspended_reason",
    "notes",
)

MEDIATOR_COLUMNS = (*GUARDIAN_COLUMNS, "dialects", "certification", "organisation")

CHILD_COLUMNS = (
    "case_number",
    "given_name",
    "family_name",
    "given_name_original",
    "family_name_original",
    "aliases",
    "sex",
    "date_of_birth",
    "dob_estimated",
    "nationality",
    "languages",
    "guardian_gender_preference",
    "mediator_gender_preference",
    "facility",
    "identified_on",
    "arrived_on",
    "status",
    "siblings",
    "accompanying_adults",
    "notes",
)

AVAILABILITY_COLUMNS = ("person", "weekday", "start", "end", "absent_from", "absent_to", "reason")
SLOT_COLUMNS = ("weekday", "start", "end")
ABSENCE_COLUMNS = ("absent_from", "absent_to")

ALL_COLUMNS: dict[str, tuple[str, ...]] = {
    "facilities": FACILITY_COLUMNS,
    "guardians": GUARDIAN_COLUMNS,
    "mediators": MEDIATOR_COLUMNS,
    "children": CHILD_COLUMNS,
    "availability": AVAILABILITY_COLUMNS,
}

# Columns a file must have (their values are required, or the file means nothing without them).
# Availability files need ``person`` plus the slot columns, the absence columns, or both.
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "facilities": ("code", "name"),
    "guardians": ("code", "given_name", "family_name", "sex", "languages"),
    "mediators": ("code", "given_name", "family_name", "sex", "languages"),
    "children": ("case_number", "given_name", "nationality", "identified_on"),
    "availability": ("person",),
}

# The column holding the record's key, which every row must fill.
KEY_COLUMN = {
    "facilities": "code",
    "guardians": "code",
    "mediators": "code",
    "children": "case_number",
    "availability": "person",
}

# Columns that identify a child or describe them personally; a default export leaves them out,
# so the file carries case numbers, not names.
PERSONAL_COLUMNS: dict[str, frozenset[str]] = {
    "children": frozenset(
        {
            "given_name",
            "family_name",
            "given_name_original",
            "family_name_original",
            "aliases",
            "date_of_birth",
            "accompanying_adults",
            "notes",
        }
    ),
}


def check_kind(kind: str) -> str:
    if kind not in ALL_COLUMNS:
        raise ValueError(f"unknown kind of file {kind!r}; expected one of {', '.join(KINDS)}")
    return kind


def columns(kind: str, *, include_personal: bool = True) -> list[str]:
    """The columns of a ``kind`` file in the order export writes them."""
    check_kind(kind)
    personal: frozenset[str] = (
        frozenset() if include_personal else PERSONAL_COLUMNS.get(kind, frozenset())
    )
    return [name for name in ALL_COLUMNS[kind] if name not in personal]
