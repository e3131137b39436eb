"""The referral dialogs: a new referral, the service's answer, and the letter's field picker
(services/referrals.py, papers/referral_letter.py).

The field picker lists LETTER_FIELDS with the sensitive ones (the name, the date of birth, the
screening ...) unticked; the case number is always printed and cannot be unticked.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from guardian_desk.domain.vocabularies import CONSENTS, RECIPIENTS, REFERRAL_STATUSES
from guardian_desk.i18n import _
from guardian_desk.i18n.formats import date_text
from guardian_desk.papers.referral_letter import ALWAYS, LETTER_FIELDS, SENSITIVE
from guardian_desk.protection.words import (
    CONSENT_NAMES,
    RECIPIENT_NAMES,
    REFERRAL_STATUS_NAMES,
    word,
)
from guardian_desk.services.referrals import STEP, ReferralInfo, ScreeningChoice
from ui.date_input import date_input_format
from ui.forms.fields_dialog import FieldsDialog, text_box
from ui.papers.language_choice import PaperLanguageChoice
from ui.widgets.field_message import FieldMessage


def date_edit(name: str, value: date | None = None) -> QDateEdit:
    edit = QDateEdit()
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(date_input_format())
    edit.setMaximumDate(QDate.currentDate())
    day = value or date.today()
    edit.setDate(QDate(day.year, day.month, day.day))
    return edit


def _day(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


def _combo(name: str, values: tuple[str, ...], names: dict[str, str]) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    for value in values:
        combo.addItem(word(names, value), value)
    return combo


class ReferralDialog(FieldsDialog):
    """A new referral: to whom, when, on which legal basis, why, both consents, the screening."""

    def __init__(
        self,
        what: str,
        legal_basis: str = "",
        screening: ScreeningChoice | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("New referral"), parent)
        self.form.addRow(QLabel(what, wordWrap=True))
        self.recipient_kind = _combo("recipient_kind", RECIPIENTS, RECIPIENT_NAMES)
        self.recipient_name = QLineEdit()
        self.recipient_name.setObjectName("recipient_name")
        self.recipient_name.setPlaceholderText(self.tr("e.g. Tirana Police Directorate"))
        self.sent_on = date_edit("sent_on")
        self.legal_basis = text_box(
            "legal_basis", self.tr("The law or decision the referral rests on")
        )
        self.legal_basis.setPlainText(legal_basis)
        self.reason = text_box("reason", self.tr("Why the child is referred, what is asked"))
        self.child_consent = _combo("child_consent", CONSENTS, CONSENT_NAMES)
        self.guardian_consent = _combo("guardian_consent", CONSENTS, CONSENT_NAMES)
        self.screening_box = QCheckBox()
        self.screening_box.setObjectName("screening_id")
        self.screening = screening
        if screening is None:
            self.screening_box.setText(self.tr("No screening is recorded for this child."))
            self.screening_box.setEnabled(False)
        else:
            self.screening_box.setText(
                self.tr("The screening of {0}").format(date_text(screening.screened_at.date()))
                + (" – " + self.tr("flagged") if screening.flagged else "")
            )
            self.screening_box.setChecked(True)
        self.add(self.tr("&To:", "recipient of a paper"), "recipient_kind", self.recipient_kind)
        self.add(self.tr("&Service's name:"), "recipient_name", self.recipient_name)
        self.add(self.tr("&Sent on:"), "sent_on", self.sent_on)
        self.add(self.tr("&Legal basis:"), "legal_basis", self.legal_basis)
        self.add(self.tr("&Reason:"), "reason", self.reason)
        self.add(self.tr("&Child's consent:"), "child_consent", self.child_consent)
        self.add(self.tr("&Guardian's consent:"), "guardian_consent", self.guardian_consent)
        self.add(self.tr("Screening:"), "screening_id", self.screening_box)
        self.ok.setText(self.tr("&Record the referral"))
        self.resize(640, 560)

    def values(self) -> dict[str, Any]:
        return {
            "recipient_kind": str(self.recipient_kind.currentData()),
            "recipient_name": self.recipient_name.text(),
            "sent_on": _day(self.sent_on),
            "legal_basis": self.legal_basis.toPlainText(),
            "reason": self.reason.toPlainText(),
            "child_consent": str(self.child_consent.currentData()),
            "guardian_consent": str(self.guardian_consent.currentData()),
            "screening_id": self.screening.screening_id
            if self.screening is not None and self.screening_box.isChecked()
            else None,
        }


class StatusDialog(FieldsDialog):
    """The service's answer: the next status (only later steps are offered), its date, the
    response and the service's own reference."""

    def __init__(self, referral: ReferralInfo, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Referral status"), parent)
        self.referral = referral
        self.form.addRow(QLabel(f"{referral.case_number} → {referral.recipient}", wordWrap=True))
        self.status = QComboBox()
        self.status.setObjectName("status")
        for value in REFERRAL_STATUSES:
            if value == referral.status or STEP[value] > STEP[referral.status]:
                self.status.addItem(word(REFERRAL_STATUS_NAMES, value), value)
        later = [
            i for i in range(self.status.count()) if self.status.itemData(i) != referral.status
        ]
        self.status.setCurrentIndex(later[0] if later else 0)
        self.status_on = date_edit("status_on")
        self.response = text_box("response", self.tr("What the service answered or did"))
        self.response.setPlainText(referral.response)
        self.their_reference = QLineEdit(referral.their_reference)
        self.their_reference.setObjectName("their_reference")
        self.their_reference.setPlaceholderText(self.tr("The service's reference, if given"))
        self.add(self.tr("&Status:"), "status", self.status)
        self.add(self.tr("&On:"), "status_on", self.status_on)
        self.add(self.tr("&Response:"), "response", self.response)
        self.add(self.tr("Their &reference:"), "their_reference", self.their_reference)
        self.ok.setText(self.tr("&Save"))
        self.resize(560, 360)

    def values(self) -> dict[str, Any]:
        return {
            "status": str(self.status.currentData()),
            "status_on": _day(self.status_on),
            "response": self.response.toPlainText(),
            "their_reference": self.their_reference.text(),
        }


class LetterFieldsDialog(FieldsDialog):
    """Which fields the letter carries (need to know): the sensitive ones start unticked."""

    def __init__(self, referral: ReferralInfo, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Referral letter"), parent)
        self.referral = referral
        self.form.addRow(QLabel(f"{referral.case_number} → {referral.recipient}", wordWrap=True))
        box = QGroupBox(self.tr("Print only these fields (need to know):"))
        grid = QGridLayout(box)
        self.boxes: dict[str, QCheckBox] = {}
        for index, (key, label) in enumerate(LETTER_FIELDS.items()):
            check = QCheckBox(_(label))
            check.setObjectName(key)
            check.setChecked(key not in SENSITIVE)
            if key in ALWAYS:
                check.setEnabled(False)
                check.setToolTip(self.tr("Always printed: the service quotes it back."))
            elif key in SENSITIVE:
                check.setToolTip(self.tr("Identifies or endangers the child: tick only if needed."))
            self.boxes[key] = check
            grid.addWidget(check, index // 2, index % 2)
        self.form.addRow(box)
        self.messages["fields"] = FieldMessage()
        self.form.addRow(self.messages["fields"])
        self.language = PaperLanguageChoice()
        self.add(self.tr("&Language:"), "language", self.language)
        note = QLabel(
            self.tr(
                "The letter is registered and recorded as a disclosure: to whom, on which legal "
                "basis, with whose consent and exactly these fields."
            ),
            wordWrap=True,
        )
        self.form.addRow(note)
        self.ok.setText(self.tr("&Issue and preview"))
        self.resize(620, 480)

    def chosen(self) -> list[str]:
        return [key for key, box in self.boxes.items() if box.isChecked()]

    def values(self) -> dict[str, Any]:
        return {
            "fields": self.chosen(),
            "language": self.language.language(),
            "bilingual": self.language.bilingual(),
        }
