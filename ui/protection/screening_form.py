"""The trafficking screening of a child: who, when, in which language and through whom, one answer
per indicator of the ILO/EC 2009 list, the live result, and then the officer's decision.

Used at the first contact, often through an interpreter, so it is built for speed: every answer
starts as "Not asked"; on an answer, the keys 1 to 5 choose the answer and move to the next
indicator. The result panel applies the rule as the answers change (no database); the rule flags,
the officer decides (``DecisionDialog``). Saving and the decision go through the bridge.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from guardian_desk.faults import explain
from guardian_desk.i18n import current_language
from guardian_desk.i18n.formats import datetime_text
from guardian_desk.protection.indicators import (
    ELEMENTS,
    OFFICE_SET,
    Answer,
    Catalogue,
    Indicator,
    load_catalogue,
)
from guardian_desk.protection.words import (
    ANSWER_NAMES,
    DECISION_NAMES,
    OCCASION_NAMES,
    SET_NAMES,
    strength_name,
    word,
)
from ui.bidi import isolated
from ui.bridge import CoreBridge, Task
from ui.callbacks import alive
from ui.forms.fields_dialog import submit_on_bridge
from ui.forms.message_bar import MessageBar
from ui.protection.screening_result import ResultPanel, element_name
from ui.scheduling.visit_dialogs import qt_time, time_edit
from ui.screen_fit import resize_to_fit

ANSWER_ORDER = (
    Answer.OBSERVED,
    Answer.REPORTED_BY_CHILD,
    Answer.REPORTED_BY_OTHERS,
    Answer.NOT_OBSERVED,
    Answer.NOT_ASKED,
)
SETS = ("labour", "sexual")


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    """The shipped indicator file, read once (on the worker: the first call reads the file);
    the form itself offers the office's indicators too (ScreeningChoices.catalogue)."""
    return load_catalogue()


@dataclass(frozen=True)
class Loaded:
    """What the form needs, read on the worker."""

    choices: Any  # services.screenings.ScreeningChoices
    catalogue: Catalogue  # the shipped indicators and the office's own
    time_zone: str
    screening: Any = None  # services.screenings.ScreeningInfo when an existing one is shown


def load_form(session: Session, child_id: int, screening_id: int | None) -> Loaded:
    from guardian_desk.services.screenings import get_screening, screening_choices
    from guardian_desk.services.settings import get_settings

    info = get_screening(session, screening_id) if screening_id is not None else None
    choices = screening_choices(session, child_id)
    return Loaded(
        choices,
        choices.catalogue or catalogue(),
        get_settings(session).time_zone,
        info,
    )


