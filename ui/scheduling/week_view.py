"""One person's or one facility's week: days as columns, half hours as rows, visits as blocks.

Blocks name the child by case number and initials only (privacy). A cancelled visit is
grey and struck through. Clicking a block emits ``visit_clicked``; clicking free time emits
``slot_clicked`` with the day and the minute past midnight of that half hour.

From the keyboard: a focus cell (one half hour of one day) is drawn highlighted; the arrows
move it, Enter or Space acts on it like a click, Tab and Shift+Tab go from visit to visit in
time order (then on to the next widget), PageUp/PageDown and Ctrl+Left/Right ask for the
previous/next week (``week_step``). The accessible description says the focused cell's day,
time and what is there.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from guardian_desk.domain.enums import VisitPurpose, VisitStatus
from guardian_desk.i18n.formats import date_text, day_month_text, time_text, weekday_text
from guardian_desk.scheduling import VisitInfo
from ui.scheduling.common import (
    child_text,
    purpose_text,
    visit_state_text,
    when_text,
)

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
    week_step = Signal(int)  # -1 or +1: the keyboard asks for the previous or next week

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
        self.focus_day = date.today().weekday()  # the focus cell: column and row
        self.focus_row = min(max((9 * 60 - self._first) // step_minutes, 0), self._rows - 1)
        self._focus_visit: int | None = None  # the visit Tab landed on, when several share a cell
        self._activated_at = QPoint()  # where the last click or Enter acted, global
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._describe()

    def set_week(self, monday: date, visits: Sequence[VisitInfo]) -> None:
        self.monday = monday
        self.visits = sorted(visits, key=lambda v: (v.starts_at, v.visit_id))
        self._lanes = self._lay_out()
        if self._focus_visit not in {v.visit_id for v in self.visits}:
            self._focus_visit = None
        self._describe()
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
        first = f"{time_text(visit.starts_at)} {visit.case_number}"
        marks = child_text("", visit.child_name).strip()
        if visit.purpose is not VisitPurpose.VISIT:
            marks = f"{marks} {purpose_text(visit.purpose)}".strip()
        return f"{first}\n{marks}" if marks else first

    def tooltip_text(self, visit: VisitInfo) -> str:
        lines = [
            child_text(visit.case_number, visit.child_name),
            when_text(visit.starts_at, visit.ends_at),
            f"{purpose_text(visit.purpose)} — {visit_state_text(visit.status, visit.on_hold)}",
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

    # --- the focus cell and what is in it ------------------------------------------------------

    def _rows_of(self, visit: VisitInfo) -> tuple[int, int]:
        """The first and last row a visit's block covers (a sliver at the edge if outside)."""
        start = visit.starts_at.hour * 60 + visit.starts_at.minute
        end = start + max(int((visit.ends_at - visit.starts_at).total_seconds() // 60), 15)
        if end <= self._first:
            return 0, 0
        if start >= self._last:
            return self._rows - 1, self._rows - 1
        return (
            max(start - self._first, 0) // self._step,
            (min(end, self._last) - self._first - 1) // self._step,
        )

    def visits_in_cell(self, day: int, row: int) -> list[VisitInfo]:
        on = self.monday + timedelta(days=day)
        return [
            v
            for v in self.visits
            if v.starts_at.date() == on and self._rows_of(v)[0] <= row <= self._rows_of(v)[1]
        ]

    def focus_slot(self) -> tuple[date, int]:
        return self.monday + timedelta(
            days=self.focus_day
        ), self._first + self.focus_row * self._step

    def current_visit(self) -> VisitInfo | None:
        """The visit Enter acts on: the one Tab landed on, else the first in the focus cell."""
        here = self.visits_in_cell(self.focus_day, self.focus_row)
        chosen = [v for v in here if v.visit_id == self._focus_visit]
        return (chosen or here)[0] if here else None

    def set_focus_cell(self, day: int, row: int, visit: VisitInfo | None = None) -> None:
        self.focus_day = min(max(day, 0), DAYS - 1)
        self.focus_row = min(max(row, 0), self._rows - 1)
        self._focus_visit = visit.visit_id if visit is not None else None
        self._describe()
        self.update()

    def activation_point(self) -> QPoint:
        """Where the last click or Enter acted, in global coordinates (to place a menu)."""
        return self._activated_at

    def _describe(self) -> None:
        sunday = self.monday + timedelta(days=DAYS - 1)
        # TRANSLATORS: {0} and {1} are the week's Monday and Sunday ("9 Mar 2026").
        self.setAccessibleName(
            self.tr("Visits of the week {0} – {1}").format(
                date_text(self.monday), date_text(sunday)
            )
        )
        self.setAccessibleDescription(self.cell_text())

    def cell_text(self) -> str:
        """E.g. "Wednesday 2 December 2026, 17:30: visit AL-2025-00049 (A. A.), 17:30–18:30"."""
        day, minute = self.focus_slot()
        when = f"{weekday_text(day, short=False)} {date_text(day, long=True)}, {_hhmm(minute)}"
        here = self.visits_in_cell(self.focus_day, self.focus_row)
        first = self.current_visit()
        here = [v for v in here if v is first] + [v for v in here if v is not first]
        if not here:
            return self.tr("{0}: free").format(when)
        return f"{when}: " + "; ".join(self.visit_phrase(v) for v in here)

    def visit_phrase(self, visit: VisitInfo) -> str:
        what = (
            self.tr("visit") if visit.purpose is VisitPurpose.VISIT else purpose_text(visit.purpose)
        )
        start, end = visit.starts_at, visit.ends_at
        text = (
            f"{what} {child_text(visit.case_number, visit.child_name)}, "
            f"{time_text(start)}–{time_text(end)}"
        )
        if visit.status is not VisitStatus.PLANNED or visit.on_hold:
            text += f", {visit_state_text(visit.status, visit.on_hold)}"
        return text

    # --- keyboard and mouse --------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, ctrl = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        K = Qt.Key
        if key in (K.Key_PageUp, K.Key_PageDown) or (ctrl and key in (K.Key_Left, K.Key_Right)):
            self.week_step.emit(1 if key in (K.Key_PageDown, K.Key_Right) else -1)
        elif key in (K.Key_Left, K.Key_Right):
            self.set_focus_cell(self.focus_day + (1 if key == K.Key_Right else -1), self.focus_row)
        elif key in (K.Key_Up, K.Key_Down):
            self.set_focus_cell(self.focus_day, self.focus_row + (1 if key == K.Key_Down else -1))
        elif key in (K.Key_Home, K.Key_End):
            self.set_focus_cell(self.focus_day, 0 if key == K.Key_Home else self._rows - 1)
        elif key in (K.Key_Return, K.Key_Enter, K.Key_Space):
            self.activate()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def activate(self) -> None:
        """Act on the focus cell as a click would."""
        visit = self.current_visit()
        if visit is not None:
            self._activated_at = self.mapToGlobal(self.visit_rect(visit).bottomLeft().toPoint())
            self.visit_clicked.emit(visit)
            return
        rect = self.cell_rect(self.focus_day, self.focus_row)
        self._activated_at = self.mapToGlobal(rect.bottomLeft().toPoint())
        self.slot_clicked.emit(*self.focus_slot())

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab goes to the next visit in time order; after the last one, on to the next widget."""
        shown = [v for v in self.visits if 0 <= (v.starts_at.date() - self.monday).days < DAYS]
        current = self.current_visit()
        if current in shown:
            index = shown.index(current) + (1 if next else -1)
            target = shown[index] if 0 <= index < len(shown) else None
        else:
            here = (self.focus_day, self.focus_row)
            side = [
                v for v in shown if (self._cell_of(v) > here) == next and self._cell_of(v) != here
            ]
            target = (side if next else side[::-1])[0] if side else None
        if target is None:
            return super().focusNextPrevChild(next)
        self.set_focus_cell(*self._cell_of(target), visit=target)
        return True

    def _cell_of(self, visit: VisitInfo) -> tuple[int, int]:
        return (visit.starts_at.date() - self.monday).days, self._rows_of(visit)[0]

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self._activated_at = event.globalPosition().toPoint()
        visit = self.visit_at(event.position())
        slot = self.slot_at(event.position())
        if visit is not None:
            self.set_focus_cell(*self._cell_of(visit), visit=visit)
            self.visit_clicked.emit(visit)
        elif slot is not None:
            self.set_focus_cell((slot[0] - self.monday).days, (slot[1] - self._first) // self._step)
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
        if self.hasFocus():
            self._paint_focus(painter, palette)

    def _paint_focus(self, painter: QPainter, palette: QPalette) -> None:
        """A ring round the visit Enter would open; on free time a shaded cell with its time."""
        colour = palette.color(QPalette.ColorRole.Highlight)
        painter.setPen(QPen(colour, 3))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        current = self.current_visit()
        if current is not None:
            painter.drawRoundedRect(self.visit_rect(current).adjusted(-1, -1, 1, 1), 3, 3)
            return
        cell = self.cell_rect(self.focus_day, self.focus_row).adjusted(1.5, 1.5, -1.5, -1.5)
        shade = QColor(colour)
        shade.setAlpha(40)
        painter.fillRect(cell, shade)
        painter.drawRect(cell)
        painter.drawText(cell, int(Qt.AlignmentFlag.AlignCenter), _hhmm(self.focus_slot()[1]))

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
        width = area.width() / DAYS
        for day in range(DAYS):
            when = self.monday + timedelta(days=day)
            rect = QRectF(area.left() + day * width, 2, width, area.top() - 4)
            label = f"{weekday_text(when)}\n{day_month_text(when)}"
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
        border = QPen(_BORDERS[visit.status], 1)
        if visit.on_hold:  # the child is missing: drawn dashed
            border.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(border)
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


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"
