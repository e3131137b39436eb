"""The coordinator's report: the period's figures on the office's letterhead, with charts.

``render_coordinator_report`` is pure (figures in, PDF out); ``coordinator_report_pdf`` reads
the figures and prints them in the office's language (or ``language``). Every number on the
paper comes from protection/figures_export.py's tables, which suppress counts from 1 to 4
("<5") exactly as the CSV and the dashboard do; the charts draw no bar for a hidden count and
their value axes step by 5 or more, so that no tick reads 1 to 4.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle
from sqlalchemy.orm import Session

from guardian_desk.i18n import _
from guardian_desk.papers import sources
from guardian_desk.papers.blocks import body, heading, reference_line, title
from guardian_desk.papers.content import Letterhead, Paper
from guardian_desk.papers.fonts import BASE_FONT, SANS, font_name, register_fonts
from guardian_desk.papers.languages import paper_language
from guardian_desk.papers.layout import CONTENT_WIDTH, build_pdf
from guardian_desk.protection.figures import Figures, coordinator_figures
from guardian_desk.protection.figures_export import (
    HIDDEN,
    SMALL,
    FigureTables,
    figure_tables,
    period_label,
)
from guardian_desk.protection.figures_export import (
    Table as FigureTable,
)
from guardian_desk.security.roles import Permission, requires, signed_in

FONT = BASE_FONT
BOLD = font_name(SANS, bold=True)
BAR = colors.Color(0.18, 0.40, 0.62)
SECOND = colors.Color(0.85, 0.55, 0.20)
THIRD = colors.Color(0.45, 0.65, 0.35)
SERIES = (BAR, SECOND, THIRD)
NICE_STEPS = (5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000)


@dataclass(frozen=True, kw_only=True)
class CoordinatorReportContent(Paper):
    figures: Figures


def value_step(highest: int) -> int:
    """An axis step that is a multiple of 5 and gives at most about 5 ticks."""
    for step in NICE_STEPS:
        if highest <= step * 5:
            return step
    return NICE_STEPS[-1] * ((highest // (NICE_STEPS[-1] * 5)) + 1)


def _short(text: str, limit: int = 34) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def chart(table: FigureTable, *, vertical: bool = False) -> Drawing:
    """A bar chart of a table's first rows: one bar per row and measure; hidden counts draw
    no bar and carry their "<5" or "*" as the label."""
    register_fonts()
    rows = table.chart_rows()
    measures = len(table.columns)
    if vertical:
        height = 55 * mm
        drawing = Drawing(CONTENT_WIDTH, height)
        bars: VerticalBarChart | HorizontalBarChart = VerticalBarChart()
        bars.x, bars.y = 12 * mm, 10 * mm
        bars.width, bars.height = CONTENT_WIDTH - 20 * mm, height - 16 * mm
    else:
        per_row = 5.5 * mm * max(1, measures * 0.7)
        height = per_row * max(1, len(rows)) + 14 * mm
        drawing = Drawing(CONTENT_WIDTH, height)
        bars = HorizontalBarChart()
        bars.x, bars.y = 62 * mm, 8 * mm
        bars.width, bars.height = CONTENT_WIDTH - 70 * mm, height - 12 * mm
    # The drawing's own starting font, else base-14 Times-Roman: named in the PDF, never embedded.
    drawing.initialFontName = FONT
    data = [
        [row.cells[m].bar or 0 for row in reversed(rows)]
        if not vertical
        else [row.cells[m].bar or 0 for row in rows]
        for m in range(measures)
    ]
    ordered = list(reversed(rows)) if not vertical else list(rows)
    bars.data = data or [[0]]
    bars.categoryAxis.categoryNames = [_short(row.label) for row in ordered] or [""]
    bars.categoryAxis.labels.fontName = FONT
    bars.categoryAxis.labels.fontSize = 7.5
    if vertical:
        bars.categoryAxis.labels.dy = -2
    else:
        bars.categoryAxis.labels.boxAnchor = "e"
        bars.categoryAxis.labels.dx = -3
    highest = max((max(series) for series in data if series), default=0)
    bars.valueAxis.valueMin = 0
    bars.valueAxis.valueStep = value_step(highest)
    bars.valueAxis.valueMax = max(bars.valueAxis.valueStep, highest)
    bars.valueAxis.labels.fontName = FONT
    bars.valueAxis.labels.fontSize = 7
    bars.valueAxis.labelTextFormat = "%d"
    bars.barSpacing = 1
    bars.groupSpacing = 4
    for m in range(measures):
        bars.bars[m].fillColor = SERIES[m % len(SERIES)]
        bars.bars[m].strokeColor = None
    bars.barLabelFormat = "values"  # the texts of barLabelArray
    bars.barLabels.fontName = FONT
    bars.barLabels.fontSize = 7
    labels = [
        [
            row.cells[m].text if row.cells[m].text in (SMALL, HIDDEN) or row.cells[m].bar else ""
            for row in ordered
        ]
        for m in range(measures)
    ]
    bars.barLabelArray = labels
    if vertical:
        bars.barLabels.nudge = 6
    else:
        bars.barLabels.boxAnchor = "w"
        bars.barLabels.nudge = 8
    drawing.add(bars)
    if measures > 1:
        x = 0.0
        for m, column in enumerate(table.columns):
            drawing.add(
                String(
                    bars.x + x,
                    height - 3 * mm,
                    "■ " + column,
                    fontName=FONT,
                    fontSize=7.5,
                    fillColor=SERIES[m % len(SERIES)],
                )
            )
            x += 45 * mm
    return drawing


def _table(table: FigureTable) -> Flowable:
    label_width = 80 * mm if len(table.columns) == 1 else 62 * mm
    width = (CONTENT_WIDTH - label_width) / max(1, len(table.columns))
    head = ["", *table.columns]
    rows = [[row.label, *(cell.text for cell in row.cells)] for row in table.rows]
    if table.total is not None:
        rows.append([table.total.label, *(cell.text for cell in table.total.cells)])
    grid = Table(
        [head, *rows] if len(table.columns) > 1 else rows or [["–", ""]],
        colWidths=[label_width, *([width] * len(table.columns))],
        repeatRows=1 if len(table.columns) > 1 else 0,
    )
    style = [
        ("FONT", (0, 0), (-1, -1), FONT, 8.5),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.Color(0.85, 0.85, 0.85)),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ]
    if len(table.columns) > 1:
        style.append(("FONT", (0, 0), (-1, 0), BOLD, 8.5))
    if table.total is not None:
        style.append(("FONT", (0, -1), (-1, -1), BOLD, 8.5))
    grid.setStyle(TableStyle(style))
    return grid


def _section(table: FigureTable, *, vertical: bool = False, with_chart: bool = True) -> Flowable:
    parts: list[Flowable] = [heading(table.title)]
    if with_chart and table.rows:
        parts.append(chart(table, vertical=vertical))
    if table.note:
        parts.append(body(table.note))
    parts += [_table(table), Spacer(1, 2 * mm)]
    return KeepTogether(parts)


def _story(content: CoordinatorReportContent, tables: FigureTables) -> list[Flowable]:
    figures = content.figures
    story: list[Flowable] = [
        reference_line(content),
        title(_("Figures for the national coordinator")),
        body(
            # TRANSLATORS: {period} is e.g. "1 July 2026 – 30 September 2026".
            _("Period: {period}").format(period=period_label(figures))
        ),
        body(
            _(
                "Counts only: no names and no case numbers. Counts from 1 to 4 are shown as "
                "<5; where a single small count could be worked out from a total, another "
                "count is hidden too and shown as *."
            )
        ),
    ]
    vertical = {"age_band", "sex", "screenings", "missing"}
    for table in tables.tables:
        story.append(_section(table, vertical=table.key in vertical))
        if table.key == "days_to_guardian":
            story.append(
                body(
                    # TRANSLATORS: {deadline} is a number of working days; {median} one too,
                    # or a dash when fewer than five children were appointed.
                    _(
                        "The deadline is {deadline} working days from identification. Median "
                        "working days to a guardian: {median}."
                    ).format(deadline=tables.deadline_days, median=tables.median_days)
                )
            )
    return story


def render_coordinator_report(
    content: CoordinatorReportContent,
    letterhead: Letterhead,
    *,
    language: str | None = None,
    bilingual: bool = False,
) -> bytes:
    """The report, printed in ``language`` (its labels, names and numbers)."""
    with paper_language(language):
        tables = figure_tables(content.figures)
        return build_pdf(content, letterhead, _story(content, tables))


def report_reference(start: date, end: date) -> str:
    return f"{start.isoformat()}/{end.isoformat()}"


@requires(Permission.REPORTS)
def coordinator_report_pdf(
    session: Session,
    start: date,
    end: date,
    *,
    figures: Figures | None = None,
    language: str | None = None,
    today: date | None = None,
) -> bytes:
    """The report for the period on the office's letterhead, in the office's language unless
    ``language`` is given (``figures``: already computed, e.g. by the dashboard)."""
    from guardian_desk.services.office_texts import papers_language
    from guardian_desk.services.settings import get_settings

    settings = get_settings(session)
    if figures is None:
        figures = coordinator_figures(session, start, end, today=today)
    account = signed_in(session)
    content = CoordinatorReportContent(
        reference=report_reference(start, end),
        issued_on=figures.as_of,
        officer_name=account.full_name,
        officer_title=account.title or None,
        figures=figures,
    )
    with paper_language(language or papers_language(settings)) as code:
        letterhead = sources.letterhead(settings)
    return render_coordinator_report(content, letterhead, language=code)
