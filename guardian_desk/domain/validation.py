"""Validation rules: each takes a field name and a raw value and returns a clean value.

Every failure raises ValidationError naming the field and the value, so the same message
reaches a form, the command line and an import report.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from datetime import date, time
from enum import StrEnum
from typing import TypeVar

import pycountry

from guardian_desk.domain.enums import GenderPreference, Proficiency
from guardian_desk.domain.errors import ValidationError
from guardian_desk.domain.text import (
    char_name,
    code_point,
    has_visible,
    hidden_problem,
    shown,
    trim,
)
from guardian_desk.i18n import N_, _, ngettext
from guardian_desk.i18n.formats import date_text

E = TypeVar("E", bound=StrEnum)

# [0-9], never \d: Python's \d also matches Arabic-Indic and other digits.
CASE_NUMBER_RE = re.compile(r"[A-Z]{2}-[0-9]{4}-[0-9]{5}")
CODE_RE = re.compile(r"[A-Z0-9][A-Z0-9-]{0,31}")
DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# 9:00, 09:00, 09:00:00 and, as offices in the region also write it, 9.00 or 09.00.
TIME_RE = re.compile(
    r"(?P<h>[0-9]{1,2})(?::(?P<m>[0-9]{2})(?::(?P<s>[0-9]{2}))?|\.(?P<dm>[0-9]{2}))"
)
INT_RE = re.compile(r"[+-]?[0-9]+")
DECIMAL_RE = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")
# Deliberately permissive: the mail server is the judge; this catches typing slips.
EMAIL_RE = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]{2,}$")
EARLIEST_DATE = date(1900, 1, 1)
USER_ASSIGNED_COUNTRIES = {"XK": N_("Kosovo"), "XX": N_("Unknown / stateless")}
_SHOWN_LENGTH = 40


def _shown(value: object) -> object:
    """A refused value as a message shows it: hidden characters as [U+XXXX], long ones cut."""
    if not isinstance(value, str):
        return value
    visible = shown(value)
    return visible if len(visible) <= _SHOWN_LENGTH else visible[:_SHOWN_LENGTH] + "…"


def _code_points(value: str) -> str:
    """A value that draws nothing, written as its characters' code points."""
    return "".join(f"[{code_point(ch)}]" for ch in value[:8]) + ("…" if len(value) > 8 else "")


def _checked(field: str, value: str | None, *, max_length: int, multiline: bool) -> str:
    """Normalise (NFC, trim) first, then check: what is measured is what gets stored."""
    raw = value or ""
    cleaned = trim(raw.replace("\r\n", "\n").replace("\r", "\n") if multiline else raw)
    if not cleaned:
        if raw.strip():  # only joiners or direction marks: nothing anyone could read
            raise ValidationError(field, _code_points(raw.strip()), _("has no visible characters"))
        return ""
    problem = hidden_problem(cleaned, multiline=multiline)
    if problem:
        raise ValidationError(field, _shown(cleaned), problem)
    if not has_visible(cleaned):
        raise ValidationError(field, _code_points(cleaned), _("has no visible characters"))
    if len(cleaned) > max_length:
        length = len(cleaned)
        if len(raw.strip()) <= max_length:
            # TRANSLATORS: about a typed text that grew when its accents were composed.
            problem = ngettext(
                "is {length} character long once written in standard (NFC) form; "
                "at most {maximum} are allowed",
                "is {length} characters long once written in standard (NFC) form; "
                "at most {maximum} are allowed",
                length,
            )
        else:
            problem = ngettext(
                "is {length} character long; at most {maximum} are allowed",
                "is {length} characters long; at most {maximum} are allowed",
                length,
            )
        raise ValidationError(
            field, _shown(cleaned), problem.format(length=length, maximum=max_length)
        )
    return cleaned


def text(field: str, value: str | None, *, max_length: int = 200, required: bool = True) -> str:
    """Single-line text in any script, NFC; hidden and control characters are refused."""
    cleaned = _checked(field, value, max_length=max_length, multiline=False)
    if not cleaned and required:
        raise ValidationError(field, _shown(value), _("is required"))
    return cleaned


def note(field: str, value: str | None, *, max_length: int = 10_000) -> str:
    """Multi-line free text; line breaks and tabs allowed, other control characters refused."""
    return _checked(field, value, max_length=max_length, multiline=True)


