"""`install_papers(window)`: the main window's "Print" menu, one small dialog per paper.

Each paper is issued (numbered, registered, audited: docs/papers.md) on the worker, then shown
in the preview, from which the officer prints it or saves it as PDF.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QWidget

from guardian_desk.domain.enums import DocumentKind
from guardian_desk.domain.errors import GuardianDeskError
from ui.bridge import CoreBridge

if TYPE_CHECKING:  # the dialogs load when first used, not while the window starts
    from ui.papers.calls import PaperRequest, PaperSet
    from ui.papers.requests import PaperRequestDialog


def _tr(text: str) -> str:
    return QCoreApplication.translate("papers", text)


def menu_entries() -> list[tuple[DocumentKind | None, str, str]]:
    """(kind, menu text, dialog title); kind None is a reprint."""
    return [
        (DocumentKind.APPOINTMENT, _tr("&Appointment decision…"), _tr("Appointment decision")),
        (DocumentKind.MEDIATOR_LETTER, _tr("&Mediator letter…"), _tr("Mediator letter")),
        (DocumentKind.SCHEDULE, _tr("Visit &schedule…"), _tr("Visit schedule")),
        (DocumentKind.SUMMARY, _tr("Case s&ummary…"), _tr("Case summary")),
        (DocumentKind.CARD, _tr("Child's &card…"), _tr("Child's card")),
        (None, _tr("&Reprint by reference…"), _tr("Reprint a paper (marked COPY)")),
    ]


def ask_and_issue(
    bridge: CoreBridge, parent: QWidget, kind: DocumentKind | None, title: str
) -> PaperRequestDialog:
    """Open the paper's dialog; on "Issue" run it on the worker and open the preview."""
    from ui.papers.calls import issue_request
    from ui.papers.preview import show_preview
    from ui.papers.requests import PaperRequestDialog

    dialog = PaperRequestDialog(kind, title, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def issued(papers: PaperSet) -> None:
        if shiboken6.isValid(dialog):
            dialog.accept()
        show_preview(bridge, parent, papers)

    asked: list[PaperRequest] = []

    def failed(error: BaseException) -> None:
        if not isinstance(error, GuardianDeskError):
            raise error
        if _offers_reprint(error) and shiboken6.isValid(dialog) and dialog.isVisible():
            choice = ask_reprint(dialog, title, error)
            if choice == REPRINT:
                submitted(replace(asked[-1], kind=None, reference=getattr(error, "reference", "")))
            elif choice == ISSUE_AGAIN:
                submitted(replace(asked[-1], again=True))
            else:
                dialog.set_busy(False)
            return
        if shiboken6.isValid(dialog) and dialog.isVisible():
            dialog.show_error(error)
        else:
            QMessageBox.warning(parent, title, str(error))

    def submitted(request: PaperRequest) -> None:
        asked.append(request)
        bridge.run(
            lambda session, _task: issue_request(session, request),
            writes=True,
            on_success=issued,
            on_failure=failed,
        )

    dialog.submitted.connect(submitted)
    dialog.open()
    return dialog


REPRINT, ISSUE_AGAIN, CANCEL = "reprint", "again", "cancel"


def _offers_reprint(error: BaseException) -> bool:
    from guardian_desk.papers.register import DecisionAlreadyIssued

    return isinstance(error, DecisionAlreadyIssued)


def ask_reprint(parent: QWidget, title: str, error: BaseException) -> str:
    """The decision exists: reprint it (the default), issue a new one, or neither."""
    box = QMessageBox(QMessageBox.Icon.Question, title, str(error), parent=parent)
    reprint = box.addButton(_tr("Reprint (COPY)"), QMessageBox.ButtonRole.AcceptRole)
    again = box.addButton(_tr("Issue a new decision"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(reprint)
    box.exec()
    clicked = box.clickedButton()
    return REPRINT if clicked is reprint else ISSUE_AGAIN if clicked is again else CANCEL


def install_papers(window: QMainWindow) -> QMenu:
    """Add the "&Print" menu; the window enables its actions once a database is open."""
    menu = window.menuBar().addMenu(_tr("&Print"))
    menu.setObjectName("papers_menu")
    for kind, text, title in menu_entries():
        if kind is None:
            menu.addSeparator()
        action = QAction(text, window)
        action.setData(kind.value if kind else "copy")
        action.triggered.connect(lambda _checked=False, k=kind, t=title: _open(window, k, t))
        menu.addAction(action)
    menu.addSeparator()
    register = QAction(_tr("Papers &register…"), window)
    register.setData("register")
    register.triggered.connect(lambda _checked=False: _open_register(window))
    menu.addAction(register)
    return menu


def _open_register(window: QMainWindow) -> None:
    bridge: CoreBridge | None = getattr(window, "bridge", None)
    if bridge is None:
        QMessageBox.information(window, _tr("Papers register"), _tr("Open a database first."))
        return
    from ui.papers.register_dialog import show_register

    show_register(bridge, window)


def _open(window: QMainWindow, kind: DocumentKind | None, title: str) -> None:
    bridge: CoreBridge | None = getattr(window, "bridge", None)
    if bridge is None:
        QMessageBox.information(window, title, _tr("Open a database first."))
        return
    ask_and_issue(bridge, window, kind, title)
