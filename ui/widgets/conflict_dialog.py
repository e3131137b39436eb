"""Someone saved the record first: show both versions side by side, and let the officer choose."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

AnyIndex = QModelIndex | QPersistentModelIndex

DiffersRole = Qt.ItemDataRole.UserRole  # bool: the two versions of this field differ


def _mix(first: QColor, second: QColor, share: float) -> QColor:
    """``share`` of ``second`` blended into ``first`` (keeps text readable in either theme)."""
    return QColor.fromRgbF(
        first.redF() * (1 - share) + second.redF() * share,
        first.greenF() * (1 - share) + second.greenF() * share,
        first.blueF() * (1 - share) + second.blueF() * share,
    )


class FieldVersionsModel(QAbstractTableModel):
    """Field | your version | saved version; the fields that differ come first."""

    FIELD, MINE, THEIRS = range(3)

    def __init__(
        self,
        labels: dict[str, str],
        mine: dict[str, str],
        theirs: dict[str, str],
        palette: QPalette,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        keys = list(labels)
        keys += [k for k in (*mine, *theirs) if k not in labels and k not in keys]
        rows = [(labels.get(k, k), mine.get(k, ""), theirs.get(k, "")) for k in keys]
        self._in_form_order = rows
        # A stable sort: the form's own order inside each group.
        self._rows = sorted(rows, key=lambda r: r[1] == r[2])
        base = palette.color(QPalette.ColorRole.Base)
        self._changed_background = QBrush(_mix(base, QColor("#f0a020"), 0.28))
        self._bold = QFont()
        self._bold.setBold(True)

    def differing(self) -> list[str]:
        """Labels of the fields whose versions differ, in the order shown."""
        return [label for label, mine, theirs in self._rows if mine != theirs]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        differs = row[1] != row[2]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return row[index.column()]
        if role == DiffersRole:
            return differs
        if role == Qt.ItemDataRole.FontRole and differs:
            return self._bold
        if role == Qt.ItemDataRole.BackgroundRole and differs:
            return self._changed_background
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and differs:
            return self.tr("differs")
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Field"), self.tr("Your version"), self.tr("Saved version"))[section]

    def my_version_text(self) -> str:
        """Every field of my version, one "Label: value" a line, in the form's order."""
        return "\n".join(f"{label}: {mine}" for label, mine, _theirs in self._in_form_order)


class ConflictDialog(QDialog):
    """Tells the officer that the record changed under them; nothing they typed is lost."""

    RELOAD: ClassVar[str] = "reload"
    KEEP: ClassVar[str] = "keep"

    def __init__(
        self,
        entity_label: str,
        labels: dict[str, str],
        mine: dict[str, str],
        theirs: dict[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._choice = self.KEEP
        self.setWindowTitle(self.tr("{0} was changed by someone else").format(entity_label))
        self.resize(720, 460)
        self.model = FieldVersionsModel(labels, mine, theirs, self.palette(), self)
        differing = len(self.model.differing())

        heading = QLabel(self.tr("Someone else saved this record while you were editing it."))
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        heading.setFont(font)
        heading.setWordWrap(True)
        explanation = QLabel(
            self.tr(
                "{0}: %n field(s) differ and are listed first. Your changes are not saved. "
                "Copy your version before reloading if you want to keep what you typed.",
                "",
                differing,
            ).format(entity_label)
        )
        explanation.setWordWrap(True)
        explanation.setTextFormat(Qt.TextFormat.PlainText)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setAccessibleName(self.tr("Your version and the saved version, field by field"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(
            FieldVersionsModel.FIELD, QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(FieldVersionsModel.MINE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(FieldVersionsModel.THEIRS, QHeaderView.ResizeMode.Stretch)
        # Wrapped values need their rows re-measured once the columns have their widths.
        self._fit_rows = QTimer(self, singleShot=True, interval=0)
        self._fit_rows.timeout.connect(self.table.resizeRowsToContents)
        header.sectionResized.connect(lambda *_: self._fit_rows.start())

        self.buttons = QDialogButtonBox()
        self.copy_button = self.buttons.addButton(
            self.tr("Copy my version"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy_button.setToolTip(self.tr("Put every field of your version on the clipboard"))
        self.reload_button = self.buttons.addButton(
            self.tr("Reload the saved version (discard my changes)"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.keep_button = self.buttons.addButton(
            self.tr("Keep editing"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.keep_button.setDefault(True)
        self.copy_button.clicked.connect(self.copy_my_version)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(explanation)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.keep_button.setFocus()

    def choice(self) -> str:
        """``RELOAD`` when the officer chose the saved version, else ``KEEP``."""
        return self._choice

    def accept(self) -> None:
        self._choice = self.RELOAD
        super().accept()

    def reject(self) -> None:
        self._choice = self.KEEP
        super().reject()

    def copy_my_version(self) -> None:
        QGuiApplication.clipboard().setText(self.model.my_version_text())
        self.copy_button.setText(self.tr("Copied to the clipboard"))
