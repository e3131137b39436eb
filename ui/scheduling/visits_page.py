"""The Visits section: one guardian's, mediator's or facility's week, its agenda, all visits.

Everything is read and written through the bridge; a visit's actions (move, cancel, held,
missed) and booking in free time on a guardian's week open small dialogs.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from guardian_desk.calendars import CalendarOwnerRef
from guardian_desk.domain.enums import VisitStatus
from guardian_desk.i18n.formats import date_text
from guardian_desk.scheduling import SlotSearch, VisitInfo, find_slots
from guardian_desk.services.visit_reports import record_held, report_of
from guardian_desk.services.visits import cancel_visit, create_visit, move_visit, record_outcome
from ui.bridge import CoreBridge, Task
from ui.registry.model import RegistryModel
from ui.registry.page import RegistryPage
from ui.scheduling import calls
from ui.scheduling.agenda import AgendaModel
from ui.scheduling.common import alive, child_text, error_text, expected, when_text
from ui.scheduling.owner_picker import OwnerPicker
from ui.scheduling.visit_dialogs import BookVisitDialog, MoveDialog, ReasonDialog
from ui.scheduling.visit_report_dialog import VisitReportDialog
from ui.scheduling.week_view import WeekView


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


# A dialog the page opens (window-modal, deleted on close): _open hands it back as it came.
Shown = TypeVar("Shown", bound=QDialog)


class VisitsPage(QWidget):
    """Takes the registry page's place in the main window (same ``model``, ``mark_stale``,
    ``focus_search``); the registry stays as the last tab."""

    loaded = Signal()  # a week was shown

    def __init__(
        self,
        bridge: CoreBridge,
        registry: RegistryPage | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.registry = registry or RegistryPage(bridge, "visits")
        self.week: calls.Week | None = None
        self.monday = monday_of(date.today())
        self.dialog: QWidget | None = None
        self._stale = True
        self._owners_loaded = False
        self._news = ""  # what the last action did, said with the reloaded week
        title = QLabel(self.tr("Visits"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        self.picker = OwnerPicker()
        self.picker.chosen.connect(self.reload_week)
        self.previous_button = QPushButton(self.tr("◀ Previous"))
        self.previous_button.clicked.connect(lambda: self.go_to(self.monday - timedelta(days=7)))
        self.this_button = QPushButton(self.tr("This week"))
        self.this_button.clicked.connect(lambda: self.go_to(monday_of(date.today())))
        self.next_button = QPushButton(self.tr("Next ▶"))
        self.next_button.clicked.connect(lambda: self.go_to(self.monday + timedelta(days=7)))
        self.week_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(16)
        top.addWidget(self.picker, 1)
        weeks = QHBoxLayout()  # a row of its own: the page fits a narrow window
        for widget in (self.previous_button, self.this_button, self.next_button, self.week_label):
            weeks.addWidget(widget)
        weeks.addStretch()
        self.view = WeekView()
        self.view.visit_clicked.connect(
            lambda visit: self.offer_actions(visit, self.view.activation_point())
        )
        self.view.slot_clicked.connect(self.book_at)
        self.view.week_step.connect(lambda step: self.go_to(self.monday + timedelta(days=7 * step)))
        self.agenda = AgendaModel(self)
        self.agenda_view = QTableView()
        self.agenda_view.setModel(self.agenda)
        self.agenda_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.agenda_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.agenda_view.verticalHeader().hide()
        self.agenda_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.agenda_view.horizontalHeader().setStretchLastSection(True)
        self.agenda_view.activated.connect(
            lambda index: self.offer_actions(self.agenda.row_at(index.row()), QCursor.pos())
        )
        self.tabs = QTabWidget()
        self.tabs.addTab(self.view, self.tr("Week"))
        self.tabs.addTab(self.agenda_view, self.tr("Agenda"))
        self.tabs.addTab(self.registry, self.tr("All visits"))
        self.status = QLabel(wordWrap=True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(weeks)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        self._show_week_label()

    # --- what the main window asks of a section page -------------------------------------------

    @property
    def model(self) -> RegistryModel:
        return self.registry.model

    def mark_stale(self) -> None:
        self._stale = True
        self.registry.mark_stale()
        if self.isVisible():
            self.reload()

    def focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.registry)
        self.registry.focus_search()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    # --- loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        self._stale = False
        if self._owners_loaded:
            self.reload_week()
            return
        self.bridge.run(
            lambda session, task: calls.owners(session),
            on_success=alive(self, self._owners),
            on_failure=alive(self, self._failed),
        )

    def _owners(self, owners: list[CalendarOwnerRef]) -> None:
        self._owners_loaded = True
        self.picker.set_owners(owners)  # shows the first one's week

    def go_to(self, monday: date) -> None:
        self.monday = monday
        self._show_week_label()
        self.reload_week()

    def _show_week_label(self) -> None:
        last = self.monday + timedelta(days=6)
        # TRANSLATORS: the week shown: its Monday and its Sunday ("9 Mar 2026").
        self.week_label.setText(
            self.tr("{0} – {1}").format(date_text(self.monday), date_text(last))
        )

    def reload_week(self) -> None:
        owner = self.picker.current()
        if owner is None:
            self.week = None
            self.view.set_week(self.monday, [])
            self.agenda.set_rows([])
            self.status.setText(self.tr("Choose a guardian, a mediator or a facility."))
            return
        kind, owner_id, monday, today = owner.owner, owner.id, self.monday, date.today()
        self.status.setText(self.tr("Loading…"))

        def work(session: Session, task: Task) -> calls.Week:
            return calls.week(session, kind, owner_id, monday, today)

        self.bridge.run(
            work, on_success=alive(self, self._week), on_failure=alive(self, self._failed)
        )

    def _week(self, week: calls.Week) -> None:
        owner = self.picker.current()
        if week.monday != self.monday:
            return  # an older answer; the newer one is on its way
        self.week = week
        self.view.set_week(week.monday, week.visits)
        self.agenda.set_rows(week.visits)
        shown = sum(v.status is not VisitStatus.CANCELLED for v in week.visits)
        text = self.tr("Visits this week: {0}.").format(shown)
        if owner is not None and owner.owner == "guardian":
            text += " " + self.tr("Click free time to book a visit.")
        if self._news:
            text, self._news = f"{self._news} {text}", ""
        self.status.setText(text)
        self.loaded.emit()

    def _failed(self, error: BaseException) -> None:
        if not expected(error):
            raise error
        self.status.setText(error_text(error))

    # --- a visit's actions ---------------------------------------------------------------------

    def offer_actions(self, visit: VisitInfo, where: QPoint) -> None:
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addSection(child_text(visit.case_number, visit.child_name))
        planned = visit.status is VisitStatus.PLANNED
        started = visit.starts_at <= datetime.now(visit.starts_at.tzinfo)
        recordable = started and visit.status is not VisitStatus.CANCELLED
        for text, slot, enabled in (
            (self.tr("&Move…"), self.ask_move, planned),
            (self.tr("&Cancel visit…"), self.ask_cancel, planned),
            # A visit on hold (its child is missing) cannot be held.
            (self.tr("Record &held…"), self.ask_held, recordable and not visit.on_hold),
            (self.tr("Record m&issed…"), self.ask_missed, recordable),
        ):
            action = menu.addAction(text)
            action.setEnabled(enabled)
            action.triggered.connect(lambda _c=False, s=slot: s(visit))
        menu.popup(where)

    def _open(self, dialog: Shown) -> Shown:
        if self.dialog is not None and shiboken6.isValid(self.dialog):
            self.dialog.close()
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _write(self, dialog: Any, work: Any, done: str) -> None:
        """Run a write; on success close the dialog and say so, else show why at the field."""

        def succeeded(_result: object) -> None:
            if shiboken6.isValid(dialog):
                dialog.accept()
            self._news = done
            self.reload_week()

        def failed(error: BaseException) -> None:
            if not expected(error):
                raise error
            if shiboken6.isValid(dialog):
                dialog.show_error(error)

        self.bridge.run(
            lambda session, task: (work(session), None)[1],
            writes=True,
            on_success=alive(self, succeeded),
            on_failure=alive(self, failed),
        )

    def ask_cancel(self, visit: VisitInfo) -> ReasonDialog:
        what = child_text(visit.case_number, visit.child_name)
        dialog = self._open(
            ReasonDialog(self.tr("Cancel the visit"), what, self.tr("&Reason:"), True, self)
        )
        dialog.submitted.connect(
            lambda reason: self._write(
                dialog,
                lambda s: cancel_visit(s, visit.visit_id, visit.version, reason),
                self.tr("The visit of {0} was cancelled.").format(visit.case_number),
            )
        )
        return dialog

    def _outcome(self, visit: VisitInfo, outcome: VisitStatus) -> ReasonDialog:
        held = outcome is VisitStatus.HELD
        dialog = self._open(
            ReasonDialog(
                self.tr("The visit was held") if held else self.tr("The visit was missed"),
                child_text(visit.case_number, visit.child_name),
                self.tr("&Note:") if held else self.tr("&Reason:"),
                not held,
                self,
            )
        )
        dialog.submitted.connect(
            lambda note: self._write(
                dialog,
                lambda s: record_outcome(s, visit.visit_id, visit.version, outcome, note),
                self.tr("Outcome recorded for {0}.").format(visit.case_number),
            )
        )
        return dialog

    def ask_held(self, visit: VisitInfo) -> VisitReportDialog:
        """Marking a visit held opens its report (filled in when it was held before)."""
        minutes = int((visit.ends_at - visit.starts_at).total_seconds() // 60)
        dialog: VisitReportDialog = self._open(
            VisitReportDialog(
                f"{child_text(visit.case_number, visit.child_name)} · "
                f"{when_text(visit.starts_at, visit.ends_at)}",
                minutes,
                mediator_expected=visit.mediator_id is not None,
                visit_day=visit.starts_at.date(),
                parent=self,
            )
        )
        if visit.status is VisitStatus.HELD:
            visit_id = visit.visit_id
            self.bridge.run(
                lambda session, task: report_of(session, visit_id),
                on_success=alive(
                    self,
                    lambda found: (
                        dialog.set_report(found)
                        if found is not None and shiboken6.isValid(dialog)
                        else None
                    ),
                ),
                on_failure=alive(self, self._failed),
            )
        dialog.submitted.connect(
            lambda report: self._write(
                dialog,
                lambda s: record_held(s, visit.visit_id, visit.version, report),
                self.tr("Visit report saved for {0}.").format(visit.case_number),
            )
        )
        return dialog

    def ask_missed(self, visit: VisitInfo) -> ReasonDialog:
        return self._outcome(visit, VisitStatus.MISSED)

    def ask_move(self, visit: VisitInfo) -> MoveDialog:
        minutes = int((visit.ends_at - visit.starts_at).total_seconds() // 60)
        dialog: MoveDialog = self._open(
            MoveDialog(child_text(visit.case_number, visit.child_name), minutes, self)
        )
        start = max(date.today(), visit.starts_at.date())

        def work(session: Session, task: Task) -> tuple[SlotSearch, str]:
            found = find_slots(
                session,
                visit.child_id,
                start=start,
                days=28,
                guardian_id=visit.guardian_id,
                mediator_id=visit.mediator_id,
                facility_id=visit.facility_id,
                place=visit.place,
                minutes=minutes,
                ignore_visit_id=visit.visit_id,
                not_before=datetime.now(visit.starts_at.tzinfo),
            )
            return found, calls.office_zone(session)

        def found(result: tuple[SlotSearch, str]) -> None:
            if shiboken6.isValid(dialog):
                dialog.set_slots(result[0].slots, result[0].reason, result[1])

        self.bridge.run(work, on_success=alive(self, found), on_failure=alive(self, self._failed))
        dialog.submitted.connect(
            lambda starts_at: self._write(
                dialog,
                lambda s: move_visit(s, visit.visit_id, visit.version, starts_at=starts_at),
                self.tr("The visit of {0} was moved.").format(visit.case_number),
            )
        )
        return dialog

    # --- booking in free time ------------------------------------------------------------------

    def book_at(self, day: date, minute: int) -> BookVisitDialog | None:
        owner = self.picker.current()
        if self.week is None or owner is None or owner.owner != "guardian":
            return None
        guardian_id = owner.id
        dialog: BookVisitDialog = self._open(
            BookVisitDialog(owner.name, self.week.children, day, minute, self.week.zone, self)
        )

        def book(child_id: int, starts_at: datetime, ends_at: datetime, override: str) -> None:
            self._write(
                dialog,
                lambda s: create_visit(
                    s,
                    child_id,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    guardian_id=guardian_id,
                    override_reason=override,
                ),
                self.tr("Visit booked."),
            )

        dialog.submitted.connect(book)
        return dialog
