"""Records ▸ Possible duplicates: pairs of children who are likely one child.

Each pair can be opened, marked "Not a duplicate" (remembered: the pair is not listed again)
or merged ("Merge…": the officer picks the record to keep and confirms what happens). Every
reading and change runs on the worker thread through the bridge.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from guardian_desk.domain.languages import country_name
from guardian_desk.i18n import ngettext
from guardian_desk.security.roles import Permission
from guardian_desk.services.duplicates import Candidate, DuplicatePair
from ui.callbacks import alive
from ui.forms.duplicate_warning import open_child

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ui.bridge import CoreBridge, Task
    from ui.main_window import MainWindow


def _born(candidate: Candidate) -> str:
    return str(candidate.birth_year) if candidate.birth_year is not None else "?"


def _who(candidate: Candidate) -> str:
    name = candidate.name
    if candidate.name_original and candidate.name_original != name:
        name = f"{name} — {candidate.name_original}"
    return name


class MergeConfirmation(QDialog):
    """Which record stays; what the merge does, said before it is done."""

    def __init__(self, pair: DuplicatePair, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pair = pair
        self.setWindowTitle(self.tr("Merge two records"))
        self.setObjectName("mergeConfirmation")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Keep this record:")))
        self.group = QButtonGroup(self)
        for number, candidate in enumerate((pair.first, pair.second)):
            button = QRadioButton(
                self.tr("{0}: {1}, born {2}, {3}").format(
                    candidate.case_number,
                    _who(candidate),
                    _born(candidate),
                    candidate.facility or self.tr("no facility"),
                )
            )
            button.setChecked(number == 0)
            self.group.addButton(button, number)
            layout.addWidget(button)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        layout.addWidget(self.explanation)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = buttons.addButton(
            self.tr("Merge"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.group.idToggled.connect(lambda _id, _on: self._explain())
        self._explain()
        self.resize(640, self.sizeHint().height())

    def kept(self) -> Candidate:
        return self.pair.first if self.group.checkedId() == 0 else self.pair.second

    def merged(self) -> Candidate:
        return self.pair.second if self.group.checkedId() == 0 else self.pair.first

    def _explain(self) -> None:
        self.explanation.setText(
            self.tr(
                "Everything recorded for {1} (appointments, visits, notes, papers, attachments, "
                "placements, assessments, languages, siblings, the history) moves to {0}. {1}'s "
                "names become aliases of {0}; its number keeps finding {0}. This cannot be undone."
            ).format(self.kept().case_number, self.merged().case_number)
        )


class DuplicatesDialog(QDialog):
    """The office's list of possible duplicates."""

    def __init__(self, bridge: CoreBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.pairs: list[DuplicatePair] = []
        self.setWindowTitle(self.tr("Possible duplicates"))
        self.setObjectName("duplicatesDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(1180, 600)
        self.status = QLabel(self.tr("Looking for possible duplicates…"))
        self.status.setWordWrap(True)
        headers = [
            self.tr("Alike"),
            self.tr("Case number"),
            self.tr("Name"),
            self.tr("Born"),
            self.tr("Facility"),
            self.tr("Case number"),
            self.tr("Name"),
            self.tr("Born"),
            self.tr("Facility"),
            self.tr("Nationality"),
        ]
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (2, 6):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self._open_both())
        self.open_button = QPushButton(self.tr("Open both"))
        self.open_button.clicked.connect(self._open_both)
        self.dismiss_button = QPushButton(self.tr("Not a duplicate"))
        self.dismiss_button.clicked.connect(self._dismiss)
        self.merge_button = QPushButton(self.tr("Merge…"))
        self.merge_button.clicked.connect(self._merge)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.load)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        for button in (self.open_button, self.dismiss_button, self.merge_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch()
        for button in (self.refresh_button, self.close_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        account = bridge.account
        self.may_dismiss = account is None or account.may(Permission.EDIT_CASEWORK)
        self.may_merge = account is None or account.may(Permission.MERGE_CHILDREN)
        if not self.may_merge:
            self.merge_button.setToolTip(self.tr("Merging records is for a supervisor."))
        self._busy = False
        self._said = ""  # what the last change did, shown above the refreshed list
        self._update_buttons()
        self.load()

    # --- reading -------------------------------------------------------------------------------

    def load(self) -> None:
        from guardian_desk.services.duplicates import possible_duplicates

        self._set_busy(True)
        self.bridge.run(
            lambda session, task: possible_duplicates(session),
            on_success=alive(self, self._loaded),
            on_failure=alive(self, self._failed),
        )

    def _loaded(self, pairs: list[DuplicatePair]) -> None:
        self._set_busy(False)
        self.pairs = pairs
        self.table.setRowCount(len(pairs))
        for row, pair in enumerate(pairs):
            first, second = pair.first, pair.second
            cells = [
                str(pair.score),
                first.case_number,
                _who(first),
                _born(first),
                first.facility,
                second.case_number,
                _who(second),
                _born(second),
                second.facility,
                country_name(first.nationality) or first.nationality,
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, column, item)
        if pairs:
            self.table.selectRow(0)
            self.status.setText(
                ngettext(
                    "{count} pair of children may be one child each: same nationality, birth "
                    "years at most one apart, names alike in any script. The most alike first.",
                    "{count} pairs of children may be one child each: same nationality, birth "
                    "years at most one apart, names alike in any script. The most alike first.",
                    len(pairs),
                ).format(count=len(pairs))
            )
        else:
            self.status.setText(self.tr("No possible duplicates: no two children are alike."))
        if self._said:
            self.status.setText(f"{self._said} {self.status.text()}")
            self._said = ""
        self._update_buttons()

    def _failed(self, error: BaseException) -> None:
        from guardian_desk.faults import explain

        self._set_busy(False)
        fault = explain(error)
        self.status.setText(fault.message)
        if not fault.expected:
            raise error  # the app's error boundary reports it

    # --- acting --------------------------------------------------------------------------------

    def selected(self) -> DuplicatePair | None:
        rows = self.table.selectionModel().selectedRows()
        return self.pairs[rows[0].row()] if rows and rows[0].row() < len(self.pairs) else None

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.refresh_button.setEnabled(not busy)
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None and not self._busy
        self.open_button.setEnabled(chosen)
        self.dismiss_button.setEnabled(chosen and self.may_dismiss)
        self.merge_button.setEnabled(chosen and self.may_merge)

    def _open_both(self) -> None:
        pair = self.selected()
        if pair is not None:
            open_child(self, pair.first.child_id)
            open_child(self, pair.second.child_id)

    def _dismiss(self) -> None:
        from guardian_desk.services.duplicates import dismiss_pair

        pair = self.selected()
        if pair is None:
            return
        first, second = pair.first.child_id, pair.second.child_id
        self._set_busy(True)
        self.bridge.run(
            lambda session, task: dismiss_pair(session, first, second),
            writes=True,
            on_success=alive(self, lambda _done: self._changed(pair, None)),
            on_failure=alive(self, self._failed),
        )

    def _merge(self) -> None:
        pair = self.selected()
        if pair is None:
            return
        confirm = MergeConfirmation(pair, self)
        if confirm.exec() != QDialog.DialogCode.Accepted:
            return
        self.run_merge(pair, confirm.kept(), confirm.merged())

    def run_merge(self, pair: DuplicatePair, kept: Candidate, merged: Candidate) -> None:
        from guardian_desk.services.merge import merge_children

        keep_id, other_id = kept.child_id, merged.child_id

        def work(session: Session, task: Task) -> Any:
            return merge_children(session, keep_id, other_id)

        self._set_busy(True)
        self.bridge.run(
            work,
            writes=True,
            on_success=alive(self, lambda result: self._changed(pair, result)),
            on_failure=alive(self, self._failed),
        )

    def _changed(self, pair: DuplicatePair, merged: Any) -> None:
        if merged is not None:
            text = self.tr("Merged {0} into {1}.").format(
                merged.merged_case_number, merged.kept_case_number
            )
        else:
            text = self.tr("{0} and {1} are marked as not the same child.").format(
                pair.first.case_number, pair.second.case_number
            )
        self._said = text
        self.load()


def open_duplicates(window: MainWindow) -> QWidget | None:
    """One list at a time; a second call raises the open one."""
    bridge = window.bridge
    if bridge is None:
        return None
    return window.show_one(("duplicates", None), lambda: DuplicatesDialog(bridge, window))