class AnswerBox(QComboBox):
    """The five answers, "Not asked" first chosen; 1–5 choose one and move to the next row."""

    answered = Signal()  # by a digit key: the form moves the focus on

    def __init__(self, indicator_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(indicator_id)
        for number, answer in enumerate(ANSWER_ORDER, start=1):
            self.addItem(f"{number}  {word(ANSWER_NAMES, answer)}", str(answer))
        self.set_answer(Answer.NOT_ASKED)
        self.setToolTip(self.tr("Keys 1 to 5 choose an answer and go to the next indicator."))

    def answer(self) -> str:
        return str(self.currentData())

    def set_answer(self, answer: str) -> None:
        index = self.findData(str(answer))
        self.setCurrentIndex(index if index >= 0 else len(ANSWER_ORDER) - 1)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text.isdigit() and 1 <= int(text) <= len(ANSWER_ORDER):
            self.setCurrentIndex(int(text) - 1)
            self.answered.emit()
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: Any) -> None:  # scrolling the list must not change answers
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class IndicatorRows(QWidget):
    """The indicators of one list, grouped by element, then the office's own."""

    changed = Signal()

    def __init__(
        self,
        indicators: tuple[Indicator, ...],
        catalogue: Catalogue,
        parent: QWidget | None = None,
        retired: tuple[str, ...] = (),
    ) -> None:
        super().__init__(parent)
        self.boxes: dict[str, AnswerBox] = {}
        self.notes: dict[str, QLineEdit] = {}
        self.order: list[str] = []
        language = current_language()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        published = [item for item in indicators if item.indicator_set != OFFICE_SET]
        office = [item for item in indicators if item.indicator_set == OFFICE_SET]
        groups: list[tuple[str, list[Indicator], bool]] = [
            (element_name(catalogue, name), [i for i in published if i.element == name], False)
            for name in ELEMENTS
        ]
        groups.append((self.tr("The office's own indicators (migration routes)"), office, True))
        # Answered in a saved screening, since removed from the office's list: still shown.
        gone = [(ident, self.tr("{0}: indicator no longer in the list").format(ident))
                for ident in retired]  # fmt: skip
        shown: list[tuple[str, Sequence[Any], bool]] = [
            *groups,
            (self.tr("No longer in the list"), gone, False),
        ]
        for title, items, show_element in shown:
            if not items:
                continue
            box = QGroupBox(title)
            grid = QGridLayout(box)
            grid.setColumnStretch(0, 1)
            grid.setHorizontalSpacing(8)
            for row, item in enumerate(items):
                if isinstance(item, tuple):  # an indicator no longer in the list
                    item_id, text, weight = item[0], item[1], ""
                    tip = ""
                else:
                    item_id, text = item.id, item.text(language)
                    weight = strength_name(item.strength)
                    tip = item.rationale
                    if item.added:
                        tip = "\n".join(
                            part for part in (self.tr("Added by the office."), tip) if part
                        )
                if show_element and not isinstance(item, tuple):
                    text = f"{text} — {element_name(catalogue, item.element)}"
                label = QLabel(text, wordWrap=True)
                label.setToolTip(tip)
                strength = QLabel(weight)
                strength.setForegroundRole(QPalette.ColorRole.PlaceholderText)
                answer = AnswerBox(item_id)
                label.setBuddy(answer)
                note = QLineEdit()
                note.setObjectName(f"{item_id}-note")
                note.setPlaceholderText(self.tr("Note (optional)"))
                note.setFixedWidth(170)
                answer.currentIndexChanged.connect(self.changed)
                answer.answered.connect(lambda ident=item_id: self.focus_after(ident))
                grid.addWidget(label, row, 0)
                grid.addWidget(strength, row, 1)
                grid.addWidget(answer, row, 2)
                grid.addWidget(note, row, 3)
                self.boxes[item_id] = answer
                self.notes[item_id] = note
                self.order.append(item_id)
            layout.addWidget(box)
        layout.addStretch(1)

    def focus_after(self, ident: str) -> None:
        index = self.order.index(ident) + 1
        if index < len(self.order):
            box = self.boxes[self.order[index]]
            box.setFocus(Qt.FocusReason.TabFocusReason)
            scroll = self.parent()
            while scroll is not None and not isinstance(scroll, QScrollArea):
                scroll = scroll.parent()
            if isinstance(scroll, QScrollArea):
                scroll.ensureWidgetVisible(box, 10, 60)

    def answers(self) -> dict[str, str]:
        return {ident: box.answer() for ident, box in self.boxes.items()}

    def answer_notes(self) -> dict[str, str]:
        return {ident: e.text().strip() for ident, e in self.notes.items() if e.text().strip()}

    def set_answers(self, answers: Mapping[str, str], notes: Mapping[str, str]) -> None:
        for ident, box in self.boxes.items():
            box.blockSignals(True)
            box.set_answer(answers.get(ident, Answer.NOT_ASKED))
            box.blockSignals(False)
            self.notes[ident].setText(notes.get(ident, ""))
        self.changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        for box in self.boxes.values():
            box.setEnabled(not read_only)
        for note in self.notes.values():
            note.setReadOnly(read_only)


