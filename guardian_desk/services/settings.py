"""The office's settings (one row, created by the first migration)."""

from __future__ import annotations

import io
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, available_timezones

from sqlalchemy.orm import Session

from guardian_desk.db.models import OfficeSettings
from guardian_desk.db.models.settings import SETTINGS_ID
from guardian_desk.domain import validation as v
from guardian_desk.domain.errors import ValidationError, ValidationErrors
from guardian_desk.domain.parsing import Collector
from guardian_desk.domain.records import SettingsData
from guardian_desk.i18n import _
from guardian_desk.i18n.languages import LANGUAGES
from guardian_desk.security.roles import Permission, requires
from guardian_desk.services import audit, office_texts
from guardian_desk.services.locking import flush_checked, load_for_update
from guardian_desk.services.office_texts import OfficeTexts

# The parts of a matching score and their default weights (docs/matching.md). Weights are
# relative: matching scales them so that they sum to 100.
MATCHING_WEIGHT_DEFAULTS: dict[str, float] = {
    "language": 35.0,
    "distance": 15.0,
    "availability": 15.0,
    "load": 15.0,
    "continuity": 10.0,
    "preference": 10.0,
}


def matching_weights(changed: Mapping[str, float]) -> dict[str, float]:
    """Every part's weight: the office's changed ones over the documented defaults."""
    return MATCHING_WEIGHT_DEFAULTS | {
        key: float(value) for key, value in changed.items() if key in MATCHING_WEIGHT_DEFAULTS
    }


def _clean_weights(c: Collector, weights: Mapping[str, object]) -> dict[str, float]:
    cleaned: dict[str, float] = {}
    for key, value in weights.items():
        if key not in MATCHING_WEIGHT_DEFAULTS:
            c.add(
                "matching_weights",
                key,
                # TRANSLATORS: {parts} lists the parts' names as settings files write them.
                _("is not a part of the score ({parts})").format(
                    parts=", ".join(MATCHING_WEIGHT_DEFAULTS)
                ),
            )
            continue
        try:
            number = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            c.add(f"matching_weights.{key}", value, _("is not a number"))
            continue
        if not 0 <= number <= 100:
            problem = _("must be between {minimum} and {maximum}").format(minimum=0, maximum=100)
            c.add(f"matching_weights.{key}", value, problem)
            continue
        cleaned[key] = number
    if not c.errors and sum(matching_weights(cleaned).values()) <= 0:
        c.add("matching_weights", dict(weights), _("must give at least one part a weight"))
    return cleaned


def help_line(value: str, region: str) -> str:
    """A full number (stored as E.164) or a short number dialled in the office's country, such
    as the European child helpline 116 111 (stored as its digits, "116111")."""
    try:
        return v.phone("help_line", value, region=region)
    except ValidationError:
        pass
    import phonenumbers  # on the first number read, not at start (see validation.phone)

    try:
        parsed = phonenumbers.parse(value.strip(), region)
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is None or not phonenumbers.is_valid_short_number_for_region(parsed, region):
        # TRANSLATORS: {region} is a two-letter country code (AL, RS) the number is read in.
        problem = _("is not a valid phone number or short number (read in {region})")
        raise ValidationError("help_line", value, problem.format(region=region))
    return phonenumbers.national_significant_number(parsed)


@requires(Permission.READ_RECORDS)
def get_settings(session: Session) -> OfficeSettings:
    found = session.get(OfficeSettings, SETTINGS_ID)
    if found is None:  # only a database damaged by hand lacks it
        raise ValidationErrors([ValidationError("settings", None, _("row is missing"))])
    return found


@requires(Permission.READ_RECORDS)
def office_zone(session: Session) -> ZoneInfo:
    return ZoneInfo(get_settings(session).time_zone)


def settings_data(row: OfficeSettings) -> SettingsData:
    return SettingsData(
        organisation_name=row.organisation_name,
        organisation_address=row.organisation_address,
        country=row.country,
        time_zone=row.time_zone,
        caseload_cap=row.caseload_cap,
        appointment_deadline_days=row.appointment_deadline_days,
        visit_interval_days=row.visit_interval_days,
        gender_preference_hard=row.gender_preference_hard,
        visit_minutes=row.visit_minutes,
        matching_weights=dict(row.matching_weights or {}),
        first_visit_days=row.first_visit_days,
        travel_buffer_minutes=row.travel_buffer_minutes,
        legal_basis=row.legal_basis,
        office_phone=row.office_phone,
        office_email=row.office_email,
        help_line=row.help_line,
        idle_lock_minutes=row.idle_lock_minutes,
        retention_years=row.retention_years,
        attachment_max_mb=row.attachment_max_mb,
        rescreen_after_days=row.rescreen_after_days,
    )


