"""Settings: the papers' language, the office's texts per language, and this computer's
interface language (saved in QSettings, with one message offering a restart)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.services import office_texts, settings
from tests.ui.signed import TEST_OFFICER
from tests.ui.test_settings_dialog import click_save
from ui.bridge import CoreBridge
from ui.settings_dialog import SettingsDialog
from ui.translation import save_language, saved_language


@pytest.fixture
def bridge(db_url: str) -> Iterator[CoreBridge]:
    core = CoreBridge(db_url, TEST_OFFICER)
    yield core
    core.shutdown()


def open_dialog(qtbot: QtBot, bridge: CoreBridge, **options: object) -> SettingsDialog:
    dialog = SettingsDialog(bridge, **options)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.save_button.isEnabled)
    return dialog


def test_texts_are_edited_per_language_and_saved_together(
    qtbot: QtBot, bridge: CoreBridge, factory: sessionmaker[Session]
) -> None:
    dialog = open_dialog(qtbot, bridge)
    texts = dialog.paper_texts
    dialog.tabs.setCurrentIndex(2)
    texts.papers_language.setCurrentIndex(texts.papers_language.findData("sq"))
    texts.show_language("sq")
    assert texts.duties.toPlainText() == ""
    assert "30" in texts.duties.placeholderText()  # the default, with the office's interval
    texts.legal_basis.setPlainText("Ligji nr. 18/2017, neni 7.")
    texts.signatory_title.setText("Zyrtare për mbrojtjen e fëmijëve")
    texts.show_language("en")
    assert texts.legal_basis.toPlainText() == ""
    texts.legal_basis.setPlainText("Law No. 18/2017, Article 7.")
    texts.show_language("sq")  # what was typed is kept while switching
    assert texts.legal_basis.toPlainText() == "Ligji nr. 18/2017, neni 7."
    with qtbot.waitSignal(dialog.saved):
        click_save(qtbot, dialog)
    with session_scope(factory) as s:
        row = settings.get_settings(s)
        assert office_texts.papers_language(row) == "sq"
        sq = office_texts.office_texts(s, "sq")
        assert sq.legal_basis == "Ligji nr. 18/2017, neni 7."
        assert sq.signatory_title == "Zyrtare për mbrojtjen e fëmijëve"
        assert office_texts.office_texts(s, "en").legal_basis == "Law No. 18/2017, Article 7."
    again = open_dialog(qtbot, bridge)
    assert again.paper_texts.language() == "sq"
    assert again.paper_texts.legal_basis.toPlainText() == "Ligji nr. 18/2017, neni 7."


def test_a_too_long_text_is_named_in_its_language(qtbot: QtBot, bridge: CoreBridge) -> None:
    dialog = open_dialog(qtbot, bridge)
    texts = dialog.paper_texts
    texts.show_language("mk")
    texts.signatory_title.setText("x" * 300)
    texts.show_language("en")
    click_save(qtbot, dialog)
    qtbot.waitUntil(lambda: texts.errors["signatory_title"].isVisible())
    assert texts.text_language.currentData() == "mk"
    assert dialog.tabs.currentIndex() == 2


def test_the_dialog_fits_a_small_screen_with_its_buttons(qtbot: QtBot, bridge: CoreBridge) -> None:
    dialog = open_dialog(qtbot, bridge)
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        assert dialog.width() <= 1280 and dialog.height() <= 720 - 40
        bottom = dialog.save_button.mapTo(dialog, dialog.save_button.rect().bottomLeft()).y()
        assert bottom <= dialog.height()
        assert dialog.save_button.isVisible()


def _answer(button_text: str, monkeypatch: pytest.MonkeyPatch, seen: list[str]) -> None:
    def exec_(box: QMessageBox) -> int:
        seen.append(box.text())
        for button in box.buttons():
            if button.text().replace("&", "") == button_text:
                button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)


def test_a_new_interface_language_is_saved_and_a_restart_offered(
    qtbot: QtBot, bridge: CoreBridge, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_language("en")
    restarted: list[bool] = []
    seen: list[str] = []
    _answer("Restart now", monkeypatch, seen)
    dialog = open_dialog(qtbot, bridge, restart=lambda: restarted.append(True))
    assert dialog.interface_language.currentData() == "en"
    dialog.interface_language.setCurrentIndex(dialog.interface_language.findData("sr-Latn"))
    with qtbot.waitSignal(dialog.saved):
        click_save(qtbot, dialog)
    assert saved_language() == "sr-Latn"
    assert seen == ["Guardian Desk speaks Srpski (latinica) from its next start."]
    assert restarted == [True]


def test_an_unchanged_interface_language_says_nothing(
    qtbot: QtBot, bridge: CoreBridge, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_language("mk")
    seen: list[str] = []
    _answer("OK", monkeypatch, seen)
    dialog = open_dialog(qtbot, bridge)
    assert dialog.interface_language.currentData() == "mk"
    with qtbot.waitSignal(dialog.saved):
        click_save(qtbot, dialog)
    assert seen == []


def test_without_a_restart_the_message_only_tells(
    qtbot: QtBot, bridge: CoreBridge, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_language("en")
    seen: list[str] = []
    buttons: list[list[str]] = []

    def exec_(box: QMessageBox) -> int:
        seen.append(box.text())
        buttons.append([b.text().replace("&", "") for b in box.buttons()])
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    dialog = open_dialog(qtbot, bridge)
    dialog.interface_language.setCurrentIndex(dialog.interface_language.findData("sq"))
    with qtbot.waitSignal(dialog.saved):
        click_save(qtbot, dialog)
    assert seen == ["Guardian Desk speaks Shqip from its next start."]
    assert "Restart now" not in buttons[0]
