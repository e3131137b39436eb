"""The Print menu asks, issues and previews; a batch issues N letters off the GUI thread."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMainWindow
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.db.models import IssuedDocument
from guardian_desk.services import assignments
from tests.matching.office import Office
from tests.papers.pdf import flat_text_of
from tests.papers.test_sources import Case
from ui.bridge import CoreBridge
from ui.papers.batch import PaperOffer, print_batch
from ui.papers.hooks import install_papers
from ui.papers.preview import PaperPreview
from ui.papers.requests import PaperRequestDialog


def previews() -> list[PaperPreview]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, PaperPreview) and w.isVisible()
    ]


def registered(factory: sessionmaker[Session]) -> list[IssuedDocument]:
    with session_scope(factory) as session:
        return list(session.scalars(select(IssuedDocument).order_by(IssuedDocument.id)))


def test_print_menu_summary_shows_a_bad_case_at_the_field_then_previews(
    qtbot: QtBot, bridge: CoreBridge, case: Case, factory: sessionmaker[Session]
) -> None:
    window = QMainWindow()
    window.bridge = bridge  # type: ignore[attr-defined]
    qtbot.addWidget(window)
    menu = install_papers(window)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts[0] == "&Appointment decision…" and texts[-2] == "&Reprint by reference…"
    assert texts[-1] == "Papers &register…"
    summary = next(a for a in menu.actions() if a.data() == "summary")
    summary.trigger()
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, PaperRequestDialog))
    assert not any(box.isChecked() for box in dialog.field_boxes.values())  # need to know
    dialog.case_number.setText("AL-1999-99999")
    dialog.field_boxes["languages"].setChecked(True)
    dialog.ok_button.click()
    message = dialog.messages["case_number"]
    qtbot.waitUntil(lambda: message.isVisible(), timeout=20_000)
    assert "AL-1999-99999" in message.text() and "does not exist" in message.text()
    assert registered(factory) == []
    dialog.case_number.setText(case.child.case_number)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: bool(previews()), timeout=20_000)
    preview = previews()[0]
    qtbot.addWidget(preview)
    text = flat_text_of(preview.papers.pdf)
    assert "Dari (native)" in text and "Secret note" not in text
    assert [r.kind.value for r in registered(factory)] == ["summary"]
    preview.grab().save("/tmp/paper_summary_preview.png")


def test_batch_issues_every_letter_into_one_pdf_with_progress(
    qtbot: QtBot, bridge: CoreBridge, case: Case, factory: sessionmaker[Session], tmp_path: Path
) -> None:
    with session_scope(factory, actor="Test Officer") as session:
        office = Office(session)
        ids = [case.guardian_assignment.id, case.mediator_assignment.id]
        for name in ("Omar", "Yonas"):
            child = office.child(
                None, given_name=name, given_name_original="", family_name_original=""
            )
            guardian = office.guardian(given_name=f"Guardian of {name}")
            made = assignments.assign_guardian(
                session, child.id, guardian.id, starts_on=date.today()
            )
            ids.append(made.id)
    parent = QMainWindow()
    qtbot.addWidget(parent)
    batch = print_batch(bridge, parent, ids)
    qtbot.waitUntil(batch.finished, timeout=30_000)
    assert batch.error is None and batch.preview is not None
    qtbot.addWidget(batch.preview)
    rows = registered(factory)
    # 3 appointment decisions and the one mediator letter, each once.
    assert sorted(r.kind.value for r in rows) == ["appointment"] * 3 + ["mediator_letter"]
    assert batch.preview.page_label.text().startswith("Page 1 of ")
    assert batch.preview.page_count() >= 4
    batch.preview.save_to(tmp_path / "batch.pdf")
    text = flat_text_of((tmp_path / "batch.pdf").read_bytes())
    for name in ("Omar", "Yonas", "Ahmad Rahimi", "Farid Noori"):
        assert name in text


def test_cancelling_a_batch_registers_nothing(
    qtbot: QtBot, bridge: CoreBridge, case: Case, factory: sessionmaker[Session]
) -> None:
    parent = QMainWindow()
    qtbot.addWidget(parent)
    release = threading.Event()
    bridge.call(lambda _task: release.wait(10))  # the single worker is busy until released
    batch = print_batch(bridge, parent, [case.guardian_assignment.id])
    batch.progress.canceled.emit()  # as the Cancel button does
    release.set()
    qtbot.waitUntil(batch.finished, timeout=30_000)
    assert batch.preview is None
    assert registered(factory) == []


def test_after_a_confirm_the_papers_are_one_click_away(
    qtbot: QtBot, bridge: CoreBridge, case: Case, factory: sessionmaker[Session]
) -> None:
    from guardian_desk.papers.register import papers_for_assignment

    with session_scope(factory) as session:
        choices = papers_for_assignment(session, case.guardian_assignment.id)
    offer = PaperOffer(bridge, choices)
    qtbot.addWidget(offer)
    offer.show()
    assert [b.text() for b in offer.boxes] == [
        "Appointment decision",
        "Mediator letter (Farid Noori)",
        "Child's card",
    ]
    offer.grab().save("/tmp/paper_offer.png")
    offer.boxes[1].setChecked(False)
    offer.ok_button.click()
    qtbot.waitUntil(lambda: offer.preview is not None, timeout=20_000)
    assert offer.preview is not None
    qtbot.addWidget(offer.preview)
    assert [r.kind.value for r in registered(factory)] == ["appointment", "card"]
