"""A child's age in the record: "about N years" beside the date of birth, and the Age tab with
the age assessments (guardian_desk.services.age).

Entering an age sets the estimated date of birth to today minus that many years and ticks
"estimated"; a date of birth typed or loaded shows the age it gives today.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from guardian_desk.domain.errors import ValidationErrors
from guardian_desk.domain.vocabularies import ASSESSMENT_METHODS, MAX_ASSESSED_AGE
from guardian_desk.faults import explain
from guardian_desk.i18n.formats import date_text
from guardian_desk.security.roles import Permission
from guardian_desk.services.age import (
    AgeAssessmentData,
    AgeAssessmentInfo,
    add_age_assessment,
    age_on,
    estimated_birth_date,
    list_age_assessments,
    method_name,
    remove_age_assessment,
)
from guardian_desk.services.details import RecordDetail
from ui.bridge import CoreBridge, Task
from ui.callbacks import alive
from ui.forms.base import error_text
from ui.forms.fields import DateField
from ui.forms.message_bar import MessageBar
from ui.forms.tables import RowsModel, table_view
from ui.widgets.field_message import FieldMessage

NO_AGE = -1


def tr(text: str) -> str:
    return QCoreApplication.translate("AgeWidgets", text)


class EstimatedAge(QSpinBox):
    """ "about 15 years": choosing an age asks for the estimated date of birth it gives."""

    birth_date_chosen = Signal(date)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(NO_AGE, MAX_ASSESSED_AGE)
        self.setSpecialValueText("—")
        # TRANSLATORS: shown before an estimated age in years: "about 15 years".
        self.setPrefix(self.tr("about "))
        self.setSuffix(self.tr(" years"))
        self.setToolTip(
            self.tr(
                "An age in years sets an estimated date of birth: today minus that many years "
                "(the latest date that gives this age: the benefit of the doubt)."
            )
        )
        self.valueChanged.connect(self._chosen)

    def _chosen(self, years: int) -> None:
        if years != NO_AGE:
            self.birth_date_chosen.emit(estimated_birth_date(years, date.today()))

    def show_birth_date(self, iso: str) -> None:
        """Show the age a date of birth gives today, without choosing anything."""
        try:
            born = date.fromisoformat(iso) if iso else None
        except ValueError:
            born = None
        years = age_on(born, date.today()) if born is not None else NO_AGE
        with QSignalBlocker(self):
            self.setValue(years if NO_AGE <= years <= MAX_ASSESSED_AGE else NO_AGE)


def method_choices() -> list[tuple[str, str]]:
    return [(method_name(method), method) for method in ASSESSMENT_METHODS]


class AssessmentsModel(RowsModel[AgeAssessmentInfo]):
    def headers(self) -> Sequence[str]:
        return (tr("Date"), tr("Method"), tr("Result"), tr("Assessed by"), tr("Notes"))

    def cells(self, row: AgeAssessmentInfo) -> Sequence[str]:
        return (
            date_text(row.assessed_on),
            method_name(row.method),
            row.result_text,
            row.assessed_by,
            row.notes,
        )


class AssessmentDialog(QDialog):
    """A new age assessment: date, method, an age or a range, by whom, notes."""

    def __init__(
        self,
        bridge: CoreBridge,
        child_id: int,
        child_version: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.child_id = child_id
        self.child_version = child_version
        self.setWindowTitle(self.tr("Record an age assessment"))
        self.assessed_on = DateField(optional=False)
        self.assessed_on.set_text(date.today().isoformat())
        self.method = QComboBox()
        for label, value in method_choices():
            self.method.addItem(label, value)
        self.age_min = QSpinBox(minimum=0, maximum=MAX_ASSESSED_AGE, value=16)
        self.age_max = QSpinBox(minimum=0, maximum=MAX_ASSESSED_AGE, value=16)
        self.age_min.valueChanged.connect(self._follow_min)
        self.assessed_by = QLineEdit()
        self.assessed_by.setPlaceholderText(self.tr("name and role, e.g. Dr. Basha, paediatrician"))
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.notes.fontMetrics().lineSpacing() * 4 + 12)
        self.set_birth_date = QCheckBox(
            self.tr("Set the estimated date of birth from the lower age")
        )
        self.set_birth_date.setToolTip(
            self.tr(
                "The assessment's date minus the lower age: the benefit of the doubt. Not for a "
                "documented date of birth."
            )
        )
        self.message = FieldMessage()
        result = QHBoxLayout()
        result.addWidget(self.age_min)
        result.addWidget(QLabel(self.tr("to")))
        result.addWidget(self.age_max)
        result.addWidget(QLabel(self.tr("years (the same twice for one age)")))
        result.addStretch()
        form = QFormLayout()
        form.addRow(self.tr("Date:"), self.assessed_on)
        form.addRow(self.tr("Method:"), self.method)
        form.addRow(self.tr("Result:"), result)
        form.addRow(self.tr("Assessed by:"), self.assessed_by)
        form.addRow(self.tr("Notes:"), self.notes)
        form.addRow("", self.set_birth_date)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.saved: AgeAssessmentInfo | None = None

    def _follow_min(self, value: int) -> None:
        if self.age_max.value() < value:
            self.age_max.setValue(value)

    def data(self) -> AgeAssessmentData:
        return AgeAssessmentData(
            assessed_on=date.fromisoformat(self.assessed_on.text()),
            method=str(self.method.currentData()),
            age_min=self.age_min.value(),
            age_max=self.age_max.value(),
            assessed_by=self.assessed_by.text(),
            notes=self.notes.toPlainText(),
        )

    def save(self) -> None:
        data, child_id, version = self.data(), self.child_id, self.child_version
        set_birth_date = self.set_birth_date.isChecked()
        self.buttons.setEnabled(False)
        self.message.show_message(None)

        def work(session: Session, task: Task) -> AgeAssessmentInfo:
            return add_age_assessment(
                session,
                child_id,
                data,
                set_birth_date=set_birth_date,
                child_version=version if set_birth_date else None,
            )

        self.bridge.run(
            work,
            writes=True,
            on_success=alive(self, self._saved),
            on_failure=alive(self, self._failed),
        )

    def _saved(self, info: AgeAssessmentInfo) -> None:
        self.saved = info
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(error, ValidationErrors):
            labels = {
                "assessed_on": self.tr("Date"),
                "method": self.tr("Method"),
                "age_min": self.tr("Lower age"),
                "age_max": self.tr("Higher age"),
                "assessed_by": self.tr("Assessed by"),
                "notes": self.tr("Notes"),
            }
            self.message.show_message(
                "\n".join(error_text(e, labels.get(e.field, e.label)) for e in error.errors)
            )
            return
        fault = explain(error)
        if not fault.expected:
            raise error
        self.message.show_message(fault.message)


class AgeAssessmentsTab(QWidget):
    """The Age tab: a child's age assessments, the latest first."""

    def __init__(self, bridge: CoreBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.detail: RecordDetail | None = None
        self.dialog: AssessmentDialog | None = None
        self.model = AssessmentsModel(self)
        self.table = table_view(self.model, (4,))
        self.table.setObjectName("age_assessments_table")
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._enable())
        self.bar = MessageBar()
        self.add_button = QPushButton(self.tr("Record an assessment…"))
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton(self.tr("Remove…"))
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch()
        self.hint = QLabel(
            self.tr(
                "How the child's age was assessed: documents, an interview, a medical "
                "examination. A result may be one age or a range; in doubt, the child is "
                "presumed a minor."
            ),
            wordWrap=True,
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        self._enable()

    def _may_edit(self) -> bool:
        account = self.bridge.account
        return account is None or account.may(Permission.EDIT_CASEWORK)

    def _enable(self) -> None:
        self.add_button.setEnabled(self.detail is not None and self._may_edit())
        chosen = bool(self.table.selectionModel().selectedRows())
        self.remove_button.setEnabled(chosen and self._may_edit())

    def show_record(self, detail: RecordDetail | None) -> None:
        changed = (detail.id if detail else None) != (self.detail.id if self.detail else None)
        self.detail = detail
        if changed:
            self.model.set_rows([])
            self.bar.clear()
            self.reload()
        self._enable()

    def reload(self) -> None:
        if self.detail is None:
            return
        child_id = self.detail.id
        self.bridge.run(
            lambda session, task: list_age_assessments(session, child_id),
            on_success=alive(self, self._listed),
            on_failure=alive(self, self._failed),
        )

    def _listed(self, rows: list[AgeAssessmentInfo]) -> None:
        self.model.set_rows(rows)
        self._enable()

    def _failed(self, error: BaseException) -> None:
        fault = explain(error)
        if not fault.expected:
            raise error
        self.bar.show_error(fault.message)

    def add(self) -> None:
        if self.detail is None:
            return
        self.dialog = AssessmentDialog(self.bridge, self.detail.id, self.detail.version, self)
        self.dialog.accepted.connect(self._added)
        self.dialog.open()

    def _added(self) -> None:
        self.bar.show_info(self.tr("The assessment was recorded."))
        self.reload()

    def remove_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        chosen = self.model.row_at(rows[0].row())
        answer = QMessageBox.question(
            self,
            self.tr("Remove an assessment"),
            self.tr("Remove the assessment of {0} ({1})? The audit trail keeps it.").format(
                date_text(chosen.assessed_on), chosen.result_text
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.remove(chosen.id)

    def remove(self, assessment_id: int) -> None:
        self.bridge.run(
            lambda session, task: remove_age_assessment(session, assessment_id),
            writes=True,
            on_success=alive(self, lambda _result: self.reload()),
            on_failure=alive(self, self._failed),
        )
