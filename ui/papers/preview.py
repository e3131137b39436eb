"""The paper inside the app: page by page, zoomed, then printed or saved as PDF.

The pages arrive already rendered (PaperSet.pages, on the worker). Printing renders them again
at the printer's resolution on the worker and paints them on the GUI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QImage, QKeySequence, QPageLayout, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.bridge import CoreBridge
from ui.papers.calls import (
    PREVIEW_DPI,
    PRINT_DPI_CAP,
    SCREEN_DPI,
    PageImage,
    PaperSet,
    render_pages,
)
from ui.screen_fit import resize_to_fit

ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)


def to_image(page: PageImage) -> QImage:
    image = QImage(
        page.data, page.width, page.height, page.width * 4, QImage.Format.Format_RGBA8888
    )
    return image.copy()  # own the pixels: the bytes object may go


class PaperPreview(QDialog):
    """Shows a PaperSet; "Print…" and "Save as PDF…" act on the whole set."""

    def __init__(
        self, bridge: CoreBridge | None, papers: PaperSet, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.papers = papers
        self.images = [to_image(page) for page in papers.pages]
        self.page = 0
        self.zoom = 1.0
        self.setWindowTitle(self.tr("Preview: {0}").format(papers.title))
        resize_to_fit(self, 880, 960)

        self.previous_button = QPushButton(self.tr("◀ Previous"))
        self.previous_button.setShortcut(QKeySequence(Qt.Key.Key_PageUp))
        self.previous_button.clicked.connect(lambda: self.show_page(self.page - 1))
        self.page_label = QLabel()
        self.next_button = QPushButton(self.tr("Next ▶"))
        self.next_button.setShortcut(QKeySequence(Qt.Key.Key_PageDown))
        self.next_button.clicked.connect(lambda: self.show_page(self.page + 1))
        self.zoom_out_button = QPushButton(self.tr("−"))
        self.zoom_out_button.setToolTip(self.tr("Zoom out"))
        self.zoom_out_button.setShortcut(QKeySequence.StandardKey.ZoomOut)
        self.zoom_out_button.clicked.connect(lambda: self.step_zoom(-1))
        self.zoom_label = QLabel()
        self.zoom_in_button = QPushButton(self.tr("+"))
        self.zoom_in_button.setToolTip(self.tr("Zoom in"))
        self.zoom_in_button.setShortcut(QKeySequence.StandardKey.ZoomIn)
        self.zoom_in_button.clicked.connect(lambda: self.step_zoom(1))
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.print_button.clicked.connect(self.print_paper)
        self.save_button = QPushButton(self.tr("Save as PDF…"))
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.save_button.clicked.connect(self.save_as)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.accept)

        tools = QHBoxLayout()
        for widget in (self.previous_button, self.page_label, self.next_button):
            tools.addWidget(widget)
        tools.addSpacing(16)
        for widget in (self.zoom_out_button, self.zoom_label, self.zoom_in_button):
            tools.addWidget(widget)
        tools.addStretch()
        for widget in (self.print_button, self.save_button, self.close_button):
            tools.addWidget(widget)

        self.sheet = QLabel()
        self.sheet.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sheet.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.sheet.setStyleSheet("background: white; border: 1px solid #999;")
        self.scroller = QScrollArea()
        self.scroller.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroller.setStyleSheet("QScrollArea { background: #777; }")
        self.scroller.setWidget(self.sheet)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(self.scroller, 1)
        layout.addWidget(self.status)
        self.status.setText(self.tr("Registered as {0}.").format(", ".join(papers.references)))
        self.show_page(0)
        self.close_button.setDefault(True)

    # --- pages and zoom ------------------------------------------------------------------------

    def page_count(self) -> int:
        return len(self.images)

    def show_page(self, index: int) -> None:
        if not self.images:
            self.page_label.setText(self.tr("No pages"))
            return
        self.page = max(0, min(index, len(self.images) - 1))
        self.page_label.setText(self.tr("Page {0} of {1}").format(self.page + 1, len(self.images)))
        self.previous_button.setEnabled(self.page > 0)
        self.next_button.setEnabled(self.page < len(self.images) - 1)
        self._paint_sheet()

    def step_zoom(self, step: int) -> None:
        index = min(range(len(ZOOMS)), key=lambda i: abs(ZOOMS[i] - self.zoom))
        self.set_zoom(ZOOMS[max(0, min(index + step, len(ZOOMS) - 1))])

    def set_zoom(self, zoom: float) -> None:
        self.zoom = zoom
        self._paint_sheet()

    def _paint_sheet(self) -> None:
        self.zoom_label.setText(self.tr("{0} %").format(round(self.zoom * 100)))
        self.zoom_out_button.setEnabled(self.zoom > ZOOMS[0])
        self.zoom_in_button.setEnabled(self.zoom < ZOOMS[-1])
        if not self.images:
            return
        image = self.images[self.page]
        width = max(1, round(image.width() * self.zoom * SCREEN_DPI / PREVIEW_DPI))
        pixmap = QPixmap.fromImage(image).scaledToWidth(
            width, Qt.TransformationMode.SmoothTransformation
        )
        self.sheet.setPixmap(pixmap)
        self.sheet.resize(pixmap.size())

    # --- save and print ------------------------------------------------------------------------

    def save_as(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save as PDF"),
            str(Path.home() / self.papers.file_name),
            self.tr("PDF documents (*.pdf)"),
        )
        if path:
            self.save_to(Path(path if path.lower().endswith(".pdf") else path + ".pdf"))

    def save_to(self, path: Path) -> None:
        try:
            path.write_bytes(self.papers.pdf)
        except OSError as error:
            self.status.setText(self.tr("Not saved: {0}").format(error.strerror or str(error)))
            return
        self.status.setText(self.tr("Saved to {0}.").format(path))

    def print_paper(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.papers.file_name)
        printer.setFullPage(True)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, max(1, self.page_count()))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Render the pages at the printer's resolution on the worker, then paint them here."""
        dpi = float(min(printer.resolution(), PRINT_DPI_CAP))
        pdf = self.papers.pdf
        self.print_button.setEnabled(False)
        self.status.setText(self.tr("Preparing the pages for the printer…"))

        def done(pages: tuple[PageImage, ...]) -> None:
            self.print_button.setEnabled(True)
            self.paint_pages(printer, pages)

        def failed(error: BaseException) -> None:
            self.print_button.setEnabled(True)
            self.status.setText(self.tr("Not printed: {0}").format(error))

        if self.bridge is None:
            done(render_pages(pdf, dpi))
        else:
            self.bridge.call(
                lambda _task: render_pages(pdf, dpi), on_success=done, on_failure=failed
            )

    def paint_pages(self, printer: QPrinter, pages: tuple[PageImage, ...]) -> None:
        printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
        first, last = printer.fromPage(), printer.toPage()
        chosen = [
            page for number, page in enumerate(pages, start=1)
            if first == 0 or first <= number <= last
        ]  # fmt: skip
        painter = QPainter()
        if not painter.begin(printer):
            self.status.setText(self.tr("Not printed: the printer could not be started."))
            return
        try:
            for index, page in enumerate(chosen):
                if index:
                    printer.newPage()
                area = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
                image = to_image(page)
                scale = min(area.width() / image.width(), area.height() / image.height())
                target = QRectF(area.x(), area.y(), image.width() * scale, image.height() * scale)
                painter.drawImage(target, image)
        finally:
            painter.end()
        self.status.setText(
            self.tr("Sent {0} page(s) to {1}.").format(
                len(chosen), printer.printerName() or printer.outputFileName()
            )
        )


def show_preview(
    bridge: CoreBridge | None, parent: QWidget | None, papers: PaperSet
) -> PaperPreview:
    dialog = PaperPreview(bridge, papers, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
