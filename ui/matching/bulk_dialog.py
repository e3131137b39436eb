"""A guardian for every waiting child at once: the plan, reviewed in a table, then accepted.

The plan is made on the worker (about 15 s for a whole country's office) behind a progress
bar with Cancel. The officer unchecks what they do not want, changes single children in the
matching panel, and accepts; every accepted proposal is checked again as it is saved, and
the ones the office no longer allows are listed with their reasons.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date
from itertools import pairwise
from typing import Any

import shiboken6
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from guardian_desk.domain.errors import GuardianDeskError
from guardian_desk.faults import redacted_traceback
from guardian_desk.i18n import ngettext
from guardian_desk.i18n.formats import date_text, number_text
from guardian_desk.matching.results import BulkProposal, Unmatched
from ui.bridge import CoreBridge, Task
from ui.callbacks import alive
from ui.date_input import date_input_format
from ui.errors import ErrorDialog
from ui.forms.message_bar import MessageBar
from ui.matching import bulk_calls
from ui.matching.bulk_calls import SCANNED, BulkApplied, BulkCancelled, BulkChoice, BulkReview
from ui.matching.bulk_model import ChildRowsModel, ReasonsModel
from ui.matching.bulk_views import (
    ProposalsPage,
    appoint_question,
    fit_reason_rows,
    reasons_view,
    selected_record,
    summary_text,
)
from ui.matching.panel import MatchingPanel
from ui.screen_fit import resize_to_fit

log = logging.getLogger(__name__)


class BulkDialog(QDialog):
    """Non-modal, like the matching panel: the officer may open records while reviewing."""

    def __init__(
        self, bridge: CoreBridge, parent: QWidget | None = None, *, starts_on: date | None = None
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.review: BulkReview | None = None
        self.task: Task | None = None
        self.working = ""  # "plan" or "accept" while the worker has our job
        self.question: QMessageBox | None = None
        self.error_dialog: ErrorDialog | None = None
        self.panels: dict[int, MatchingPanel] = {}
        self._close_when_done = False
        self.setModal(False)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Match all waiting children"))
        resize_to_fit(self, 1240, 780)

        day = starts_on or date.today()
        self.starts_on = QDateEdit(QDate(day.year, day.month, day.day))
        self.starts_on.setCalendarPopup(True)
        self.starts_on.setDisplayFormat(date_input_format())
        self.starts_on.dateChanged.connect(self._date_changed)
        date_label = QLabel(self.tr("Appointments &start on:"))
        date_label.setBuddy(self.starts_on)
        tip = self.tr("Make the plan again for the date chosen")
        self.plan_button = self._button(self.tr("Plan again"), self.make_plan, tip)
        self.progress = QProgressBar()
        self.progress.setFixedWidth(220)
        self.status = QLabel(wordWrap=True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.cancel_button = self._button(self.tr("Cancel"), self.cancel)
        top = QHBoxLayout()
        for widget in (date_label, self.starts_on, self.plan_button, self.progress):
            top.addWidget(widget)
        top.addWidget(self.status, 1)
        top.addWidget(self.cancel_button)
        self.summary = QLabel(wordWrap=True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.summary.font())
        font.setBold(True)
        self.summary.setFont(font)
        self.summary.hide()  # until there is a plan
        self.bar = MessageBar()

        self.page = ProposalsPage()
        self.proposals, self.shown = self.page.proposals, self.page.shown
        self.table = self.page.table
        self.page.selection_changed.connect(self._update_buttons)
        self.unmatched = ReasonsModel(self)
        self.unmatched_view = reasons_view(self.unmatched, self)
        self.refused = ReasonsModel(self)
        self.refused_view = reasons_view(self.refused, self)
        for view in (self.unmatched_view, self.refused_view):
            view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.tabs = QTabWidget()
        self.tabs.addTab(self.page, self.tr("Proposals"))
        self.tabs.addTab(self.unmatched_view, self.tr("Unmatched"))
        self.tabs.addTab(self.refused_view, self.tr("Refused"))
        self.tabs.setTabVisible(2, False)
        self.tabs.currentChanged.connect(lambda _n: self._update_buttons())

        tip = self.tr("Choose this child's guardian yourself in the matching panel")
        self.change_button = self._button(self.tr("Change…"), self.change, tip)
        tip = self.tr("Appoint the checked proposals")
        self.accept_selected_button = self._button(
            self.tr("Accept selected"), self.accept_selected, tip
        )
        tip = self.tr("Appoint every proposal in the table")
        self.accept_all_button = self._button(self.tr("Accept all"), self.accept_all, tip)
        self.close_button = self._button(self.tr("Close"), self.close)
        tip = self.tr("The appointment decisions and mediator letters of those just appointed")
        self.print_button = self._button(self.tr("Print their letters…"), self.print_letters, tip)
        self.print_button.hide()  # until something is appointed
        self.appointed_ids: list[int] = []
        buttons = QHBoxLayout()
        buttons.addWidget(self.change_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch()
        for button in (self.accept_selected_button, self.accept_all_button, self.close_button):
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.bar)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        order: list[QWidget] = [self.starts_on, self.plan_button, self.tabs, self.page.search]
        order += [self.page.check_shown, self.page.uncheck_shown, self.table, self.change_button]
        order += [self.accept_selected_button, self.accept_all_button, self.close_button]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)
        for model in (self.proposals, self.unmatched, self.refused):
            for signal in (model.dataChanged, model.rowsRemoved, model.rowsInserted):
                signal.connect(lambda *_: self._update_buttons())
            model.modelReset.connect(self._update_buttons)
        self.make_plan()

    def _button(self, text: str, slot: Callable[[], Any], tip: str = "") -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAutoDefault(False)  # Enter in the search or a table accepts nothing
        button.clicked.connect(slot)
        return button

    # --- the worker --------------------------------------------------------------------------

    def alive(self, fn: Callable[..., None]) -> Callable[..., None]:
        """A bridge callback that does nothing once this window is gone."""
        return alive(self, fn)

    def chosen_date(self) -> date:
        day = self.starts_on.date()
        return date(day.year(), day.month(), day.day())

    def _start(self, working: str, text: str) -> None:
        self.working = working
        self.progress.setRange(0, 0)  # until the first progress report
        self.status.setText(text)
        self._update_buttons()

    def _finish(self, text: str = "") -> None:
        self.working = ""
        self.task = None
        self.status.setText(text)
        self._update_buttons()
        if self._close_when_done:
            self.close()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if self.working == "accept":
            text = self.tr("Appointing: {0} of {1} checked and saved…").format(
                number_text(done), number_text(total)
            )
        elif done < SCANNED:  # the plan's stages, per mille (bulk.bulk_match)
            text = self.tr("Looking at every waiting child…")
        else:
            text = self.tr("Choosing the best plan…")
        self.status.setText(text)

    def _failed(self, error: BaseException) -> None:
        """Cancelled, refused by the core (said here) or unexpected (the app's error dialog)."""
        if isinstance(error, BulkCancelled):
            self._finish(self.tr("Stopped: nothing was proposed. Plan again when ready."))
            return
        planning = self.working == "plan"
        self._finish()
        if isinstance(error, GuardianDeskError):
            text = self.tr("No plan could be made: {0}") if planning else None
            self.bar.show_error((text or self.tr("Nothing was saved: {0}")).format(error))
            return
        log.error(
            "bulk matching failed:\n%s", redacted_traceback(type(error), error.__traceback__, error)
        )
        self.error_dialog = ErrorDialog(error, self)
        self.error_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.error_dialog.open()

    def cancel(self) -> None:
        if self.working == "plan" and self.task is not None:
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("Stopping…"))

    # --- the plan ----------------------------------------------------------------------------

    def make_plan(self) -> None:
        if self.working:
            return
        planned_for = self.chosen_date()
        self.review = None  # the last plan is stale: nothing is shown until the new one
        for model in (self.proposals, self.unmatched, self.refused):
            model.set_children((), {})
        self.summary.hide()
        self.bar.clear()
        self._start("plan", self.tr("Looking at every waiting child…"))

        def work(session: Any, task: Task) -> BulkReview:
            return bulk_calls.plan(session, task, planned_for)

        self.task = self.bridge.run(
            work,
            on_success=self.alive(self._planned),
            on_failure=self.alive(self._failed),
            on_progress=self.alive(self._progressed),
        )

    @property
    def loaded(self) -> bool:
        return self.review is not None and not self.working

    def _planned(self, review: BulkReview) -> None:
        self.review = review
        plan = review.plan
        self.proposals.set_children(plan.proposals, review.names)
        fit_reason_rows(self.unmatched_view, plan.unmatched)
        self.unmatched.set_children(plan.unmatched, review.names)
        self.refused.set_children((), review.names)
        self.summary.setText(summary_text(plan))
        self.summary.show()
        self.summary.setToolTip(
            self.tr(
                "Planned for {0}. Method: {1}; {2} eligible child–guardian pairs, "
                "{3} weighed after safe pruning."
            ).format(
                date_text(review.planned_for),
                plan.method,
                number_text(plan.candidate_pairs),
                number_text(plan.arcs),
            )
        )
        for view in (self.table, self.unmatched_view):
            view.resizeColumnsToContents()
            view.selectRow(0)
        self._finish()
        if self.shown.rowCount():
            self.table.setFocus()
        elif plan.unmatched:
            self.tabs.setCurrentIndex(1)

    def _date_changed(self, _day: QDate) -> None:
        if self.review is None or self.working:
            return
        if self.chosen_date() != self.review.planned_for:
            self.status.setText(
                self.tr(
                    "The plan was made for {0}. Each appointment is checked again for {1} when "
                    "it is saved; Plan again to plan for that day."
                ).format(date_text(self.review.planned_for), date_text(self.chosen_date()))
            )
        else:
            self.status.clear()

    # --- the table -----------------------------------------------------------------------------

    def _update_buttons(self) -> None:
        idle = not self.working
        self.progress.setVisible(bool(self.working))
        self.cancel_button.setVisible(self.working == "plan")
        self.cancel_button.setEnabled(self.working == "plan")
        for widget in (self.plan_button, self.starts_on, self.tabs):
            widget.setEnabled(idle)
        checked = self.proposals.checked_count()
        self.accept_selected_button.setText(
            self.tr("Accept selected ({0})").format(number_text(checked))
        )
        self.accept_selected_button.setEnabled(idle and checked > 0)
        self.accept_all_button.setEnabled(idle and self.proposals.rowCount() > 0)
        self.change_button.setEnabled(idle and self.current_child() is not None)
        self.close_button.setEnabled(self.working != "accept")
        self.print_button.setEnabled(idle)
        titles = (
            self.tr("Proposals ({0})").format(number_text(self.proposals.rowCount())),
            self.tr("Unmatched ({0})").format(number_text(self.unmatched.rowCount())),
            self.tr("Refused ({0})").format(number_text(self.refused.rowCount())),
        )
        for n, title in enumerate(titles):
            self.tabs.setTabText(n, title)
        self.tabs.setTabVisible(2, self.refused.rowCount() > 0)

    def current_child(self) -> BulkProposal | Unmatched | None:
        """The selected row of the tab shown."""
        views = (self.table, self.unmatched_view, self.refused_view)
        record = selected_record(views[max(self.tabs.currentIndex(), 0)])
        return record if isinstance(record, BulkProposal | Unmatched) else None

    # --- one child by hand ---------------------------------------------------------------------

    def change(self) -> None:
        """The matching panel for the selected child; once appointed there, the row leaves."""
        record = self.current_child()
        if record is None or self.working:
            return
        panel = self.panels.get(record.child_id)
        if panel is not None and shiboken6.isValid(panel) and panel.isVisible():
            panel.raise_()
            panel.activateWindow()
            return
        panel = MatchingPanel(self.bridge, record.child_id, self)
        panel.confirmed.connect(self.alive(self._changed))
        self.panels[record.child_id] = panel
        panel.show()

    def _changed(self, child_id: int) -> None:
        models: tuple[ChildRowsModel[Any], ...] = (self.proposals, self.unmatched, self.refused)
        case = next(
            (r.case_number for m in models for r in m.all_rows() if r.child_id == child_id), ""
        )
        for model in models:
            model.remove_children({child_id})
        self.bar.show_info(self.tr("{0} now has a guardian and left the plan.").format(case))

    # --- accepting -----------------------------------------------------------------------------

    def accept_all(self) -> None:
        self._ask(self.proposals.all_rows())

    def accept_selected(self) -> None:
        self._ask(self.proposals.checked())

    def _ask(self, rows: Sequence[BulkProposal]) -> None:
        """One question before many appointments: how many, from when."""
        if self.working or not rows:
            return
        day = self.chosen_date()
        box = appoint_question(rows, date_text(day), self)
        chosen = list(rows)

        def answered(button: QAbstractButton) -> None:
            if box.buttonRole(button) == QMessageBox.ButtonRole.YesRole:
                self._apply(chosen, day)

        box.buttonClicked.connect(answered)
        self.question = box
        box.open()

    def _apply(self, rows: list[BulkProposal], day: date) -> None:
        if self.working:
            return
        choices = [
            BulkChoice(
                r.child_id,
                r.proposal.guardian_id,
                r.proposal.mediator.mediator_id if r.proposal.mediator else None,
            )
            for r in rows
        ]
        self.bar.clear()
        self._start("accept", self.tr("Checking and appointing…"))

        def work(session: Any, task: Task) -> BulkApplied:
            return bulk_calls.accept(session, task, choices, day)

        self.task = self.bridge.run(
            work,
            writes=True,  # the window's registries and home page refresh
            on_success=self.alive(lambda done: self._accepted(done, rows, day)),
            on_failure=self.alive(self._failed),
            on_progress=self.alive(self._progressed),
        )

    def _accepted(self, done: BulkApplied, rows: list[BulkProposal], day: date) -> None:
        by_case = {r.case_number: r for r in rows}
        appointed = {by_case[c].child_id for c in done.appointed if c in by_case}
        refused = [(by_case[c], why) for c, why in done.refused if c in by_case]
        for model in (self.proposals, self.refused):
            model.remove_children(appointed)
        self.proposals.mark_refused({r.child_id: why for r, why in refused})
        self.refused.add(
            [Unmatched(r.child_id, r.case_number, r.child_name, (why,)) for r, why in refused]
        )
        self.appointed_ids += done.assignment_ids
        self.print_button.setVisible(bool(self.appointed_ids))
        text = ngettext(
            "Appointed a guardian for {done} of {count} child, starting on {day}.",
            "Appointed a guardian for {done} of {count} children, starting on {day}.",
            len(rows),
        ).format(done=number_text(len(appointed)), count=number_text(len(rows)), day=date_text(day))
        if refused:
            more = ngettext(
                "{count} refused: the Refused tab says why; it stays unchecked.",
                "{count} refused: the Refused tab says why; they stay unchecked.",
                len(refused),
            ).format(count=number_text(len(refused)))
            self.bar.show_error(f"{text} {more}")
        else:
            self.bar.show_info(text)
        self.refused_view.resizeColumnsToContents()
        self._finish()
        if refused and not self._close_when_done:
            self.tabs.setCurrentIndex(2)

    def print_letters(self) -> None:
        """All letters of the appointments made here, issued off the GUI thread, previewed."""
        from ui.papers.batch import print_batch

        self.batch = print_batch(self.bridge, self, list(self.appointed_ids))

    # --- closing -------------------------------------------------------------------------------

    def _may_close(self) -> bool:
        """Closing stops a plan; appointments being saved are finished first."""
        if self.working == "accept":
            self._close_when_done = True
            self.status.setText(self.tr("The window closes when the appointments are saved."))
            return False
        if self.working == "plan" and self.task is not None:
            self.task.cancel()
        return True

    def reject(self) -> None:
        if self._may_close():
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._may_close():
            super().closeEvent(event)
        else:
            event.ignore()
