"""Protection ▸ Early warnings…: every child the office should look at again, and why.

Children not screened, positive screenings not referred, adults whose relationship is not
confirmed, and re-screenings due (after a missing episode, a new adult, a change of facility, or
the office's interval after the first screening), each with its age in working days. A
non-modal window: sortable, filtered by kind; double-click or Enter opens the child's record the
way the registry does. It follows every save in the app (the bridge's data_changed).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QRegularExpression,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from guardian_desk.faults import explain
from guardian_desk.i18n import _, ngettext
from guardian_desk.i18n.formats import date_text, number_text
from ui.callbacks import alive
from ui.forms.message_bar import MessageBar
from ui.forms.tables import RowsModel, SortRole
from ui.screen_fit import resize_to_fit

if TYPE_CHECKING:
    from ui.main_window import MainWindow

AnyIndex = QModelIndex | QPersistentModelIndex
KindRole = Qt.ItemDataRole.UserRole + 1
ChildRole = Qt.ItemDataRole.UserRole + 2


def kind_name(kind: Any) -> str:
    from guardian_desk.services.early_warning import WARNING_NAMES

    text = WARNING_NAMES.get(kind)
    return _(text) if text else str(kind)


class WarningsModel(RowsModel[Any]):
    """One line per warning: what, whose, since when, how many working days, the detail."""

    WARNING, CASE, SINCE, DAYS, DETAIL = range(5)

    def headers(self) -> Sequence[str]:
        return (
            self.tr("Warning"),
            self.tr("Case number"),
            self.tr("Since"),
            self.tr("Working days"),
            self.tr("Detail"),
        )

    def cells(self, row: Any) -> Sequence[str]:
        return (
            kind_name(row.kind),
            row.case_number,
            date_text(row.since),
            number_text(row.working_days),
            row.detail,
        )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        if role == SortRole:
            return (
                kind_name(row.kind),
                row.case_number,
                row.since.toordinal() if isinstance(row.since, date) else 0,
                row.working_days,
                row.detail,
            )[index.column()]
        if role == KindRole:
            return str(row.kind)
        if role == ChildRole:
            return row.child_id
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == self.DAYS:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
        return super().data(index, role)


class KindFilter(QSortFilterProxyModel):
    """Sorts by each column's value (not its text) and shows one kind, or every kind."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SortRole)
        self.setFilterRole(KindRole)
        self.setFilterKeyColumn(0)

    def set_kind(self, kind: str) -> None:
        """Only ``kind``'s warnings ("" for every kind)."""
        pattern = f"^{re.escape(kind)}$" if kind else ""
        self.setFilterRegularExpression(QRegularExpression(pattern))


