"""Input is checked after normalisation, in the documented forms, with nothing hidden in it."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from guardian_desk.db.models import Child, Guardian
from guardian_desk.domain import validation as v
from guardian_desk.domain.errors import ValidationError, ValidationErrors
from guardian_desk.domain.parsing import parse_child, parse_staff, parse_windows
from guardian_desk.services import children, staff
from tests.core import factories

TODAY = date(2026, 11, 29)
SHIN = "\ufb2c"  # HEBREW LETTER SHIN WITH DAGESH AND SHIN DOT: 1 character, 3 after NFC


def refused(rule: Callable[[], object]) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        rule()
    return caught.value


# --- 1. length and patterns are measured on the normalised form ---------------------------------


def test_a_value_that_grows_past_its_limit_when_normalised_is_refused() -> None:
    assert len(SHIN * 100) == 100 and len(unicodedata.normalize("NFC", SHIN * 100)) == 300
    error = refused(lambda: v.text("given_name", SHIN * 100))
    assert error.field == "given_name"
    assert "300 characters long once written in standard (NFC) form" in error.reason
    assert "at most 200" in error.reason


def test_a_child_whose_name_grows_past_the_column_is_not_stored(session: Session) -> None:
    with pytest.raises(ValidationErrors) as caught:
        children.create_child(session, factories.child(family_name_original=SHIN * 70))
    assert [e.field for e in caught.value.errors] == ["family_name_original"]
    assert session.scalar(select(Child.id)) is None


def test_the_normalised_form_is_what_gets_stored(session: Session) -> None:
    decomposed = "Jose\u0301 "  # e + combining acute, and a trailing space
    child = children.create_child(session, factories.child(given_name=decomposed))
    assert child.given_name == "José" and len(child.given_name) == 4
    person = staff.create_staff(session, "guardian", factories.guardian(family_name="Kola\u0308"))
    assert person.family_name == "Kolä"


# --- 2. ASCII digits only in codes and case numbers --------------------------------------------


def test_arabic_indic_digits_in_a_case_number_are_refused() -> None:
    error = refused(lambda: v.case_number("case_number", "AL-2026-٠٠٠٠١"))
    assert error.field == "case_number"
    assert "AL-2026-٠٠٠٠١" in str(error)
    assert "U+0660" in error.reason and "digits 0-9" in error.reason


def test_a_child_form_with_arabic_indic_digits_names_the_case_number() -> None:
    raw = {"case_number": "AL-2026-٠٠٠٠١", "given_name": "Omid", "sex": "male"}
    raw |= {"nationality": "AF", "identified_on": "2026-10-01"}
    with pytest.raises(ValidationErrors) as caught:
        parse_child(raw, today=TODAY)
    assert [e.field for e in caught.value.errors] == ["case_number"]


@pytest.mark.parametrize("code", ["G-٠٠٠٠١", "G-۰۰۰۰۱", "FAC-TIR-\u0661", "ＧＡ-1", "G-0\u200b1"])
def test_staff_and_facility_codes_take_ascii_only(code: str) -> None:
    error = refused(lambda: v.record_code("code", code))
    assert error.field == "code" and "letters A-Z and the digits 0-9" in error.reason


def test_a_code_that_upper_cases_into_ascii_is_still_refused() -> None:
    # "ﬁ".upper() is "FI": a code must be typed in ASCII, not become ASCII by accident.
    assert "U+FB01" in refused(lambda: v.record_code("code", "ﬁ-1")).reason


def test_ascii_codes_and_numbers_still_pass() -> None:
    assert v.case_number("case_number", " al-2026-00042 ") == "AL-2026-00042"
    assert v.record_code("code", "fac-tir-01") == "FAC-TIR-01"


# --- 4. dates and numbers only in the documented forms ------------------------------------------


@pytest.mark.parametrize("text", ["2026-W05-2", "20260203", "2026-034", "2026-02-03T00:00"])
def test_only_yyyy_mm_dd_is_a_date(text: str) -> None:
    error = refused(lambda: v.parse_date("identified_on", text, today=TODAY))
    assert error.reason == "is not a date in the form YYYY-MM-DD"
    assert error.value == text


def test_a_week_date_in_a_child_form_is_refused() -> None:
    raw = {"given_name": "Omid", "sex": "male", "nationality": "AF"}
    with pytest.raises(ValidationErrors) as caught:
        parse_child(raw | {"identified_on": "2026-W05-2"}, today=TODAY)
    assert [e.field for e in caught.value.errors] == ["identified_on"]


@pytest.mark.parametrize("text", ["1_5", "١٥", "۱۵", "15.0", "0x0f", "1 5"])
def test_only_ascii_digits_are_a_whole_number(text: str) -> None:
    error = refused(lambda: v.parse_int("max_caseload", text, minimum=1, maximum=100))
    assert error.field == "max_caseload" and "is not a whole number" in error.reason


def test_signed_whole_numbers_still_pass() -> None:
    assert v.parse_int("max_caseload", " 15 ", minimum=1, maximum=100) == 15
    assert v.parse_int("max_caseload", "+15", minimum=1, maximum=100) == 15


@pytest.mark.parametrize("text", ["4_1.3", "٤١.٣", "nan", "inf", "1e1"])
def test_coordinates_take_ascii_decimals_only(text: str) -> None:
    assert refused(lambda: v.coordinate("latitude", text, limit=90)).field == "latitude"


def test_staff_form_refuses_a_caseload_with_an_underscore() -> None:
    raw = {"given_name": "Ana", "family_name": "Kola", "sex": "female", "languages": "sqi"}
    with pytest.raises(ValidationErrors) as caught:
        parse_staff(raw | {"max_caseload": "1_5"}, region="AL", mediator=False)
    assert [e.field for e in caught.value.errors] == ["max_caseload"]


@pytest.mark.parametrize("text", ["Mon 0900-1200", "Mon 09:00Z-12:00", "Mon ٠٩:٠٠-12:00"])
def test_times_take_hh_mm_in_ascii_digits(text: str) -> None:
    with pytest.raises(ValidationError, match="is not a time in the form HH:MM"):
        parse_windows("visiting_hours", text)


# --- 5. nothing hidden in names, codes and places -----------------------------------------------


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("\u200b", "contains a hidden zero width space (U+200B)"),
        ("\u200c", "has no visible characters"),
        ("\u200d\u200c", "has no visible characters"),
        ("\u2060", "contains a hidden word joiner (U+2060)"),
        ("\ufeff", "contains a hidden byte-order mark (U+FEFF)"),
        ("\u3164", "has no visible characters"),
        ("Ali\u202eazeR", "contains a hidden right-to-left override character (U+202E)"),
        ("\u202bAli", "contains a hidden right-to-left embedding character (U+202B)"),
        ("Ali \u2067Reza\u2069", "contains a hidden right-to-left isolate character (U+2067)"),
        ("Ali\u2028Reza", "contains a line separator (U+2028); it must be a single line"),
        ("Ali\u2029Reza", "contains a paragraph separator (U+2029)"),
        ("Ah\ufeffmad", "contains a hidden byte-order mark (U+FEFF)"),
        ("Ahmad\x07", "contains a control character (U+0007)"),
        ("Ah\tmad", "contains a tab (U+0009)"),
        ("Ah\x85mad", "contains a control character (U+0085)"),
        ("Ah\ue000mad", "contains a private-use character (U+E000)"),
        ("Ah\ufffdmad", "contains a damaged character (U+FFFD)"),
    ],
)
def test_hidden_characters_in_a_name_are_refused_in_plain_words(value: str, reason: str) -> None:
    error = refused(lambda: v.text("given_name", value))
    assert error.field == "given_name"
    assert reason in error.reason
    message = str(error)
    assert message.startswith("given_name: ")
    # The message shows code points, never the invisible character itself.
    assert not any(unicodedata.category(ch) in ("Cf", "Zl", "Zp", "Co") for ch in message)


@pytest.mark.parametrize(
    "name",
    [
        "عَلِيّ",  # Arabic with harakat
        "محمد‌رضا",  # Dari with a ZWNJ inside
        "می‌خواهم",
        "ሰላም ተስፋይ",  # Ge'ez (Tigrinya)
        "Ҷамшед Раҳимов",  # Cyrillic (Tajik)
        "মুহাম্মদ রহমান",  # Bengali
        "ক্‍ষ",  # Bengali with a ZWJ inside a conjunct
        "O'Brien-Hoxha",
        "Zoë Ñúñez",
    ],
)
def test_legitimate_names_of_every_script_pass_unchanged(name: str) -> None:
    assert v.text("given_name", name) == unicodedata.normalize("NFC", name)


def test_a_joiner_at_the_edge_is_trimmed_like_a_space() -> None:
    assert v.text("given_name", "\u200cمحمد\u200c ") == "محمد"


def test_notes_keep_line_breaks_but_not_hidden_characters() -> None:
    assert v.note("notes", "first\r\nsecond\n\tthird") == "first\nsecond\n\tthird"
    for bad, code in (("a\u2028b", "U+2028"), ("a\u202eb", "U+202E"), ("a\x00b", "U+0000")):
        error = refused(lambda bad=bad: v.note("notes", bad))  # type: ignore[misc]
        assert error.field == "notes" and code in error.reason


def test_email_with_a_hidden_character_is_refused() -> None:
    assert "U+200B" in refused(lambda: v.email("email", "ana\u200b@example.org")).reason


def test_a_child_built_in_code_goes_through_the_same_rules(session: Session) -> None:
    with pytest.raises(ValidationErrors) as caught:
        children.create_child(
            session,
            factories.child(
                given_name="\u200b", family_name="Ra\u202ehimi", aliases=["A\u2028B"], notes="\x1b"
            ),
        )
    assert sorted(e.field for e in caught.value.errors) == [
        "aliases",
        "family_name",
        "given_name",
        "notes",
    ]
    assert session.scalar(select(Child.id)) is None


def test_a_person_built_in_code_goes_through_the_same_rules(session: Session) -> None:
    with pytest.raises(ValidationErrors) as caught:
        staff.create_staff(
            session,
            "mediator",
            factories.guardian(code="M-٠١", municipality="Tir\u202eana", dialects=["\u200b"]),
        )
    assert sorted(e.field for e in caught.value.errors) == ["code", "dialects", "municipality"]
    assert session.scalar(select(Guardian.id)) is None


def test_a_case_number_stored_before_the_rules_were_strict_stays_editable(
    session: Session,
) -> None:
    """An earlier import let AL-2026-٠٠٠٠١ in: the record must still open, save and link."""
    odd = "AL-2026-٠٠٠٠١"
    child = children.create_child(session, factories.child())
    session.execute(update(Child).where(Child.id == child.id).values(case_number=odd))
    session.expire_all()
    raw = {"case_number": odd, "given_name": "Omid", "sex": "male", "nationality": "AF"}
    raw |= {"identified_on": "2026-10-01", "siblings": odd}
    data = parse_child(raw, today=TODAY, registered={odd})
    assert data.case_number == odd and data.sibling_case_numbers == [odd]
    edited = factories.child(case_number=odd, notes="seen today")
    saved = children.update_child(session, child.id, edited, child.version)
    assert (saved.case_number, saved.notes) == (odd, "seen today")
