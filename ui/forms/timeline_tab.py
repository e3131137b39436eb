"""The child's timeline: every dated event of the case, filterable by kind (core:
services/timeline.py), the newest first or the oldest first."""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from guardian_desk.domain.case_history import EventKind, event_kind_text, event_label
from guardian_desk.faults import explain
from guardian_desk.i18n.formats import date_text, time_text
from guardian_desk.services.details import RecordDetail
from guardian_desk.services.settings import get_settings
from guardian_desk.services.timeline import TimelineEvent, timeline
from ui.bridge import CoreBridge, Task
from ui.callbacks import alive
from ui.forms.message_bar import MessageBar
from ui.forms.tables import RowsModel, table_view

COLUMNS_PER_ROW = 5


def tr(text: str) -> str:
    return QCoreApplication.translate("Timeline", text)


class TimelineModel(RowsModel[TimelineEvent]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zone = ZoneInfo("UTC")

    def headers(self) -> Sequence[str]:
        return (tr("Date"), tr("Time"), tr("Kind"), tr("What happened"), tr("Details"), tr("By"))

    def cells(self, row: TimelineEvent) -> Sequence[str]:
        at = time_text(row.at.astimezone(self.zone)) if row.at is not None else ""
        return (
            date_text(row.on),
            at,
            event_label(row.kind),
            row.title,
            row.detail,
            row.by,
        )


class TimelineTab(QWidget):
    """The case's story; the officer ticks the kinds of event to see."""

    def __init__(self, bridge: CoreBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.detail: RecordDetail | None = None
        self.events: list[TimelineEvent] = []
        self.model = TimelineModel(self)
        self.table = table_view(self.model, (3, 4))
        self.table.setObjectName("timeline_table")
        self.bar = MessageBar()
        self.kinds: dict[EventKind, QCheckBox] = {}
        filters = QGridLayout()
        for n, kind in enumerate(EventKind):
            box = QCheckBox(event_kind_text(kind))
            box.setObjectName(f"kind_{kind.value}")
            box.setChecked(True)
            box.toggled.connect(lambda _on: self._show())
            self.kinds[kind] = box
            filters.addWidget(box, n // COLUMNS_PER_ROW, n % COLUMNS_PER_ROW)
        self.all_button = QPushButton(self.tr("All"))
        self.all_button.clicked.connect(lambda: self._tick_all(True))
        self.none_button = QPushButton(self.tr("None"))
        self.none_button.clicked.connect(lambda: self._tick_all(False))
        self.newest_first = QCheckBox(self.tr("Newest first"))
        self.newest_first.setObjectName("newest_first")
        self.newest_first.setChecked(True)
        self.newest_first.toggled.connect(lambda _on: self._show())
        self.count = QLabel()
        self.count.setObjectName("timeline_count")
        row = QHBoxLayout()
        for button in (self.all_button, self.none_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addWidget(self.newest_first)
        row.addStretch()
        row.addWidget(self.count)
        # A note, a move or a visit saved anywhere: the tab follows.
        bridge.data_changed.connect(alive(self, lambda: self.reload()))
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addLayout(filters)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)

    def show_record(self, detail: RecordDetail | None) -> None:
        self.detail = detail
        if detail is None:
            self.events = []
            self._show()
            return
        self.reload()

    def reload(self) -> None:
        if self.detail is None:
            return
        child_id = self.detail.id

        def work(session: Session, task: Task) -> tuple[list[TimelineEvent], str]:
            return timeline(session, child_id), get_settings(session).time_zone

        self.bridge.run(
            work, on_success=alive(self, self._loaded), on_failure=alive(self, self._failed)
        )

    def _loaded(self, found: tuple[list[TimelineEvent], str]) -> None:
        self.events, zone = found
        self.model.zone = ZoneInfo(zone)
        self._show()

    def _failed(self, error: BaseException) -> None:
        fault = explain(error)
        if not fault.expected:
            raise error
        self.bar.show_error(fault.message)

    def _tick_all(self, on: bool) -> None:
        for box in self.kinds.values():
            box.blockSignals(True)
            box.setChecked(on)
            box.blockSignals(False)
        self._show()

    def chosen(self) -> set[EventKind]:
        return {kind for kind, box in self.kinds.items() if box.isChecked()}

    def _show(self) -> None:
        chosen = self.chosen()
        shown = [e for e in self.events if e.kind in chosen]
        if self.newest_first.isChecked():
            shown.reverse()
        self.model.set_rows(shown)
        if self.events and not shown:
            self.count.setText(
                self.tr("No event of the kinds ticked; %n hidden.", "", len(self.events))
            )
        else:
            self.count.setText(self.tr("%n event(s)", "", len(shown)))
