"""Transnational case transfer: a case bundle for another office, and its import there.

``export_bundle`` puts exactly the fields and attachments the officer chose into a payload,
seals it under a passphrase (protection/bundle.py: Argon2id + AES-256-GCM) and records the
disclosure (what, to whom, on which basis, with whose consent, by which account).
``read_bundle`` opens a bundle and ``preview`` says what it carries and where it came from;
``import_bundle`` creates a NEW child with this office's next case number, the carried
attachments, the carried case notes and history (as case notes), and a ``case_transfers`` row
(the provenance: the sending office, when, its reference and case number, the bundle id).
It overwrites nothing: a child who may be the same is named in the result, for the officer to
merge deliberately. The bundle id is unique in the database: the same bundle is imported once.
The caller owns the unit of work: any failure rolls everything back (nothing is imported).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, undefer

from guardian_desk.db.models import (
    AccompanyingAdult,
    Attachment,
    CaseNote,
    CaseTransfer,
    Child,
    MissingEpisode,
    Referral,
    Screening,
)
from guardian_desk.db.models.protection import CHECK_METHODS, CHECK_OUTCOMES
from guardian_desk.domain.case_history import NoteKind
from guardian_desk.domain.enums import Proficiency, Sex
from guardian_desk.domain.errors import NotFoundError, RuleViolation, ValidationError
from guardian_desk.domain.languages import country_name, language_name
from guardian_desk.domain.records import ChildData, Companion, LanguageSkill
from guardian_desk.domain.vocabularies import CONSENTS
from guardian_desk.i18n import N_, _, ngettext
from guardian_desk.i18n.formats import date_text, datetime_text, list_text
from guardian_desk.protection import bundle
from guardian_desk.protection.words import (
    CHECK_METHOD_NAMES,
    CHECK_OUTCOME_NAMES,
    CONSENT_NAMES,
    DECISION_NAMES,
    RECIPIENT_NAMES,
    REFERRAL_STATUS_NAMES,
    SET_NAMES,
    word,
)
from guardian_desk.security.roles import Permission, requires, signed_in
from guardian_desk.services import audit
from guardian_desk.services.disclosures import record_disclosure
from guardian_desk.services.settings import get_settings

ENTITY = "case_transfer"
KIND = "transfer_bundle"
PAYLOAD_FORMAT = "guardian-desk case bundle"
MAX_TEXT = 300
MAX_NOTE = 10_000


@dataclass(frozen=True)
class TransferField:
    key: str
    label: str  # in the interface language
    sensitive: bool  # left unticked by default
    required: bool = False


# The fields a bundle can carry: (label, sensitive). Identity always travels: the receiving
# office must know whom the case is about.
_FIELDS: dict[str, tuple[str, bool]] = {
    "identity": (N_("Identity (names and aliases)"), False),
    "date_of_birth": (N_("Date of birth"), False),
    "sex": (N_("Sex"), False),
    "nationality": (N_("Nationality"), False),
    "languages": (N_("Languages"), False),
    "case_dates": (N_("Dates of identification and arrival"), False),
    "accompanying_adults": (N_("Accompanying adults and how they were checked"), False),
    "placements": (N_("Placements"), False),
    "missing_episodes": (N_("Missing episodes"), True),
    "screenings": (N_("Trafficking screenings' results"), True),
    "referrals": (N_("Referrals"), True),
    "case_notes": (N_("Case notes"), True),
    "notes": (N_("Notes on the record"), True),
}
REQUIRED = ("identity",)


def transfer_fields() -> list[TransferField]:
    """What the officer may choose, in the interface language, in the bundle's order."""
    return [
        TransferField(key, _(label), sensitive, key in REQUIRED)
        for key, (label, sensitive) in _FIELDS.items()
    ]


def field_label(key: str) -> str:
    found = _FIELDS.get(key)
    return _(found[0]) if found else key


@dataclass(frozen=True)
class CarriedAttachment:
    file_name: str
    kind: str
    size: int
    sha256: str
    description: str


