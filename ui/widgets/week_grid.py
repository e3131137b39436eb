"""A week of half-hour cells that an officer paints to say when someone is free."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from guardian_desk.domain.records import WeeklyWindow
from guardian_desk.i18n.formats import weekday_text

DAYS = 7
Cell = tuple[int, int]  # (day 0 = Monday .. 6 = Sunday, slot 0 = first_hour:00)


def _merge(windows: list[WeeklyWindow]) -> list[WeeklyWindow]:
    """Touching or overlapping windows of a day become one; sorted by weekday and start."""
    merged: list[WeeklyWindow] = []
    for w in sorted(windows, key=lambda w: (w.weekday, w.start_minute, w.end_minute)):
        last = merged[-1] if merged else None
        if last and last.weekday == w.weekday and w.start_minute <= last.end_minute:
            end = max(last.end_minute, w.end_minute)
            merged[-1] = WeeklyWindow(last.weekday, last.start_minute, end)
        else:
            merged.append(w)
    return merged


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


_A_MONDAY = date(2024, 1, 1)


def _weekday(weekday: int) -> str:
    """The short name of an ISO weekday (1 Monday … 7 Sunday) in the interface language."""
    return weekday_text(_A_MONDAY + timedelta(days=weekday - 1))


class WeekGrid(QWidget):
    """Weekly availability: Monday to Sunday, ``step_minutes`` cells from first to last hour.

    Press on a cell to flip it; drag to give every cell of the swept rectangle that new
    state. Arrows move the focus cell, Space flips it. Windows that the cells cannot show
    (outside the hours, or not on a cell boundary) are kept as they are and listed in a note.
    ``changed`` fires after the officer edits (not on ``set_windows``).
    """

    changed = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        first_hour: int = 7,
        last_hour: int = 22,
        step_minutes: int = 30,
    ) -> None:
        super().__init__(parent)
        if not (0 <= first_hour < last_hour <= 24) or 60 % step_minutes:
            raise ValueError("hours must be 0 <= first < last <= 24, step a divisor of 60")
        self._first = first_hour * 60
        self._step = step_minutes
        self._slots = (last_hour - first_hour) * 60 // step_minutes
        self._cells = [[False] * self._slots for _ in range(DAYS)]
        self._extra: list[WeeklyWindow] = []
        self._read_only = False
        self._focus: Cell = (0, 0)
        self._drag_anchor: Cell | None = None
        self._drag_state = False
        self._drag_before: list[list[bool]] = []
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Weekly availability"))
        self._describe()

    # --- the API forms use ----------------------------------------------------------------

    def set_windows(self, windows: list[WeeklyWindow]) -> None:
        self._cells = [[False] * self._slots for _ in range(DAYS)]
        self._extra = []
        for window in _merge(list(windows)):
            self._place(window)
        self._describe()
        self.update()

    def windows(self) -> list[WeeklyWindow]:
        painted = [
            WeeklyWindow(day + 1, self._minute(start), self._minute(end))
            for day, start, end in self._runs()
        ]
        return _merge(painted + self._extra)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._drag_anchor = None
        self.update()

    def clear(self) -> None:
        """Empty every cell (the note's windows too); ``changed`` fires if anything was set."""
        had_any = bool(self._extra) or any(any(day) for day in self._cells)
        self.set_windows([])
        if had_any:
            self.changed.emit()

    # --- geometry (public so tests can press on a cell) -------------------------------------

    def cell_rect(self, day: int, slot: int) -> QRectF:
        """Where the cell of day (0 = Monday) and slot (0 = the first hour's :00) is painted."""
        area = self._grid_area()
        width = area.width() / DAYS
        height = area.height() / self._slots
        return QRectF(area.left() + day * width, area.top() + slot * height, width, height)

    def cell_at(self, pos: QPoint | QPointF, *, clamp: bool = False) -> Cell | None:
        area = self._grid_area()
        x, y = pos.x(), pos.y()
        if not clamp and not area.contains(QPointF(x, y)):
            return None
        day = int((x - area.left()) / (area.width() / DAYS))
        slot = int((y - area.top()) / (area.height() / self._slots))
        return min(max(day, 0), DAYS - 1), min(max(slot, 0), self._slots - 1)

    def sizeHint(self) -> QSize:
        return QSize(560, 480)

    def minimumSizeHint(self) -> QSize:
        return QSize(self._label_width() + DAYS * 28, self._header_height() + self._slots * 8)

    # --- mouse and keyboard ---------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position())
        if event.button() != Qt.MouseButton.LeftButton or cell is None:
            super().mousePressEvent(event)
            return
        self._focus = cell
        if not self._read_only:
            self._drag_anchor = cell
            self._drag_before = [list(day) for day in self._cells]
            self._drag_state = not self._cells[cell[0]][cell[1]]
            self._paint_rectangle(cell)
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_anchor is None:
            return
        cell = self.cell_at(event.position(), clamp=True)
        if cell is not None:
            self._focus = cell
            self._paint_rectangle(cell)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag_anchor is None or event.button() != Qt.MouseButton.LeftButton:
            return
        self._drag_anchor = None
        if self._cells != self._drag_before:
            self._edited()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        day, slot = self._focus
        moves = {
            Qt.Key.Key_Left: (-1, 0),
            Qt.Key.Key_Right: (1, 0),
            Qt.Key.Key_Up: (0, -1),
            Qt.Key.Key_Down: (0, 1),
        }
        if event.key() in moves:
            dx, dy = moves[Qt.Key(event.key())]
            if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
                dx = -dx
            self._focus = (min(max(day + dx, 0), DAYS - 1), min(max(slot + dy, 0), self._slots - 1))
            self.update()
        elif event.key() == Qt.Key.Key_Space and not self._read_only:
            self._cells[day][slot] = not self._cells[day][slot]
            self._edited()
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    # --- painting -------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        group = QPalette.ColorGroup.Active if self.isEnabled() else QPalette.ColorGroup.Disabled
        area = self._grid_area()
        painter.fillRect(area, palette.color(group, QPalette.ColorRole.Base))
        free = palette.color(group, QPalette.ColorRole.Highlight)
        if self._read_only:
            free = free.lighter(130) if free.lightnessF() < 0.5 else free.darker(115)
        self._paint_lines(painter, palette, area)
        for day, start, end in self._runs():
            block = self.cell_rect(day, start).united(self.cell_rect(day, end - 1))
            painter.fillRect(block.adjusted(1, 1, 0, 0), free)
        self._paint_labels(painter, palette, group, area)
        if self.hasFocus():
            pen = QPen(palette.color(group, QPalette.ColorRole.Text), 2)
            painter.setPen(pen)
            painter.drawRect(self.cell_rect(*self._focus).adjusted(1, 1, -1, -1))
        note = self._note()
        if note:
            painter.setPen(palette.color(group, QPalette.ColorRole.WindowText))
            bottom = QRectF(4, area.bottom() + 6, self.width() - 8, self._note_height())
            painter.drawText(bottom, int(Qt.TextFlag.TextWordWrap), note)

    def _paint_lines(self, painter: QPainter, palette: QPalette, area: QRectF) -> None:
        half = QPen(palette.color(QPalette.ColorRole.Midlight), 1)
        hour = QPen(palette.color(QPalette.ColorRole.Mid), 1)
        per_hour = 60 // self._step
        for slot in range(self._slots + 1):
            y = area.top() + slot * area.height() / self._slots
            painter.setPen(hour if slot % per_hour == 0 else half)
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
        painter.setPen(hour)
        for day in range(DAYS + 1):
            x = area.left() + day * area.width() / DAYS
            painter.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()))

    def _paint_labels(
        self, painter: QPainter, palette: QPalette, group: QPalette.ColorGroup, area: QRectF
    ) -> None:
        painter.setPen(palette.color(group, QPalette.ColorRole.WindowText))
        for day in range(DAYS):
            rect = QRectF(
                area.left() + day * area.width() / DAYS, 0, area.width() / DAYS, area.top()
            )
            painter.drawText(
                rect,
                int(Qt.AlignmentFlag.AlignCenter),
                _weekday(day + 1),
            )
        metrics = QFontMetrics(self.font())
        per_hour = 60 // self._step
        slot_height = area.height() / self._slots
        for slot in range(0, self._slots + 1, per_hour):
            y = area.top() + slot * slot_height
            label = self._time_label(self._minute(slot))
            rect = QRectF(0, y - metrics.height() / 2, area.left() - 6, metrics.height())
            painter.drawText(
                rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), label
            )

    # --- inside ---------------------------------------------------------------------------

    def _runs(self) -> list[tuple[int, int, int]]:
        """(day, first slot, slot after the last) of every run of free cells."""
        runs = []
        for day, cells in enumerate(self._cells):
            slot = 0
            while slot < self._slots:
                if not cells[slot]:
                    slot += 1
                    continue
                end = slot
                while end < self._slots and cells[end]:
                    end += 1
                runs.append((day, slot, end))
                slot = end
        return runs

    def _minute(self, slot: int) -> int:
        return self._first + slot * self._step

    def _place(self, window: WeeklyWindow) -> None:
        """Paint the whole cells a window covers; keep what is left over as an extra window."""
        start, end = window.start_minute, window.end_minute
        grid_end = self._minute(self._slots)
        day = window.weekday - 1
        first = max(start, self._first)
        first += -(first - self._first) % self._step  # up to the next cell boundary
        last = min(end, grid_end)
        last -= (last - self._first) % self._step  # down to a cell boundary
        if not 0 <= day < DAYS or first >= last:
            self._extra.append(window)
            return
        for slot in range((first - self._first) // self._step, (last - self._first) // self._step):
            self._cells[day][slot] = True
        if start < first:
            self._extra.append(WeeklyWindow(window.weekday, start, first))
        if last < end:
            self._extra.append(WeeklyWindow(window.weekday, last, end))

    def _paint_rectangle(self, corner: Cell) -> None:
        assert self._drag_anchor is not None
        (d0, s0), (d1, s1) = self._drag_anchor, corner
        self._cells = [list(day) for day in self._drag_before]
        for day in range(min(d0, d1), max(d0, d1) + 1):
            for slot in range(min(s0, s1), max(s0, s1) + 1):
                self._cells[day][slot] = self._drag_state
        self.update()

    def _edited(self) -> None:
        self._describe()
        self.update()
        self.changed.emit()

    def _label_width(self) -> int:
        metrics = QFontMetrics(self.font())
        widest = max(metrics.horizontalAdvance(self._time_label(m)) for m in (0, 12 * 60, 23 * 60))
        return widest + 10

    def _header_height(self) -> int:
        return QFontMetrics(self.font()).height() + 8

    def _note_height(self) -> int:
        return QFontMetrics(self.font()).height() * 2 + 8 if self._extra else 0

    def _grid_area(self) -> QRectF:
        left, top = self._label_width(), self._header_height()
        bottom = self.height() - self._note_height() - QFontMetrics(self.font()).height() * 2 // 3
        return QRectF(left, top, max(self.width() - left - 2, DAYS), max(bottom - top, self._slots))

    @staticmethod
    def _time_label(minute: int) -> str:
        return _hhmm(minute % (24 * 60))  # 24-hour in every language (formats.time_text)

    def _describe_windows(self, windows: list[WeeklyWindow]) -> str:
        return ", ".join(
            f"{_weekday(w.weekday)} {_hhmm(w.start_minute)}–{_hhmm(w.end_minute)}" for w in windows
        )

    def _note(self) -> str:
        if not self._extra:
            return ""
        grid_end = self._minute(self._slots)
        outside = all(
            w.end_minute <= self._first or w.start_minute >= grid_end for w in self._extra
        )
        text = self._describe_windows(_merge(self._extra))
        if outside:
            return self.tr("Also free outside these hours: {0}").format(text)
        return self.tr("Also free, not shown on the grid: {0}").format(text)

    def _describe(self) -> None:
        """What a screen reader says: the free windows, in words."""
        windows = self.windows()
        if windows:
            text = self.tr("Free: {0}").format(self._describe_windows(windows))
        else:
            text = self.tr("No free time set")
        self.setAccessibleDescription(text)
        self.setToolTip(self._note())