@dataclass(frozen=True)
class StoredSettings:
    """The settings as the settings dialog shows them, plain data for the GUI thread: the
    settings, their version, the letterhead logo (with its description), the papers' language
    and the office's texts per language (with each language's defaults, shown under an empty
    text)."""

    data: SettingsData
    version: int
    logo: bytes | None
    logo_info: str | None
    papers_language: str = "en"
    texts: dict[str, OfficeTexts] = field(default_factory=dict)
    defaults: dict[str, OfficeTexts] = field(default_factory=dict)


@requires(Permission.READ_RECORDS)
def stored_settings(session: Session) -> StoredSettings:
    """The stored settings, as the session sees them (a save's changes too, once flushed)."""
    row = get_settings(session)
    logo = row.letterhead_logo or None
    interval = row.visit_interval_days
    return StoredSettings(
        settings_data(row),
        row.version,
        logo,
        describe_logo(logo) if logo else None,
        office_texts.papers_language(row),
        office_texts.all_office_texts(session),
        {code: office_texts.defaults(code, interval) for code in LANGUAGES},
    )


def validate_settings(data: SettingsData) -> SettingsData:
    c = Collector()
    region = (data.country or "").strip().upper()
    cleaned = SettingsData(
        organisation_name=c(
            lambda: v.text("organisation_name", data.organisation_name, required=False), ""
        ),
        organisation_address=c(
            lambda: v.note("organisation_address", data.organisation_address, max_length=1000), ""
        ),
        country=c(lambda: v.country("country", data.country) or "", ""),
        time_zone=data.time_zone.strip(),
        caseload_cap=c(
            lambda: v.parse_int("caseload_cap", data.caseload_cap, minimum=1, maximum=100), 25
        ),
        appointment_deadline_days=c(
            lambda: v.parse_int(
                "appointment_deadline_days", data.appointment_deadline_days, minimum=1, maximum=90
            ),
            15,
        ),
        visit_interval_days=c(
            lambda: v.parse_int(
                "visit_interval_days", data.visit_interval_days, minimum=1, maximum=180
            ),
            30,
        ),
        gender_preference_hard=c(
            lambda: v.parse_bool("gender_preference_hard", data.gender_preference_hard), True
        ),
        visit_minutes=c(
            lambda: v.parse_int("visit_minutes", data.visit_minutes, minimum=15, maximum=480), 60
        ),
        matching_weights=_clean_weights(c, data.matching_weights),
        first_visit_days=c(
            lambda: v.parse_int("first_visit_days", data.first_visit_days, minimum=1, maximum=90),
            7,
        ),
        travel_buffer_minutes=c(
            lambda: v.parse_int(
                "travel_buffer_minutes", data.travel_buffer_minutes, minimum=0, maximum=240
            ),
            30,
        ),
        idle_lock_minutes=c(
            lambda: v.parse_int(
                "idle_lock_minutes", data.idle_lock_minutes, minimum=1, maximum=240
            ),
            10,
        ),
        retention_years=c(
            lambda: v.parse_int("retention_years", data.retention_years, minimum=1, maximum=100),
            10,
        ),
        attachment_max_mb=c(
            lambda: v.parse_int(
                "attachment_max_mb", data.attachment_max_mb, minimum=1, maximum=100
            ),
            10,
        ),
        rescreen_after_days=c(
            lambda: v.parse_int(
                "rescreen_after_days", data.rescreen_after_days, minimum=7, maximum=730
            ),
            90,
        ),
        legal_basis=c(lambda: v.note("legal_basis", data.legal_basis, max_length=4000), ""),
        # Local numbers are read in the office's country (an unknown country: as they are).
        office_phone=c(lambda: v.phone("office_phone", data.office_phone, region=region), ""),
        office_email=c(
            lambda: v.email(
                "office_email",
                v.text("office_email", data.office_email, max_length=200, required=False),
            ),
            "",
        ),
        help_line=c(lambda: help_line(data.help_line, region), ""),
    )
    if cleaned.time_zone not in available_timezones():
        c.add("time_zone", data.time_zone, _("is not a time zone name like Europe/Tirane"))
    c.raise_if_any()
    return cleaned


