"""Booking a mediator for an interview, a doctor, a school or a court: find, compare, book."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from guardian_desk.calendars import CalendarOwnerRef
from guardian_desk.domain.enums import VisitPurpose
from guardian_desk.domain.errors import ValidationError
from guardian_desk.scheduling import MediatorChoice, OutsideAvailability, propose_mediators
from guardian_desk.services.visits import book_mediator
from ui.bridge import CoreBridge, Task
from ui.scheduling import calls
from ui.scheduling.common import alive, error_text, expected, purpose_text
from ui.scheduling.mediator_models import CandidatesModel, ExcludedModel
from ui.scheduling.visit_dialogs import set_wall_time, time_edit, wall_time
from ui.widgets.field_message import FieldMessage

BOOKABLE = [p for p in VisitPurpose if p is not VisitPurpose.VISIT]


def _table(model: CandidatesModel | ExcludedModel, stretch: int) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(True)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


class MediatorDialog(QDialog):
    def __init__(self, bridge: CoreBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.choice: MediatorChoice | None = None
        self.zone = ""
        self.booked_id: int | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Book a mediator"))
        self.resize(980, 640)
        self.case = QLineEdit()
        self.case.setPlaceholderText(self.tr("Case number, e.g. AL-2026-00012"))
        self.purpose = QComboBox()
        for purpose in BOOKABLE:
            self.purpose.addItem(purpose_text(purpose), purpose)
        self.facility = QComboBox()
        self.facility.addItem(self.tr("The child's facility"), None)
        self.facility.addItem(self.tr("Elsewhere (write the place)"), -1)
        self.place = QLineEdit()
        self.place.setPlaceholderText(self.tr("Court, clinic, police station…"))
        self.start = time_edit()
        tomorrow = datetime.now().replace(hour=10, minute=0) + timedelta(days=1)
        set_wall_time(self.start, tomorrow)
        self.length = QSpinBox()
        self.length.setRange(15, 480)
        self.length.setSingleStep(15)
        self.length.setValue(60)
        self.length.setSuffix(self.tr(" min"))
        self.override = QLineEdit()
        self.override.setPlaceholderText(self.tr("Only to book outside the rules: say why"))
        self.messages = {
            name: FieldMessage() for name in ("case_number", "place", "starts_at", "other")
        }
        form = QFormLayout()
        form.addRow(self.tr("&Case:"), self.case)
        form.addRow("", self.messages["case_number"])
        form.addRow(self.tr("&Purpose:"), self.purpose)
        form.addRow(self.tr("&Where:"), self.facility)
        form.addRow(self.tr("P&lace:"), self.place)
        form.addRow("", self.messages["place"])
        form.addRow(self.tr("&Starts at:"), self.start)
        form.addRow("", self.messages["starts_at"])
        form.addRow(self.tr("&Length:"), self.length)
        form.addRow(self.tr("&Exception reason:"), self.override)
        self.find_button = QPushButton(self.tr("&Find mediators"))
        self.find_button.clicked.connect(self.find_mediators)
        self.book_button = QPushButton(self.tr("&Book"))
        self.book_button.clicked.connect(self.book)
        self.book_button.setEnabled(False)
        self.notes = QLabel(wordWrap=True)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.candidates = CandidatesModel(self)
        self.candidates_view = _table(self.candidates, CandidatesModel.PARTS)
        self.candidates_view.selectionModel().selectionChanged.connect(
            lambda *_: self._update_book()
        )
        self.excluded = ExcludedModel(self)
        self.excluded_view = _table(self.excluded, ExcludedModel.REASONS)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.candidates_view, self.tr("Can come"))
        self.tabs.addTab(self.excluded_view, self.tr("Cannot come"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.find_button)
        buttons.addStretch()
        buttons.addWidget(self.book_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.messages["other"])
        layout.addWidget(self.notes)
        layout.addWidget(self.tabs, 1)
        self.facility.currentIndexChanged.connect(self._where_changed)
        self._where_changed()
        self.bridge.run(
            lambda session, task: (calls.owners(session), calls.office_zone(session)),
            on_success=alive(self, self._owners),
        )

    def _owners(self, found: tuple[list[CalendarOwnerRef], str]) -> None:
        owners, self.zone = found
        for ref in owners:
            if ref.owner == "facility":
                self.facility.addItem(f"{ref.code}  \u2068{ref.name}\u2069", ref.id)

    def _where_changed(self) -> None:
        self.place.setEnabled(self.facility.currentData() == -1)

    def _where(self) -> dict[str, object]:
        chosen = self.facility.currentData()
        if chosen == -1:
            return {"facility_id": None, "place": self.place.text().strip()}
        if chosen is None:
            return {}
        return {"facility_id": int(chosen)}

    def _times(self) -> tuple[datetime, datetime]:
        starts_at = wall_time(self.start, self.zone or "UTC")
        return starts_at, starts_at + timedelta(minutes=self.length.value())

    def _update_book(self) -> None:
        rows = self.candidates_view.selectionModel().selectedRows()
        self.book_button.setEnabled(bool(rows) and self.choice is not None)

    def show_error(self, error: BaseException) -> None:
        for message in self.messages.values():
            message.show_message(None)
        field = error.field if isinstance(error, ValidationError) else "other"
        if field == "ends_at":
            field = "starts_at"
        self.messages.get(field, self.messages["other"]).show_message(error_text(error))

    def find_mediators(self) -> None:
        case, purpose, where = self.case.text(), self.purpose.currentData(), self._where()
        starts_at, ends_at = self._times()
        self.find_button.setEnabled(False)
        for message in self.messages.values():
            message.show_message(None)

        def work(session: Session, task: Task) -> MediatorChoice:
            child = calls.child_by_case(session, case)
            return propose_mediators(
                session,
                child.child_id,
                starts_at,
                ends_at,
                purpose=purpose,
                **where,  # type: ignore[arg-type]
            )

        self.bridge.run(
            work, on_success=alive(self, self._found), on_failure=alive(self, self._failed)
        )

    def _found(self, choice: MediatorChoice) -> None:
        self.choice = choice
        self.find_button.setEnabled(True)
        self.candidates.set_rows(choice.candidates)
        self.excluded.set_rows(choice.excluded)
        self.tabs.setTabText(0, self.tr("Can come ({0})").format(len(choice.candidates)))
        self.tabs.setTabText(1, self.tr("Cannot come ({0})").format(len(choice.excluded)))
        self.notes.setText("; ".join(choice.notes))
        if choice.candidates:
            self.candidates_view.selectRow(0)
        self._update_book()

    def _failed(self, error: BaseException) -> None:
        self.find_button.setEnabled(True)
        if not expected(error):
            raise error
        self.show_error(error)

    def book(self) -> None:
        rows = self.candidates_view.selectionModel().selectedRows()
        if self.choice is None or not rows:
            return
        mediator = self.candidates.row_at(rows[0].row())
        child_id, purpose, where = self.choice.child_id, self.purpose.currentData(), self._where()
        starts_at, ends_at = self._times()
        override = self.override.text().strip()

        def work(session: Session, task: Task) -> int:
            visit = book_mediator(
                session,
                child_id,
                mediator.mediator_id,
                starts_at=starts_at,
                ends_at=ends_at,
                purpose=purpose,
                override_reason=override,
                **where,  # type: ignore[arg-type]
            )
            return int(visit.id)

        self.book_button.setEnabled(False)
        self.bridge.run(
            work,
            writes=True,
            on_success=alive(self, self._booked),
            on_failure=alive(self, self._book_failed),
        )

    def _booked(self, visit_id: int) -> None:
        self.booked_id = visit_id
        self.messages["other"].show_message(None)
        self.notes.setText(self.tr("Booked (visit {0}).").format(visit_id))
        self._update_book()

    def _book_failed(self, error: BaseException) -> None:
        self._update_book()
        if not expected(error):
            raise error
        if isinstance(error, OutsideAvailability):
            self.override.setFocus()
        self.show_error(error)