def _ascii_code(field: str, value: str | None, pattern: re.Pattern[str], like: str) -> str:
    """Codes are typed and printed everywhere: ASCII letters and digits only, upper case.

    ``like``: an N_-marked phrase such as "a case number like AL-2026-00042".
    """
    cleaned = trim(value or "")
    foreign = next((ch for ch in cleaned if not ch.isascii()), None)
    if foreign is not None:
        raise ValidationError(
            field,
            _shown(cleaned),
            # TRANSLATORS: {like} is a phrase such as "a case number like AL-2026-00042";
            # {character} the Unicode name of a letter, {code} its code point (U+00C7).
            _(
                "is not {like}: it contains {character} ({code}); "
                "use only the letters A-Z and the digits 0-9"
            ).format(like=_(like), character=char_name(foreign), code=code_point(foreign)),
        )
    cleaned = cleaned.upper()
    if not pattern.fullmatch(cleaned):
        # TRANSLATORS: {like} is a phrase such as "a case number like AL-2026-00042".
        raise ValidationError(field, _shown(value), _("is not {like}").format(like=_(like)))
    return cleaned


def case_number(field: str, value: str | None) -> str:
    return _ascii_code(field, value, CASE_NUMBER_RE, N_("a case number like AL-2026-00042"))


def record_code(field: str, value: str | None) -> str:
    """Short stable codes of guardians, mediators and facilities (G-00012, FAC-TIR-01)."""
    return _ascii_code(
        field, value, CODE_RE, N_("a code of 1-32 letters, digits or dashes, like G-00012")
    )


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
            raise ValidationError(field, value, _("is required (YYYY-MM-DD)"))
        return None
    parsed = value if isinstance(value, date) else iso_date(field, value)
    if parsed < EARLIEST_DATE:
        # TRANSLATORS: {date} is the earliest date accepted (1 January 1900).
        problem = _("is before {date}").format(date=date_text(EARLIEST_DATE))
        raise ValidationError(field, value, problem)
    if not allow_future and parsed > (today or date.today()):
        raise ValidationError(field, value, _("is in the future"))
    return parsed


def iso_date(field: str, value: str) -> date:
    """Only the documented form YYYY-MM-DD (fromisoformat alone also takes 2026-W05-2, 20260203)."""
    cleaned = value.strip()
    try:
        if not DATE_RE.fullmatch(cleaned):
            raise ValueError(cleaned)
        return date.fromisoformat(cleaned)
    except ValueError:
        raise ValidationError(
            field, _shown(value), _("is not a date in the form YYYY-MM-DD")
        ) from None


def parse_time(field: str, value: str | time) -> time:
    if isinstance(value, time):
        return value
    try:
        cleaned = value.strip()
        found = TIME_RE.fullmatch(cleaned)
        if not found:
            raise ValueError(cleaned)
        minute = found["m"] or found["dm"]
        parsed = time(int(found["h"]), int(minute), int(found["s"] or 0))
    except (ValueError, AttributeError, TypeError):
        raise ValidationError(field, _shown(value), _("is not a time in the form HH:MM")) from None
    if parsed.second or parsed.microsecond:
        raise ValidationError(field, value, _("must be whole minutes (HH:MM)"))
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
    raise ValidationError(field, value, _("must be yes or no"))


