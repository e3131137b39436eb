"""Missing children in the child's record: report a disappearance, record the return, print the
missing-child report (services/missing.py, papers/missing_report.py).

The "Missing" tab says whether the child is missing now and lists every episode. Recording the
return ends with a message asking the officer to re-screen the child for trafficking risk.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QDateTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from guardian_desk.i18n import ngettext
from guardian_desk.i18n.formats import datetime_text
from guardian_desk.security.roles import Permission
from guardian_desk.services.details import RecordDetail
from guardian_desk.services.missing import (
    EpisodeInfo,
    ReturnRecorded,
    episodes_of,
    record_return,
    report_missing,
    update_missing,
)
from ui.bridge import CoreBridge, Task
from ui.callbacks import alive
from ui.forms.fields_dialog import FieldsDialog, FieldsDialogHost, text_box
from ui.forms.message_bar import MessageBar
from ui.forms.tables import RowsModel, table_view
from ui.scheduling.visit_dialogs import qt_time, time_edit
from ui.widgets.field_message import FieldMessage


def tr(text: str) -> str:
    return QCoreApplication.translate("Missing", text)


def _wall(edit: QDateTimeEdit, zone: str) -> datetime:
    value = edit.dateTime().toPython()
    assert isinstance(value, datetime)
    return value.replace(second=0, microsecond=0, tzinfo=ZoneInfo(zone))


def _now_in(zone: str) -> QDateTime:
    return qt_time(datetime.now(ZoneInfo(zone)))


class MissingDialog(FieldsDialog):
    """The disappearance: when, last seen where, what happened, the police report."""

    def __init__(
        self,
        what: str,
        zone: str,
        episode: EpisodeInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            self.tr("Report the child missing") if episode is None else self.tr("Missing: details"),
            parent,
        )
        self.zone = zone
        heading = QLabel(what, wordWrap=True)
        self.form.addRow(heading)
        self.since = time_edit()
        self.since.setObjectName("missing_since")
        self.since.setDateTime(_now_in(zone))
        self.place = QLineEdit()
        self.place.setObjectName("last_seen_place")
        self.place.setPlaceholderText(self.tr("e.g. the bus station, the shelter's gate"))
        self.circumstances = text_box(
            "circumstances", self.tr("What happened, with whom, what the child said before")
        )
        self.appearance = text_box(
            "appearance",
            self.tr("Height, build, hair, eyes, marks, clothing when last seen (no photo)"),
        )
        self.police = QCheckBox(self.tr("Reported to the police"))
        self.police.setObjectName("reported_to_police")
        self.police_at = time_edit()
        self.police_at.setObjectName("police_reported_at")
        self.police_at.setDateTime(_now_in(zone))
        self.police_reference = QLineEdit()
        self.police_reference.setObjectName("police_reference")
        self.police_reference.setPlaceholderText(self.tr("The police's reference, if given"))
        police = QHBoxLayout()
        police.addWidget(self.police)
        police.addWidget(self.police_at)
        police.addWidget(self.police_reference, 1)
        self.police.toggled.connect(self._police_toggled)
        self.add(self.tr("&Missing since:"), "missing_since", self.since)
        self.add(self.tr("&Last seen at:"), "last_seen_place", self.place)
        self.add(self.tr("&Circumstances:"), "circumstances", self.circumstances)
        self.add(self.tr("&Description:"), "appearance", self.appearance)
        self.form.addRow(self.tr("Police:"), police)
        self.messages["police_reported_at"] = FieldMessage()
        self.form.addRow("", self.messages["police_reported_at"])
        self.ok.setText(self.tr("&Report missing") if episode is None else self.tr("&Save"))
        if episode is not None:
            self.since.setDateTime(qt_time(episode.missing_since))
            self.place.setText(episode.last_seen_place)
            self.circumstances.setPlainText(episode.circumstances)
            self.appearance.setPlainText(episode.appearance)
            self.police.setChecked(episode.reported_to_police)
            if episode.police_reported_at is not None:
                self.police_at.setDateTime(qt_time(episode.police_reported_at))
            self.police_reference.setText(episode.police_reference)
        self._police_toggled(self.police.isChecked())
        self.resize(680, 460)

    def _police_toggled(self, on: bool) -> None:
        self.police_at.setEnabled(on)
        self.police_reference.setEnabled(on)

    def values(self) -> dict[str, Any]:
        reported = self.police.isChecked()
        return {
            "missing_since": _wall(self.since, self.zone),
            "last_seen_place": self.place.text(),
            "circumstances": self.circumstances.toPlainText(),
            "appearance": self.appearance.toPlainText(),
            "reported_to_police": reported,
            "police_reported_at": _wall(self.police_at, self.zone) if reported else None,
            "police_reference": self.police_reference.text() if reported else "",
        }


class ReturnDialog(FieldsDialog):
    """The return: when, where the child was found, notes."""

    def __init__(self, what: str, zone: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("The child is back"), parent)
        self.zone = zone
        self.form.addRow(QLabel(what, wordWrap=True))
        self.returned = time_edit()
        self.returned.setObjectName("returned_at")
        self.returned.setDateTime(_now_in(zone))
        self.found = QLineEdit()
        self.found.setObjectName("found_place")
        self.found.setPlaceholderText(self.tr("e.g. brought back by the police from Durrës"))
        self.note = text_box("note", self.tr("How the child is, what the child said"))
        self.add(self.tr("&Back on:"), "returned_at", self.returned)
        self.add(self.tr("&Found at:"), "found_place", self.found)
        self.add(self.tr("&Notes:"), "note", self.note)
        self.ok.setText(self.tr("&Record the return"))
        self.resize(560, 300)

    def values(self) -> dict[str, Any]:
        return {
            "returned_at": _wall(self.returned, self.zone),
            "found_place": self.found.text(),
            "note": self.note.toPlainText(),
        }


class EpisodesModel(RowsModel[EpisodeInfo]):
    def headers(self) -> Sequence[str]:
        return (
            tr("Missing since"),
            tr("Last seen at"),
            tr("Police"),
            tr("Back on"),
            tr("Found at"),
        )

    def cells(self, row: EpisodeInfo) -> Sequence[str]:
        if row.reported_to_police:
            police = datetime_text(row.police_reported_at) if row.police_reported_at else tr("yes")
            if row.police_reference:
                police = f"{police} ({row.police_reference})"
        else:
            police = tr("not reported")
        return (
            datetime_text(row.missing_since),
            row.last_seen_place,
            police,
            datetime_text(row.returned_at) if row.returned_at else tr("still missing"),
            row.found_place,
        )


class MissingTab(FieldsDialogHost, QWidget):
    """Whether the child is missing now, every episode, and what the officer can do."""

    returned = Signal(object)  # ReturnRecorded, after the re-screen message

    def __init__(self, bridge: CoreBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.detail: RecordDetail | None = None
        self.zone = "UTC"
        self.episodes: list[EpisodeInfo] = []
        self.dialog: FieldsDialog | None = None
        self.bar = MessageBar()
        self.state = QLabel(wordWrap=True)
        self.state.setObjectName("missing_state")
        self.model = EpisodesModel(self)
        self.table = table_view(self.model, (1, 4))
        self.table.setObjectName("episodes_table")
        self.report_button = QPushButton(self.tr("Report &missing…"))
        self.edit_button = QPushButton(self.tr("&Details…"))
        self.return_button = QPushButton(self.tr("The child is &back…"))
        self.print_button = QPushButton(self.tr("&Print missing-child report…"))
        for button, slot in (
            (self.report_button, self.ask_missing),
            (self.edit_button, self.ask_details),
            (self.return_button, self.ask_return),
            (self.print_button, self.print_report),
        ):
            button.setAutoDefault(False)
            button.clicked.connect(slot)
        account = bridge.account
        may_edit = account is None or account.may(Permission.EDIT_CASEWORK)
        for button in (self.report_button, self.edit_button, self.return_button):
            button.setVisible(may_edit)
        self.print_button.setVisible(account is None or account.may(Permission.PRINT_PAPERS))
        buttons = QHBoxLayout()
        for button in (self.report_button, self.edit_button, self.return_button):
            buttons.addWidget(button)
        buttons.addStretch()
        buttons.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.state)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(
            QLabel(
                self.tr(
                    "While a child is missing, the child's planned visits are on hold: calendars "
                    "show them as tentative and no visit can be booked or recorded as held. The "
                    "return releases them. The case stays open until it is closed."
                ),
                wordWrap=True,
            )
        )
        bridge.data_changed.connect(alive(self, lambda: self.reload()))
        self._show_state()

    @property
    def current(self) -> EpisodeInfo | None:
        return next((e for e in self.episodes if e.is_open), None)

    def show_record(self, detail: RecordDetail | None) -> None:
        self.detail = detail
        if detail is None:
            self.episodes = []
            self.model.set_rows([])
            self._show_state()
            return
        self.reload()

    def reload(self) -> None:
        if self.detail is None:
            return
        child_id = self.detail.id

        def work(session: Session, task: Task) -> tuple[list[EpisodeInfo], str]:
            from guardian_desk.services.settings import get_settings

            return episodes_of(session, child_id), get_settings(session).time_zone

        self.bridge.run(
            work, on_success=alive(self, self._loaded), on_failure=alive(self, self._failed)
        )

    def _loaded(self, result: tuple[list[EpisodeInfo], str]) -> None:
        self.episodes, self.zone = result
        self.model.set_rows(self.episodes)
        self._show_state()

    def _show_state(self) -> None:
        current = self.current
        known = self.detail is not None
        if current is None:
            self.state.setText(self.tr("The child is not reported missing."))
        else:
            text = self.tr("Missing since {0}, last seen at {1}.").format(
                datetime_text(current.missing_since),
                current.last_seen_place or self.tr("a place not known"),
            )
            held = current.visits_on_hold
            text += " " + ngettext(
                "{count} visit is on hold.", "{count} visits are on hold.", held
            ).format(count=held)
            self.state.setText(text)
        self.report_button.setEnabled(known and current is None)
        self.edit_button.setEnabled(current is not None)
        self.return_button.setEnabled(current is not None)
        self.print_button.setEnabled(current is not None)

    def ask_missing(self) -> FieldsDialog | None:
        if self.detail is None:
            return None
        child_id = self.detail.id
        return self._open(
            MissingDialog(self._what(), self.zone, parent=self),
            lambda session, values: report_missing(session, child_id, **values),
            lambda _result: self.bar.show_info(
                self.tr("The child is reported missing; the planned visits are on hold.")
            ),
        )

    def ask_details(self) -> FieldsDialog | None:
        current = self.current
        if current is None:
            return None
        return self._open(
            MissingDialog(self._what(), self.zone, current, parent=self),
            lambda session, values: update_missing(
                session, current.episode_id, current.version, **values
            ),
            lambda _result: self.bar.show_info(self.tr("Saved.")),
        )

    def ask_return(self) -> FieldsDialog | None:
        current = self.current
        if current is None:
            return None
        return self._open(
            ReturnDialog(self._what(), self.zone, parent=self),
            lambda session, values: record_return(
                session, current.episode_id, current.version, **values
            ),
            self._back,
        )

    def _back(self, result: ReturnRecorded) -> None:
        count = len(result.released)
        self.bar.show_info(
            ngettext(
                "The return is recorded; {count} visit was taken off hold.",
                "The return is recorded; {count} visits were taken off hold.",
                count,
            ).format(count=count)
        )
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Re-screen the child"),
            result.rescreen,
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("rescreen_message")
        box.open()
        self.returned.emit(result)

    def print_report(self) -> None:
        if self.detail is None or self.current is None:
            return
        child_id, episode_id = self.detail.id, self.current.episode_id

        def work(session: Session, task: Task) -> Any:
            from guardian_desk.domain.enums import DocumentKind
            from guardian_desk.papers.register import issue_document
            from ui.papers.calls import paper_set

            paper = issue_document(
                session, DocumentKind.MISSING_REPORT, child_id=child_id, episode_id=episode_id
            )
            return paper_set([paper])

        def show(papers: Any) -> None:
            from ui.papers.preview import PaperPreview

            PaperPreview(self.bridge, papers, self).open()

        self.bridge.run(
            work, writes=True, on_success=alive(self, show), on_failure=alive(self, self._failed)
        )
