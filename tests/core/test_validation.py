"""Bad input gets a message that names the field and the value."""

from __future__ import annotations

from datetime import date

import pytest

from guardian_desk.domain import validation as v
from guardian_desk.domain.errors import ValidationError, ValidationErrors
from guardian_desk.domain.parsing import parse_child, parse_staff, parse_windows


def test_future_date_is_refused_with_field_and_value() -> None:
    with pytest.raises(ValidationError) as caught:
        v.parse_date("date_of_birth", "2031-02-03", today=date(2026, 11, 29))
    assert str(caught.value) == "date_of_birth: '2031-02-03' is in the future"


@pytest.mark.parametrize(
    ("rule", "value", "message"),
    [
        (lambda x: v.case_number("case_number", x), "AL-26-1", "is not a case number"),
        (lambda x: v.language("languages", x), "xyz", "is not an ISO 639-3 language code"),
        (lambda x: v.country("nationality", x), "QQ", "is not an ISO 3166"),
        (lambda x: v.phone("phone", x, region="AL"), "12", "is not a valid phone number"),
        (lambda x: v.email("email", x), "a@b", "is not an e-mail address"),
        (lambda x: v.text("given_name", x), "Ahmad\nRahimi", "contains a line break"),
        (lambda x: v.parse_int("max_caseload", x, minimum=1, maximum=100), "250", "between 1"),
    ],
)
def test_each_rule_names_field_value_and_reason(rule, value, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        rule(value)
    assert repr(value) in str(caught.value)
    assert message in caught.value.reason


def test_phone_is_stored_in_international_form() -> None:
    assert v.phone("phone", "069 123 4567", region="AL") == "+355691234567"


def test_markup_characters_in_names_are_kept_literally() -> None:
    assert v.text("given_name", 'A<B & "C"') == 'A<B & "C"'


def test_child_form_reports_every_bad_field_at_once() -> None:
    with pytest.raises(ValidationErrors) as caught:
        parse_child(
            {
                "given_name": "",
                "sex": "boy",
                "nationality": "AF",
                "identified_on": "2026-13-01",
                "languages": "prs:native; zzz",
            },
            today=date(2026, 11, 29),
        )
    fields = sorted(e.field for e in caught.value.errors)
    assert fields == ["given_name", "identified_on", "languages", "sex"]


def test_child_must_be_under_eighteen_when_identified() -> None:
    with pytest.raises(ValidationErrors) as caught:
        parse_child(
            {
                "given_name": "Omid",
                "sex": "male",
                "nationality": "AF",
                "identified_on": "2026-05-01",
                "date_of_birth": "2006-01-01",
            },
            today=date(2026, 11, 29),
        )
    assert "20 years old when identified" in str(caught.value)


def test_staff_needs_a_language() -> None:
    with pytest.raises(ValidationErrors, match="languages: '' must name at least one language"):
        parse_staff(
            {"given_name": "Ana", "family_name": "Kola", "sex": "female"},
            region="AL",
            mediator=False,
        )


def test_overlapping_hours_are_refused() -> None:
    with pytest.raises(ValidationError, match="overlap"):
        parse_windows("visiting_hours", "Mon 10:00-12:00; Mon 11:00-13:00")
    assert len(parse_windows("visiting_hours", "mon 10:00-12:00; Sat 09:00-24:00")) == 2