class WarningsTable(QTableView):
    """Enter opens the chosen line's child, like a double-click."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.doubleClicked.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class WarningsWindow(QWidget):
    """The early-warning list of the office (non-modal)."""

    def __init__(self, window: MainWindow | Any, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.main_window = window
        self.bridge = window.bridge
        self.warnings: list[Any] = []
        self.loaded = False
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Early warnings"))
        resize_to_fit(self, 1100, 620)
        self.bar = MessageBar()
        self.summary = QLabel(self.tr("Loading…"), wordWrap=True)
        self.summary.setObjectName("warnings_summary")
        self.kind = QComboBox()
        self.kind.setObjectName("warning_kind")
        self.kind.addItem(self.tr("All warnings"), "")
        self.kind.currentIndexChanged.connect(self._filter)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.setAutoDefault(False)
        self.refresh_button.clicked.connect(self.reload)
        self.open_button = QPushButton(self.tr("&Open the child's record"))
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(self.open_current)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.close)
        self.model = WarningsModel(self)
        self.proxy = KindFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = WarningsTable()
        self.table.setModel(self.proxy)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(WarningsModel.DETAIL, QHeaderView.ResizeMode.Stretch)
        self.table.setObjectName("warnings_table")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(WarningsModel.DAYS, Qt.SortOrder.DescendingOrder)
        self.table.doubleClicked.connect(self.open_child)
        top = QHBoxLayout()
        show = QLabel(self.tr("&Show:"))
        show.setBuddy(self.kind)
        top.addWidget(show)
        top.addWidget(self.kind)
        top.addStretch()
        top.addWidget(self.refresh_button)
        bottom = QHBoxLayout()
        bottom.addWidget(
            QLabel(
                self.tr(
                    "Working days count from the day the warning arose, weekends and public "
                    "holidays left out. A warning clears when its cause is dealt with."
                ),
                wordWrap=True,
            ),
            1,
        )
        bottom.addWidget(self.open_button)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.summary)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        if self.bridge is not None:
            self.bridge.data_changed.connect(alive(self, lambda: self.reload()))
        self.reload()

    def reload(self) -> None:
        if self.bridge is None:
            return

        def work(session: Any, task: Any) -> list[Any]:
            from guardian_desk.services.early_warning import early_warnings

            return early_warnings(session)

        self.refresh_button.setEnabled(False)
        self.bridge.run(
            work, on_success=alive(self, self._loaded), on_failure=alive(self, self._failed)
        )

    def _loaded(self, warnings: list[Any]) -> None:
        from guardian_desk.services.early_warning import WarningKind

        self.warnings = list(warnings)
        self.model.set_rows(self.warnings)
        chosen = self.kind.currentData()
        counts: dict[str, int] = {}
        for warning in self.warnings:
            counts[str(warning.kind)] = counts.get(str(warning.kind), 0) + 1
        self.kind.blockSignals(True)
        while self.kind.count() > 1:
            self.kind.removeItem(1)
        for kind in WarningKind:
            # TRANSLATORS: {0} a kind of early warning, {1} how many there are.
            text = self.tr("{0} ({1})").format(
                kind_name(kind), number_text(counts.get(str(kind), 0))
            )
            self.kind.addItem(text, str(kind))
        index = self.kind.findData(chosen)
        self.kind.setCurrentIndex(max(index, 0))
        self.kind.blockSignals(False)
        self._filter()
        total = len(self.warnings)
        children = len({w.child_id for w in self.warnings})
        if total:
            warned = ngettext("{count} warning.", "{count} warnings.", total).format(
                count=number_text(total)
            )
            about = ngettext(
                "{count} child concerned.", "{count} children concerned.", children
            ).format(count=number_text(children))
            self.summary.setText(f"{warned} {about}")
        else:
            self.summary.setText(
                self.tr("No early warning: every child is screened and followed up.")
            )
        self.refresh_button.setEnabled(True)
        self.loaded = True

    def show_kind(self, kind: str) -> None:
        """Show only one kind of warning ("" for every kind)."""
        index = self.kind.findData(kind)
        if index < 0:  # not loaded yet: the filter waits for the list
            self.kind.addItem(kind_name(kind) if kind else self.tr("All warnings"), kind)
            index = self.kind.count() - 1
        self.kind.setCurrentIndex(index)

    def _filter(self) -> None:
        self.proxy.set_kind(str(self.kind.currentData() or ""))
        self.open_button.setEnabled(self.proxy.rowCount() > 0)
        if self.proxy.rowCount() and not self.table.currentIndex().isValid():
            self.table.selectRow(0)

    def _failed(self, error: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        fault = explain(error)
        if not fault.expected:
            raise error
        self.bar.show_error(fault.message)

    def open_current(self) -> None:
        self.open_child(self.table.currentIndex())

    def open_child(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        child_id = index.data(ChildRole)
        if child_id is not None:
            self.main_window.open_record("children", int(child_id))


def open_warnings(window: MainWindow | Any, kind: str = "") -> WarningsWindow:
    """Shows the window's early-warning list (one per main window), filtered to ``kind``.

    It is filed with the main window's record windows (``dialogs``), so that locking hides it
    and signing out closes it like them."""
    import shiboken6

    dialogs = getattr(window, "dialogs", None)
    if dialogs is None:  # a stand-in main window (tests)
        dialogs = {}
        window.dialogs = dialogs
    existing = dialogs.get(("warnings", None))
    if existing is not None and shiboken6.isValid(existing):
        warnings_window: WarningsWindow = existing
        warnings_window.reload()
    else:
        warnings_window = WarningsWindow(window, window if isinstance(window, QWidget) else None)
        dialogs[("warnings", None)] = warnings_window
        forget = getattr(window, "forget", None)
        if forget is not None:
            warnings_window.destroyed.connect(lambda *_args, w=warnings_window: forget(w))
    if kind:
        warnings_window.show_kind(kind)
    warnings_window.show()
    warnings_window.raise_()
    warnings_window.activateWindow()
    return warnings_window
