"""One person's or one facility's week: days as columns, half hours as rows, visits as blocks.

Blocks name the child by case number and initials only (privacy). A cancelled visit is
grey and struck through. Clicking a block emits ``visit_clicked``; clicking free time emits
``slot_clicked`` with the day and the minute past midnight of that half hour.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QLocale, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from guardian_desk.domain.enums import VisitPurpose, VisitStatus
from guardian_desk.scheduling import VisitInfo
from ui.scheduling.common import child_text, purpose_text, status_text, when_text

DAYS = 7
_COLOURS = {
    VisitStatus.PLANNED: QColor("#cfe2f3"),
    VisitStatus.HELD: QColor("#d9ead3"),
    VisitStatus.MISSED: QColor("#fce5cd"),
    VisitStatus.CANCELLED: QColor("#e6e6e6"),
}
_BORDERS = {
    VisitStatus.PLANNED: QColor("#3d85c6"),
    VisitStatus.HELD: QColor("#6aa84f"),
    VisitStatus.MISSED: QColor("#e69138"),
    VisitStatus.CANCELLED: QColor("#999999"),
}


class WeekView(QWidget):
    visit_clicked = Signal(object)  # VisitInfo
    slot_clicked = Signal(object, int)  # the day (date) and the minute past midnight

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        first_hour: int = 7,
        last_hour: int = 20,
        step_minutes: int = 30,
    ) -> None:
        super().__init__(parent)
        self._first = first_hour * 60
        self._last = last_hour * 60
        self._step = step_minutes
        self._rows = (self._last - self._first) // step_minutes
        self.monday = date.today() - timedelta(days=date.today().weekday())
        self.visits: list[VisitInfo] = []
        self._lanes: dict[int, tuple[int, int]] = {}  # visit id -> (lane, lanes that day)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Visits of the week"))

    def set_week(self, monday: date, visits: Sequence[VisitInfo]) -> None:
        self.monday = monday
        self.visits = sorted(visits, key=lambda v: (v.starts_at, v.visit_id))
        self._lanes = self._lay_out()
        self.setAccessibleDescription(
            "; ".join(self.block_text(v).replace("\n", " ") for v in self.visits)
            or self.tr("No visits this week")
        )
        self.update()

    # --- geometry (public so tests can click) --------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(900, 620)

    def minimumSizeHint(self) -> QSize:
        return QSize(self._label_width() + DAYS * 60, self._header_height() + self._rows * 12)

    def _label_width(self) -> int:
        return QFontMetrics(self.font()).horizontalAdvance("00:00") + 14

    def _header_height(self) -> int:
        return QFontMetrics(self.font()).height() * 2 + 8

    def grid_area(self) -> QRectF:
        left, top = self._label_width(), self._header_height()
        bottom = QFontMetrics(self.font()).height() // 2 + 2  # room for the last hour's label
        return QRectF(
            left,
            top,
            max(self.width() - left - 2, DAYS),
            max(self.height() - top - bottom, self._rows),
        )

    def _y(self, minute: int) -> float:
        area = self.grid_area()
        minute = min(max(minute, self._first), self._last)
        return area.top() + (minute - self._first) * area.height() / (self._last - self._first)

    def cell_rect(self, day: int, row: int) -> QRectF:
        area = self.grid_area()
        width, height = area.width() / DAYS, area.height() / self._rows
        return QRectF(area.left() + day * width, area.top() + row * height, width, height)

    def visit_rect(self, visit: VisitInfo) -> QRectF:
        area = self.grid_area()
        day = (visit.starts_at.date() - self.monday).days
        width = area.width() / DAYS
        lane, lanes = self._lanes.get(visit.visit_id, (0, 1))
        start = visit.starts_at.hour * 60 + visit.starts_at.minute
        end = start + max(int((visit.ends_at - visit.starts_at).total_seconds() // 60), 15)
        top, bottom = self._y(start), self._y(end)
        if bottom - top < 12:  # outside the hours shown: a sliver at the edge
            top, bottom = (bottom - 12, bottom) if start >= self._last else (top, top + 12)
        lane_width = (width - 4) / lanes
        left = area.left() + day * width + 2 + lane * lane_width
        return QRectF(left, top + 1, lane_width - 1, bottom - top - 2)

    def visit_at(self, pos: QPointF) -> VisitInfo | None:
        for visit in reversed(self.visits):
            if self.visit_rect(visit).contains(pos):
                return visit
        return None

    def slot_at(self, pos: QPointF) -> tuple[date, int] | None:
        area = self.grid_area()
        if not area.contains(pos):
            return None
        day = min(int((pos.x() - area.left()) / (area.width() / DAYS)), DAYS - 1)
        row = min(int((pos.y() - area.top()) / (area.height() / self._rows)), self._rows - 1)
        return self.monday + timedelta(days=day), self._first + row * self._step

    def _lay_out(self) -> dict[int, tuple[int, int]]:
        """Visits that overlap on a day sit side by side, each in its own lane."""
        placed: dict[int, tuple[int, int]] = {}
        by_day: dict[date, list[VisitInfo]] = {}
        for visit in self.visits:
            by_day.setdefault(visit.starts_at.date(), []).append(visit)
        for day_visits in by_day.values():
            ends: list[object] = []
            group: list[tuple[int, int]] = []
            group_end = None
            for visit in day_visits:
                if group_end is not None and visit.starts_at >= group_end:
                    for vid, lane in group:
                        placed[vid] = (lane, len(ends))
                    ends, group, group_end = [], [], None
                lane = next((i for i, e in enumerate(ends) if e <= visit.starts_at), len(ends))  # type: ignore[operator]
                if lane == len(ends):
                    ends.append(visit.ends_at)
                else:
                    ends[lane] = visit.ends_at
                group.append((visit.visit_id, lane))
                group_end = visit.ends_at if group_end is None else max(group_end, visit.ends_at)
            for vid, lane in group:
                placed[vid] = (lane, len(ends))
        return placed

    # --- text ----------------------------------------------------------------------------------

    def block_text(self, visit: VisitInfo) -> str:
        """What a block says: time, case number and initials; never the child's full name."""
        first = f"{visit.starts_at:%H:%M} {visit.case_number}"
        marks = child_text("", visit.child_name).strip()
        if visit.purpose is not VisitPurpose.VISIT:
            marks = f"{marks} {purpose_text(visit.purpose)}".strip()
        return f"{first}\n{marks}" if marks else first

    def tooltip_text(self, visit: VisitInfo) -> str:
        lines = [
            child_text(visit.case_number, visit.child_name),
            when_text(visit.starts_at, visit.ends_at),
            f"{purpose_text(visit.purpose)} — {status_text(visit.status)}",
        ]
        for label, name in (
            (self.tr("Guardian"), visit.guardian_name),
            (self.tr("Mediator"), visit.mediator_name),
            (self.tr("Where"), visit.facility_name or visit.place),
        ):
            if name:
                lines.append(f"{label}: \u2068{name}\u2069")
        if visit.outcome_note:
            lines.append(visit.outcome_note)
        return "\n".join(lines)

    # --- mouse ---------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        visit = self.visit_at(event.position())
        if visit is not None:
            self.visit_clicked.emit(visit)
            return
        slot = self.slot_at(event.position())
        if slot is not None:
            self.slot_clicked.emit(slot[0], slot[1])

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        visit = self.visit_at(event.position())
        self.setToolTip(self.tooltip_text(visit) if visit else "")
        self.setCursor(Qt.CursorShape.PointingHandCursor if visit else Qt.CursorShape.ArrowCursor)

    # --- painting ------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        area = self.grid_area()
        painter.fillRect(area, palette.color(QPalette.ColorRole.Base))
        today = date.today()
        offset = (today - self.monday).days
        if 0 <= offset < DAYS:
            column = self.cell_rect(offset, 0)
            painter.fillRect(
                QRectF(column.left(), area.top(), column.width(), area.height()),
                palette.color(QPalette.ColorRole.AlternateBase),
            )
        self._paint_lines(painter, palette, area)
        self._paint_labels(painter, palette, area)
        for visit in self.visits:
            self._paint_visit(painter, visit)

    def _paint_lines(self, painter: QPainter, palette: QPalette, area: QRectF) -> None:
        half = QPen(palette.color(QPalette.ColorRole.Midlight), 1)
        hour = QPen(palette.color(QPalette.ColorRole.Mid), 1)
        per_hour = 60 // self._step
        for row in range(self._rows + 1):
            y = area.top() + row * area.height() / self._rows
            painter.setPen(hour if row % per_hour == 0 else half)
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
        painter.setPen(hour)
        for day in range(DAYS + 1):
            x = area.left() + day * area.width() / DAYS
            painter.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()))

    def _paint_labels(self, painter: QPainter, palette: QPalette, area: QRectF) -> None:
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        locale = QLocale()
        width = area.width() / DAYS
        for day in range(DAYS):
            when = self.monday + timedelta(days=day)
            rect = QRectF(area.left() + day * width, 2, width, area.top() - 4)
            label = f"{locale.dayName(day + 1, QLocale.FormatType.ShortFormat)}\n{when:%d.%m.}"
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), label)
        metrics = QFontMetrics(self.font())
        per_hour = 60 // self._step
        for row in range(0, self._rows + 1, per_hour):
            minute = self._first + row * self._step
            y = area.top() + row * area.height() / self._rows
            rect = QRectF(0, y - metrics.height() / 2, area.left() - 6, metrics.height())
            painter.drawText(
                rect,
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                f"{minute // 60:02d}:{minute % 60:02d}",
            )

    def _paint_visit(self, painter: QPainter, visit: VisitInfo) -> None:
        if not 0 <= (visit.starts_at.date() - self.monday).days < DAYS:
            return
        rect = self.visit_rect(visit)
        cancelled = visit.status is VisitStatus.CANCELLED
        painter.setPen(QPen(_BORDERS[visit.status], 1))
        painter.setBrush(_COLOURS[visit.status])
        painter.drawRoundedRect(rect, 3, 3)
        font = QFont(self.font())
        font.setStrikeOut(cancelled)
        painter.setFont(font)
        painter.setPen(QColor("#666666") if cancelled else QColor("#1a1a1a"))
        painter.drawText(
            rect.adjusted(3, 1, -2, -1),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
            self.block_text(visit),
        )
        painter.setFont(self.font())
