"""The papers register: newest first, searched by reference, case number or code, reprinted."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.domain.enums import DocumentKind
from guardian_desk.papers.register import issue_document
from tests.papers.pdf import flat_text_of
from tests.papers.test_sources import Case
from ui.bridge import CoreBridge
from ui.papers.hooks import install_papers
from ui.papers.register_dialog import RegisterDialog, RegisterModel

SCREENSHOT = Path("/tmp/papers_register.png")


def issue_two(factory: sessionmaker[Session], case: Case) -> tuple[str, str]:
    """An appointment decision, then the mediator's visit schedule (the newer one)."""
    with session_scope(factory, actor="Test Officer") as session:
        first = issue_document(
            session, DocumentKind.APPOINTMENT, assignment_id=case.guardian_assignment.id
        ).reference
    today = date.today()
    with session_scope(factory, actor="Second Officer") as session:
        second = issue_document(
            session,
            DocumentKind.SCHEDULE,
            mediator_id=case.mediator.id,
            period=(today, today + timedelta(days=14)),
        ).reference
    return first, second


def opened(qtbot: QtBot, bridge: CoreBridge) -> RegisterDialog:
    dialog = RegisterDialog(bridge)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=20_000)
    return dialog


def shown(dialog: RegisterDialog, column: int) -> list[str]:
    proxy = dialog.proxy
    return [str(proxy.index(row, column).data()) for row in range(proxy.rowCount())]


def test_register_lists_newest_first_and_searches(
    qtbot: QtBot, bridge: CoreBridge, case: Case, factory: sessionmaker[Session]
) -> None:
    first, second = issue_two(factory, case)
    dialog = opened(qtbot, bridge)
    assert shown(dialog, RegisterModel.REFERENCE) == [second, first]
    assert shown(dialog, RegisterModel.KIND) == ["Visit schedule", "Appointment decision"]
    whom = shown(dialog, RegisterModel.FOR_WHOM)
    assert whom[0] == case.mediator.code
    assert whom[1] == f"{case.child.case_number} / {case.guardian.code}"
    assert shown(dialog, RegisterModel.ISSUED_BY) == ["Second Officer", "Test Officer"]
    assert shown(dialog, RegisterModel.COPIES) == ["0", "0"]
    assert shown(dialog, RegisterModel.ISSUED_AT)[0].startswith(date.today().isoformat()[:4])
    assert dialog.status.text() == "2 papers."
    assert not dialog.reprint_button.isEnabled()  # nothing chosen yet
    dialog.grab().save(str(SCREENSHOT))

    dialog.search.setText(case.child.case_number.lower())
    assert shown(dialog, RegisterModel.REFERENCE) == [first]
    assert dialog.status.text() == "1 of 2 papers match."
    dialog.search.setText(case.mediator.code)
    assert shown(dialog, RegisterModel.REFERENCE) == [second]
    dialog.search.setText(first)
    assert shown(dialog, RegisterModel.REFERENCE) == [first]
    dialog.search.setText("GD-1999")
    assert shown(dialog, RegisterModel.REFERENCE) == []
    dialog.search.clear()
    assert len(shown(dialog, RegisterModel.REFERENCE)) == 2


def test_reprint_marks_copy_counts_it_and_opens_the_preview(
    qtbot: QtBot, bridge: CoreBridge, case: Case, factory: sessionmaker[Session], tmp_path: Path
) -> None:
    first, _second = issue_two(factory, case)
    dialog = opened(qtbot, bridge)
    assert dialog.select_reference(first)
    assert dialog.reprint_button.isEnabled()
    dialog.reprint_button.click()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=20_000)
    preview = dialog.preview
    assert preview is not None and preview.isVisible()
    assert first in preview.windowTitle()
    target = tmp_path / "copy.pdf"
    preview.save_to(target)
    text = flat_text_of(target.read_bytes())
    assert "COPY" in text and first in text
    row = shown(dialog, RegisterModel.REFERENCE).index(first)
    assert dialog.proxy.index(row, RegisterModel.COPIES).data() == "1"
    preview.grab().save("/tmp/papers_register_copy.png")
    preview.close()

    # A double-click on the row reprints again; the register reloaded after the write agrees.
    dialog.preview = None
    index = dialog.proxy.index(row, RegisterModel.SUBJECT)
    rect = dialog.table.visualRect(index)
    viewport = dialog.table.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=20_000)
    qtbot.waitUntil(
        lambda: (
            dialog.proxy.index(
                shown(dialog, RegisterModel.REFERENCE).index(first), RegisterModel.COPIES
            ).data()
            == "2"
        ),
        timeout=20_000,
    )
    assert dialog.selected_reference() == first
    assert dialog.preview is not None
    dialog.grab().save("/tmp/papers_register_after_reprint.png")
    dialog.preview.close()


def test_register_model_passes_the_model_tester(
    qtmodeltester: Any, qtbot: QtBot, bridge: CoreBridge, case: Case, factory: sessionmaker[Session]
) -> None:
    issue_two(factory, case)
    dialog = opened(qtbot, bridge)
    qtmodeltester.check(dialog.model)
    qtmodeltester.check(dialog.proxy)
    empty = RegisterModel()
    qtmodeltester.check(empty)


def test_print_menu_opens_the_register_last(
    qtbot: QtBot, bridge: CoreBridge, case: Case, factory: sessionmaker[Session]
) -> None:
    first, _second = issue_two(factory, case)
    window = QMainWindow()
    window.bridge = bridge  # type: ignore[attr-defined]
    qtbot.addWidget(window)
    menu = install_papers(window)
    actions = menu.actions()
    assert actions[-2].isSeparator()
    assert actions[-1].text() == "Papers &register…" and actions[-1].data() == "register"
    actions[-1].trigger()
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, RegisterDialog))
    qtbot.waitUntil(lambda: dialog.loaded, timeout=20_000)
    assert first in shown(dialog, RegisterModel.REFERENCE)
    dialog.close()


def test_every_kind_of_paper_has_its_name_in_the_register() -> None:
    """A register holding a referral letter or a missing-child report still lists its rows."""
    from guardian_desk.domain.enums import DocumentKind
    from guardian_desk.i18n import using_language
    from ui.papers.register_dialog import kind_words

    assert kind_words(DocumentKind.REFERRAL_LETTER) == "Referral letter"
    assert kind_words(DocumentKind.MISSING_REPORT) == "Missing child report"
    with using_language("en-XA"):
        assert all(kind_words(kind) != "" for kind in DocumentKind)
