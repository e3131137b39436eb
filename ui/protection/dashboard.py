"""Protection ▸ Coordinator's figures…: the period's anonymised counts, as tiles and bar charts.

The figures are computed on the bridge's worker (guardian_desk/protection/figures.py), never on
the GUI thread; a busy bar runs meanwhile. Everything on the page comes from the same suppressed
tables as the CSV and the PDF (protection/figures_export.py): a count from 1 to 4 reads "<5"
here too, since screens get photographed. PySide6 here has no QtCharts: the bars are painted
with QPainter (BarChart below). The period opens on the last full calendar quarter, what
coordinators report on; the presets offer this quarter, this year and last year.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from guardian_desk.faults import explain
from guardian_desk.protection.figures import default_period
from guardian_desk.protection.figures_export import FigureTables, Table
from ui.callbacks import alive
from ui.date_input import date_input_format
from ui.forms.message_bar import MessageBar
from ui.screen_fit import resize_to_fit

if TYPE_CHECKING:
    from ui.main_window import MainWindow

COLOURS = (QColor(46, 102, 158), QColor(217, 140, 51), QColor(115, 166, 89))
ROW_HEIGHT = 16
CHARTS = (
    "nationality",
    "age_band",
    "positive_elements",
    "screenings",
    "referral_statuses",
    "referral_recipients",
    "days_to_guardian",
    "missing",
    "languages",
    "sex",
)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def _buddy(text: str, field: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(field)
    return label


def presets(today: date) -> list[tuple[str, date, date]]:
    """(key, from, to) of the period picker's choices."""
    last_start, last_end = default_period(today)
    quarter_start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    return [
        ("last_quarter", last_start, last_end),
        ("this_quarter", quarter_start, today),
        ("this_year", date(today.year, 1, 1), today),
        ("last_year", date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)),
    ]


