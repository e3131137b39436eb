"""The child's Disclosures tab: what left the office about the child, and, for a case imported
from another office, where it came from; "Send to another office…" makes a case bundle."""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from guardian_desk.faults import explain
from guardian_desk.i18n import N_, _
from guardian_desk.i18n.formats import datetime_text, list_text
from guardian_desk.protection.words import CONSENT_NAMES, word
from guardian_desk.security.roles import Permission
from guardian_desk.services.details import RecordDetail
from guardian_desk.services.disclosures import DisclosureInfo, disclosures_of
from guardian_desk.services.settings import get_settings
from guardian_desk.services.transfers import TransferInfo, country_text, field_label, transfer_of
from ui.bidi import isolated
from ui.bridge import CoreBridge, Task
from ui.callbacks import alive
from ui.forms.message_bar import MessageBar
from ui.forms.tables import RowsModel, table_view

KINDS = {
    "referral_letter": N_("Referral letter"),
    "transfer_bundle": N_("Case bundle to another office"),
}


def tr(text: str) -> str:
    return QCoreApplication.translate("Disclosures", text)


class DisclosuresModel(RowsModel[DisclosureInfo]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zone = ZoneInfo("UTC")

    def headers(self) -> Sequence[str]:
        return (
            tr("When"),
            tr("What"),
            tr("To whom"),
            tr("Legal basis"),
            tr("Consent"),
            tr("Fields"),
            tr("Files"),
            tr("By"),
        )

    def cells(self, row: DisclosureInfo) -> Sequence[str]:
        kind = _(KINDS[row.kind]) if row.kind in KINDS else row.kind
        if row.reference:
            kind = f"{kind} ({row.reference})"
        return (
            datetime_text(row.disclosed_at.astimezone(self.zone)),
            kind,
            isolated(row.recipient),
            row.legal_basis,
            word(CONSENT_NAMES, row.consent),
            list_text(field_label(key) for key in row.fields),
            str(len(row.attachment_ids)),
            row.disclosed_by,
        )


class DisclosuresTab(QWidget):
    def __init__(self, bridge: CoreBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.detail: RecordDetail | None = None
        self.transfer: TransferInfo | None = None
        self.model = DisclosuresModel(self)
        self.table = table_view(self.model, (2, 5))
        self.table.setObjectName("disclosures_table")
        self.bar = MessageBar()
        self.provenance = QLabel()
        self.provenance.setObjectName("provenance")
        self.provenance.setWordWrap(True)
        self.provenance.setVisible(False)
        self.send_button = QPushButton(self.tr("Send to another office…"))
        self.send_button.setObjectName("send_case")
        self.send_button.setAutoDefault(False)
        self.send_button.clicked.connect(self.send)
        account = bridge.account
        self.send_button.setVisible(account is None or account.may(Permission.EXPORT_PERSONAL))
        self.send_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.send_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.provenance)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        bridge.data_changed.connect(alive(self, lambda: self.reload()))

    def show_record(self, detail: RecordDetail | None) -> None:
        self.detail = detail
        self.send_button.setEnabled(detail is not None)
        if detail is None:
            self.model.set_rows([])
            self.provenance.setVisible(False)
            return
        self.reload()

    def reload(self) -> None:
        if self.detail is None:
            return
        child_id = self.detail.id

        def work(
            session: Session, task: Task
        ) -> tuple[list[DisclosureInfo], TransferInfo | None, str]:
            return (
                disclosures_of(session, child_id),
                transfer_of(session, child_id),
                get_settings(session).time_zone,
            )

        self.bridge.run(
            work, on_success=alive(self, self._listed), on_failure=alive(self, self._failed)
        )

    def _listed(self, found: tuple[list[DisclosureInfo], TransferInfo | None, str]) -> None:
        rows, transfer, zone = found
        self.model.zone = ZoneInfo(zone)
        self.model.set_rows(rows)
        self.transfer = transfer
        if transfer is None:
            self.provenance.setVisible(False)
            return
        self.provenance.setText(
            self.tr(
                "Imported from {office} ({country}), their case number {case}, sent on {sent}, "
                "reference {reference}; imported on {imported} by {user}."
            ).format(
                office=isolated(transfer.source_office),
                country=country_text(transfer.source_country) or "–",
                case=transfer.source_case_number or "–",
                sent=datetime_text(transfer.sent_at.astimezone(self.model.zone)),
                reference=transfer.reference or "–",
                imported=datetime_text(transfer.imported_at.astimezone(self.model.zone)),
                user=transfer.imported_by,
            )
        )
        self.provenance.setVisible(True)

    def _failed(self, error: BaseException) -> None:
        fault = explain(error)
        if not fault.expected:
            raise error
        self.bar.show_error(fault.message)

    def send(self) -> QWidget | None:
        if self.detail is None:
            return None
        from ui.protection.transfer_export import open_export

        dialog = open_export(self, self.bridge, self.detail.id, self.detail.code)
        dialog.accepted.connect(alive(self, lambda: self.reload()))
        return dialog
