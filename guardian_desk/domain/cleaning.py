"""Records built in code (forms, the demo, other services) meet the parser's text rules.

A service calls these before writing, so what it stores is the same checked NFC text
whether the record came from a form, a CSV file or a dataclass built in code.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from guardian_desk.domain import validation as v
from guardian_desk.domain.parsing import Collector, list_item
from guardian_desk.domain.records import ChildData, Companion, StaffData


def clean_child_text(c: Collector, data: ChildData, *, new: bool = True) -> None:
    """Check and normalise, in place, the text of a child built in code rather than parsed.

    The same rules as parse_child, so a service stores the same NFC form whatever the
    source; idempotent on what parse_child returns. The case number is checked for a new
    child only: a stored one cannot change, and one stored before the rules were strict
    must not make the record uneditable. Siblings are looked up in the database anyway.
    """
    if new and data.case_number is not None:
        number = data.case_number
        data.case_number = c(lambda: v.case_number("case_number", number), number)
    for name in ("given_name", "family_name", "given_name_original", "family_name_original"):
        value = getattr(data, name)
        required = name == "given_name"
        setattr(data, name, c(partial(v.text, name, value, required=required), value))
    data.aliases = c(lambda: [list_item("aliases", a) for a in data.aliases], data.aliases)
    if data.facility_code is not None:
        code = data.facility_code
        data.facility_code = c(lambda: v.record_code("facility", code), code)
    data.accompanying_adults = c(
        lambda: [_clean_companion(a) for a in data.accompanying_adults], data.accompanying_adults
    )
    data.notes = c(lambda: v.note("notes", data.notes), data.notes)


def _clean_companion(companion: Companion) -> Companion:
    field = "accompanying_adults"
    return replace(
        companion,
        full_name=v.text(field, companion.full_name),
        claimed_relationship=v.text(
            field, companion.claimed_relationship, max_length=100, required=False
        ),
    )


def clean_staff_text(c: Collector, data: StaffData, *, mediator: bool) -> None:
    """Check and normalise, in place, the free text and code of a person built in code."""
    if data.code is not None:
        code = data.code
        data.code = c(lambda: v.record_code("code", code), code)
    for name, limit in (
        ("given_name", 200),
        ("family_name", 200),
        ("municipality", 120),
        ("suspended_reason", 500),
    ):
        value = getattr(data, name)
        required = name in ("given_name", "family_name")
        setattr(
            data, name, c(partial(v.text, name, value, max_length=limit, required=required), value)
        )
    data.notes = c(lambda: v.note("notes", data.notes), data.notes)
    if mediator:
        data.dialects = c(
            lambda: [list_item("dialects", d, 100) for d in data.dialects], data.dialects
        )
        for name in ("certification", "organisation"):
            value = getattr(data, name)
            setattr(data, name, c(partial(v.text, name, value, required=False), value))
