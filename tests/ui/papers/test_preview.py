"""The preview shows page 1 of N, pages through, zooms, saves a real PDF and prints."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from guardian_desk.domain.enums import DocumentKind
from tests.papers.pdf import flat_text_of
from tests.papers.test_sources import Case
from ui.bridge import CoreBridge
from ui.papers.calls import PaperRequest, PaperSet, issue_request, page_count
from ui.papers.preview import PaperPreview

SCREENSHOT = Path("/tmp/paper_preview.png")


def issue(qtbot: QtBot, bridge: CoreBridge, request: PaperRequest) -> PaperSet:
    found: list[Any] = []
    bridge.run(
        lambda session, _task: issue_request(session, request),
        writes=True,
        on_success=found.append,
        on_failure=found.append,
    )
    qtbot.waitUntil(lambda: bool(found), timeout=20_000)
    assert isinstance(found[0], PaperSet), found[0]
    return found[0]


def test_preview_pages_zoom_and_save(
    qtbot: QtBot, bridge: CoreBridge, case: Case, tmp_path: Path
) -> None:
    papers = issue(
        qtbot,
        bridge,
        PaperRequest(DocumentKind.APPOINTMENT, case_number=case.child.case_number),
    )
    pages = page_count(papers.pdf)
    assert pages >= 1 and len(papers.pages) == pages
    preview = PaperPreview(bridge, papers)
    qtbot.addWidget(preview)
    preview.show()
    assert preview.page_label.text() == f"Page 1 of {pages}"
    assert not preview.previous_button.isEnabled()
    assert papers.references[0] in preview.windowTitle()
    assert papers.references[0] in preview.status.text()
    width = preview.sheet.pixmap().width()
    preview.zoom_in_button.click()
    assert preview.zoom_label.text() == "125 %"
    assert preview.sheet.pixmap().width() > width
    preview.zoom_out_button.click()
    qtbot.waitUntil(lambda: preview.scroller.verticalScrollBar().isVisible())
    preview.grab().save(str(SCREENSHOT))
    if pages > 1:
        preview.next_button.click()
        assert preview.page_label.text() == f"Page 2 of {pages}"
    target = tmp_path / "saved.pdf"
    preview.save_to(target)
    assert "Saved to" in preview.status.text()
    text = flat_text_of(target.read_bytes())
    assert "Ahmad Rahimi" in text and papers.references[0] in text


def test_print_paints_every_page_at_the_printers_resolution(
    qtbot: QtBot, bridge: CoreBridge, case: Case, tmp_path: Path
) -> None:
    papers = issue(
        qtbot, bridge, PaperRequest(DocumentKind.CARD, case_number=case.child.case_number)
    )
    preview = PaperPreview(bridge, papers)
    qtbot.addWidget(preview)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    preview.print_to(printer)
    qtbot.waitUntil(lambda: "Sent" in preview.status.text(), timeout=20_000)
    assert page_count(out.read_bytes()) == page_count(papers.pdf)
