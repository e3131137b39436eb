"""Finding a guardian for one child: ranked proposals with their score, the mediator who bridges
the languages, the guardians who cannot take the child and why, and the appointment itself."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import Any

import shiboken6
from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from guardian_desk.domain.errors import GuardianDeskError, RuleViolation
from guardian_desk.matching import (
    GuardianProposal,
    MediatorOption,
    Suggestion,
    confirm_proposal,
    suggest_for_child,
)
from ui.bidi import isolated
from ui.bridge import CoreBridge, Task
from ui.callbacks import alive
from ui.forms.message_bar import MessageBar
from ui.matching.confirm_dialog import ConfirmDialog, ConfirmValues
from ui.matching.models import (
    BreakdownModel,
    ExclusionsModel,
    ProposalsModel,
    RowsModel,
    mediator_text,
    person_text,
    score_text,
)
from ui.screen_fit import resize_to_fit


def table_view(model: RowsModel[Any], stretch: int) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)  # Tab leaves the table for the next control
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


class MatchingPanel(QDialog):
    """Non-modal: the officer may look at the child's record while choosing."""

    confirmed = Signal(int)  # the child's id, after an appointment was saved

    def __init__(self, bridge: CoreBridge, child_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.child_id = child_id
        self.suggestion: Suggestion | None = None
        self.confirm_dialog: ConfirmDialog | None = None
        self._busy = False
        self.setModal(False)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Find a guardian"))
        resize_to_fit(self, 1100, 720)

        self.child_label = QLabel()
        font = QFont(self.child_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.child_label.setFont(font)
        self.languages_label = QLabel()
        for label in (self.child_label, self.languages_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # no end known: a moving bar
        self.busy.setMaximumWidth(140)
        self.busy.setTextVisible(False)
        self.status = QLabel(wordWrap=True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        status_row = QHBoxLayout()
        status_row.addWidget(self.busy)
        status_row.addWidget(self.status, 1)
        self.bar = MessageBar()

        self.proposals = ProposalsModel(self)
        self.table = table_view(self.proposals, ProposalsModel.LANGUAGE)
        self.table.doubleClicked.connect(lambda _index: self.appoint())
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.breakdown = BreakdownModel(self)
        self.breakdown_view = table_view(self.breakdown, BreakdownModel.PART)
        self.breakdown_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.breakdown_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.breakdown_view.setWordWrap(True)  # each part says why in a sentence
        self.score_label = QLabel()
        self.score_label.setTextFormat(Qt.TextFormat.PlainText)
        self.score_label.setWordWrap(True)
        self.mediator = QComboBox()
        self.mediator.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.mediator.setMinimumContentsLength(24)
        self.mediator.currentIndexChanged.connect(self._mediator_chosen)
        self.mediator_breakdown = BreakdownModel(self)
        self.mediator_view = table_view(self.mediator_breakdown, BreakdownModel.PART)
        self.mediator_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.mediator_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.mediator_view.setWordWrap(True)  # each part says why in a sentence

        details = QWidget()
        side = QVBoxLayout(details)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.score_label)
        side.addWidget(self.breakdown_view, 3)
        mediator_label = QLabel(self.tr("&Mediator:"))
        mediator_label.setBuddy(self.mediator)
        side.addWidget(mediator_label)
        side.addWidget(self.mediator)
        side.addWidget(self.mediator_view, 2)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([680, 400])

        self.exclusions = ExclusionsModel(self)
        self.excluded_view = table_view(self.exclusions, ExclusionsModel.REASONS)
        self.excluded_view.setWordWrap(True)  # every reason, however many
        self.more_label = QLabel()
        excluded_page = QWidget()
        excluded_layout = QVBoxLayout(excluded_page)
        excluded_layout.addWidget(self.excluded_view, 1)
        excluded_layout.addWidget(self.more_label)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.splitter, self.tr("Proposals"))
        self.tabs.addTab(excluded_page, self.tr("Excluded"))

        self.reload_button = QPushButton(self.tr("Reload"))
        self.reload_button.setToolTip(self.tr("Find guardians again (F5)"))
        self.reload_button.clicked.connect(self.reload)
        self.appoint_button = QPushButton(self.tr("Appoint…"))
        self.appoint_button.setToolTip(self.tr("Appoint the selected guardian (Enter)"))
        self.appoint_button.clicked.connect(self.appoint)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.close)
        # Shown after an appointment is confirmed: its papers one click away (ui/papers).
        self.papers_button = QPushButton(self.tr("Print papers…"))
        self.papers_button.clicked.connect(self.print_papers)
        self.papers_button.hide()
        self.confirmed_assignment: int | None = None
        for button in (self.reload_button, self.close_button, self.papers_button):
            button.setAutoDefault(False)
        self.appoint_button.setDefault(True)  # Enter in the table appoints the selection
        buttons = QHBoxLayout()
        buttons.addWidget(self.reload_button)
        buttons.addStretch()
        buttons.addWidget(self.papers_button)
        buttons.addWidget(self.appoint_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.child_label)
        layout.addWidget(self.languages_label)
        layout.addLayout(status_row)
        layout.addWidget(self.bar)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        order = (
            self.tabs,
            self.table,
            self.mediator,
            self.appoint_button,
            self.reload_button,
            self.close_button,
        )
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.reload)

        self._show_detail(None)
        self.reload()

    # --- loading -------------------------------------------------------------------------------

    def alive(self, fn: Callable[..., None]) -> Callable[..., None]:
        """A bridge callback that does nothing once this window is gone."""
        return alive(self, fn)

    @property
    def loaded(self) -> bool:
        return self.suggestion is not None and not self._busy

    def set_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        self.busy.setVisible(busy)
        self.status.setText(text)
        self.tabs.setEnabled(not busy)
        self.reload_button.setEnabled(not busy)
        self._update_appoint()

    def reload(self) -> None:
        """Ask the core again (F5): caseloads and availability change while the panel is open."""
        if self._busy:
            return
        child_id = self.child_id
        self.set_busy(True, self.tr("Finding guardians…"))

        def work(session: Session, task: Task) -> Suggestion:
            return suggest_for_child(session, child_id)

        self.bridge.run(
            work, on_success=self.alive(self._loaded), on_failure=self.alive(self._load_failed)
        )

    def _loaded(self, suggestion: Suggestion) -> None:
        self.suggestion = suggestion
        self.setWindowTitle(self.tr("Find a guardian — {0}").format(suggestion.case_number))
        self.child_label.setText(
            self.tr("{0}  {1}").format(suggestion.case_number, isolated(suggestion.child_name))
        )
        self.languages_label.setText(self.tr("Speaks: {0}").format(suggestion.languages or "—"))
        self.proposals.set_rows(suggestion.proposals)
        self.exclusions.set_rows(suggestion.excluded)
        hidden = suggestion.excluded_total - len(suggestion.excluded)
        self.more_label.setText(self.tr("{0} more not shown.").format(hidden) if hidden > 0 else "")
        self.more_label.setVisible(hidden > 0)
        self.tabs.setTabText(0, self.tr("Proposals ({0})").format(len(suggestion.proposals)))
        self.tabs.setTabText(1, self.tr("Excluded ({0})").format(suggestion.excluded_total))
        if suggestion.proposals:
            text = ""
            self.tabs.setCurrentIndex(0)
        else:
            text = self.tr("No guardian can take this child now; the Excluded tab says why.")
            self.tabs.setCurrentIndex(1)
        self.set_busy(False, text)
        if suggestion.proposals:
            self.table.selectRow(0)
            self.table.setFocus()
        else:
            self._show_detail(None)

    def _load_failed(self, error: BaseException) -> None:
        if not isinstance(error, GuardianDeskError):
            self.set_busy(False)
            raise error
        self.set_busy(False, self.tr("No guardians could be proposed: {0}").format(error))

    # --- one proposal --------------------------------------------------------------------------

    def selected_proposal(self) -> GuardianProposal | None:
        rows = self.table.selectionModel().selectedRows()
        return self.proposals.row_at(rows[0].row()) if rows else None

    def selected_mediator(self) -> MediatorOption | None:
        option = self.mediator.currentData(Qt.ItemDataRole.UserRole)
        return option if isinstance(option, MediatorOption) else None

    def _selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_detail(self.selected_proposal())

    def _show_detail(self, proposal: GuardianProposal | None) -> None:
        self.breakdown.set_rows(proposal.parts if proposal else ())
        self.mediator.blockSignals(True)
        self.mediator.clear()
        if proposal is None:
            self.score_label.setText(self.tr("Select a guardian to see why they are proposed."))
        else:
            self.score_label.setText(
                self.tr("Score of {0}: {1} of 100").format(
                    person_text(proposal.code, proposal.name), score_text(proposal.score)
                )
            )
        if proposal is not None and proposal.mediator is not None:
            for option in (proposal.mediator, *proposal.alternatives):
                self.mediator.addItem(mediator_text(option), option)
            self.mediator.setEnabled(True)
        else:
            self.mediator.addItem(
                self.tr("No mediator needed") if proposal is not None else "", None
            )
            self.mediator.setEnabled(False)
        self.mediator.blockSignals(False)
        self._mediator_chosen()
        self._update_appoint()

    def _mediator_chosen(self, _index: int = 0) -> None:
        option = self.selected_mediator()
        self.mediator_breakdown.set_rows(option.parts if option else ())
        self.mediator_view.setVisible(option is not None)

    def _update_appoint(self) -> None:
        self.appoint_button.setEnabled(not self._busy and self.selected_proposal() is not None)

    # --- appointing ----------------------------------------------------------------------------

    def appoint(self) -> None:
        """Open the confirmation for the selected guardian and the chosen mediator."""
        proposal = self.selected_proposal()
        if self._busy or proposal is None or self.suggestion is None:
            return
        if self.confirm_dialog is not None and shiboken6.isValid(self.confirm_dialog):
            self.confirm_dialog.raise_()
            return
        mediator = self.selected_mediator()
        dialog = ConfirmDialog(
            person_text(proposal.code, proposal.name),
            person_text(mediator.code, mediator.name) if mediator else None,
            self.suggestion.case_number,
            self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.submitted.connect(lambda values: self._confirm(dialog, proposal, mediator, values))
        self.confirm_dialog = dialog
        dialog.open()

    def _confirm(
        self,
        dialog: ConfirmDialog,
        proposal: GuardianProposal,
        mediator: MediatorOption | None,
        values: ConfirmValues,
    ) -> None:
        child_id = self.child_id
        guardian_id = proposal.guardian_id
        mediator_id = mediator.mediator_id if mediator else None

        def work(session: Session, task: Task) -> list[int]:
            return confirm_proposal(
                session,
                child_id,
                guardian_id,
                mediator_id,
                starts_on=values.starts_on,
                reason=values.reason,
                decision_ref=values.decision_ref,
                override_reason=values.override_reason,
            )

        self.bridge.run(
            work,
            writes=True,
            on_success=self.alive(lambda ids: self._confirmed(dialog, proposal, mediator, ids)),
            on_failure=self.alive(lambda error: self._confirm_failed(dialog, error)),
        )

    def _confirmed(
        self,
        dialog: ConfirmDialog,
        proposal: GuardianProposal,
        mediator: MediatorOption | None,
        ids: list[int] | None = None,
    ) -> None:
        if shiboken6.isValid(dialog):
            dialog.accept()
        case = self.suggestion.case_number if self.suggestion else ""
        guardian = person_text(proposal.code, proposal.name)
        if mediator is not None:
            text = self.tr("Appointed {0} as guardian and {1} as mediator of {2}.").format(
                guardian, person_text(mediator.code, mediator.name), case
            )
        else:
            text = self.tr("Appointed {0} as guardian of {1}.").format(guardian, case)
        self.bar.show_info(text)
        self.confirmed_assignment = ids[0] if ids else None
        self.papers_button.setVisible(self.confirmed_assignment is not None)
        self.confirmed.emit(self.child_id)
        self.reload()

    def print_papers(self) -> None:
        """The confirmed appointment's papers: decision, mediator letter, card."""
        from ui.papers.batch import offer_papers

        if self.confirmed_assignment is not None:
            offer_papers(self.bridge, self, self.confirmed_assignment)

    def _confirm_failed(self, dialog: ConfirmDialog, error: BaseException) -> None:
        if not isinstance(error, GuardianDeskError):
            raise error
        if not shiboken6.isValid(dialog) or not dialog.isVisible():
            self.bar.show_error(self.tr("Nothing was saved: {0}").format(error))
        elif isinstance(error, RuleViolation):
            dialog.show_refusal(str(error))
        else:
            dialog.show_error(error)
