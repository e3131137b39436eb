"""The child's case notes: the list, a note with its amendments, add, correct and amend.

A note can be corrected in place by its author for 24 hours; after that it is locked and a
change is an amendment (the original text stays readable below the note's text now).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from guardian_desk.domain.case_history import NoteKind, note_kind_text
from guardian_desk.domain.errors import ValidationError, ValidationErrors
from guardian_desk.faults import explain
from guardian_desk.i18n.formats import date_text, datetime_text
from guardian_desk.security.roles import Permission
from guardian_desk.services.case_notes import NoteRow, add_note, amend_note, edit_note, notes_of
from guardian_desk.services.details import RecordDetail
from guardian_desk.services.settings import get_settings
from ui.bridge import CoreBridge, Task
from ui.callbacks import alive
from ui.forms.fields import DateField
from ui.forms.message_bar import MessageBar
from ui.forms.tables import RowsModel, table_view
from ui.widgets.field_message import FieldMessage


def tr(text: str) -> str:
    return QCoreApplication.translate("Notes", text)


def _local(moment: datetime, zone: ZoneInfo) -> str:
    return datetime_text(moment.astimezone(zone))


class NotesModel(RowsModel[NoteRow]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zone = ZoneInfo("UTC")

    def headers(self) -> Sequence[str]:
        return (tr("Date"), tr("Kind"), tr("Note"), tr("Written by"), tr("State"))

    def cells(self, row: NoteRow) -> Sequence[str]:
        if row.erased:
            state = tr("erased")
        elif row.amendments:
            state = QCoreApplication.translate(
                "Notes", "amended %n time(s)", "", len(row.amendments)
            )
        elif row.locked():
            state = tr("locked")
        else:
            state = tr("can be corrected until {0}").format(_local(row.locks_at, self.zone))
        return (
            date_text(row.noted_on),
            note_kind_text(row.kind),
            row.text,
            row.author_name or row.author,
            state,
        )


def note_html(row: NoteRow, zone: ZoneInfo) -> str:
    """The note as it reads now, then the original and every amendment with who and when."""
    esc = html.escape

    def block(text: str) -> str:
        return f"<p style='white-space: pre-wrap'>{esc(text)}</p>"

    written = tr("Written by {0} on {1}").format(
        esc(row.author_name or row.author), _local(row.created_at, zone)
    )
    parts = [
        f"<h3>{esc(note_kind_text(row.kind))} — {esc(date_text(row.noted_on))}</h3>",
        block(row.text),
        f"<p><i>{written}</i></p>",
    ]
    if row.amendments:
        parts.append(f"<h4>{tr('History')}</h4>")
        original = tr("Original text")
        parts.append(f"<p><b>{original}</b></p>{block(row.original_text)}")
        for a in row.amendments:
            head = tr("Amended by {0} on {1}").format(
                esc(a.author_name or a.author), _local(a.created_at, zone)
            )
            if a.reason:
                head = tr("{0}: {1}").format(head, esc(a.reason))
            parts.append(f"<p><b>{head}</b></p>{block(a.text)}")
    return "".join(parts)


class NoteDialog(QDialog):
    """A new note, a correction of a fresh one, or an amendment of any."""

    def __init__(
        self,
        bridge: CoreBridge,
        child_id: int,
        note: NoteRow | None = None,
        *,
        amend: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.child_id = child_id
        self.note = note
        self.amend = amend
        if note is None:
            self.setWindowTitle(self.tr("New case note"))
        elif amend:
            self.setWindowTitle(self.tr("Amend the note"))
        else:
            self.setWindowTitle(self.tr("Correct the note"))
        self.bar = MessageBar()
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        for kind in NoteKind:
            self.kind.addItem(note_kind_text(kind), kind.value)
        self.noted_on = DateField(optional=False)
        self.noted_on.set_text((note.noted_on if note else date.today()).isoformat())
        self.text = QPlainTextEdit()
        self.text.setObjectName("text")
        self.text.setMinimumHeight(160)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(self.tr("why the note changes (optional)"))
        self.messages = {name: FieldMessage() for name in ("kind", "noted_on", "text", "reason")}
        form = QFormLayout()
        if note is not None:
            self.kind.setCurrentIndex(max(self.kind.findData(note.kind.value), 0))
            self.text.setPlainText(note.text)
        if amend:
            assert note is not None
            form.addRow(
                QLabel(
                    self.tr(
                        "This note is kept as it was written; your amendment becomes its text "
                        "from now on, and both stay in its history."
                    ),
                    wordWrap=True,
                )
            )
            rows = [
                (self.tr("Text:"), "text", self.text),
                (self.tr("Reason:"), "reason", self.reason),
            ]
        else:
            rows = [
                (self.tr("Kind:"), "kind", self.kind),
                (self.tr("Date:"), "noted_on", self.noted_on),
                (self.tr("Text:"), "text", self.text),
            ]
        for label, name, editor in rows:
            form.addRow(label, editor)
            form.addRow("", self.messages[name])
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addLayout(form, 1)
        layout.addWidget(self.buttons)
        self.resize(640, 420)

    def submit(self) -> None:
        for message in self.messages.values():
            message.show_message(None)
        self.bar.clear()
        child_id, note = self.child_id, self.note
        kind = NoteKind(self.kind.currentData())
        text, reason = self.text.toPlainText(), self.reason.text()
        day = self.noted_on.text()
        if not day:
            self.messages["noted_on"].show_message(self.tr("is required"))
            return
        noted_on = date.fromisoformat(day)
        amend = self.amend

        def work(session: Session, task: Task) -> None:
            if note is None:
                add_note(session, child_id, kind, noted_on, text)
            elif amend:
                amend_note(session, note.id, text, reason)
            else:
                edit_note(session, note.id, note.version, kind, noted_on, text)

        self.ok.setEnabled(False)
        self.bridge.run(
            work,
            writes=True,
            on_success=alive(self, self._saved),
            on_failure=alive(self, self._failed),
        )

    def _saved(self, _result: None) -> None:
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.ok.setEnabled(True)
        if isinstance(error, ValidationErrors):
            errors = list(error.errors)
        elif isinstance(error, ValidationError):
            errors = [error]
        else:
            errors = []
        unplaced = [e for e in errors if e.field not in self.messages]
        for found in errors:
            if found.field in self.messages:
                self.messages[found.field].show_message(found.reason)
        if errors and not unplaced:
            return
        fault = explain(error)
        if not fault.expected:
            raise error
        self.bar.show_error(fault.message)


class NotesTab(QWidget):
    """The child's case notes, newest first; the selected one in full below."""

    def __init__(self, bridge: CoreBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.detail: RecordDetail | None = None
        self.zone = ZoneInfo("UTC")
        self.model = NotesModel(self)
        self.table = table_view(self.model, (2,))
        self.table.setObjectName("notes_table")
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._selected())
        self.table.doubleClicked.connect(lambda _index: self.change_selected())
        self.view = QTextBrowser()
        self.view.setObjectName("note_view")
        self.bar = MessageBar()
        self.add_button = QPushButton(self.tr("Add a note…"))
        self.add_button.setObjectName("add_note")
        self.add_button.clicked.connect(self.add)
        self.correct_button = QPushButton(self.tr("Correct…"))
        self.correct_button.setObjectName("correct_note")
        self.correct_button.setToolTip(self.tr("Its author may correct a note for 24 hours"))
        self.correct_button.clicked.connect(self.correct)
        self.amend_button = QPushButton(self.tr("Amend…"))
        self.amend_button.setObjectName("amend_note")
        self.amend_button.setToolTip(self.tr("A change kept beside the original text"))
        self.amend_button.clicked.connect(self.amend)
        account = bridge.account
        self.may_write = account is None or account.may(Permission.EDIT_CASEWORK)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.correct_button, self.amend_button):
            button.setAutoDefault(False)
            button.setVisible(self.may_write)
            buttons.addWidget(button)
        buttons.addStretch()
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.view)
        split.setSizes([300, 200])
        # A note, a move or a visit saved anywhere: the tab follows.
        bridge.data_changed.connect(alive(self, lambda: self.reload()))
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addLayout(buttons)
        layout.addWidget(split, 1)
        self._enable()

    # --- the record -----------------------------------------------------------------------

    def show_record(self, detail: RecordDetail | None) -> None:
        self.detail = detail
        if detail is None:
            self.model.set_rows([])
            self._enable()
            return
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        if self.detail is None:
            return
        child_id = self.detail.id

        def work(session: Session, task: Task) -> tuple[list[NoteRow], str]:
            return notes_of(session, child_id), get_settings(session).time_zone

        self.bridge.run(
            work,
            on_success=alive(self, lambda found: self._listed(found, select_id)),
            on_failure=alive(self, self._failed),
        )

    def _listed(self, found: tuple[list[NoteRow], str], select_id: int | None) -> None:
        rows, zone = found
        self.zone = ZoneInfo(zone)
        self.model.zone = self.zone
        current = self.selected()
        previous = select_id or (current.id if current is not None else None)
        self.model.set_rows(rows)
        for n, row in enumerate(rows):
            if row.id == previous:
                self.table.selectRow(n)
        self._selected()

    def _failed(self, error: BaseException) -> None:
        fault = explain(error)
        if not fault.expected:
            raise error
        self.bar.show_error(fault.message)

    # --- selection ------------------------------------------------------------------------

    def selected(self) -> NoteRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _selected(self) -> None:
        row = self.selected()
        self.view.setHtml(note_html(row, self.zone) if row else "")
        self._enable()

    def _own_fresh(self, row: NoteRow | None) -> bool:
        account = self.bridge.account
        me = account.username if account is not None else None
        return row is not None and not row.locked() and not row.amendments and row.author == me

    def _enable(self) -> None:
        row = self.selected()
        self.add_button.setEnabled(self.detail is not None)
        self.correct_button.setEnabled(self._own_fresh(row))
        self.amend_button.setEnabled(row is not None and not row.erased)

    # --- writing --------------------------------------------------------------------------

    def _open(self, note: NoteRow | None, *, amend: bool) -> None:
        if self.detail is None:
            return
        dialog = NoteDialog(self.bridge, self.detail.id, note, amend=amend, parent=self)
        dialog.accepted.connect(lambda: self.reload(note.id if note else None))
        dialog.open()

    def add(self) -> None:
        self._open(None, amend=False)

    def correct(self) -> None:
        row = self.selected()
        if row is not None and self._own_fresh(row):
            self._open(row, amend=False)

    def amend(self) -> None:
        row = self.selected()
        if row is not None and not row.erased:
            self._open(row, amend=True)

    def change_selected(self) -> None:
        """Double-click: correct one's own fresh note, else amend."""
        if not self.may_write:
            return
        row = self.selected()
        if row is None:
            return
        self._open(row, amend=not self._own_fresh(row))
