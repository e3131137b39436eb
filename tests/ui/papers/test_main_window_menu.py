"""On the real main window: the Print menu reprints a paper by its reference, marked COPY."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.domain.enums import DocumentKind
from guardian_desk.papers.register import issue_document
from tests.papers.pdf import flat_text_of
from tests.papers.test_sources import Case
from ui.papers.hooks import install_papers
from ui.papers.preview import PaperPreview
from ui.papers.requests import PaperRequestDialog


def test_reprint_from_the_print_menu(
    qtbot: QtBot, open_window: Any, db_url: str, case: Case, factory: sessionmaker[Session]
) -> None:
    with session_scope(factory, actor="Test Officer") as session:
        reference = issue_document(session, DocumentKind.CARD, child_id=case.child.id).reference
    window = open_window(db_url, expect="home")
    menu = install_papers(window)
    menu.aboutToShow.emit()
    reprint = next(a for a in menu.actions() if a.data() == "copy")
    assert reprint.isEnabled()
    reprint.trigger()
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, PaperRequestDialog))
    dialog.reference.setText(reference)
    dialog.ok_button.click()
    qtbot.waitUntil(
        lambda: any(isinstance(w, PaperPreview) for w in QApplication.topLevelWidgets()),
        timeout=20_000,
    )
    preview = next(w for w in QApplication.topLevelWidgets() if isinstance(w, PaperPreview))
    text = flat_text_of(preview.papers.pdf)
    assert "COPY" in text and reference in text
