"""What every detail form shares: field rows with a message under each, errors at their fields,
and a snapshot of the field texts that tells whether anything changed."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal, SignalInstance
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from guardian_desk.domain.errors import ValidationError
from guardian_desk.domain.records import AbsencePeriod, WeeklyWindow
from guardian_desk.services.details import FormChoices, RecordData, RecordDetail
from ui.widgets.field_message import FieldMessage, mark_invalid
from ui.widgets.language_picker import LanguageSkillsEditor

Availability = tuple[list[WeeklyWindow] | None, list[AbsencePeriod] | None]


def error_text(error: ValidationError, label: str) -> str:
    """ "Date of birth “2031-01-01” is in the future": the field, the value, the reason."""
    value = "" if error.value is None else str(error.value)
    if not value.strip():
        return QCoreApplication.translate("RecordForm", "{0} {1}").format(label, error.reason)
    return QCoreApplication.translate("RecordForm", "{0} “{1}” {2}").format(
        label, value, error.reason
    )


class RecordForm(QWidget):
    """A record's editors, spread over one or more pages (the dialog shows them as tabs)."""

    changed = Signal()
    TEXT_FIELDS: tuple[str, ...] = ()
    """Line edits named like their record fields: watched, filled and read the same way."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels: dict[str, str] = {}
        self.editors: dict[str, QWidget] = {}  # what gets focus and the invalid mark
        self.messages: dict[str, Callable[[str | None], None]] = {}
        self.message_labels: dict[str, FieldMessage] = {}
        self.marked: dict[str, QWidget] = {}
        self.page_of: dict[str, QWidget] = {}
        self.pages: list[tuple[str, QWidget]] = []
        self._loading = False
        self._error_values: dict[str, str] = {}  # a shown error's field -> its value then
        self.details = QWidget()
        self.details_layout = QVBoxLayout(self.details)
        self.details_page = QScrollArea()
        self.details_page.setWidgetResizable(True)
        self.details_page.setFrameShape(QFrame.Shape.NoFrame)
        self.details_page.setWidget(self.details)
        self.add_page(self.tr("Details"), self.details_page)

    # --- building ------------------------------------------------------------------------------

    def add_page(self, title: str, page: QWidget) -> None:
        self.pages.append((title, page))

    def columns(self, left_title: str, right_title: str) -> tuple[QFormLayout, QFormLayout]:
        """Two titled columns side by side; tab order runs down the left, then the right."""
        row = QHBoxLayout()
        forms = []
        for title in (left_title, right_title):
            box = QGroupBox(title)
            form = QFormLayout(box)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
            row.addWidget(box, 1)
            forms.append(form)
        self.details_layout.addLayout(row)
        return forms[0], forms[1]

    def add_field(
        self,
        form: QFormLayout,
        name: str,
        label: str,
        editor: QWidget,
        *,
        extra: QWidget | None = None,
        page: QWidget | None = None,
    ) -> QWidget:
        """A row: the label, the editor (and an extra widget beside it), a message under it."""
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        if extra is not None:
            line = QHBoxLayout()
            line.addWidget(editor)
            line.addWidget(extra)
            line.addStretch(1)
            column.addLayout(line)
        else:
            column.addWidget(editor)
        message = FieldMessage()
        column.addWidget(message)
        form.addRow(QCoreApplication.translate("RecordForm", "{0}:").format(label), holder)
        self.register(name, label, editor, page or self.details_page, message)
        return editor

    def register(
        self,
        name: str,
        label: str,
        editor: QWidget,
        page: QWidget,
        message: FieldMessage,
        show: Callable[[str | None], None] | None = None,
    ) -> None:
        """A field the parsers name: its label, editor, tab, and where its message shows."""
        self.labels[name] = label
        self.editors[name] = editor
        # Composite editors name the part that shows the red frame.
        marked = getattr(editor, "marked_widget", None)
        self.marked[name] = marked() if callable(marked) else editor
        self.message_labels[name] = message
        self.messages[name] = show or message.show_message
        self.page_of[name] = page

    def message_of(self, name: str) -> str:
        """The message shown at a field ("" when none is shown)."""
        label = self.message_labels[name]
        return "" if label.isHidden() else label.text()

    def watch(self, *signals: SignalInstance) -> None:
        for signal in signals:
            signal.connect(self._edited)

    def _edited(self, *_args: Any) -> None:
        if not self._loading:
            self.clear_corrected()
            self.changed.emit()

    # --- errors --------------------------------------------------------------------------------

    def clear_errors(self) -> None:
        self._error_values = {}
        for name, show in self.messages.items():
            show(None)
            mark_invalid(self.marked[name], False)

    def field_value(self, name: str, raw: Mapping[str, str] | None = None) -> str:
        """What a field holds now, to tell whether the officer has changed it since an error
        (fields outside ``raw()``, such as availability, compare the availability whole)."""
        raw = self.raw() if raw is None else raw
        return raw[name] if name in raw else repr(self.availability())

    def has_errors(self) -> bool:
        """Whether any field still shows an error."""
        return bool(self._error_values)

    def clear_corrected(self) -> None:
        """An error goes as soon as the officer changes its field: it is about the old value."""
        if not self._error_values:
            return
        raw = self.raw()
        for name, before in list(self._error_values.items()):
            if self.field_value(name, raw) != before:
                del self._error_values[name]
                self.messages[name](None)
                mark_invalid(self.marked[name], False)

    def show_errors(self, errors: list[ValidationError]) -> list[ValidationError]:
        """Show each error at its field; returns those that name no field of this form."""
        unplaced = []
        shown: dict[str, list[str]] = {}
        for error in errors:
            if error.field not in self.messages:
                unplaced.append(error)
                continue
            label = self.labels[error.field]
            shown.setdefault(error.field, []).append(error_text(error, label))
        raw = self.raw() if shown else {}
        for name, texts in shown.items():
            self.messages[name]("\n".join(texts))
            mark_invalid(self.marked[name], True)
            self._error_values[name] = self.field_value(name, raw)
        return unplaced

    def first_invalid(self, errors: list[ValidationError]) -> str | None:
        """The bad field that comes first in the form's order."""
        names = {e.field for e in errors}
        return next((name for name in self.editors if name in names), None)

    # --- content (each kind of record fills these in) ------------------------------------------

    def load(self, detail: RecordDetail | None, choices: FormChoices) -> None:
        self._loading = True
        try:
            self.fill(detail, choices)
        finally:
            self._loading = False
        self.clear_errors()

    def fill(self, detail: RecordDetail | None, choices: FormChoices) -> None:
        raise NotImplementedError

    def raw(self) -> dict[str, str]:
        """Every field as the text the domain parser reads."""
        raise NotImplementedError

    def parse(self, raw: dict[str, str], choices: FormChoices) -> RecordData:
        raise NotImplementedError

    def availability(self) -> Availability:
        return None, None

    def check_availability(self) -> list[ValidationError]:
        return []

    def snapshot(self) -> tuple[Any, ...]:
        slots, absences = self.availability()
        return (self.raw(), slots, absences)

    def first_field(self) -> QWidget:
        return next(iter(self.editors.values()))

    def line_edits(self) -> list[QLineEdit]:
        return [getattr(self, name) for name in self.TEXT_FIELDS]

    def fill_texts(self, row: Mapping[str, str]) -> None:
        for name in self.TEXT_FIELDS:
            getattr(self, name).setText(row[name])

    def texts(self, names: Iterable[str] | None = None) -> dict[str, str]:
        return {name: getattr(self, name).text() for name in names or self.TEXT_FIELDS}

    def add_languages_page(self) -> LanguageSkillsEditor:
        """The Languages tab (children and staff), its errors shown on the editor itself."""
        editor = LanguageSkillsEditor()
        page = QWidget()
        QVBoxLayout(page).addWidget(editor)
        self.add_page(self.tr("Languages"), page)
        self.register(
            "languages", self.tr("Languages"), editor, page, editor.message, editor.set_error
        )
        return editor

    def add_notes(self, editor: QWidget, label: str) -> None:
        box = QGroupBox(label)
        inner = QVBoxLayout(box)
        inner.addWidget(editor)
        message = FieldMessage()
        inner.addWidget(message)
        self.details_layout.addWidget(box)
        self.register("notes", label, editor, self.details_page, message)

    @staticmethod
    def status_label() -> QLabel:
        label = QLabel()
        label.setObjectName("record_status")
        return label
