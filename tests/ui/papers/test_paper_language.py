"""The Print menu's dialogs choose the paper's language and bilingual; the preview shows it."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from guardian_desk.domain.enums import DocumentKind
from tests.papers.pdf import flat_text_of
from tests.papers.pseudo import decorated, pseudo
from tests.papers.test_sources import Case
from tests.ui.papers.test_preview import issue
from ui.bridge import CoreBridge
from ui.papers.requests import PaperRequestDialog

__all__ = ["pseudo"]


def test_the_request_carries_the_chosen_language_and_bilingual(qtbot: QtBot) -> None:
    dialog = PaperRequestDialog(DocumentKind.APPOINTMENT, "Appointment")
    qtbot.addWidget(dialog)
    dialog.case_number.setText("AL-2026-00001")
    assert dialog.request().language is None  # the office's language
    assert dialog.request().bilingual is False
    dialog.language.set_language("sq")
    dialog.language.bilingual_box.setChecked(True)
    request = dialog.request()
    assert (request.language, request.bilingual) == ("sq", True)
    dialog.language.set_language("en")  # English is English once
    assert not dialog.language.bilingual_box.isEnabled()
    assert dialog.request().bilingual is False


def test_a_reprint_asks_for_no_language(qtbot: QtBot) -> None:
    dialog = PaperRequestDialog(None, "Reprint")
    qtbot.addWidget(dialog)
    assert "language" not in dialog.editors


def test_the_preview_shows_the_chosen_language(
    qtbot: QtBot, bridge: CoreBridge, case: Case, pseudo: None
) -> None:
    dialog = PaperRequestDialog(DocumentKind.APPOINTMENT, "Appointment")
    qtbot.addWidget(dialog)
    dialog.case_number.setText(case.child.case_number)
    dialog.language.combo.addItem("pseudo", "en-XA")  # not offered to officers
    dialog.language.set_language("en-XA")
    dialog.language.bilingual_box.setChecked(True)
    papers = issue(qtbot, bridge, dialog.request())
    text = flat_text_of(papers.pdf)
    assert decorated("Appointment of a guardian") in text
    assert "/ Appointment of a guardian" in text
    assert len(papers.pages) >= 1
