"""The two rows the import and export dialogs share: which records, and which file."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLineEdit, QPushButton

from guardian_desk.exchange import KINDS

KIND_LABELS = {
    "facilities": QT_TRANSLATE_NOOP("CsvFields", "Facilities"),
    "guardians": QT_TRANSLATE_NOOP("CsvFields", "Guardians"),
    "mediators": QT_TRANSLATE_NOOP("CsvFields", "Mediators"),
    "children": QT_TRANSLATE_NOOP("CsvFields", "Children"),
    "availability": QT_TRANSLATE_NOOP("CsvFields", "Availability"),
}


def kind_and_file_rows(
    placeholder: str, browse: Callable[[], None]
) -> tuple[QFormLayout, QComboBox, QLineEdit]:
    """A form with a combo of the record kinds and a file path with a Choose… button."""

    def tr(text: str) -> str:
        return QCoreApplication.translate("CsvFields", text)

    form = QFormLayout()
    kind = QComboBox()
    for name in KINDS:
        kind.addItem(tr(str(KIND_LABELS.get(name, name.capitalize()))), name)
    form.addRow(tr("Records:"), kind)
    row = QHBoxLayout()
    path = QLineEdit()
    path.setPlaceholderText(placeholder)
    button = QPushButton(tr("Choose…"))
    button.clicked.connect(browse)
    row.addWidget(path)
    row.addWidget(button)
    form.addRow(tr("File:"), row)
    return form, kind, path
