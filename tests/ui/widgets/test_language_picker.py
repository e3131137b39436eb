"""The languages editor: find a language by any name or code, add it, grade it, remove it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

from guardian_desk.domain.enums import Proficiency
from guardian_desk.domain.records import LanguageSkill
from ui.widgets.language_picker import (
    LanguageChoicesModel,
    LanguageSearchModel,
    LanguageSkillsEditor,
    LanguageSkillsModel,
)

# The completer's popup asks the offscreen platform for things it cannot do.
popup_warnings = pytest.mark.qt_log_ignore("This plugin does not support")

TIGRINYA_NATIVE = LanguageSkill("tir", Proficiency.NATIVE)


def type_text(widget: QWidget, text: str) -> None:
    """Type any script, as a keyboard layout would (QTest.keyClicks knows only ASCII)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


@pytest.fixture
def editor(qtbot) -> LanguageSkillsEditor:  # type: ignore[no-untyped-def]
    editor = LanguageSkillsEditor()
    qtbot.addWidget(editor)
    editor.resize(440, 280)
    editor.show()
    return editor


def test_models_pass_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    choices = LanguageChoicesModel()
    search = LanguageSearchModel()
    search.setSourceModel(choices)
    search.set_query("arab")
    qtmodeltester.check(search)
    skills = LanguageSkillsModel()
    skills.set_skills([TIGRINYA_NATIVE, LanguageSkill("ara", Proficiency.BASIC)])
    qtmodeltester.check(skills)
    qtmodeltester.check(choices)


@pytest.mark.parametrize("query", ["dari", "دری", "prs", "PRS"])
def test_search_finds_dari_first(query: str) -> None:
    search = LanguageSearchModel()
    search.setSourceModel(LanguageChoicesModel())
    search.set_query(query)
    assert search.index(0, 0).data() == "Dari — دری (prs)"


@popup_warnings
@pytest.mark.parametrize("query", ["dari", "دری", "prs"])
def test_typing_a_name_and_choosing_it_adds_it_at_working_level(
    qtbot, editor: LanguageSkillsEditor, query: str
) -> None:  # type: ignore[no-untyped-def]
    editor.set_skills([TIGRINYA_NATIVE])
    editor.search.setFocus()
    type_text(editor.search, query)
    popup = editor.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    assert popup.model().index(0, 0).data() == "Dari — دری (prs)"
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    with qtbot.waitSignal(editor.changed):
        qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert editor.skills() == [
        LanguageSkill("prs", Proficiency.WORKING),
        TIGRINYA_NATIVE,
    ]
    qtbot.waitUntil(lambda: editor.search.text() == "")  # ready for the next one


@popup_warnings
def test_enter_in_the_search_line_adds_the_best_match(qtbot, editor) -> None:  # type: ignore[no-untyped-def]
    type_text(editor.search, "ትግርኛ")
    qtbot.keyClick(editor.search, Qt.Key.Key_Return)
    assert editor.skills() == [LanguageSkill("tir", Proficiency.WORKING)]
    assert editor.search.text() == ""


def test_a_language_already_listed_is_selected_not_added_twice(qtbot, editor) -> None:  # type: ignore[no-untyped-def]
    editor.set_skills([TIGRINYA_NATIVE, LanguageSkill("ara", Proficiency.BASIC)])
    with qtbot.assertNotEmitted(editor.changed):
        editor.add_language("tir")
    assert editor.skills() == [LanguageSkill("ara", Proficiency.BASIC), TIGRINYA_NATIVE]
    assert [i.row() for i in editor.table.selectionModel().selectedRows()] == [0]


def test_proficiency_is_edited_with_a_combo_box(qtbot, editor) -> None:  # type: ignore[no-untyped-def]
    editor.set_skills([TIGRINYA_NATIVE, LanguageSkill("ara", Proficiency.BASIC)])
    cell = editor.model.index(1, LanguageSkillsModel.PROFICIENCY)
    assert cell.data() == "basic"
    editor.table.setCurrentIndex(cell)
    editor.table.edit(cell)
    combo = editor.table.indexWidget(cell)
    assert isinstance(combo, QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "basic",
        "working",
        "fluent",
        "native",
    ]
    with qtbot.waitSignal(editor.changed):
        combo.setCurrentIndex(combo.findData("fluent"))
    assert editor.skills() == [LanguageSkill("ara", Proficiency.FLUENT), TIGRINYA_NATIVE]
    assert cell.data() == "fluent"


def test_delete_key_and_remove_button_remove_the_selected_language(qtbot, editor) -> None:  # type: ignore[no-untyped-def]
    editor.set_skills([TIGRINYA_NATIVE, LanguageSkill("ara", Proficiency.BASIC)])
    assert not editor.remove_button.isEnabled()
    editor.table.selectRow(0)
    editor.table.setFocus()
    qtbot.waitUntil(editor.table.hasFocus)
    with qtbot.waitSignal(editor.changed):
        qtbot.keyClick(editor.table, Qt.Key.Key_Delete)
    assert editor.skills() == [LanguageSkill("ara", Proficiency.BASIC)]
    assert editor.remove_button.isEnabled()  # the next row is selected
    editor.remove_button.click()
    assert editor.skills() == []
    assert not editor.remove_button.isEnabled()


def test_language_column_shows_english_and_native_names(editor) -> None:  # type: ignore[no-untyped-def]
    editor.set_skills(
        [LanguageSkill("prs", Proficiency.NATIVE), LanguageSkill("acm", Proficiency.BASIC)]
    )
    assert editor.model.index(0, 0).data() == "Dari — دری"
    assert editor.model.index(1, 0).data() == "Mesopotamian Arabic"
    assert editor.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == "Dari — دری (prs)"


def test_error_is_shown_under_the_editor_and_told_to_screen_readers(editor) -> None:  # type: ignore[no-untyped-def]
    editor.set_error("languages: must name at least one language")
    assert editor.message.isVisible()
    assert editor.message.text() == "languages: must name at least one language"
    assert editor.accessibleDescription() == "languages: must name at least one language"
    assert editor.table.property("invalid") is True
    editor.set_error(None)
    assert not editor.message.isVisible()
    assert editor.accessibleDescription() == ""
    assert editor.table.property("invalid") is False


def test_tab_goes_from_search_to_table_to_remove(qtbot, editor) -> None:  # type: ignore[no-untyped-def]
    assert editor.search.nextInFocusChain() is not None
    chain = [editor.search]
    widget: QWidget = editor.search
    for _ in range(2):
        widget = widget.nextInFocusChain()
        while not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            widget = widget.nextInFocusChain()
        chain.append(widget)
    assert chain == [editor.search, editor.table, editor.remove_button]