class ScreeningForm(QDialog):
    """A new screening of a child (``screening_id`` None) or a saved one, shown read-only."""

    saved = Signal(object)  # ScreeningInfo, after the screening is stored
    decided = Signal(object)  # ScreeningInfo, after the decision is recorded

    def __init__(
        self,
        bridge: CoreBridge,
        child_id: int,
        parent: QWidget | None = None,
        *,
        screening_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.child_id = child_id
        self.loaded_data: Loaded | None = None
        self.info: Any = None  # ScreeningInfo once saved or shown
        self.rows: IndicatorRows | None = None
        self._kept_answers: dict[str, str] = {}
        self._kept_notes: dict[str, str] = {}
        self._retired: tuple[str, ...] = ()  # a saved screening's answers no longer in the list
        self.decision_dialog: DecisionDialog | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Trafficking screening"))
        resize_to_fit(self, 1240, 700)

        self.bar = MessageBar()
        self.header = QLabel(self.tr("Loading…"), wordWrap=True)
        self.header.setObjectName("screening_header")
        font = self.header.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.header.setFont(font)
        self.when = time_edit()
        self.when.setObjectName("screened_at")
        self.occasion = QComboBox()
        self.occasion.setObjectName("occasion")
        for value in OCCASION_NAMES:
            self.occasion.addItem(word(OCCASION_NAMES, value), value)
        self.indicator_set = QComboBox()
        self.indicator_set.setObjectName("indicator_set")
        for value in SETS:
            self.indicator_set.addItem(word(SET_NAMES, value), value)
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.mediator = QComboBox()
        self.mediator.setObjectName("mediator")
        fields = QGridLayout()
        fields.setHorizontalSpacing(10)
        for column, (label, editor) in enumerate(
            (
                (self.tr("&When:"), self.when),
                (self.tr("&Occasion:"), self.occasion),
                (self.tr("Indicator &list:"), self.indicator_set),
                (self.tr("Interview &language:"), self.language),
                (self.tr("&Mediator:"), self.mediator),
            )
        ):
            caption = QLabel(label)
            caption.setBuddy(editor)
            fields.addWidget(caption, 0, column)
            fields.addWidget(editor, 1, column)
            fields.setColumnStretch(column, 1)
        self.missing_list = QLabel(wordWrap=True)
        self.missing_list.setObjectName("missing_list")
        self.missing_list.hide()
        self.keys = QLabel(
            self.tr(
                "Answers: 1 observed, 2 reported by the child, 3 reported by others, 4 not "
                "observed, 5 not asked; the key moves to the next indicator."
            ),
            wordWrap=True,
        )
        self.keys.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.indicator_scroll = QScrollArea()
        self.indicator_scroll.setWidgetResizable(True)
        self.indicator_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.indicator_scroll.setObjectName("indicators")
        self.result_panel = ResultPanel()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.indicator_scroll)
        splitter.addWidget(self.result_panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        self._split = False
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.note.setPlaceholderText(
            self.tr("How the interview went, who was present, what to follow up")
        )
        note_row = QFormLayout()
        note_row.addRow(self.tr("&Note:"), self.note)
        self.decision_button = QPushButton(self.tr("Record &decision…"))
        self.decision_button.clicked.connect(self.ask_decision)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("&Save screening"))
        self.save_button.setEnabled(False)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton(self.decision_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.decision_button.hide()  # once the screening is saved
        for button in (self.save_button, self.cancel_button, self.decision_button):
            button.setAutoDefault(False)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.header)
        layout.addLayout(fields)
        layout.addWidget(self.missing_list)
        layout.addWidget(self.keys)
        layout.addWidget(splitter, 1)
        layout.addLayout(note_row)
        layout.addWidget(self.buttons)
        self.indicator_set.currentIndexChanged.connect(self._set_changed)
        bridge.run(
            lambda session, task: load_form(session, child_id, screening_id),
            on_success=alive(self, self._loaded),
            on_failure=alive(self, self._failed),
        )

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self._split:  # the indicators get the larger part, once
            self._split = True
            width = max(self.width(), 600)
            self.splitter.setSizes([width * 62 // 100, width - width * 62 // 100])

    # --- loading -------------------------------------------------------------------------------

    @property
    def loaded(self) -> bool:
        return self.loaded_data is not None

    def _loaded(self, loaded: Loaded) -> None:
        self.loaded_data = loaded
        choices = loaded.choices
        name = isolated(choices.child_name)
        # TRANSLATORS: {0} is the case number, {1} the child's name.
        self.header.setText(self.tr("Screening of {0} {1}").format(choices.case_number, name))
        self.when.setDateTime(qt_time(datetime.now(ZoneInfo(loaded.time_zone))))
        self._select(self.occasion, choices.suggested_occasion)
        self._fill_languages(choices)
        self.mediator.addItem(self.tr("No mediator (same language)"), None)
        for mediator in choices.mediators:
            languages = ", ".join(mediator.languages)
            text = f"{mediator.name} ({languages})" if languages else mediator.name
            self.mediator.addItem(text, mediator.mediator_id)
        info = loaded.screening
        if info is not None:
            self._show_saved(info)
        else:
            self._build_rows()
            self.save_button.setEnabled(True)
            if self.rows is not None and self.rows.order:
                self.rows.boxes[self.rows.order[0]].setFocus()

    def _fill_languages(self, choices: Any) -> None:
        from guardian_desk.domain.languages import language_name

        self.language.addItem(self.tr("Not recorded"), "")
        codes: list[str] = []
        for code in [
            *choices.child_languages,
            *(c for m in choices.mediators for c in m.languages),
        ]:
            if code and code not in codes:
                codes.append(code)
        for code in codes:
            self.language.addItem(language_name(code), code)
        if choices.child_languages:
            self._select(self.language, choices.child_languages[0])

    @staticmethod
    def _select(combo: QComboBox, value: Any) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    def _failed(self, error: BaseException) -> None:
        fault = explain(error)
        if not fault.expected:
            raise error
        self.bar.show_error(fault.message)
        self.save_button.setEnabled(self.loaded and self.info is None)

    # --- the indicators ------------------------------------------------------------------------

    def _set_changed(self) -> None:
        if self.loaded and self.info is None:
            self._build_rows()

    def _build_rows(self) -> None:
        loaded = self.loaded_data
        assert loaded is not None
        if self.rows is not None:  # the office's indicators keep their answers across lists
            self._kept_answers.update(self.rows.answers())
            self._kept_notes.update(self.rows.answer_notes())
        chosen = str(self.indicator_set.currentData())
        indicators = loaded.catalogue.for_set(chosen)
        published = [item for item in indicators if item.indicator_set == chosen]
        if published:
            self.missing_list.hide()
        else:
            self.missing_list.setText(
                self.tr(
                    "The list of indicators for {0} is not yet available in this version of "
                    "the indicator file ({1}). Only the office's own indicators can be answered; "
                    "use the labour list or record what the child said in the note."
                ).format(word(SET_NAMES, chosen).lower(), loaded.catalogue.version)
            )
            self.missing_list.show()
        self.rows = IndicatorRows(indicators, loaded.catalogue, retired=self._retired)
        self.rows.set_answers(self._kept_answers, self._kept_notes)
        self.rows.changed.connect(self.update_result)
        self.indicator_scroll.setWidget(self.rows)
        self.update_result()

    def answers(self) -> dict[str, str]:
        return self.rows.answers() if self.rows is not None else {}

    def update_result(self) -> None:
        loaded = self.loaded_data
        if loaded is None or self.rows is None:
            return
        chosen = str(self.indicator_set.currentData())
        known = {item.id for item in loaded.catalogue.for_set(chosen)}
        answers = {ident: a for ident, a in self.answers().items() if ident in known}
        self.result_panel.show_answers(loaded.catalogue, answers, chosen)

    # --- saving --------------------------------------------------------------------------------

    def screening_input(self) -> Any:
        from guardian_desk.services.screenings import ScreeningInput

        loaded = self.loaded_data
        assert loaded is not None and self.rows is not None
        moment = self.when.dateTime().toPython()
        assert isinstance(moment, datetime)
        screened_at = moment.replace(second=0, microsecond=0, tzinfo=ZoneInfo(loaded.time_zone))
        return ScreeningInput(
            child_id=self.child_id,
            screened_at=screened_at,
            indicator_set=str(self.indicator_set.currentData()),
            occasion=str(self.occasion.currentData()),
            language=str(self.language.currentData() or ""),
            mediator_id=self.mediator.currentData(),
            answers=self.rows.answers(),
            answer_notes=self.rows.answer_notes(),
            note=self.note.text().strip(),
        )

    def save(self) -> None:
        if not self.loaded or self.info is not None or not self.save_button.isEnabled():
            return
        self.bar.clear()
        data = self.screening_input()

        def work(session: Session, task: Task) -> Any:
            from guardian_desk.services.screenings import record_screening

            return record_screening(session, data)

        self.save_button.setEnabled(False)
        self.bridge.run(
            work,
            writes=True,
            on_success=alive(self, self._saved),
            on_failure=alive(self, self._failed),
        )

    def _saved(self, info: Any) -> None:
        self._show_saved(info)
        self.bar.show_info(self.tr("The screening is saved. Record your decision now or later."))
        self.saved.emit(info)
        self.ask_decision()

    def _show_saved(self, info: Any) -> None:
        """The stored screening, read-only; its decision can be recorded."""
        self.info = info
        self._select(self.indicator_set, info.indicator_set)
        self.info = None  # let the list follow the stored set once
        self._retired = tuple(info.retired)
        self._build_rows()
        self.info = info
        assert self.rows is not None
        self.rows.set_answers(info.answers, info.answer_notes)
        self.rows.set_read_only(True)
        self.when.setDateTime(qt_time(info.screened_at))
        self._select(self.occasion, info.occasion)
        if self.language.findData(info.language) < 0 and info.language:
            from guardian_desk.domain.languages import language_name

            self.language.addItem(language_name(info.language), info.language)
        self._select(self.language, info.language)
        if info.mediator_id is not None and self.mediator.findData(info.mediator_id) < 0:
            self.mediator.addItem(info.mediator_name, info.mediator_id)
        self._select(self.mediator, info.mediator_id)
        self.note.setText(info.note)
        for editor in (self.when, self.occasion, self.indicator_set, self.language, self.mediator):
            editor.setEnabled(False)
        self.note.setReadOnly(True)
        self.save_button.hide()
        self.cancel_button.setText(self.tr("Close"))
        self.decision_button.show()
        self.keys.setText(self._decision_text(info))

    def _decision_text(self, info: Any) -> str:
        # TRANSLATORS: {0} who screened, {1} when; {2} the decision (e.g. "Not decided yet").
        text = self.tr("Screened by {0} on {1}. Decision: {2}.").format(
            info.screened_by, datetime_text(info.screened_at), word(DECISION_NAMES, info.decision)
        )
        if info.decision_note:
            text += " " + info.decision_note
        return text

    def ask_decision(self) -> DecisionDialog | None:
        if self.info is None:
            return None
        self.decision_dialog = ask_decision(self.bridge, self.info, self, self._decided)
        return self.decision_dialog

    def _decided(self, info: Any) -> None:
        self.info = info
        self.keys.setText(self._decision_text(info))
        self.bar.show_info(self.tr("The decision is recorded."))
        self.decided.emit(info)

    def is_dirty(self) -> bool:
        return (
            self.info is None
            and self.rows is not None
            and any(a != Answer.NOT_ASKED for a in self.rows.answers().values())
        )

    def reject(self) -> None:
        if self.is_dirty():
            answer = QMessageBox.question(
                self,
                self.windowTitle(),
                self.tr("This screening is not saved. Close it and lose the answers?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()


class DecisionDialog(QDialog):
    """The officer's decision on a screening, with a note: the rule only flagged."""

    submitted = Signal(str, str)  # decision, note

    def __init__(self, info: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record the decision"))
        self.bar = MessageBar()
        if info.flagged:
            flag = self.tr(
                "The indicators meet the ILO/EC rule for a child: recruitment and exploitation. "
                "This is a flag, not a decision."
            )
        else:
            flag = self.tr("The indicators do not meet the ILO/EC rule for a child.")
        self.summary = QLabel(f"{info.case_number} · {datetime_text(info.screened_at)}\n{flag}")
        self.summary.setObjectName("decision_summary")
        self.summary.setWordWrap(True)
        self.decision = QComboBox()
        self.decision.setObjectName("decision")
        for value in DECISION_NAMES:
            self.decision.addItem(word(DECISION_NAMES, value), value)
        index = self.decision.findData(info.decision)
        self.decision.setCurrentIndex(max(index, 0))
        self.note = QPlainTextEdit()
        self.note.setObjectName("decision_note")
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText(self.tr("Why: what you weighed, whom you consulted"))
        self.note.setPlainText(info.decision_note or "")
        self.note.setFixedHeight(90)
        form = QFormLayout()
        form.addRow(self.tr("&Decision:"), self.decision)
        form.addRow(self.tr("&Why:"), self.note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("&Record the decision"))
        self.buttons.accepted.connect(
            lambda: self.submitted.emit(
                str(self.decision.currentData()), self.note.toPlainText().strip()
            )
        )
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(560, 300)


def ask_decision(
    bridge: CoreBridge, info: Any, parent: QWidget, done: Callable[[Any], None]
) -> DecisionDialog:
    """Opens the decision dialog for a screening; ``done`` gets the updated ScreeningInfo."""
    dialog = DecisionDialog(info, parent)
    dialog.setObjectName("decision_dialog")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    screening_id, version = info.screening_id, info.version

    def submitted(decision: str, note: str) -> None:
        def work(session: Session, task: Task) -> Any:
            from guardian_desk.services.screenings import record_decision

            return record_decision(session, screening_id, version, decision, note)

        submit_on_bridge(bridge, dialog, work, done)

    dialog.submitted.connect(submitted)
    dialog.open()
    return dialog


def open_screening(
    bridge: CoreBridge, child_id: int, parent: QWidget | None, screening_id: int | None = None
) -> ScreeningForm:
    """A new screening of the child (or a saved one, read-only), shown non-modal."""
    form = ScreeningForm(bridge, child_id, parent, screening_id=screening_id)
    form.setWindowModality(Qt.WindowModality.NonModal)
    form.show()
    return form
