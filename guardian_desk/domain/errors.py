"""Errors that carry a message an officer can act on."""

from __future__ import annotations

from guardian_desk.i18n import N_, _, pgettext

FIELD_LABELS: dict[str, str] = {
    # Children
    "case_number": N_("Case number"),
    "given_name": N_("Given name"),
    "family_name": N_("Family name"),
    "given_name_original": N_("Given name (original script)"),
    "family_name_original": N_("Family name (original script)"),
    "aliases": N_("Aliases"),
    "sex": N_("Sex"),
    "date_of_birth": N_("Date of birth"),
    "dob_estimated": N_("Date of birth estimated"),
    "nationality": N_("Nationality"),
    "languages": N_("Languages"),
    "guardian_gender_preference": N_("Guardian's gender"),
    "mediator_gender_preference": N_("Mediator's gender"),
    "facility": N_("Facility"),
    "identified_on": N_("Identified on"),
    "arrived_on": N_("Arrived on"),
    "status": N_("Status"),
    "siblings": N_("Siblings"),
    "accompanying_adults": N_("Accompanying adults"),
    "notes": N_("Notes"),
    # Guardians, mediators and facilities
    "code": N_("Code"),
    "phone": N_("Phone"),
    "email": N_("E-mail"),
    "municipality": N_("Municipality"),
    "latitude": N_("Latitude"),
    "longitude": N_("Longitude"),
    "max_caseload": N_("Maximum caseload"),
    "background_check_on": N_("Background check on"),
    "training_on": N_("Training on"),
    "vetting_expires_on": N_("Vetting expires on"),
    "active": N_("Active"),
    "suspended_reason": N_("Reason for suspension"),
    "dialects": N_("Dialects"),
    "certification": N_("Certification"),
    "organisation": N_("Organisation"),
    "name": N_("Name"),
    "address": N_("Address"),
    "contact_name": N_("Contact name"),
    "contact_phone": N_("Contact phone"),
    "contact_email": N_("Contact e-mail"),
    "visiting_hours": N_("Visiting hours"),
    "slots": N_("Available hours"),
    "absent_from": N_("Absent from"),
    "absent_to": N_("Absent to"),
    # Visits and schedules
    "starts_at": N_("Start"),
    "ends_at": N_("End"),
    "start": N_("Start"),
    "end": N_("End"),
    "reason": N_("Reason"),
    "outcome": N_("Outcome"),
    "note": N_("Note"),
    "days": N_("Days"),
    "weeks": N_("Weeks"),
    "limit": N_("Number of slots"),
    "minutes": N_("Minutes"),
    "person": N_("Guardian or mediator"),
    "child": N_("Child"),
    "period": N_("Period"),
    # Settings
    "settings": N_("Settings"),
    "letterhead_logo": N_("Letterhead logo"),
    "caseload_cap": N_("Caseload cap"),
    "visit_minutes": N_("Visit length (minutes)"),
    "idle_lock_minutes": N_("Lock after idle minutes"),
    # Protection (issue 14)
    "screened_at": N_("Screened at"),
    "occasion": N_("Occasion"),
    "indicator_set": N_("Indicator list"),
    "language": N_("Interview language"),
    "mediator_id": N_("Mediator"),
    "answers": N_("Answers"),
    "answer_notes": N_("Notes on the answers"),
    "decision": N_("Decision"),
    "decision_note": N_("Reason for the decision"),
    "method": N_("How it was checked"),
    "checked_on": N_("Checked on"),
    "check_note": N_("Note on the check"),
    "claimed_relationship": N_("Claimed relationship"),
    "full_name": N_("Full name"),
    "recipient_kind": N_("Referred to"),
    "recipient_name": N_("Service"),
    "sent_on": N_("Sent on"),
    "legal_basis": N_("Legal basis"),
    "child_consent": N_("Child's consent"),
    "guardian_consent": N_("Guardian's consent"),
    "status_on": N_("Status date"),
    "response": N_("Response"),
    "their_reference": N_("Their reference"),
    "screening_id": N_("Screening"),
    "fields": N_("Fields"),
    "attachment_ids": N_("Attachments"),
    "consent": N_("Consent"),
    "recipient": N_("Recipient"),
    "reference": N_("Reference"),
    "passphrase": N_("Passphrase"),
    "rescreen_after_days": N_("Re-screen after (days)"),
    "from": N_("From"),
    "to": N_("To"),
}
"""Field names (CSV columns, record attributes) and the label a person reads for each."""


