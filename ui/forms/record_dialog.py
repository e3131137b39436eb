"""The detail dialog of a child, a guardian, a mediator or a facility: view, create, edit,
deactivate. Everything it reads or writes goes through the bridge, off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from guardian_desk.domain.errors import (
    ConflictError,
    GuardianDeskError,
    NotFoundError,
    ValidationError,
    ValidationErrors,
)
from guardian_desk.security.roles import Permission
from guardian_desk.services.details import (
    FormChoices,
    RecordDetail,
    check_kind,
    form_choices,
    record_detail,
    save_record,
)
from guardian_desk.services.duplicates import Candidate
from ui.bridge import CoreBridge, Task
from ui.callbacks import alive
from ui.forms.appointment_dialogs import AppointmentActions, matching_refusal_of
from ui.forms.base import RecordForm
from ui.forms.child_form import ChildForm
from ui.forms.conflicts import conflict_texts, history_labels
from ui.forms.deactivation import Deactivation
from ui.forms.duplicate_warning import duplicates_before_save, warn_about_duplicates
from ui.forms.facility_form import FacilityForm
from ui.forms.message_bar import MessageBar
from ui.forms.staff_form import StaffForm
from ui.forms.tables import AssignmentsModel, HistoryModel, VisitsModel, table_view
from ui.screen_fit import resize_to_fit
from ui.widgets.conflict_dialog import ConflictDialog
from ui.widgets.field_message import INVALID_STYLE

# A case number or code, once given, is shown but cannot be typed over.
READ_ONLY_STYLE = ' QLineEdit[readOnly="true"] { background: palette(window); }'


def _matching_refusal(detail: RecordDetail | None) -> str | None:
    """Why "Find a guardian" is off (closed case, a guardian already), else None."""
    return matching_refusal_of(detail) if detail is not None else None


def make_form(kind: str) -> RecordForm:
    if kind == "children":
        return ChildForm()
    if kind == "facilities":
        return FacilityForm()
    return StaffForm(mediator=kind == "mediators")


class RecordDialog(QDialog):
    saved = Signal(str, int)  # kind, record id: after every successful save or deactivation

    def __init__(
        self,
        bridge: CoreBridge,
        kind: str,
        record_id: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind = check_kind(kind)
        self.bridge = bridge
        self.record_id = record_id
        self.detail: RecordDetail | None = None
        self.choices: FormChoices | None = None
        self._clean: tuple[Any, ...] | None = None
        self._busy = False
        self._focus: QWidget | None = None
        self._close_after_save = False
        self.save_anyway = False  # the officer saw the likely duplicates and saves anyway
        self._marked_fields_error = False  # the bar only asks to correct the marked fields
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setStyleSheet(INVALID_STYLE + READ_ONLY_STYLE)
        resize_to_fit(self, 1000, 740)

        self.bar = MessageBar()
        self.bar.reload_requested.connect(self.reload)
        self.loading = QLabel(self.tr("Loading…"), alignment=Qt.AlignmentFlag.AlignCenter)
        self.form = make_form(self.kind)
        self.form.changed.connect(self._edited)
        self.tabs = QTabWidget()
        for title, page in self.form.pages:
            self.tabs.addTab(page, title)
        zone = ZoneInfo("UTC")
        self.assignments = AssignmentsModel(self.kind == "children", self)
        self.visits = VisitsModel(self.kind, zone, self)
        self.history = HistoryModel(zone, history_labels(self.form.labels), self)
        self.record_tabs: list[QWidget] = []
        if self.kind != "facilities":
            stretch = (4, 6) if self.kind == "children" else (3, 5)  # reasons
            self._add_table(self.tr("Assignments"), self.assignments, stretch)
        self._add_table(self.tr("Visits"), self.visits, (1, 2))
        account = bridge.account
        if account is None or account.may(Permission.READ_AUDIT):  # an officer's is empty
            self._add_table(self.tr("History"), self.history, (HistoryModel.CHANGES,))
        # Tabs with their own rows and services, told which record is shown (show_record).
        self.record_pages: list[Any] = []
        if self.kind == "children":
            from ui.forms.age_widgets import AgeAssessmentsTab
            from ui.forms.attachments_tab import AttachmentsTab

            self._add_page(self.tr("Attachments"), AttachmentsTab(bridge), "attachments_tab")
            self._add_page(self.tr("Age"), AgeAssessmentsTab(bridge), "age_tab")
            from ui.forms.notes_tab import NotesTab
            from ui.forms.placements import PlacementsTab
            from ui.forms.timeline_tab import TimelineTab

            self._add_page(self.tr("Timeline"), TimelineTab(bridge), "timeline_tab")
            self._add_page(self.tr("Notes"), NotesTab(bridge), "notes_tab")
            self._add_page(self.tr("Placements"), PlacementsTab(bridge), "placements_tab")
            from ui.forms.missing_dialogs import MissingTab

            self._add_page(self.tr("Missing"), MissingTab(bridge), "missing_tab")
            # Screened first, then referred: the protection work in the order it is done.
            from ui.protection.protection_tab import ProtectionTab

            self._add_page(self.tr("Protection"), ProtectionTab(bridge), "protection_tab")
            from ui.protection.referrals_tab import ReferralsTab

            self._add_page(self.tr("Referrals"), ReferralsTab(bridge), "referrals_tab")
            from ui.protection.disclosures_tab import DisclosuresTab

            self._add_page(self.tr("Disclosures"), DisclosuresTab(bridge), "disclosures_tab")
        self.appointment_actions: AppointmentActions | None = None
        if self.kind == "children":  # End appointment…, Change guardian… under Assignments
            self.appointment_actions = AppointmentActions(self)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.loading)
        self.stack.addWidget(self.tabs)

        self.deactivation = Deactivation(self)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.close)
        self.match_button = QPushButton(self.tr("Find a guardian…"))
        self.match_button.clicked.connect(self.find_guardian)
        self.match_button.setVisible(self.kind == "children")
        self.match_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.deactivation.button)
        buttons.addStretch()
        for button in (
            self.deactivation.button,
            self.match_button,
            self.save_button,
            self.close_button,
        ):
            button.setAutoDefault(False)  # Enter in a field must not save or close
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        bridge.data_changed.connect(self._data_changed)

        self._show_title()
        self.set_busy(True)
        self._load()

    def _add_table(self, title: str, model: Any, stretch: tuple[int, ...]) -> None:
        view = table_view(model, stretch)
        view.setObjectName(title)
        self.tabs.addTab(view, title)
        self.record_tabs.append(view)

    def _add_page(self, title: str, page: QWidget, name: str) -> None:
        page.setObjectName(name)
        self.tabs.addTab(page, title)
        self.record_tabs.append(page)
        self.record_pages.append(page)

    # --- loading -------------------------------------------------------------------------------

    def alive(self, fn: Callable[..., None]) -> Callable[..., None]:
        """A bridge callback that does nothing once this window is gone."""
        return alive(self, fn)

    def _load(self) -> None:
        kind, record_id = self.kind, self.record_id

        def work(session: Session, task: Task) -> tuple[FormChoices, RecordDetail | None]:
            detail = record_detail(session, kind, record_id) if record_id is not None else None
            return form_choices(session), detail

        self.bridge.run(
            work, on_success=self.alive(self._loaded), on_failure=self.alive(self._load_failed)
        )

    def _loaded(self, result: tuple[FormChoices, RecordDetail | None]) -> None:
        self.choices, detail = result
        zone = ZoneInfo(self.choices.time_zone)
        self.visits.zone = zone
        self.history.zone = zone
        self.show_detail(detail)
        self.stack.setCurrentWidget(self.tabs)
        self.set_busy(False)
        self.form.first_field().setFocus()

    def _load_failed(self, error: BaseException) -> None:
        if not isinstance(error, GuardianDeskError):
            raise error
        if isinstance(error, NotFoundError):
            self.loading.setText(self.tr("This record no longer exists."))
        else:
            self.loading.setText(str(error))
        self.stack.setCurrentWidget(self.loading)

    def show_detail(self, detail: RecordDetail | None) -> None:
        """Put a record (None: an empty new one) into every tab; it counts as unchanged."""
        assert self.choices is not None
        self.detail = detail
        self.record_id = detail.id if detail is not None else None
        self.form.load(detail, self.choices)
        self.assignments.set_rows(detail.assignments if detail else [])
        self.visits.set_rows(detail.visits if detail else [])
        self.history.set_rows(detail.history if detail else [])
        for page in self.record_pages:
            page.show_record(detail)
        for view in self.record_tabs:
            self.tabs.setTabVisible(self.tabs.indexOf(view), detail is not None)
        self.deactivation.update(detail)
        refusal = _matching_refusal(detail)
        self.match_button.setEnabled(detail is not None and refusal is None)
        self.match_button.setToolTip(refusal or "")
        if self.appointment_actions is not None:
            self.appointment_actions.update(detail)
        self._clean = self.form.snapshot()
        self._show_title()
        self._update_dirty()

    def find_guardian(self) -> None:
        """Ranked guardians (and mediators) for this child, with reasons for the rest."""
        if self.detail is None:
            return
        from ui.matching import MatchingPanel

        MatchingPanel(self.bridge, self.detail.id, self).show()

    def reload(self) -> None:
        """Load the stored record again (the officer's unsaved edits are dropped)."""
        self.bar.clear()
        self.set_busy(True)
        self._load()

    def _data_changed(self) -> None:
        """Something was saved elsewhere in the app: follow it unless the officer is editing."""
        if not shiboken6.isValid(self) or self._busy or self.detail is None or self.is_dirty():
            return
        kind, record_id = self.kind, self.detail.id
        self.bridge.run(
            lambda session, task: record_detail(session, kind, record_id, log_view=False),
            on_success=self.alive(self._refreshed),
            on_failure=lambda _error: None,  # gone or unreadable: the next save will tell
        )

    def _refreshed(self, detail: RecordDetail) -> None:
        if self._busy or self.is_dirty() or detail == self.detail:
            return
        tab = self.tabs.currentIndex()
        self.show_detail(detail)
        self.tabs.setCurrentIndex(tab)

    # --- state ---------------------------------------------------------------------------------

    @property
    def loaded(self) -> bool:
        """The record (or the empty form) is shown and nothing is waiting for the worker."""
        return self.choices is not None and not self._busy

    def is_dirty(self) -> bool:
        return self._clean is not None and self.form.snapshot() != self._clean

    def _edited(self) -> None:
        if not self.bar.is_error() or (self._marked_fields_error and not self.form.has_errors()):
            self.bar.clear()  # "Saved." or "correct the marked fields" is old news now
            self._marked_fields_error = False
        self._update_dirty()

    def _update_dirty(self) -> None:
        self.save_button.setEnabled(
            not self._busy and (self.detail is None or self.is_dirty()) and self._clean is not None
        )

    def set_busy(self, busy: bool) -> None:
        """While the worker has the record, the form waits; the focus comes back after."""
        if busy and not self._busy:
            self._focus = self.focusWidget()
        self._busy = busy
        self.form.setEnabled(not busy)
        if not busy and self._focus is not None and shiboken6.isValid(self._focus):
            self._focus.setFocus()
        self.deactivation.button.setEnabled(not busy and self.deactivation.available)
        self._update_dirty()

    def _show_title(self) -> None:
        detail = self.detail
        if detail is None:
            title = {
                "children": self.tr("New child"),
                "guardians": self.tr("New guardian"),
                "mediators": self.tr("New mediator"),
                "facilities": self.tr("New facility"),
            }[self.kind]
        else:
            title = {
                "children": self.tr("Child {0} — {1}"),
                "guardians": self.tr("Guardian {0} — {1}"),
                "mediators": self.tr("Mediator {0} — {1}"),
                "facilities": self.tr("Facility {0} — {1}"),
            }[self.kind].format(detail.code, detail.name)
        self.setWindowTitle(title)

    # --- saving --------------------------------------------------------------------------------

    def save(self) -> None:
        if self._busy or self.choices is None:
            return
        if self.detail is not None and not self.is_dirty():
            self._close_after_save = False
            return
        self.form.clear_errors()
        self.bar.clear()
        self._marked_fields_error = False
        errors: list[ValidationError] = []
        data = None
        try:
            data = self.form.parse(self.form.raw(), self.choices)
        except ValidationErrors as caught:
            errors.extend(caught.errors)
        errors.extend(self.form.check_availability())
        if errors or data is None:
            self._close_after_save = False
            self.show_errors(errors)
            return
        slots, absences = self.form.availability()
        kind, record_id = self.kind, self.record_id
        version = self.detail.version if self.detail is not None else None
        check_duplicates, self.save_anyway = not self.save_anyway, False

        def work(session: Session, task: Task) -> RecordDetail | list[Candidate]:
            if check_duplicates:  # nothing saved if any: the officer decides first
                found = duplicates_before_save(session, kind, record_id, data)
                if found:
                    return found
            saved_id = save_record(session, kind, record_id, data, version, slots, absences)
            return record_detail(session, kind, saved_id, log_view=False)

        self.set_busy(True)
        self.bridge.run(
            work,
            writes=True,
            on_success=self.alive(self._saved),
            on_failure=self.alive(self._save_failed),
        )

    def _saved(self, detail: RecordDetail | list[Candidate]) -> None:
        self.set_busy(False)
        if isinstance(detail, list):
            warn_about_duplicates(self, detail)
            return
        tab = self.tabs.currentIndex()
        self.show_detail(detail)
        self.tabs.setCurrentIndex(tab)
        self.bar.show_info(self.tr("Saved."))
        self.saved.emit(self.kind, detail.id)
        if self._close_after_save:
            self.close()

    def _save_failed(self, error: BaseException) -> None:
        self.set_busy(False)
        self._close_after_save = False
        if isinstance(error, ConflictError):
            self._fetch_theirs()
        elif isinstance(error, ValidationErrors):
            self.show_errors(error.errors)
        elif isinstance(error, ValidationError):
            self.show_errors([error])
        elif isinstance(error, GuardianDeskError):
            self.bar.show_error(self.tr("Nothing was saved: {0}").format(error))
        else:
            raise error

    def show_errors(self, errors: list[ValidationError]) -> None:
        """Each message at its field; the first bad field's tab is shown and it gets focus."""
        unplaced = self.form.show_errors(errors)
        first = self.form.first_invalid(errors)
        if first is not None:
            self.tabs.setCurrentWidget(self.form.page_of[first])
            editor = self.form.editors[first]
            if self.form.page_of[first] is self.form.details_page:
                self.form.details_page.ensureWidgetVisible(editor)
            editor.setFocus()
        if unplaced:
            self.bar.show_error(
                self.tr("Nothing was saved: {0}").format("; ".join(str(e) for e in unplaced))
            )
        else:
            self.bar.show_error(
                self.tr("Nothing was saved: correct the %n marked field(s).", "", len(errors))
            )
        self._marked_fields_error = not unplaced

    # --- someone else saved first --------------------------------------------------------------

    def _fetch_theirs(self) -> None:
        kind, record_id = self.kind, self.record_id
        assert record_id is not None
        self.set_busy(True)
        self.bridge.run(
            lambda session, task: record_detail(session, kind, record_id, log_view=False),
            on_success=self.alive(self._resolve_conflict),
            on_failure=self.alive(self._save_failed),
        )

    def _resolve_conflict(self, theirs: RecordDetail) -> None:
        self.set_busy(False)
        labels, mine, stored = conflict_texts(self.form, theirs)
        dialog = ConflictDialog(self.windowTitle(), labels, mine, stored, self)
        dialog.exec()
        if dialog.choice() == ConflictDialog.RELOAD:
            self.show_detail(theirs)
            self.bar.show_info(self.tr("The form now shows the saved version."))
        else:
            self.bar.show_error(
                self.tr(
                    "Not saved: someone else changed this record. Your edits are still here; "
                    "reload to continue from the saved version."
                ),
                offer_reload=True,
            )

    # --- closing -------------------------------------------------------------------------------

    def reject(self) -> None:
        """Esc, the window's close button and Close come here: unsaved changes are asked about."""
        if not self.is_dirty():
            super().reject()
            return
        answer = QMessageBox.question(
            self,
            self.windowTitle(),
            self.tr("Save the changes to this record before closing?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            self._close_after_save = True
            self.save()
        elif answer == QMessageBox.StandardButton.Discard:
            self._clean = None
            super().reject()
