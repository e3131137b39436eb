"""Validation rules: each takes a field name and a raw value and returns a clean value.

Every failure raises ValidationError naming the field and the value, so the same message
reaches a form, the command line and an import report.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, time
from enum import StrEnum
from typing import TypeVar

import phonenumbers
import pycountry

from guardian_desk.domain.enums import GenderPreference, Proficiency
from guardian_desk.domain.errors import ValidationError

E = TypeVar("E", bound=StrEnum)

CASE_NUMBER_RE = re.compile(r"^[A-Z]{2}-\d{4}-\d{5}$")
CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,31}$")
# Deliberately permissive: the mail server is the judge; this catches typing slips.
EMAIL_RE = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]{2,}$")
EARLIEST_DATE = date(1900, 1, 1)
USER_ASSIGNED_COUNTRIES = {"XK": "Kosovo", "XX": "Unknown / stateless"}


def text(field: str, value: str | None, *, max_length: int = 200, required: bool = True) -> str:
    """Trimmed single-line text; control characters are refused, any script is welcome."""
    cleaned = (value or "").strip()
    if not cleaned:
        if required:
            raise ValidationError(field, value, "is required")
        return ""
    if len(cleaned) > max_length:
        raise ValidationError(field, cleaned[:40] + "…", f"is longer than {max_length} characters")
    if any(unicodedata.category(ch) == "Cc" for ch in cleaned):
        raise ValidationError(field, cleaned, "contains control characters (line breaks, tabs)")
    return unicodedata.normalize("NFC", cleaned)


def note(field: str, value: str | None, *, max_length: int = 10_000) -> str:
    """Multi-line free text; line breaks allowed, other control characters refused."""
    cleaned = (value or "").strip().replace("\r\n", "\n")
    if len(cleaned) > max_length:
        raise ValidationError(field, cleaned[:40] + "…", f"is longer than {max_length} characters")
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in cleaned):
        raise ValidationError(field, cleaned[:40], "contains control characters")
    return unicodedata.normalize("NFC", cleaned)


def case_number(field: str, value: str | None) -> str:
    cleaned = (value or "").strip().upper()
    if not CASE_NUMBER_RE.match(cleaned):
        raise ValidationError(field, value, "is not a case number like AL-2026-00042")
    return cleaned


def record_code(field: str, value: str | None) -> str:
    """Short stable codes of guardians, mediators and facilities (G-00012, FAC-TIR-01)."""
    cleaned = (value or "").strip().upper()
    if not CODE_RE.match(cleaned):
        raise ValidationError(field, value, "must be 1-32 letters, digits or dashes, like G-00012")
    return cleaned


def parse_date(
    field: str,
    value: str | date | None,
    *,
    required: bool = True,
    allow_future: bool = False,
    today: date | None = None,
) -> date | None:
    """An ISO date (YYYY-MM-DD); dates in the future are refused unless allowed."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError(field, value, "is required (YYYY-MM-DD)")
        return None
    if isinstance(value, date):
        parsed = value
    else:
        try:
            parsed = date.fromisoformat(value.strip())
        except ValueError:
            raise ValidationError(field, value, "is not a date in the form YYYY-MM-DD") from None
    if parsed < EARLIEST_DATE:
        raise ValidationError(field, value, f"is before {EARLIEST_DATE.isoformat()}")
    if not allow_future and parsed > (today or date.today()):
        raise ValidationError(field, value, "is in the future")
    return parsed


def parse_time(field: str, value: str | time) -> time:
    if isinstance(value, time):
        return value
    try:
        parsed = time.fromisoformat(value.strip())
    except (ValueError, AttributeError):
        raise ValidationError(field, value, "is not a time in the form HH:MM") from None
    if parsed.second or parsed.microsecond:
        raise ValidationError(field, value, "must be whole minutes (HH:MM)")
    return parsed


def parse_bool(field: str, value: str | bool | None, *, default: bool = False) -> bool:
    if isinstance(value, bool):
        return value
    cleaned = (value or "").strip().lower()
    if not cleaned:
        return default
    if cleaned in {"yes", "y", "true", "1"}:
        return True
    if cleaned in {"no", "n", "false", "0"}:
        return False
    raise ValidationError(field, value, "must be yes or no")


def parse_int(field: str, value: str | int | None, *, minimum: int, maximum: int) -> int:
    try:
        number = value if isinstance(value, int) else int(str(value).strip())
    except (TypeError, ValueError):
        raise ValidationError(field, value, "is not a whole number") from None
    if not minimum <= number <= maximum:
        raise ValidationError(field, value, f"must be between {minimum} and {maximum}")
    return number


def coordinate(field: str, value: str | float | None, *, limit: float) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValidationError(field, value, "is not a number") from None
    if not -limit <= number <= limit:
        raise ValidationError(field, value, f"must be between -{limit:g} and {limit:g}")
    return round(number, 6)


def country(field: str, value: str | None, *, required: bool = True) -> str | None:
    """ISO 3166-1 alpha-2 code (``AF``, ``SY``).

    Also accepted: ``XK`` (Kosovo, the code the EU and the region use) and ``XX`` (stateless
    or unknown), which ISO 3166 leaves to its users.
    """
    cleaned = (value or "").strip().upper()
    if not cleaned:
        if required:
            raise ValidationError(field, value, "is required (ISO 3166 code such as AF)")
        return None
    if cleaned in USER_ASSIGNED_COUNTRIES or pycountry.countries.get(alpha_2=cleaned) is not None:
        return cleaned
    raise ValidationError(field, value, "is not an ISO 3166 two-letter country code")


def language(field: str, value: str | None) -> str:
    """ISO 639-3 code of an individual language or macrolanguage (``prs``, ``ara``, ``tir``)."""
    cleaned = (value or "").strip().lower()
    if len(cleaned) == 3 and pycountry.languages.get(alpha_3=cleaned) is not None:
        return cleaned
    raise ValidationError(field, value, "is not an ISO 639-3 language code (e.g. prs, ara, tir)")


def proficiency(field: str, value: str | Proficiency) -> Proficiency:
    try:
        return Proficiency(str(value).strip().lower())
    except ValueError:
        allowed = ", ".join(p.value for p in Proficiency)
        raise ValidationError(field, value, f"must be one of {allowed}") from None


def gender_preference(field: str, value: str | GenderPreference | None) -> GenderPreference:
    cleaned = str(value or "any").strip().lower()
    try:
        return GenderPreference(cleaned)
    except ValueError:
        raise ValidationError(field, value, "must be any, female or male") from None


def phone(field: str, value: str | None, *, region: str, required: bool = False) -> str:
    """A dialable number, stored as E.164; local numbers are read in the office's country."""
    cleaned = (value or "").strip()
    if not cleaned:
        if required:
            raise ValidationError(field, value, "is required")
        return ""
    try:
        parsed = phonenumbers.parse(cleaned, region)
    except phonenumbers.NumberParseException:
        raise ValidationError(field, value, "is not a phone number") from None
    if not phonenumbers.is_valid_number(parsed):
        raise ValidationError(field, value, f"is not a valid phone number (read in {region})")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def email(field: str, value: str | None) -> str:
    cleaned = (value or "").strip()
    if not cleaned:
        return ""
    if not EMAIL_RE.match(cleaned):
        raise ValidationError(field, value, "is not an e-mail address")
    return cleaned


def enum_value(field: str, value: object, enum_type: type[E]) -> E:
    try:
        return enum_type(str(value).strip().lower())
    except ValueError:
        allowed = ", ".join(m.value for m in enum_type)
        raise ValidationError(field, value, f"must be one of {allowed}") from None