def parse_int(field: str, value: str | int | None, *, minimum: int, maximum: int) -> int:
    """ASCII digits with an optional sign (int() alone also takes 1_5 and Arabic-Indic ١٥)."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValidationError(field, _shown(value), _("is not a whole number"))
    if isinstance(value, int):
        number = value
    elif INT_RE.fullmatch(value.strip()):
        number = int(value.strip())
    else:
        raise ValidationError(field, _shown(value), _("is not a whole number (digits 0-9)"))
    if not minimum <= number <= maximum:
        problem = _("must be between {minimum} and {maximum}")
        raise ValidationError(field, value, problem.format(minimum=minimum, maximum=maximum))
    return number


def coordinate(field: str, value: str | float | None, *, limit: float) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str) and not DECIMAL_RE.fullmatch(value.strip()):
        raise ValidationError(field, _shown(value), _("is not a number like 41.3275 (digits 0-9)"))
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValidationError(field, _shown(value), _("is not a number")) from None
    if not math.isfinite(number):
        raise ValidationError(field, value, _("is not a number"))
    if not -limit <= number <= limit:
        problem = _("must be between {minimum} and {maximum}")
        raise ValidationError(
            field, value, problem.format(minimum=f"-{limit:g}", maximum=f"{limit:g}")
        )
    return round(number, 6)


def country(field: str, value: str | None, *, required: bool = True) -> str | None:
    """ISO 3166-1 alpha-2 code (``AF``, ``SY``).

    Also accepted: ``XK`` (Kosovo, the code the EU and the region use) and ``XX`` (stateless
    or unknown), which ISO 3166 leaves to its users.
    """
    cleaned = (value or "").strip().upper()
    if not cleaned:
        if required:
            raise ValidationError(field, value, _("is required (ISO 3166 code such as AF)"))
        return None
    if cleaned in USER_ASSIGNED_COUNTRIES or pycountry.countries.get(alpha_2=cleaned) is not None:
        return cleaned
    raise ValidationError(field, value, _("is not an ISO 3166 two-letter country code"))


def language(field: str, value: str | None) -> str:
    """ISO 639-3 code of an individual language or macrolanguage (``prs``, ``ara``, ``tir``)."""
    cleaned = (value or "").strip().lower()
    if len(cleaned) == 3 and pycountry.languages.get(alpha_3=cleaned) is not None:
        return cleaned
    raise ValidationError(field, value, _("is not an ISO 639-3 language code (e.g. prs, ara, tir)"))


def proficiency(field: str, value: str | Proficiency) -> Proficiency:
    try:
        return Proficiency(str(value).strip().lower())
    except ValueError:
        raise ValidationError(field, value, _one_of(p.value for p in Proficiency)) from None


def gender_preference(field: str, value: str | GenderPreference | None) -> GenderPreference:
    cleaned = str(value or "any").strip().lower()
    try:
        return GenderPreference(cleaned)
    except ValueError:
        raise ValidationError(field, value, _("must be any, female or male")) from None


def phone(field: str, value: str | None, *, region: str, required: bool = False) -> str:
    """A dialable number, stored as E.164; local numbers are read in the office's country."""
    cleaned = (value or "").strip()
    if not cleaned:
        if required:
            raise ValidationError(field, value, _("is required"))
        return ""
    import phonenumbers  # 25 ms and 58 modules: on the first number read, not at start

    try:
        parsed = phonenumbers.parse(cleaned, region)
    except phonenumbers.NumberParseException:
        raise ValidationError(field, value, _("is not a phone number")) from None
    if not phonenumbers.is_valid_number(parsed):
        # TRANSLATORS: {region} is a two-letter country code (AL, RS) the number is read in.
        problem = _("is not a valid phone number (read in {region})").format(region=region)
        raise ValidationError(field, value, problem)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def email(field: str, value: str | None) -> str:
    cleaned = trim(value or "")
    if not cleaned:
        return ""
    if (problem := hidden_problem(cleaned)) or (problem := _joiner_in(cleaned)):
        raise ValidationError(field, _shown(cleaned), problem)
    if not EMAIL_RE.match(cleaned):
        raise ValidationError(field, value, _("is not an e-mail address"))
    return cleaned


def enum_value(field: str, value: object, enum_type: type[E]) -> E:
    try:
        return enum_type(str(value).strip().lower())
    except ValueError:
        raise ValidationError(field, value, _one_of(m.value for m in enum_type)) from None


def _one_of(allowed: Iterable[str]) -> str:
    """The words a file or a command accepts; they stay as typed, in English."""
    # TRANSLATORS: {allowed} lists the accepted values as typed in files ("female, male").
    return _("must be one of {allowed}").format(allowed=", ".join(allowed))


def _joiner_in(value: str) -> str | None:
    """Joiners and direction marks belong in words, not in addresses."""
    found = next((ch for ch in value if unicodedata.category(ch) == "Cf"), None)
    if found is None:
        return None
    # TRANSLATORS: {character} is the Unicode name of an invisible character, {code} its
    # code point (U+200D).
    return _("contains a hidden {character} ({code})").format(
        character=char_name(found), code=code_point(found)
    )