class BarChart(QWidget):
    """Horizontal bars of a table's rows (one bar per measure), each with its shown text; a
    hidden count ("<5", "*") has no bar, only its text."""

    def __init__(self, table: Table, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = table
        self.rows = table.chart_rows()
        self.measures = len(table.columns)
        legend = 1 if self.measures > 1 else 0
        lines = max(1, len(self.rows)) * self.measures + legend
        self.setMinimumHeight(lines * ROW_HEIGHT + 8 + max(0, len(self.rows) - 1) * 4)
        self.setMinimumWidth(380)
        self.setAccessibleName(table.title)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        width = self.width()
        label_width = int(width * 0.38)
        text_room = metrics.horizontalAdvance("00,000") + 8
        bar_room = max(20, width - label_width - text_room - 8)
        highest = max(
            (cell.bar or 0 for row in self.rows for cell in row.cells),
            default=0,
        )
        y = 4
        if self.measures > 1:
            x = label_width + 4
            for m, column in enumerate(self.table.columns):
                painter.fillRect(x, y + 4, 10, 10, COLOURS[m % len(COLOURS)])
                painter.setPen(self.palette().text().color())
                painter.drawText(x + 14, y + metrics.ascent() + 1, column)
                x += metrics.horizontalAdvance(column) + 30
            y += ROW_HEIGHT
        if not self.rows:
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(4, y + metrics.ascent(), self.tr("Nothing in this period."))
            return
        for row in self.rows:
            block = ROW_HEIGHT * self.measures
            painter.setPen(self.palette().text().color())
            label = metrics.elidedText(row.label, Qt.TextElideMode.ElideRight, label_width - 6)
            painter.drawText(
                QRectF(0, y, label_width - 6, block),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            for m, cell in enumerate(row.cells):
                top = y + m * ROW_HEIGHT + 2
                length = 0
                if cell.bar and highest:
                    length = max(2, round(bar_room * cell.bar / highest))
                    painter.fillRect(
                        label_width, top, length, ROW_HEIGHT - 4, COLOURS[m % len(COLOURS)]
                    )
                painter.setPen(self.palette().text().color())
                painter.drawText(
                    QRectF(label_width + length + 4, top - 2, text_room, ROW_HEIGHT),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    cell.text,
                )
            y += block + 4


class Tile(QFrame):
    def __init__(self, label: str, value: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.value = QLabel(value)
        self.value.setObjectName("tile_value")
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.value.setFont(font)
        self.caption = QLabel(label, wordWrap=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)


class DashboardWindow(QWidget):
    """The coordinator's figures for a period (non-modal)."""

    def __init__(
        self, window: MainWindow | Any, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.main_window = window
        self.bridge = window.bridge
        self.today = today or date.today()
        self.as_of = today  # None: the office's today (the core knows its zone)
        self.figures: Any = None
        self.tables: FigureTables | None = None
        self.loaded = False
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Figures for the national coordinator"))
        resize_to_fit(self, 1180, 700)
        self.bar = MessageBar()
        self.preset = QComboBox()
        self.preset.setObjectName("figures_preset")
        names = {
            "last_quarter": self.tr("Last full quarter"),
            "this_quarter": self.tr("This quarter so far"),
            "this_year": self.tr("This year so far"),
            "last_year": self.tr("Last year"),
        }
        for key, start, end in presets(self.today):
            self.preset.addItem(names[key], (start, end))
        self.preset.addItem(self.tr("Other period"), None)
        start, end = default_period(self.today)
        self.start = QDateEdit(_qdate(start))
        self.start.setObjectName("figures_from")
        self.end = QDateEdit(_qdate(end))
        self.end.setObjectName("figures_to")
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(date_input_format())
        self.preset.currentIndexChanged.connect(self._preset_chosen)
        self.show_button = QPushButton(self.tr("&Show"))
        self.show_button.setAutoDefault(False)
        self.show_button.clicked.connect(self.reload)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # busy: the figures are being counted
        self.busy.setMaximumWidth(160)
        self.busy.setTextVisible(False)
        self.busy.hide()
        top = QHBoxLayout()
        top.addWidget(_buddy(self.tr("&Period:"), self.preset))
        top.addWidget(self.preset)
        top.addWidget(_buddy(self.tr("&From:", "start of a period"), self.start))
        top.addWidget(self.start)
        top.addWidget(_buddy(self.tr("&To:", "end of a period"), self.end))
        top.addWidget(self.end)
        top.addWidget(self.show_button)
        top.addWidget(self.busy)
        top.addStretch()
        self.summary = QLabel(self.tr("Counting…"), wordWrap=True)
        self.summary.setObjectName("figures_summary")
        self.page = QWidget()
        self.page_layout = QVBoxLayout(self.page)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(self.page)
        self.csv_button = QPushButton(self.tr("Save &CSV…"))
        self.csv_button.clicked.connect(lambda: self.save_csv())
        self.pdf_button = QPushButton(self.tr("Save P&DF…"))
        self.pdf_button.clicked.connect(lambda: self.save_pdf())
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.close)
        for button in (self.csv_button, self.pdf_button, self.close_button):
            button.setAutoDefault(False)
        self.csv_button.setEnabled(False)
        self.pdf_button.setEnabled(False)
        bottom = QHBoxLayout()
        bottom.addWidget(
            QLabel(
                self.tr(
                    "Counts only, no names. Counts from 1 to 4 are shown as <5; * hides a "
                    "count that would give a small one away. The same figures go into the "
                    "CSV and the PDF."
                ),
                wordWrap=True,
            ),
            1,
        )
        bottom.addWidget(self.csv_button)
        bottom.addWidget(self.pdf_button)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(bottom)
        self.reload()

    def period(self) -> tuple[date, date]:
        return _pydate(self.start.date()), _pydate(self.end.date())

    def _preset_chosen(self) -> None:
        chosen = self.preset.currentData()
        if chosen is None:
            return
        start, end = chosen
        self.start.setDate(_qdate(start))
        self.end.setDate(_qdate(end))
        self.reload()

    def reload(self) -> None:
        if self.bridge is None:
            return
        start, end = self.period()
        as_of = self.as_of

        def work(session: Any, task: Any) -> tuple[Any, FigureTables]:
            from guardian_desk.protection.figures import coordinator_figures
            from guardian_desk.protection.figures_export import figure_tables

            figures = coordinator_figures(session, start, end, today=as_of)
            return figures, figure_tables(figures)

        self._busy(True)
        self.bridge.run(
            work, on_success=alive(self, self._loaded), on_failure=alive(self, self._failed)
        )

    def _busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.show_button.setEnabled(not busy)
        has = self.figures is not None and not busy
        self.csv_button.setEnabled(has)
        self.pdf_button.setEnabled(has)

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        fault = explain(error)
        if not fault.expected:
            raise error  # a bug: the app's error boundary reports it
        self.bar.show_error(fault.message)

    def _loaded(self, result: tuple[Any, FigureTables]) -> None:
        from guardian_desk.protection.figures_export import period_label

        self.figures, self.tables = result
        self.bar.clear()
        self.summary.setText(
            self.tr("Period: {0}. As of {1}.").format(
                period_label(self.figures), self._date(self.figures.as_of)
            )
        )
        self._fill(self.tables)
        self._busy(False)
        self.loaded = True

    @staticmethod
    def _date(day: date) -> str:
        from guardian_desk.i18n.formats import date_text

        return date_text(day, long=True)

    def _fill(self, tables: FigureTables) -> None:
        while self.page_layout.count():
            item = self.page_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        tiles = QWidget()
        tile_row = QHBoxLayout(tiles)
        tile_row.setContentsMargins(0, 0, 0, 0)
        for label, cell in tables.tiles:
            tile_row.addWidget(Tile(label, cell.text))
        tile_row.addWidget(
            Tile(
                self.tr("Median working days to a guardian (deadline {0})").format(
                    tables.deadline_days
                ),
                tables.median_days,
            )
        )
        self.page_layout.addWidget(tiles)
        grid_widget = QWidget()
        grid = QGridLayout(grid_widget)
        grid.setContentsMargins(0, 0, 0, 0)
        for n, key in enumerate(CHARTS):
            table = tables.table(key)
            box = QWidget()
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(4, 4, 4, 8)
            heading = QLabel(table.title)
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            box_layout.addWidget(heading)
            chart = BarChart(table)
            chart.setObjectName(f"chart_{key}")
            box_layout.addWidget(chart)
            if table.note:
                box_layout.addWidget(QLabel(table.note, wordWrap=True))
            box_layout.addStretch()
            grid.addWidget(box, n // 2, n % 2)
        self.page_layout.addWidget(grid_widget)
        self.page_layout.addStretch()

    def texts(self) -> list[str]:
        """Every text the page shows now (tiles, chart labels): for tests."""
        found = [label.text() for label in self.page.findChildren(QLabel)]
        for chart in self.page.findChildren(BarChart):
            for row in chart.rows:
                found += [cell.text for cell in row.cells]
        return found

    def _file_name(self, suffix: str) -> str:
        start, end = self.period()
        return f"figures-{start.isoformat()}-{end.isoformat()}.{suffix}"

    def save_csv(self, path: Path | None = None) -> None:
        if self.figures is None:
            return
        if path is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self, self.tr("Save the figures as CSV"), self._file_name("csv"), "CSV (*.csv)"
            )
            if not chosen:
                return
            path = Path(chosen)
        figures = self.figures
        target = path

        def work(session: Any, task: Any) -> Path:
            from guardian_desk.private_files import write_private_bytes
            from guardian_desk.protection.figures_export import figures_csv

            write_private_bytes(target, figures_csv(figures))
            return target

        self._save(work)

    def save_pdf(self, path: Path | None = None) -> None:
        if self.figures is None:
            return
        if path is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self, self.tr("Save the figures as PDF"), self._file_name("pdf"), "PDF (*.pdf)"
            )
            if not chosen:
                return
            path = Path(chosen)
        figures = self.figures
        target = path

        def work(session: Any, task: Any) -> Path:
            from guardian_desk.papers.coordinator_report import coordinator_report_pdf
            from guardian_desk.private_files import write_private_bytes

            pdf = coordinator_report_pdf(session, figures.start, figures.end, figures=figures)
            write_private_bytes(target, pdf)
            return target

        self._save(work)

    def _save(self, work: Any) -> None:
        if self.bridge is None:
            return
        self._busy(True)
        self.bridge.run(
            work, on_success=alive(self, self._saved), on_failure=alive(self, self._failed)
        )

    def _saved(self, path: Path) -> None:
        self._busy(False)
        self.bar.show_info(self.tr("Saved {0}.").format(path.name))


def open_dashboard(window: MainWindow | Any) -> DashboardWindow:
    """Open the coordinator's figures (a new window each time, like the other lists)."""
    dashboard = DashboardWindow(window)
    dashboard.show()
    dashboard.raise_()
    return dashboard
