"""Which languages a person speaks and how well: a searchable picker over all of ISO 639-3."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListView,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from guardian_desk.domain.enums import Proficiency
from guardian_desk.domain.languages import (
    LanguageChoice,
    language_choice,
    language_choices,
    language_name,
    matches,
)
from guardian_desk.domain.records import LanguageSkill
from guardian_desk.domain.text import fold
from guardian_desk.i18n import current_language
from ui.widgets.field_message import FieldMessage, mark_invalid

AnyIndex = QModelIndex | QPersistentModelIndex

CodeRole = Qt.ItemDataRole.UserRole  # the ISO 639-3 code of a row (str)


def proficiency_label(level: Proficiency) -> str:
    """The level as the officer reads it, translated."""
    labels = {
        Proficiency.BASIC: QCoreApplication.translate("Proficiency", "basic"),
        Proficiency.WORKING: QCoreApplication.translate("Proficiency", "working"),
        Proficiency.FLUENT: QCoreApplication.translate("Proficiency", "fluent"),
        Proficiency.NATIVE: QCoreApplication.translate("Proficiency", "native"),
    }
    return labels[level]


def _shown_name(choice: LanguageChoice) -> str:
    """The name in the interface language and the native name, as in a list ("Dari — دری")."""
    name = language_name(choice.code)
    if not choice.native or fold(choice.native) == fold(name):
        return name
    return f"{name} — {choice.native}"


def _label(choice: LanguageChoice) -> str:
    """Like "Dari — دری (prs)": the shown name and the code."""
    return f"{_shown_name(choice)} ({choice.code})"


@lru_cache(maxsize=32768)
def _folded_local_name(code: str, language: str) -> str:
    return fold(language_name(code))


def _matches(choice: LanguageChoice, folded_query: str) -> bool:
    """The core's rule (code, English, native and other names), and the name in the
    interface language ("arabisht" finds Arabic in Albanian)."""
    if matches(choice, folded_query):
        return True
    query = folded_query.strip()
    return bool(query) and query in _folded_local_name(choice.code, current_language())


class LanguageChoicesModel(QAbstractListModel):
    """Every language that can be picked (about 7,000), the common ones first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices = language_choices()

    def choice(self, row: int) -> LanguageChoice:
        return self._choices[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._choices)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        choice = self._choices[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _label(choice)
        if role == Qt.ItemDataRole.EditRole:
            return choice.english
        if role == Qt.ItemDataRole.ToolTipRole:
            return ", ".join((choice.english, *choice.other_names))
        if role == CodeRole:
            return choice.code
        return None


class LanguageSearchModel(QSortFilterProxyModel):
    """The choices a query names: code, English or native name, folded (see ``matches``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._query = ""

    def set_query(self, text: str) -> None:
        query = fold(text).strip()
        if query == self._query:
            return
        self.beginFilterChange()
        self._query = query
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        source = self.sourceModel()
        assert isinstance(source, LanguageChoicesModel)
        return _matches(source.choice(source_row), self._query)


class LanguageSkillsModel(QAbstractTableModel):
    """The languages of one person, in the order they were listed or added."""

    LANGUAGE, PROFICIENCY = range(2)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._skills: list[LanguageSkill] = []

    def set_skills(self, skills: list[LanguageSkill]) -> None:
        self.beginResetModel()
        self._skills = list(skills)
        self.endResetModel()

    def skills(self) -> list[LanguageSkill]:
        return list(self._skills)

    def row_of(self, code: str) -> int:
        return next((i for i, s in enumerate(self._skills) if s.code == code), -1)

    def add(self, skill: LanguageSkill) -> int:
        row = len(self._skills)
        self.beginInsertRows(QModelIndex(), row, row)
        self._skills.append(skill)
        self.endInsertRows()
        return row

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._skills[row]
        self.endRemoveRows()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._skills)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.PROFICIENCY:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        skill = self._skills[index.row()]
        column = index.column()
        if role == CodeRole:
            return skill.code
        if column == self.LANGUAGE:
            if role == Qt.ItemDataRole.DisplayRole:
                return _shown_name(language_choice(skill.code))
            if role == Qt.ItemDataRole.ToolTipRole:
                return _label(language_choice(skill.code))
        elif column == self.PROFICIENCY:
            if role == Qt.ItemDataRole.DisplayRole:
                return proficiency_label(skill.proficiency)
            if role == Qt.ItemDataRole.EditRole:
                return skill.proficiency.value
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("Double-click or press F2 to change the level")
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != self.PROFICIENCY:
            return False
        if role != Qt.ItemDataRole.EditRole:
            return False
        try:
            level = Proficiency(value)
        except ValueError:
            return False
        skill = self._skills[index.row()]
        if skill.proficiency == level:
            return True
        self._skills[index.row()] = LanguageSkill(skill.code, level)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Language"), self.tr("Proficiency"))[section]


class ProficiencyDelegate(QStyledItemDelegate):
    """A combo box of the four levels; a choice is written at once, not on leaving the cell."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        combo = QComboBox(parent)
        for level in Proficiency:
            combo.addItem(proficiency_label(level), level.value)
        combo.currentIndexChanged.connect(lambda _row: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        found = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.blockSignals(True)
        editor.setCurrentIndex(max(found, 0))
        editor.blockSignals(False)

    def setModelData(self, editor: QWidget, model: Any, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class LanguageSkillsEditor(QWidget):
    """Search-and-add line, the person's languages with their level, and a Remove button.

    ``changed`` fires when the officer adds, removes or re-grades a language
    (not on ``set_skills``).
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices = LanguageChoicesModel(self)
        self.search_model = LanguageSearchModel(self)
        self.search_model.setSourceModel(self.choices)
        self.model = LanguageSkillsModel(self)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Add a language… (name, native name or code)"))
        self.search.setAccessibleName(self.tr("Add a language"))
        self.search.setClearButtonEnabled(True)
        self.completer = QCompleter(self.search_model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(12)
        popup = QListView()
        popup.setUniformItemSizes(True)  # about 7,000 rows
        self.completer.setPopup(popup)
        self._popup = popup
        self.search.setCompleter(self.completer)
        self.search.textEdited.connect(self.search_model.set_query)
        self.completer.activated[QModelIndex].connect(self._picked)  # type: ignore[index]
        self.search.installEventFilter(self)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(
            LanguageSkillsModel.PROFICIENCY, ProficiencyDelegate(self.table)
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(LanguageSkillsModel.LANGUAGE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(
            LanguageSkillsModel.PROFICIENCY, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.setAccessibleName(self.tr("Languages spoken"))
        self.table.setMinimumHeight(self.table.verticalHeader().defaultSectionSize() * 4)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_selected)

        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setToolTip(self.tr("Remove the selected language (Delete)"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.message = FieldMessage()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        row = QHBoxLayout()
        row.addWidget(self.table, 1)
        row.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row)
        layout.addWidget(self.message)
        QWidget.setTabOrder(self.search, self.table)
        QWidget.setTabOrder(self.table, self.remove_button)
        self.setFocusProxy(self.search)

        self.model.dataChanged.connect(lambda *_: self.changed.emit())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.model.rowsRemoved.connect(self._update_buttons)
        self._update_buttons()

    # --- the API forms use ----------------------------------------------------------------

    def set_skills(self, skills: list[LanguageSkill]) -> None:
        self.model.set_skills(skills)

    def skills(self) -> list[LanguageSkill]:
        return sorted(self.model.skills(), key=lambda s: s.code)

    def set_error(self, message: str | None) -> None:
        self.message.show_message(message)
        self.setAccessibleDescription(message or "")
        self.table.setAccessibleDescription(message or "")
        mark_invalid(self.table, bool(message))

    # --- actions --------------------------------------------------------------------------

    def add_language(self, code: str) -> None:
        """Add at "working" level; a language already listed is selected instead."""
        row = self.model.row_of(code)
        if row < 0:
            row = self.model.add(LanguageSkill(code, Proficiency.WORKING))
            self.changed.emit()
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))

    def remove_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        row = rows[0].row()
        self.model.remove(row)
        self.changed.emit()
        if self.model.rowCount():
            self.table.selectRow(min(row, self.model.rowCount() - 1))

    def _picked(self, index: QModelIndex) -> None:
        code = index.data(CodeRole)
        if code:
            self.add_language(code)
            # The completer writes the chosen text into the line after this signal.
            QTimer.singleShot(0, self._reset_search)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the search line adds the best match; it must not press a dialog's OK."""
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.search.text().strip()
        ):
            self._add_first_match()
            return True
        return super().eventFilter(watched, event)

    def _add_first_match(self) -> None:
        self._popup.hide()
        self.search_model.set_query(self.search.text())
        if self.search_model.rowCount():
            self.add_language(self.search_model.index(0, 0).data(CodeRole))
            self._reset_search()

    def _reset_search(self) -> None:
        self.search.clear()
        self.search_model.set_query("")

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self.table.selectionModel().selectedRows()))