@dataclass(frozen=True)
class BundleSummary:
    """What was sent (plain data, safe for the GUI thread)."""

    bundle_id: str
    disclosure_id: int
    child_id: int
    case_number: str
    recipient: str
    reference: str
    legal_basis: str
    consent: str
    fields: tuple[str, ...]
    attachments: tuple[CarriedAttachment, ...]
    sent_at: datetime
    size: int

    @property
    def file_name(self) -> str:
        return f"{self.case_number}-{self.bundle_id[:8]}{bundle.SUFFIX}"


@dataclass(frozen=True)
class BundlePreview:
    """What a bundle carries and where it came from, for the officer to read before import."""

    bundle_id: str
    office: str
    office_uid: str
    country: str  # ISO code
    sent_at: datetime
    sent_by: str
    reference: str
    case_number: str  # the sender's
    child_name: str
    recipient: str
    legal_basis: str
    consent: str
    fields: tuple[str, ...]
    lines: tuple[tuple[str, str], ...]  # (label, value) in the interface language
    attachments: tuple[CarriedAttachment, ...]
    already_imported: str | None = None  # this office's case number, when imported before


@dataclass(frozen=True)
class PossibleDuplicate:
    child_id: int
    case_number: str
    name: str
    score: int


@dataclass(frozen=True)
class ImportResult:
    child_id: int
    case_number: str  # this office's new case number
    transfer_id: int
    source_office: str
    source_case_number: str
    attachments: int
    notes: int
    possible_duplicates: tuple[PossibleDuplicate, ...]


@dataclass(frozen=True)
class TransferInfo:
    """Where an imported case came from (case_transfers), for the record's Disclosures tab."""

    transfer_id: int
    child_id: int
    bundle_id: str
    source_office: str
    source_office_uid: str
    source_country: str
    source_case_number: str
    reference: str
    sent_at: datetime
    imported_at: datetime
    imported_by: str


# --- the payload -------------------------------------------------------------------------------


