"""Calendar export: one guardian's, mediator's or facility's calendar to a file, or all of
them into a folder; children by case number and initials unless the officer asks otherwise."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import shiboken6
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from guardian_desk.calendars import (
    CalendarExportCancelled,
    CalendarOwnerRef,
    FolderExport,
    export_all_calendars,
    export_calendar,
    write_calendar_file,
)
from guardian_desk.i18n import ngettext
from guardian_desk.i18n.formats import number_text
from ui.bridge import CoreBridge, Task
from ui.date_input import date_input_format
from ui.scheduling import calls
from ui.scheduling.common import alive, error_text, expected
from ui.scheduling.owner_picker import OwnerPicker
from ui.scheduling.running import RunStrip
from ui.widgets.field_message import error_colour


class ExportDialog(QDialog):
    def __init__(self, bridge: CoreBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Export calendars"))
        self.resize(640, 340)
        self.picker = OwnerPicker()
        self.reminder = QSpinBox()
        self.reminder.setRange(0, 40320)
        self.reminder.setSingleStep(15)
        self.reminder.setSpecialValueText(self.tr("No reminder"))
        self.reminder.setSuffix(self.tr(" minutes before"))
        self.limit = QCheckBox(self.tr("Only visits &from"))
        self.since = QDateEdit(QDate.currentDate().addDays(-30))
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat(date_input_format())
        self.since.setEnabled(False)
        self.limit.toggled.connect(self.since.setEnabled)
        since_row = QHBoxLayout()
        since_row.addWidget(self.limit)
        since_row.addWidget(self.since)
        since_row.addStretch()
        self.names = QCheckBox(self.tr("Show children's &names"))
        self.warning = QLabel(
            self.tr(
                "Warning: the file will carry the children's full names. Anyone who sees the "
                "calendar (a shared or synced calendar, a lost phone) will see them. Without "
                "this, children are named by case number and initials only."
            ),
            wordWrap=True,
        )
        self.warning.setStyleSheet(
            f"color: {error_colour(self.palette()).name()}; font-weight: bold;"
        )
        self.warning.hide()
        self.names.toggled.connect(self.warning.setVisible)
        form = QFormLayout()
        form.addRow(self.tr("&Calendar of:"), self.picker)
        form.addRow(self.tr("&Reminder:"), self.reminder)
        form.addRow(self.tr("Visits:"), since_row)
        form.addRow("", self.names)
        form.addRow("", self.warning)
        self.one_button = QPushButton(self.tr("Export &this calendar…"))
        self.one_button.clicked.connect(self._choose_file)
        self.all_button = QPushButton(self.tr("Export &all into a folder…"))
        self.all_button.clicked.connect(self._choose_folder)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.one_button)
        buttons.addWidget(self.all_button)
        buttons.addStretch()
        buttons.addWidget(close)
        self.run = RunStrip()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.run)
        layout.addStretch()
        layout.addLayout(buttons)
        self.written: list[Path] = []
        self.bridge.run(
            lambda session, task: calls.owners(session),
            on_success=alive(self, self.picker.set_owners),
        )

    def _options(self) -> tuple[int | None, bool]:
        minutes = self.reminder.value()
        return (minutes or None), self.names.isChecked()

    def starting_from(self) -> date | None:
        """The first day exported, or None: every visit on record."""
        if not self.limit.isChecked():
            return None
        day = self.since.date().toPython()
        assert isinstance(day, date)
        return day

    def _names_confirmed(self) -> bool:
        """Names leave the office only when the officer says so twice: the box and here."""
        if not self.names.isChecked():
            return True
        answer = QMessageBox.warning(
            self,
            self.tr("Children's names in the calendar"),
            self.tr("The file will carry the children's full names. Export it with the names?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _set_busy(self, busy: bool) -> None:
        self.one_button.setEnabled(not busy)
        self.all_button.setEnabled(not busy)

    def _choose_file(self) -> None:
        owner = self.picker.current()
        if owner is None or not self._names_confirmed():
            return
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the calendar"), owner.file_name, self.tr("Calendars (*.ics)")
        )
        if chosen:
            self.export_one(owner, Path(chosen))

    def _choose_folder(self) -> None:
        if not self._names_confirmed():
            return
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Folder for the calendars"))
        if chosen:
            self.export_all(Path(chosen))

    def export_one(self, owner: CalendarOwnerRef, path: Path) -> None:
        alarm, reveal = self._options()
        since = self.starting_from()

        def work(session: Session, task: Task) -> int:
            found = export_calendar(
                session,
                owner.owner,
                owner.id,
                starting_from=since,
                alarm_minutes=alarm,
                reveal_identity=reveal,
            )
            write_calendar_file(path, found.content)
            return found.visits

        def done(visits: int) -> None:
            self.written.append(path)
            self._set_busy(False)
            self.run.finish(self.tr("Saved {0} (visits: {1}).").format(str(path), visits))

        self._set_busy(True)
        task = self.bridge.run(
            work, on_success=alive(self, done), on_failure=alive(self, self._failed)
        )
        self.run.start(task, self.tr("Writing the calendar…"))

    def export_all(self, folder: Path) -> None:
        alarm, reveal = self._options()
        since = self.starting_from()

        def work(session: Session, task: Task) -> FolderExport:
            return export_all_calendars(
                session,
                folder,
                starting_from=since,
                alarm_minutes=alarm,
                reveal_identity=reveal,
                progress=task.progress,
                cancel=task.cancelled,
            )

        def done(result: FolderExport) -> None:
            self.written.append(folder)
            self._set_busy(False)
            self.run.finish(
                # TRANSLATORS: {visits} is a number of visits, {folder} a folder's path.
                ngettext(
                    "Wrote {count} calendar ({visits} visits) into {folder}.",
                    "Wrote {count} calendars ({visits} visits) into {folder}.",
                    result.files,
                ).format(
                    count=number_text(result.files),
                    visits=number_text(result.visits),
                    folder=str(result.folder),
                )
            )

        self._set_busy(True)
        task = self.bridge.run(
            work,
            on_success=alive(self, done),
            on_failure=alive(self, self._failed),
            on_progress=self._progressed,
        )
        self.run.start(task, self.tr("Writing calendars…"))

    def _progressed(self, done: int, total: int) -> None:
        if shiboken6.isValid(self):
            self.run.progress(done, total)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, CalendarExportCancelled):
            self.run.finish(self.tr("Cancelled; the folder was left as it was."))
        elif expected(error) or isinstance(error, OSError):
            self.run.finish(self.tr("Nothing was written: {0}").format(error_text(error)))
        else:
            self.run.finish()
            raise error