def field_label(field: str) -> str:
    """The field's label in the interface language; the field name itself when it has none."""
    label = FIELD_LABELS.get(field)
    return _(label) if label is not None else field


class GuardianDeskError(Exception):
    """Base of every error the core raises on purpose."""


class ValidationError(GuardianDeskError):
    """A value given for a field is not acceptable; names the field and the value.

    ``reason`` is already translated: a phrase whose subject is the value ("is in the
    future"). ``str()`` names the field as files and commands do ("date_of_birth: '2031-02-03'
    is in the future"); ``message`` is the sentence a form shows, with the field's label.
    """

    def __init__(self, field: str, value: object, reason: str) -> None:
        self.field = field
        self.value = value
        self.reason = reason
        # TRANSLATORS: {field} is a field's name as in a CSV file (date_of_birth), {value} the
        # refused value in quotes, {problem} a phrase about the value ("is in the future").
        super().__init__(
            _("{field}: {value} {problem}").format(field=field, value=repr(value), problem=reason)
        )

    @property
    def label(self) -> str:
        """The field's label in the interface language ("Date of birth")."""
        return field_label(self.field)

    @property
    def message(self) -> str:
        """ "Date of birth “2031-01-01” is in the future": label, value and problem."""
        value = "" if self.value is None else str(self.value)
        if not value.strip():
            # TRANSLATORS: {field} is a form field's label, {problem} a phrase such as
            # "is required".
            return _("{field} {problem}").format(field=self.label, problem=self.reason)
        # TRANSLATORS: {field} is a form field's label ("Date of birth"), {value} what was typed,
        # {problem} a phrase about that value ("is in the future").
        return _("{field} “{value}” {problem}").format(
            field=self.label, value=value, problem=self.reason
        )


class ValidationErrors(GuardianDeskError):
    """Several fields of one record are wrong at once."""

    def __init__(self, errors: list[ValidationError]) -> None:
        self.errors = errors
        super().__init__("; ".join(str(e) for e in errors))


_NOT_FOUND = {
    "child": N_("child {key} does not exist"),
    "guardian": N_("guardian {key} does not exist"),
    "mediator": N_("mediator {key} does not exist"),
    "facility": N_("facility {key} does not exist"),
    "visit": N_("visit {key} does not exist"),
    "assignment": N_("assignment {key} does not exist"),
    "document": N_("document {key} does not exist"),
    "account": N_("account {key} does not exist"),
}


class NotFoundError(GuardianDeskError):
    def __init__(self, entity: str, key: object) -> None:
        self.entity = entity
        self.key = key
        known = _NOT_FOUND.get(entity)
        if known is not None:
            # TRANSLATORS: {key} is a record's number or code, such as 'AL-2026-00042'.
            super().__init__(_(known).format(key=repr(key)))
        else:
            # TRANSLATORS: {entity} is a kind of record, {key} its number or code.
            text = _("{entity} {key} does not exist")
            super().__init__(text.format(entity=record_word(entity), key=repr(key)))


