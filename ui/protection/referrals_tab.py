"""The "Referrals" tab of the child's record: the referrals made (to whom, sent, status, since),
a new one, the service's answer, and the referral letter with the fields the officer picks
(services/referrals.py). Every database step runs on the bridge's worker.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from guardian_desk.i18n.formats import date_text
from guardian_desk.protection.words import CONSENT_NAMES, REFERRAL_STATUS_NAMES, word
from guardian_desk.security.roles import Permission
from guardian_desk.services.details import RecordDetail
from guardian_desk.services.referrals import (
    ReferralInfo,
    ReferralInput,
    ScreeningChoice,
    create_referral,
    issue_referral_letter,
    latest_screening,
    referrals_of,
    update_status,
)
from ui.bidi import isolated
from ui.bridge import CoreBridge, Task
from ui.callbacks import alive
from ui.forms.fields_dialog import FieldsDialog, FieldsDialogHost
from ui.forms.message_bar import MessageBar
from ui.forms.tables import RowsModel, table_view
from ui.protection.referral_dialog import LetterFieldsDialog, ReferralDialog, StatusDialog


def tr(text: str) -> str:
    return QCoreApplication.translate("Referrals", text)


class ReferralsModel(RowsModel[ReferralInfo]):
    def headers(self) -> Sequence[str]:
        return (tr("To"), tr("Sent on"), tr("Status"), tr("Since"), tr("Consent"), tr("Their ref."))

    def cells(self, row: ReferralInfo) -> Sequence[str]:
        child, guardian = (
            word(CONSENT_NAMES, row.child_consent),
            word(CONSENT_NAMES, row.guardian_consent),
        )
        consent = f"{child} / {guardian}"
        return (
            isolated(row.recipient),
            date_text(row.sent_on),
            word(REFERRAL_STATUS_NAMES, row.status),
            date_text(row.status_on),
            consent,
            row.their_reference,
        )


class ReferralsTab(FieldsDialogHost, QWidget):
    """The child's referrals and what the officer can do with them."""

    def __init__(self, bridge: CoreBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.detail: RecordDetail | None = None
        self.referrals: list[ReferralInfo] = []
        self.screening: ScreeningChoice | None = None
        self.legal_basis = ""
        self.dialog: FieldsDialog | None = None
        self.bar = MessageBar()
        self.model = ReferralsModel(self)
        self.table = table_view(self.model, (0, 5))
        self.table.setObjectName("referrals_table")
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._enable())
        self.new_button = QPushButton(self.tr("&New referral…"))
        self.status_button = QPushButton(self.tr("&Update status…"))
        self.letter_button = QPushButton(self.tr("&Print letter…"))
        for button, slot in (
            (self.new_button, self.ask_referral),
            (self.status_button, self.ask_status),
            (self.letter_button, self.ask_letter),
        ):
            button.setAutoDefault(False)
            button.clicked.connect(slot)
        account = bridge.account
        may_edit = account is None or account.may(Permission.EDIT_CASEWORK)
        self.new_button.setVisible(may_edit)
        self.status_button.setVisible(may_edit)
        self.letter_button.setVisible(account is None or account.may(Permission.PRINT_PAPERS))
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.status_button)
        buttons.addStretch()
        buttons.addWidget(self.letter_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(
            QLabel(
                self.tr(
                    "A referral sends the case to a service: the national referral mechanism, "
                    "the police, a shelter ... Its status only moves forward. The letter carries "
                    "only the fields you tick, and each letter is recorded as a disclosure."
                ),
                wordWrap=True,
            )
        )
        bridge.data_changed.connect(alive(self, lambda: self.reload()))
        self._enable()

    @property
    def selected(self) -> ReferralInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            return self.referrals[rows[0].row()]
        return self.referrals[0] if len(self.referrals) == 1 else None

    def _enable(self) -> None:
        known = self.detail is not None
        chosen = self.selected
        self.new_button.setEnabled(known)
        self.status_button.setEnabled(chosen is not None and chosen.is_open)
        self.letter_button.setEnabled(chosen is not None)

    def show_record(self, detail: RecordDetail | None) -> None:
        self.detail = detail
        if detail is None:
            self.referrals = []
            self.model.set_rows([])
            self._enable()
            return
        self.reload()

    def reload(self) -> None:
        if self.detail is None:
            return
        child_id = self.detail.id

        def work(
            session: Session, task: Task
        ) -> tuple[list[ReferralInfo], ScreeningChoice | None, str]:
            from guardian_desk.services.settings import get_settings

            return (
                referrals_of(session, child_id),
                latest_screening(session, child_id),
                get_settings(session).legal_basis,
            )

        self.bridge.run(
            work, on_success=alive(self, self._loaded), on_failure=alive(self, self._failed)
        )

    def _loaded(self, result: tuple[list[ReferralInfo], ScreeningChoice | None, str]) -> None:
        previous = self.selected.referral_id if self.selected else None
        self.referrals, self.screening, self.legal_basis = result
        self.model.set_rows(self.referrals)
        for row, referral in enumerate(self.referrals):
            if referral.referral_id == previous:
                self.table.selectRow(row)
        self._enable()

    def ask_referral(self) -> FieldsDialog | None:
        if self.detail is None:
            return None
        child_id = self.detail.id
        return self._open(
            ReferralDialog(self._what(), self.legal_basis, self.screening, parent=self),
            lambda session, values: create_referral(
                session, ReferralInput(child_id=child_id, **values)
            ),
            lambda _result: self.bar.show_info(self.tr("The referral is recorded.")),
        )

    def ask_status(self) -> FieldsDialog | None:
        chosen = self.selected
        if chosen is None:
            return None
        return self._open(
            StatusDialog(chosen, parent=self),
            lambda session, values: update_status(
                session, chosen.referral_id, chosen.version, **values
            ),
            lambda _result: self.bar.show_info(self.tr("Saved.")),
        )

    def ask_letter(self) -> FieldsDialog | None:
        chosen = self.selected
        if chosen is None:
            return None

        def work(session: Session, values: dict[str, Any]) -> Any:
            from ui.papers.calls import paper_set

            paper = issue_referral_letter(
                session,
                chosen.referral_id,
                values["fields"],
                language=values["language"],
                bilingual=values["bilingual"],
            )
            return paper_set([paper])

        return self._open(LetterFieldsDialog(chosen, parent=self), work, self._show_letter)

    def _show_letter(self, papers: Any) -> None:
        from ui.papers.preview import PaperPreview

        PaperPreview(self.bridge, papers, self).open()
