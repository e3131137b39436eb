"""Planning the office's visits for some weeks: review the proposals, tick, apply."""

from __future__ import annotations

from datetime import date

import shiboken6
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from guardian_desk.i18n import ngettext
from guardian_desk.i18n.formats import date_text, number_text
from guardian_desk.scheduling import (
    AppliedPlan,
    Plan,
    PlanCancelled,
    ProposedVisit,
    apply_plan,
    plan,
)
from ui.bridge import CoreBridge, Task
from ui.date_input import date_input_format
from ui.scheduling.common import alive, error_text, expected
from ui.scheduling.plan_models import ProposalsModel, UnplacedModel
from ui.scheduling.running import RunStrip


def _table(model: ProposalsModel | UnplacedModel, stretch: int) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


class PlanDialog(QDialog):
    """Non-modal; planning and saving run on the worker, with progress and Cancel."""

    def __init__(self, bridge: CoreBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.plan: Plan | None = None
        self.applied_plan: AppliedPlan | None = None
        self._saving = False
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Plan visits"))
        self.resize(1120, 640)

        self.start = QDateEdit(QDate.currentDate())
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat(date_input_format())
        self.weeks = QSpinBox()
        self.weeks.setRange(1, 26)
        self.weeks.setValue(4)
        self.weeks.setSuffix(self.tr(" weeks"))
        self.make_button = QPushButton(self.tr("&Make plan"))
        self.make_button.clicked.connect(self.make_plan)
        form = QFormLayout()
        form.addRow(self.tr("&From:"), self.start)
        form.addRow(self.tr("&For:"), self.weeks)
        top = QHBoxLayout()
        top.addLayout(form)
        top.addWidget(self.make_button, 0, Qt.AlignmentFlag.AlignBottom)
        top.addStretch()

        self.run = RunStrip()
        self.summary = QLabel(wordWrap=True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)

        self.proposals = ProposalsModel(self)
        self.proposals_view = _table(self.proposals, ProposalsModel.NOTE)
        self.unplaced = UnplacedModel(self)
        self.unplaced_view = _table(self.unplaced, UnplacedModel.REASON)
        self.unplaced_view.setWordWrap(True)
        self.unplaced_view.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.tabs = QTabWidget()
        self.tabs.addTab(self.proposals_view, self.tr("Proposed visits"))
        self.tabs.addTab(self.unplaced_view, self.tr("Nothing fits"))

        self.all_button = QPushButton(self.tr("Tick &all"))
        self.all_button.clicked.connect(lambda: self.proposals.tick_all(True))
        self.none_button = QPushButton(self.tr("Tick &none"))
        self.none_button.clicked.connect(lambda: self.proposals.tick_all(False))
        self.apply_button = QPushButton(self.tr("A&pply selected"))
        self.apply_button.clicked.connect(self.apply_selected)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.close)
        for button in (self.all_button, self.none_button, self.close_button, self.make_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.all_button)
        buttons.addWidget(self.none_button)
        buttons.addStretch()
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.run)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self.proposals.dataChanged.connect(lambda *_: self._update_buttons())
        self.proposals.modelReset.connect(self._update_buttons)
        self._update_buttons()

    # --- state ---------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.run.running

    def _update_buttons(self) -> None:
        busy = self.busy
        self.make_button.setEnabled(not busy)
        self.start.setEnabled(not busy)
        self.weeks.setEnabled(not busy)
        has_rows = self.proposals.rowCount() > 0
        for button in (self.all_button, self.none_button):
            button.setEnabled(not busy and has_rows)
        self.apply_button.setEnabled(not busy and bool(self.proposals.selected()))

    def _update_tabs(self) -> None:
        self.tabs.setTabText(0, self.tr("Proposed visits ({0})").format(self.proposals.rowCount()))
        self.tabs.setTabText(1, self.tr("Nothing fits ({0})").format(self.unplaced.rowCount()))

    # --- planning ------------------------------------------------------------------------------

    def make_plan(self) -> None:
        if self.busy:
            return
        start = self.start.date().toPython()
        assert isinstance(start, date)
        weeks = self.weeks.value()

        def work(session: Session, task: Task) -> Plan:
            return plan(session, start, weeks, progress=task.progress, cancel=task.cancelled)

        task = self.bridge.run(
            work,
            on_success=alive(self, self._planned),
            on_failure=alive(self, self._failed),
            on_progress=self._progressed,
        )
        self.run.start(task, self.tr("Planning visits…"))
        self._update_buttons()

    def _planned(self, made: Plan) -> None:
        self.plan = made
        self.proposals.set_rows(made.proposals)
        self.unplaced.set_rows(made.unplaced)
        self.run.finish()
        self.summary.setText(
            self.tr("{0} to {1} — proposed: {2}; nothing fits: {3}; no visit due: {4}.").format(
                date_text(made.first_day),
                date_text(made.last_day),
                number_text(len(made.proposals)),
                number_text(len(made.unplaced)),
                number_text(made.not_due),
            )
        )
        self._update_tabs()
        self.tabs.setCurrentIndex(0 if made.proposals or not made.unplaced else 1)
        self._update_buttons()

    def _progressed(self, done: int, total: int) -> None:
        if shiboken6.isValid(self):
            self.run.progress(done, total)

    def _failed(self, error: BaseException) -> None:
        self._saving = False
        if isinstance(error, PlanCancelled):
            self.run.finish(self.tr("Cancelled; nothing was saved."))
        elif expected(error):
            self.run.finish(self.tr("Nothing was saved: {0}").format(error_text(error)))
        else:
            self.run.finish()
            self._update_buttons()
            raise error
        self._update_buttons()

    # --- applying ------------------------------------------------------------------------------

    def apply_selected(self) -> None:
        chosen = tuple(self.proposals.selected())
        if self.busy or not chosen:
            return

        def work(session: Session, task: Task) -> AppliedPlan:
            return apply_plan(
                session,
                chosen,
                skip_conflicts=True,
                progress=task.progress,
                cancel=task.cancelled,
            )

        task = self.bridge.run(
            work,
            writes=True,
            on_success=alive(self, lambda done: self._applied(chosen, done)),
            on_failure=alive(self, self._failed),
            on_progress=self._progressed,
        )
        self._saving = True
        self.run.start(
            task,
            ngettext("Saving {count} visit…", "Saving {count} visits…", len(chosen)).format(
                count=number_text(len(chosen))
            ),
        )
        self._update_buttons()

    def _applied(self, chosen: tuple[ProposedVisit, ...], done: AppliedPlan) -> None:
        self._saving = False
        self.applied_plan = done
        refused = {(p.child_id, p.starts_at_utc) for p, _ in done.skipped}
        saved = [p for p in chosen if (p.child_id, p.starts_at_utc) not in refused]
        self.proposals.applied(saved, done.skipped)
        text = self.tr("Visits created: {0}.").format(len(done.visit_ids))
        if done.skipped:
            text += " " + self.tr("Not saved: {0} — {1}").format(
                len(done.skipped),
                "; ".join(f"{p.case_number}: {why}" for p, why in done.skipped),
            )
        self.run.finish(text)
        self._update_tabs()
        self._update_buttons()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._saving:  # a plan still being made is dropped; a save runs to its end
            self.run.cancel()
        super().closeEvent(event)