def record_word(entity: str) -> str:
    """A kind of record as a message names it ("child", "fëmija"); unknown kinds as given."""
    words = {
        "child": pgettext("kind of record", "child"),
        "guardian": pgettext("kind of record", "guardian"),
        "mediator": pgettext("kind of record", "mediator"),
        "facility": pgettext("kind of record", "facility"),
        "visit": pgettext("kind of record", "visit"),
        "settings": pgettext("kind of record", "settings"),
        "assignment": pgettext("kind of record", "appointment"),
        "account": pgettext("kind of record", "account"),
        "document": pgettext("kind of record", "paper"),
        "missing_episode": pgettext("kind of record", "missing episode"),
        "visit_report": pgettext("kind of record", "visit report"),
        "follow_up": pgettext("kind of record", "follow-up"),
        "case_note": pgettext("kind of record", "case note"),
        "placement": pgettext("kind of record", "placement"),
        "attachment": pgettext("kind of record", "attachment"),
        "age_assessment": pgettext("kind of record", "age assessment"),
        "screening": pgettext("kind of record", "screening"),
        "accompanying_adult": pgettext("kind of record", "accompanying adult"),
        "referral": pgettext("kind of record", "referral"),
        "disclosure": pgettext("kind of record", "disclosure"),
        "case_transfer": pgettext("kind of record", "case transfer"),
    }
    singular = {"children": "child", "guardians": "guardian", "mediators": "mediator",
                "facilities": "facility", "visits": "visit"}  # fmt: skip
    return words.get(singular.get(entity, entity), entity)


class ConflictError(GuardianDeskError):
    """Someone else saved the record since this copy was read; nothing was written."""

    def __init__(
        self, entity: str, key: object, expected: int, current_version: int | None
    ) -> None:
        self.entity = entity
        self.key = key
        self.expected_version = expected
        self.current_version = current_version  # None: it changed while being saved
        if current_version is not None:
            # TRANSLATORS: {entity} is a kind of record (child, guardian), {key} its number;
            # {expected} and {current} are version numbers of the record.
            text = _(
                "{entity} {key} was changed by someone else since you opened it "
                "(your copy is version {expected}, the stored one is version {current}); "
                "reload it and apply your changes again"
            )
        else:
            # TRANSLATORS: {entity} is a kind of record (child, guardian), {key} its number;
            # {expected} is a version number of the record.
            text = _(
                "{entity} {key} was changed by someone else since you opened it "
                "(your copy is version {expected}, the stored one is newer); "
                "reload it and apply your changes again"
            )
        super().__init__(
            text.format(
                entity=record_word(entity), key=key, expected=expected, current=current_version
            )
        )


class RuleViolation(GuardianDeskError):
    """A business rule (caseload cap, one active guardian, ...) forbids the action."""


class DatabaseRefused(GuardianDeskError):
    """The database cannot be opened safely; it has been left untouched."""


class DatabaseBusy(GuardianDeskError):
    """Another officer's (or program's) change held the database longer than we wait."""

    def __init__(self, where: str, waited: float, holders: list[str]) -> None:
        self.where = where
        self.waited = waited
        self.holders = holders
        if holders:
            # TRANSLATORS: {where} is the database's file or address, {holders} the programs
            # holding it, {seconds} a number of seconds.
            text = _(
                "The database {where} is busy: a change by {holders} has held it for more than "
                "{seconds} s. Nothing was saved. Try again in a moment; if it stays busy, close "
                "the program named, or wait longer with GUARDIAN_DESK_LOCK_TIMEOUT (seconds)."
            )
        else:
            # TRANSLATORS: {where} is the database's file or address, {seconds} a number of
            # seconds.
            text = _(
                "The database {where} is busy: a change by another program or officer has held "
                "it for more than {seconds} s. Nothing was saved. Try again in a moment; if it "
                "stays busy, wait longer with GUARDIAN_DESK_LOCK_TIMEOUT (seconds)."
            )
        super().__init__(
            text.format(where=where, holders="; ".join(holders), seconds=f"{waited:g}")
        )


class PermissionDenied(GuardianDeskError):
    """The signed-in account's role does not allow this; the message names the role needed."""
