"""The child's Protection tab: the trafficking screenings with their result and decision, and the
accompanying adults with the check of their claimed relationship.

New screening… opens the screening form (ui/protection/screening_form.py); Open… shows a saved
one; Record decision… records the officer's decision on the chosen screening; Record a check…
records how an adult's relationship was checked. A closed case is read, not changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from guardian_desk.faults import explain
from guardian_desk.i18n.formats import date_text, datetime_text
from guardian_desk.protection.words import (
    CHECK_METHOD_NAMES,
    CHECK_OUTCOME_NAMES,
    DECISION_NAMES,
    OCCASION_NAMES,
    SET_NAMES,
    word,
)
from guardian_desk.security.roles import Permission
from guardian_desk.services.details import RecordDetail
from ui.bidi import isolated
from ui.bridge import CoreBridge
from ui.callbacks import alive
from ui.forms.message_bar import MessageBar
from ui.forms.tables import RowsModel, table_view


def tr(text: str) -> str:
    return QCoreApplication.translate("Protection", text)


def _element_names(elements: Sequence[str]) -> str:
    from guardian_desk.i18n.formats import list_text
    from ui.protection.screening_form import catalogue
    from ui.protection.screening_result import element_name

    if not elements:
        return tr("none")
    found = catalogue()
    return list_text([element_name(found, element) for element in elements])


class ScreeningsModel(RowsModel[Any]):
    """One line per screening, newest first."""

    def headers(self) -> Sequence[str]:
        return (
            tr("Screened on"),
            tr("Occasion"),
            tr("List"),
            tr("Positive elements"),
            tr("Flag"),
            tr("Decision"),
        )

    def cells(self, row: Any) -> Sequence[str]:
        return (
            datetime_text(row.screened_at),
            word(OCCASION_NAMES, row.occasion),
            word(SET_NAMES, row.indicator_set),
            _element_names(row.positive_elements),
            tr("flagged") if row.flagged else tr("not flagged"),
            word(DECISION_NAMES, row.decision),
        )


class AdultsModel(RowsModel[Any]):
    def headers(self) -> Sequence[str]:
        return (
            tr("Adult"),
            tr("Says to be"),
            tr("How checked"),
            tr("Outcome"),
            tr("Checked on"),
            tr("Note"),
        )

    def cells(self, row: Any) -> Sequence[str]:
        return (
            isolated(row.full_name),
            row.claimed_relationship,
            word(CHECK_METHOD_NAMES, row.check_method),
            word(CHECK_OUTCOME_NAMES, row.check_outcome),
            date_text(row.checked_on) if row.checked_on else "",
            row.check_note,
        )


def load_protection(session: Session, child_id: int) -> tuple[list[Any], list[Any]]:
    from guardian_desk.services.adults import adults_of
    from guardian_desk.services.screenings import screenings_of

    return screenings_of(session, child_id), adults_of(session, child_id)


class ProtectionTab(QWidget):
    """Screenings and accompanying adults of the child shown in the record dialog."""

    def __init__(self, bridge: CoreBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.detail: RecordDetail | None = None
        self.screenings: list[Any] = []
        self.adults: list[Any] = []
        self.form: Any = None  # the screening form last opened
        self.dialog: Any = None  # the decision or check dialog last opened
        self.bar = MessageBar()
        self.state = QLabel(wordWrap=True)
        self.state.setObjectName("protection_state")
        self.screenings_model = ScreeningsModel(self)
        self.screenings_table = table_view(self.screenings_model, (3, 5))
        self.screenings_table.setObjectName("screenings_table")
        self.screenings_table.doubleClicked.connect(lambda _index: self.open_screening())
        self.adults_model = AdultsModel(self)
        self.adults_table = table_view(self.adults_model, (0, 5))
        self.adults_table.setObjectName("adults_table")
        self.new_button = QPushButton(self.tr("&New screening…"))
        self.open_button = QPushButton(self.tr("&Open…"))
        self.decision_button = QPushButton(self.tr("Record &decision…"))
        self.check_button = QPushButton(self.tr("Record a &check…"))
        for button, slot in (
            (self.new_button, self.new_screening),
            (self.open_button, self.open_screening),
            (self.decision_button, self.ask_decision),
            (self.check_button, self.ask_check),
        ):
            button.setAutoDefault(False)
            button.clicked.connect(slot)
        account = bridge.account
        self.may_edit = account is None or account.may(Permission.EDIT_CASEWORK)
        for button in (self.new_button, self.decision_button, self.check_button):
            button.setVisible(self.may_edit)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        heading = QHBoxLayout()
        heading.addWidget(self._title(self.tr("Trafficking screenings")))
        heading.addStretch()
        for button in (self.new_button, self.open_button, self.decision_button):
            heading.addWidget(button)
        top_layout.addLayout(heading)
        top_layout.addWidget(self.state)
        top_layout.addWidget(self.screenings_table, 1)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        adults_heading = QHBoxLayout()
        adults_heading.addWidget(self._title(self.tr("Accompanying adults")))
        adults_heading.addStretch()
        adults_heading.addWidget(self.check_button)
        bottom_layout.addLayout(adults_heading)
        bottom_layout.addWidget(self.adults_table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(splitter, 1)
        layout.addWidget(
            QLabel(
                self.tr(
                    "The screening applies the ILO/EC 2009 rule for children and flags; it never "
                    "decides. Record your decision on each screening."
                ),
                wordWrap=True,
            )
        )
        self.screenings_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.adults_table.selectionModel().selectionChanged.connect(self._update_buttons)
        bridge.data_changed.connect(alive(self, lambda: self.reload()))
        self._update_buttons()

    @staticmethod
    def _title(text: str) -> QLabel:
        label = QLabel(text)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    # --- the record ------------------------------------------------------------------------------

    @property
    def closed(self) -> bool:
        from guardian_desk.domain.enums import ChildStatus

        status = getattr(self.detail.data, "status", None) if self.detail else None
        return status == ChildStatus.CLOSED

    def show_record(self, detail: RecordDetail | None) -> None:
        self.detail = detail
        if detail is None:
            self.screenings, self.adults = [], []
            self.screenings_model.set_rows([])
            self.adults_model.set_rows([])
            self._update_buttons()
            return
        self.reload()

    def reload(self) -> None:
        if self.detail is None:
            return
        child_id = self.detail.id
        self.bridge.run(
            lambda session, task: load_protection(session, child_id),
            on_success=alive(self, self._loaded),
            on_failure=alive(self, self._failed),
        )

    def _loaded(self, result: tuple[list[Any], list[Any]]) -> None:
        chosen = self.chosen_screening()
        self.screenings, self.adults = result
        self.screenings_model.set_rows(self.screenings)
        self.adults_model.set_rows(self.adults)
        row = 0
        if chosen is not None:
            row = next(
                (n for n, s in enumerate(self.screenings) if s.screening_id == chosen.screening_id),
                0,
            )
        if self.screenings:
            self.screenings_table.selectRow(row)
        if self.adults:
            self.adults_table.selectRow(0)
        self._show_state()
        self._update_buttons()

    def _show_state(self) -> None:
        if not self.screenings:
            self.state.setText(self.tr("The child has not been screened yet."))
            return
        latest = self.screenings[0]
        if latest.flagged:
            text = self.tr(
                "The latest screening ({0}) meets the ILO/EC rule for a child. Decision: {1}."
            )
        else:
            text = self.tr(
                "The latest screening ({0}) does not meet the ILO/EC rule. Decision: {1}."
            )
        self.state.setText(
            text.format(datetime_text(latest.screened_at), word(DECISION_NAMES, latest.decision))
        )

    def _failed(self, error: BaseException) -> None:
        fault = explain(error)
        if not fault.expected:
            raise error
        self.bar.show_error(fault.message)

    def chosen_screening(self) -> Any:
        rows = self.screenings_table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.screenings):
            return None
        return self.screenings[rows[0].row()]

    def chosen_adult(self) -> Any:
        rows = self.adults_table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.adults):
            return None
        return self.adults[rows[0].row()]

    def _update_buttons(self) -> None:
        known, closed = self.detail is not None, self.closed
        tip = self.tr("The case is closed.") if closed else ""
        self.new_button.setEnabled(known and not closed)
        self.open_button.setEnabled(self.chosen_screening() is not None)
        self.decision_button.setEnabled(self.chosen_screening() is not None and not closed)
        self.check_button.setEnabled(self.chosen_adult() is not None and not closed)
        for button in (self.new_button, self.decision_button, self.check_button):
            button.setToolTip(tip)

    # --- actions ---------------------------------------------------------------------------------

    def new_screening(self) -> Any:
        if self.detail is None or self.closed:
            return None
        from ui.protection.screening_form import open_screening

        self.form = open_screening(self.bridge, self.detail.id, self)
        self.form.saved.connect(alive(self, lambda _info: self.reload()))
        return self.form

    def open_screening(self) -> Any:
        chosen = self.chosen_screening()
        if chosen is None or self.detail is None:
            return None
        from ui.protection.screening_form import open_screening

        self.form = open_screening(self.bridge, self.detail.id, self, chosen.screening_id)
        if self.closed:
            self.form.decision_button.setEnabled(False)
        return self.form

    def ask_decision(self) -> Any:
        chosen = self.chosen_screening()
        if chosen is None or self.closed:
            return None
        from ui.protection.screening_form import ask_decision

        self.dialog = ask_decision(self.bridge, chosen, self, self._decided)
        return self.dialog

    def _decided(self, info: Any) -> None:
        self.bar.show_info(self.tr("The decision is recorded."))
        self.reload()

    def ask_check(self) -> Any:
        adult = self.chosen_adult()
        if adult is None or self.closed:
            return None
        from ui.protection.adults_dialog import ask_check

        self.dialog = ask_check(self.bridge, adult, self, self._checked)
        return self.dialog

    def _checked(self, info: Any) -> None:
        self.bar.show_info(self.tr("The check is recorded."))
        self.reload()