def _iso(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.isoformat()


def _value(session: Session, child: Child, key: str) -> Any:
    """The field's value in a form another Guardian Desk reads (codes, ISO dates)."""
    if key == "identity":
        return {
            "given_name": child.given_name,
            "family_name": child.family_name,
            "given_name_original": child.given_name_original,
            "family_name_original": child.family_name_original,
            "aliases": list(child.aliases),
        }
    if key == "date_of_birth":
        return {"date": _iso(child.date_of_birth), "estimated": child.dob_estimated}
    if key == "sex":
        return child.sex.value
    if key == "nationality":
        return child.nationality
    if key == "languages":
        return [{"code": x.code, "proficiency": x.proficiency.value} for x in child.languages]
    if key == "case_dates":
        return {"identified_on": _iso(child.identified_on), "arrived_on": _iso(child.arrived_on)}
    if key == "accompanying_adults":
        return [
            {
                "full_name": a.full_name,
                "claimed_relationship": a.claimed_relationship,
                "verified": a.verified,
                "check_method": a.check_method,
                "check_outcome": a.check_outcome,
                "checked_on": _iso(a.checked_on),
                "check_note": a.check_note,
            }
            for a in child.accompanying_adults
        ]
    if key == "placements":
        from guardian_desk.services.placements import placements_of

        return [
            {
                "facility": p.facility,
                "moved_on": _iso(p.moved_on),
                "left_on": _iso(p.left_on),
                "note": p.note,
            }
            for p in sorted(placements_of(session, child.id), key=lambda p: p.moved_on)
        ]
    if key == "missing_episodes":
        episodes = session.scalars(
            select(MissingEpisode)
            .where(MissingEpisode.child_id == child.id)
            .order_by(MissingEpisode.missing_since)
        )
        return [
            {
                "missing_since": _iso(e.missing_since),
                "last_seen_place": e.last_seen_place,
                "circumstances": e.circumstances,
                "reported_to_police": e.reported_to_police,
                "returned_at": _iso(e.returned_at),
                "found_place": e.found_place,
            }
            for e in episodes
        ]
    if key == "screenings":
        screenings = session.scalars(
            select(Screening).where(Screening.child_id == child.id).order_by(Screening.screened_at)
        )
        return [
            {
                "screened_at": _iso(s.screened_at),
                "indicator_set": s.indicator_set,
                "catalogue_version": s.catalogue_version,
                "positive_elements": list(s.positive_elements),
                "flagged": s.flagged,
                "decision": s.decision,
            }
            for s in screenings
        ]
    if key == "referrals":
        referrals = session.scalars(
            select(Referral).where(Referral.child_id == child.id).order_by(Referral.sent_on)
        )
        return [
            {
                "recipient_kind": r.recipient_kind,
                "recipient_name": r.recipient_name,
                "sent_on": _iso(r.sent_on),
                "status": r.status,
            }
            for r in referrals
        ]
    if key == "case_notes":
        notes = session.scalars(
            select(CaseNote)
            .where(CaseNote.child_id == child.id)
            .order_by(CaseNote.noted_on, CaseNote.id)
        )
        return [
            {
                "kind": str(n.kind),
                "noted_on": _iso(n.noted_on),
                "text": n.text,
                "author": n.author_name or n.author,
            }
            for n in notes
        ]
    if key == "notes":
        return child.notes
    raise KeyError(key)


def check_fields(fields: Sequence[str]) -> tuple[str, ...]:
    """The chosen keys, known, each once, in the bundle's order; identity is needed."""
    chosen = {key.strip() for key in fields if key.strip()}
    unknown = sorted(chosen - set(_FIELDS))
    if unknown:
        raise ValidationError(
            "fields",
            unknown[0],
            _("is not a field a bundle can carry ({fields})").format(fields=", ".join(_FIELDS)),
        )
    if not set(REQUIRED) <= chosen:
        raise ValidationError(
            "fields",
            ", ".join(sorted(chosen)),
            _("must include the identity: the receiving office must know whom the case is about"),
        )
    return tuple(key for key in _FIELDS if key in chosen)


def collect(
    session: Session, child: Child, fields: Sequence[str], attachment_ids: Sequence[int]
) -> tuple[dict[str, Any], list[Attachment]]:
    """The chosen fields' values and the chosen attachments (refused when not the child's)."""
    values = {key: _value(session, child, key) for key in check_fields(fields)}
    wanted = list(dict.fromkeys(int(i) for i in attachment_ids))
    rows: list[Attachment] = []
    if wanted:
        found = {
            row.id: row
            for row in session.scalars(
                select(Attachment)
                .where(Attachment.id.in_(wanted))
                .options(undefer(Attachment.content))
            )
        }
        for attachment_id in wanted:
            row = found.get(attachment_id)
            if row is None or row.child_id != child.id:
                raise ValidationError(
                    "attachment_ids",
                    attachment_id,
                    _("is not an attachment of {case_number}").format(
                        case_number=child.case_number
                    ),
                )
            rows.append(row)
    return values, rows


def _text(field: str, value: str, *, required: bool, limit: int = MAX_TEXT) -> str:
    cleaned = " ".join((value or "").split())
    if required and not cleaned:
        raise ValidationError(field, value, _("is required"))
    if len(cleaned) > limit:
        raise ValidationError(
            field,
            cleaned[:40],
            ngettext(
                "is longer than {count} character", "is longer than {count} characters", limit
            ).format(count=limit),
        )
    return cleaned


@requires(Permission.EXPORT_PERSONAL)
def export_bundle(
    session: Session,
    child_id: int,
    *,
    fields: Sequence[str],
    attachment_ids: Sequence[int],
    recipient: str,
    legal_basis: str,
    consent: str,
    passphrase: str,
    reference: str = "",
) -> tuple[bytes, BundleSummary]:
    """The sealed bundle carrying exactly the chosen fields and attachments, and what was sent.

    Records one disclosure (and its audit row) naming the fields, attachments, recipient,
    legal basis, consent and the signed-in account."""
    bundle.check_passphrase(passphrase)
    recipient = _text("recipient", recipient, required=True)
    basis = _text("legal_basis", legal_basis, required=True, limit=2000)
    reference = _text("reference", reference, required=False, limit=100)
    if consent not in CONSENTS:
        raise ValidationError(
            "consent", consent, _("is not one of {values}").format(values=", ".join(CONSENTS))
        )
    audit.before_logged_read(session)
    child = session.get(Child, child_id)
    if child is None:
        raise NotFoundError("child", child_id)
    values, rows = collect(session, child, fields, attachment_ids)
    settings = get_settings(session)
    bundle_id = str(uuid.uuid4())
    sent_at = datetime.now(UTC).replace(microsecond=0)
    carried = tuple(
        CarriedAttachment(r.file_name, r.kind, r.size, r.sha256, r.description) for r in rows
    )
    manifest = {
        "format": PAYLOAD_FORMAT,
        "version": 1,
        "bundle_id": bundle_id,
        "office": {
            "name": settings.organisation_name,
            "uid": settings.office_uid,
            "country": settings.country,
        },
        "sent_at": sent_at.isoformat(),
        "sent_by": signed_in(session).full_name or audit.actor_of(session),
        "reference": reference,
        "case_number": child.case_number,
        "fields": list(values),
        "attachments": [vars(a) for a in carried],
        "legal_basis": basis,
        "consent": consent,
        "recipient": recipient,
    }
    payload = {
        "manifest": manifest,
        "fields": values,
        "files": [
            {"sha256": r.sha256, "content": base64.b64encode(r.content).decode("ascii")}
            for r in rows
        ],
    }
    sealed = bundle.seal(
        json.dumps(payload, ensure_ascii=False).encode("utf-8"), passphrase, bundle_id=bundle_id
    )
    row = record_disclosure(
        session,
        child.id,
        KIND,
        recipient=recipient,
        legal_basis=basis,
        consent=consent,
        fields=list(values),
        attachment_ids=[r.id for r in rows],
        reference=reference,
    )
    audit.record(
        session,
        "child",
        child.id,
        "export_bundle",
        after={
            "bundle_id": bundle_id,
            "disclosure_id": row.id,
            "recipient": recipient,
            "fields": list(values),
            "attachments": [a.sha256 for a in carried],
        },
    )
    summary = BundleSummary(
        bundle_id=bundle_id,
        disclosure_id=row.id,
        child_id=child.id,
        case_number=child.case_number,
        recipient=recipient,
        reference=reference,
        legal_basis=basis,
        consent=consent,
        fields=tuple(values),
        attachments=carried,
        sent_at=sent_at,
        size=len(sealed.data),
    )
    return sealed.data, summary


# --- reading a bundle ---------------------------------------------------------------------------


def _not_a_case() -> bundle.BundleError:
    return bundle.BundleError(
        _(
            "The case bundle opened but does not hold a case Guardian Desk can read. "
            "Nothing was imported."
        )
    )


def read_bundle(data: bytes, passphrase: str) -> dict[str, Any]:
    """The payload (manifest, fields, files); BundleError (one line) for a wrong passphrase,
    a changed byte or a truncated file. Reads nothing from, and writes nothing to, a database."""
    header, raw = bundle.open_sealed(data, passphrase)
    try:
        payload = json.loads(raw.decode("utf-8"))
        manifest = payload["manifest"]
        if manifest["format"] != PAYLOAD_FORMAT or manifest["bundle_id"] != header.bundle_id:
            raise ValueError("not a case")
        if set(payload["fields"]) != set(manifest["fields"]) or not set(manifest["fields"]) <= set(
            _FIELDS
        ):
            raise ValueError("fields differ")
        if not isinstance(payload["fields"]["identity"]["given_name"], str):
            raise ValueError("no identity")
        files = {
            f["sha256"]: base64.b64decode(f["content"], validate=True) for f in payload["files"]
        }
        for carried in manifest["attachments"]:
            content = files.get(carried["sha256"])
            if content is None or hashlib.sha256(content).hexdigest() != carried["sha256"]:
                raise ValueError("attachment differs")
        datetime.fromisoformat(manifest["sent_at"])
    except (ValueError, KeyError, TypeError, binascii.Error, UnicodeError):
        raise _not_a_case() from None
    payload["files"] = files
    return dict(payload)


def _date(value: str | None) -> str | None:
    return date_text(date.fromisoformat(value)) if value else None


def _moment(value: str | None, zone: ZoneInfo | None) -> str | None:
    if not value:
        return None
    moment = datetime.fromisoformat(value)
    return datetime_text(moment.astimezone(zone) if zone else moment)


def value_lines(values: Mapping[str, Any], zone: ZoneInfo | None = None) -> list[tuple[str, str]]:
    """(label, value) lines a person reads, in the active language, for the carried fields."""
    lines: list[tuple[str, str]] = []
    for key in _FIELDS:
        if key not in values:
            continue
        value = values[key]
        text = _value_text(key, value, zone)
        lines.append((field_label(key), text if text else _("not recorded")))
    return lines


def _value_text(key: str, value: Any, zone: ZoneInfo | None) -> str:
    if key == "identity":
        name = f"{value.get('given_name', '')} {value.get('family_name', '')}".strip()
        original = (
            f"{value.get('given_name_original', '')} {value.get('family_name_original', '')}"
        ).strip()
        parts = [name]
        if original:
            # TRANSLATORS: the child's name in its original script.
            parts.append(_("original script: {name}").format(name=original))
        if value.get("aliases"):
            parts.append(_("aliases: {names}").format(names=", ".join(value["aliases"])))
        return "; ".join(parts)
    if key == "date_of_birth":
        born = _date(value.get("date"))
        if born and value.get("estimated"):
            return _("{date} (estimated)").format(date=born)
        return born or ""
    if key == "sex":
        from guardian_desk.papers.summaries import SEXES

        try:
            return _(SEXES[Sex(value)])
        except ValueError:
            return str(value)
    if key == "nationality":
        return country_name(value) if value else ""
    if key == "languages":
        from guardian_desk.papers.summaries import LEVELS

        return list_text(
            _("{language} ({level})").format(
                language=language_name(x["code"]), level=_(LEVELS[Proficiency(x["proficiency"])])
            )
            for x in value
        )
    if key == "case_dates":
        parts = []
        if value.get("identified_on"):
            parts.append(_("identified on {date}").format(date=_date(value["identified_on"])))
        if value.get("arrived_on"):
            parts.append(_("arrived on {date}").format(date=_date(value["arrived_on"])))
        return "; ".join(parts)
    if key == "accompanying_adults":
        return "\n".join(
            # TRANSLATORS: an adult who came with the child, the claimed relationship, how it
            # was checked and what came of it.
            _("{name} ({relationship}): {method}, {outcome}").format(
                name=a["full_name"],
                relationship=a["claimed_relationship"] or _("relationship not stated"),
                method=word(CHECK_METHOD_NAMES, a["check_method"]),
                outcome=word(CHECK_OUTCOME_NAMES, a["check_outcome"]),
            )
            for a in value
        )
    if key == "placements":
        return "\n".join(
            _("{facility}: from {start} to {end}").format(
                facility=p["facility"], start=_date(p["moved_on"]), end=_date(p["left_on"])
            )
            if p.get("left_on")
            else _("{facility}: since {start}").format(
                facility=p["facility"], start=_date(p["moved_on"])
            )
            for p in value
        )
    if key == "missing_episodes":
        return "\n".join(
            _("missing since {when}, found {found}").format(
                when=_moment(e["missing_since"], zone), found=_moment(e["returned_at"], zone)
            )
            if e.get("returned_at")
            else _("missing since {when}, not found yet").format(
                when=_moment(e["missing_since"], zone)
            )
            for e in value
        )
    if key == "screenings":
        return "\n".join(
            # TRANSLATORS: one screening: when, which list, how many elements were positive and
            # the officer's decision.
            ngettext(
                "{when}, {list}: {count} positive element; {decision}",
                "{when}, {list}: {count} positive elements; {decision}",
                len(s["positive_elements"]),
            ).format(
                when=_moment(s["screened_at"], zone),
                list=word(SET_NAMES, s["indicator_set"]),
                count=len(s["positive_elements"]),
                decision=word(DECISION_NAMES, s["decision"]),
            )
            for s in value
        )
    if key == "referrals":
        return "\n".join(
            _("{date}: {recipient} {name}, {status}").format(
                date=_date(r["sent_on"]),
                recipient=word(RECIPIENT_NAMES, r["recipient_kind"]),
                name=r["recipient_name"],
                status=word(REFERRAL_STATUS_NAMES, r["status"]),
            )
            for r in value
        )
    if key == "case_notes":
        return "\n".join(
            _("{date}, {author}: {text}").format(
                date=_date(n["noted_on"]), author=n["author"], text=n["text"]
            )
            for n in value
        )
    if key == "notes":
        return str(value or "")
    return str(value)


def consent_text(consent: str) -> str:
    return word(CONSENT_NAMES, consent)


def _carried(manifest: Mapping[str, Any]) -> tuple[CarriedAttachment, ...]:
    return tuple(
        CarriedAttachment(
            str(a["file_name"]),
            str(a["kind"]),
            int(a["size"]),
            str(a["sha256"]),
            str(a.get("description", "")),
        )
        for a in manifest["attachments"]
    )


def preview(
    payload: Mapping[str, Any], zone: ZoneInfo | None = None, *, imported_as: str | None = None
) -> BundlePreview:
    """What the bundle carries and where it came from, in the interface language."""
    manifest = payload["manifest"]
    identity = payload["fields"].get("identity", {})
    return BundlePreview(
        bundle_id=manifest["bundle_id"],
        office=manifest["office"]["name"],
        office_uid=manifest["office"]["uid"],
        country=manifest["office"]["country"],
        sent_at=datetime.fromisoformat(manifest["sent_at"]),
        sent_by=manifest.get("sent_by", ""),
        reference=manifest.get("reference", ""),
        case_number=manifest["case_number"],
        child_name=f"{identity.get('given_name', '')} {identity.get('family_name', '')}".strip(),
        recipient=manifest.get("recipient", ""),
        legal_basis=manifest.get("legal_basis", ""),
        consent=manifest.get("consent", ""),
        fields=tuple(manifest["fields"]),
        lines=tuple(value_lines(payload["fields"], zone)),
        attachments=_carried(manifest),
        already_imported=imported_as,
    )


@requires(Permission.READ_RECORDS)
def preview_bundle(session: Session, data: bytes, passphrase: str) -> BundlePreview:
    """Open the bundle and say what it carries, and whether this office imported it before."""
    payload = read_bundle(data, passphrase)
    zone = ZoneInfo(get_settings(session).time_zone)
    before = session.scalar(
        select(Child.case_number)
        .join(CaseTransfer, CaseTransfer.child_id == Child.id)
        .where(CaseTransfer.bundle_id == payload["manifest"]["bundle_id"])
    )
    return preview(payload, zone, imported_as=before)


# --- import -------------------------------------------------------------------------------------


def _already(case_number: str | None) -> RuleViolation:
    if case_number:
        return RuleViolation(
            _(
                "This case bundle was imported already, as {case_number}; the same bundle is "
                "imported only once."
            ).format(case_number=case_number)
        )
    return RuleViolation(
        _("This case bundle was imported already; the same bundle is imported only once.")
    )


def _child_data(values: Mapping[str, Any], today: date) -> ChildData:
    identity = values["identity"]
    born = values.get("date_of_birth") or {}
    dates = values.get("case_dates") or {}
    try:
        sex = Sex(values.get("sex") or Sex.UNKNOWN.value)
    except ValueError:
        sex = Sex.UNKNOWN
    arrived = date.fromisoformat(dates["arrived_on"]) if dates.get("arrived_on") else None
    return ChildData(
        given_name=identity["given_name"],
        family_name=identity.get("family_name", ""),
        given_name_original=identity.get("given_name_original", ""),
        family_name_original=identity.get("family_name_original", ""),
        aliases=list(identity.get("aliases", [])),
        sex=sex,
        nationality=values.get("nationality") or "XX",
        identified_on=today,  # identified by this office on the day it received the case
        date_of_birth=date.fromisoformat(born["date"]) if born.get("date") else None,
        dob_estimated=bool(born.get("estimated", False)),
        languages=[
            LanguageSkill(x["code"], Proficiency(x["proficiency"]))
            for x in values.get("languages", [])
        ],
        arrived_on=arrived if arrived is not None and arrived <= today else None,
        accompanying_adults=[
            Companion(a["full_name"], a.get("claimed_relationship", ""), bool(a.get("verified")))
            for a in values.get("accompanying_adults", [])
        ],
        notes=str(values.get("notes") or ""),
    )


def _adult_checks(session: Session, child: Child, adults: Sequence[Mapping[str, Any]]) -> None:
    """The sender's check of each adult, kept on the new rows (same order)."""
    rows = session.scalars(
        select(AccompanyingAdult)
        .where(AccompanyingAdult.child_id == child.id)
        .order_by(AccompanyingAdult.id)
    ).all()
    for row, sent in zip(rows, adults, strict=False):
        if sent.get("check_method") in CHECK_METHODS:
            row.check_method = sent["check_method"]
        if sent.get("check_outcome") in CHECK_OUTCOMES:
            row.check_outcome = sent["check_outcome"]
        if sent.get("checked_on"):
            row.checked_on = date.fromisoformat(sent["checked_on"])
        row.check_note = str(sent.get("check_note") or "")


def _history_note(values: Mapping[str, Any], office: str, zone: ZoneInfo) -> str:
    """Placements, missing episodes, screenings and referrals as the sender recorded them."""
    lines = [
        label + ":\n" + text
        for key, (label, text) in zip(
            [k for k in _FIELDS if k in values], value_lines(values, zone), strict=True
        )
        if key in ("placements", "missing_episodes", "screenings", "referrals")
    ]
    if not lines:
        return ""
    # TRANSLATORS: heads a case note made when a case is imported; {office} sent the case.
    head = _("Case history as recorded by {office}:").format(office=office)
    return "\n\n".join([head, *lines])[:MAX_NOTE]


def _note_kind(value: str) -> NoteKind:
    try:
        return NoteKind(value)
    except ValueError:
        return NoteKind.OTHER


@requires(Permission.EDIT_CASEWORK)
def import_bundle(session: Session, data: bytes, passphrase: str) -> ImportResult:
    """A NEW child from the bundle, with its provenance; nothing existing is changed.

    Refused whole (nothing written) for a wrong passphrase, a changed or truncated file and a
    bundle imported before (the database's unique bundle id decides when two import at once).
    """
    from guardian_desk.services.attachments import add_attachment
    from guardian_desk.services.case_notes import add_note
    from guardian_desk.services.children import create_child
    from guardian_desk.services.duplicates import duplicates_of_data

    payload = read_bundle(data, passphrase)
    manifest, values = payload["manifest"], payload["fields"]
    bundle_id = manifest["bundle_id"]
    before = session.scalar(
        select(Child.case_number)
        .join(CaseTransfer, CaseTransfer.child_id == Child.id)
        .where(CaseTransfer.bundle_id == bundle_id)
    )
    if before is not None:
        raise _already(before)
    settings = get_settings(session)
    zone = ZoneInfo(settings.time_zone)
    # The office's day, but never after the computer's: the record's checks refuse a date
    # after the computer's today (an office east of the computer's clock, near midnight).
    today = min(datetime.now(zone).date(), date.today())
    office = str(manifest["office"]["name"])
    child_data = _child_data(values, today)
    candidates = duplicates_of_data(session, child_data)
    child = create_child(session, child_data)
    _adult_checks(session, child, values.get("accompanying_adults", []))
    transfer = CaseTransfer(
        child_id=child.id,
        bundle_id=bundle_id,
        source_office=office[:200],
        source_office_uid=str(manifest["office"].get("uid", ""))[:36],
        source_country=str(manifest["office"].get("country", ""))[:2],
        source_case_number=str(manifest["case_number"])[:40],
        reference=str(manifest.get("reference", ""))[:100],
        sent_at=datetime.fromisoformat(manifest["sent_at"]).astimezone(UTC),
        imported_at=datetime.now(UTC),
        imported_by=audit.actor_of(session),
    )
    try:
        with session.begin_nested():
            session.add(transfer)
    except IntegrityError:
        # Another officer imported the same bundle a moment ago (case_transfers.bundle_id).
        raise _already(None) from None
    notes = 0
    for sent in values.get("case_notes", []):
        noted_on = min(date.fromisoformat(sent["noted_on"]), today)
        # TRANSLATORS: a case note carried from another office; {author} wrote it there.
        text = _("[{office}, {author}] {text}").format(
            office=office, author=sent.get("author", ""), text=sent["text"]
        )
        add_note(session, child.id, _note_kind(sent.get("kind", "")), noted_on, text[:MAX_NOTE])
        notes += 1
    history = _history_note(values, office, zone)
    if history:
        add_note(session, child.id, NoteKind.OTHER, today, history)
        notes += 1
    files: dict[str, bytes] = payload["files"]
    carried = _carried(manifest)
    for attachment in carried:
        add_attachment(
            session,
            child.id,
            attachment.file_name,
            files[attachment.sha256],
            attachment.description,
        )
    audit.record(
        session,
        ENTITY,
        transfer.id,
        "import",
        after={
            "child_id": child.id,
            "case_number": child.case_number,
            "bundle_id": bundle_id,
            "source_office": transfer.source_office,
            "source_office_uid": transfer.source_office_uid,
            "source_country": transfer.source_country,
            "source_case_number": transfer.source_case_number,
            "reference": transfer.reference,
            "sent_at": transfer.sent_at,
            "fields": list(manifest["fields"]),
            "attachments": [a.sha256 for a in carried],
        },
    )
    return ImportResult(
        child_id=child.id,
        case_number=child.case_number,
        transfer_id=transfer.id,
        source_office=transfer.source_office,
        source_case_number=transfer.source_case_number,
        attachments=len(carried),
        notes=notes,
        possible_duplicates=tuple(
            PossibleDuplicate(c.child_id, c.case_number, c.name, c.score) for c in candidates
        ),
    )


@requires(Permission.READ_RECORDS)
def transfer_of(session: Session, child_id: int) -> TransferInfo | None:
    """Where an imported case came from; None for a case registered here."""
    row = session.scalar(
        select(CaseTransfer).where(CaseTransfer.child_id == child_id).order_by(CaseTransfer.id)
    )
    if row is None:
        return None
    return TransferInfo(
        transfer_id=row.id,
        child_id=row.child_id,
        bundle_id=row.bundle_id,
        source_office=row.source_office,
        source_office_uid=row.source_office_uid,
        source_country=row.source_country,
        source_case_number=row.source_case_number,
        reference=row.reference,
        sent_at=row.sent_at,
        imported_at=row.imported_at,
        imported_by=row.imported_by,
    )


def country_text(code: str) -> str:
    return country_name(code) if code else ""