@requires(Permission.MANAGE_SETTINGS)
def update_settings(session: Session, data: SettingsData, expected_version: int) -> OfficeSettings:
    cleaned = validate_settings(data)
    row = load_for_update(session, OfficeSettings, SETTINGS_ID, expected_version, "settings")
    before = settings_data(row)
    for name, value in vars(cleaned).items():
        setattr(row, name, value)
    flush_checked(session, row, "settings", expected_version)
    audit.record(session, "settings", SETTINGS_ID, "update", before=before, after=cleaned)
    return row


# --- the letterhead's logo (docs/papers.md) ---------------------------------------------------

LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_MAX_SIDE = 4000  # pixels, either way
_LOGO_MAGIC = {"PNG": b"\x89PNG\r\n\x1a\n", "JPEG": b"\xff\xd8\xff"}


def _size_text(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f} MB"
    return f"{max(1, round(count / 1024))} KB"


def describe_logo(data: bytes) -> str:
    """A logo as the officer and the audit trail read it: "PNG 420×120, 18 KB"."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            return f"{image.format} {image.width}×{image.height}, {_size_text(len(data))}"
    except Exception:  # stored before it was checked, or damaged since: still say something
        # TRANSLATORS: {size} is a file size such as "18 KB".
        return _("unreadable image, {size}").format(size=_size_text(len(data)))


def check_letterhead_logo(data: bytes, name: str = "") -> str:
    """Refuse what cannot be a letterhead logo; the accepted logo's description.

    Only PNG and JPEG (what reportlab prints), at most 2 MB and 4000×4000 pixels, and whole:
    the file's first bytes must say PNG or JPEG and Pillow must decode it to the end.
    """
    from PIL import Image

    label = f"{name}, {_size_text(len(data))}" if name else _size_text(len(data))

    def refuse(reason: str) -> ValidationErrors:
        return ValidationErrors([ValidationError("letterhead_logo", label, reason)])

    if len(data) > LOGO_MAX_BYTES:
        raise refuse(_("is larger than 2 MB"))
    kind = next((k for k, magic in _LOGO_MAGIC.items() if data.startswith(magic)), None)
    if kind is None:
        raise refuse(_("is not a PNG or JPEG image"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as image:
                if image.format != kind:
                    raise refuse(_("is not a PNG or JPEG image"))
                width, height = image.size
                if width > LOGO_MAX_SIDE or height > LOGO_MAX_SIDE:
                    raise refuse(
                        _("is {width}×{height} pixels, larger than 4000×4000").format(
                            width=width, height=height
                        )
                    )
                image.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()  # verify() does not decode JPEG data: a cut-off file fails here
        except ValidationErrors:
            raise
        except Image.DecompressionBombError:
            raise refuse(_("is larger than 4000×4000 pixels")) from None
        except Exception:
            raise refuse(_("is damaged: it cannot be read to the end")) from None
    return f"{kind} {width}×{height}, {_size_text(len(data))}"


@requires(Permission.READ_RECORDS)
def letterhead_logo_info(session: Session) -> str | None:
    """The stored logo's description, or None when the letterhead has none."""
    logo = get_settings(session).letterhead_logo
    return describe_logo(logo) if logo else None


@requires(Permission.MANAGE_SETTINGS)
def set_letterhead_logo(
    session: Session, data: bytes | None, expected_version: int, *, name: str = ""
) -> OfficeSettings:
    """Store the letterhead's logo (None removes it); ``name`` is the file's, for messages."""
    after = None if data is None else check_letterhead_logo(data, name)
    row = load_for_update(session, OfficeSettings, SETTINGS_ID, expected_version, "settings")
    if (row.letterhead_logo or None) == data:
        return row
    before = describe_logo(row.letterhead_logo) if row.letterhead_logo else None
    row.letterhead_logo = data
    flush_checked(session, row, "settings", expected_version)
    audit.record(
        session,
        "settings",
        SETTINGS_ID,
        "update",
        before={"letterhead_logo": before},
        after={"letterhead_logo": after},
    )
    return row
