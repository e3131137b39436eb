"""The registry's table model and its proxy.

The model is a window on the database (issue 16): the records a search and the filters keep
come as ids in order with their count, asked of the database on the page's reader thread
(services.registry_pages); their rows are read a page at a time as the officer scrolls.
Free-text columns sort in the office language's collation (Ë after E in Albanian, Љ in
Cyrillic order) with Qt's collator, on that same thread.
"""

from __future__ import annotations

import re
import unicodedata
from collections import OrderedDict
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QWidget

from guardian_desk.domain.listings import PAGE_ROWS, ListColumn, Listing
from guardian_desk.i18n.formats import date_text, datetime_text, time_text

AnyIndex = QModelIndex | QPersistentModelIndex
IdRole = Qt.ItemDataRole.UserRole + 1  # the record's id (int)
_RTL = {"R", "AL"}
CONTEXT = "RegistryModel"
CACHED_ROWS = 3_000  # rows held at most (scrolled past ones are read again if needed)

# The listing's column titles by key (the core names them in English).
COLUMN_TITLES = {
    "case_number": QT_TRANSLATE_NOOP("RegistryModel", "Case number"),
    "name": QT_TRANSLATE_NOOP("RegistryModel", "Name"),
    "original": QT_TRANSLATE_NOOP("RegistryModel", "Name in own script"),
    "sex": QT_TRANSLATE_NOOP("RegistryModel", "Sex"),
    "age": QT_TRANSLATE_NOOP("RegistryModel", "Age"),
    "nationality": QT_TRANSLATE_NOOP("RegistryModel", "Nationality"),
    "languages": QT_TRANSLATE_NOOP("RegistryModel", "Languages"),
    "facility": QT_TRANSLATE_NOOP("RegistryModel", "Facility"),
    "status": QT_TRANSLATE_NOOP("RegistryModel", "Status"),
    "guardian": QT_TRANSLATE_NOOP("RegistryModel", "Guardian"),
    "identified_on": QT_TRANSLATE_NOOP("RegistryModel", "Identified"),
    "code": QT_TRANSLATE_NOOP("RegistryModel", "Code"),
    "municipality": QT_TRANSLATE_NOOP("RegistryModel", "Municipality"),
    "phone": QT_TRANSLATE_NOOP("RegistryModel", "Phone"),
    "caseload": QT_TRANSLATE_NOOP("RegistryModel", "Caseload"),
    "vetting": QT_TRANSLATE_NOOP("RegistryModel", "Vetting expires"),
    "state": QT_TRANSLATE_NOOP("RegistryModel", "State"),
    "organisation": QT_TRANSLATE_NOOP("RegistryModel", "Organisation"),
    "address": QT_TRANSLATE_NOOP("RegistryModel", "Address"),
    "hours": QT_TRANSLATE_NOOP("RegistryModel", "Visiting hours"),
    "children": QT_TRANSLATE_NOOP("RegistryModel", "Children"),
    "when": QT_TRANSLATE_NOOP("RegistryModel", "When"),
    "child": QT_TRANSLATE_NOOP("RegistryModel", "Child"),
    "mediator": QT_TRANSLATE_NOOP("RegistryModel", "Mediator"),
    "place": QT_TRANSLATE_NOOP("RegistryModel", "Place"),
}
# Stored values the listing carries as they are (sex, statuses), read in the interface language.
VALUE_LABELS = {
    "female": QT_TRANSLATE_NOOP("RegistryModel", "female"),
    "male": QT_TRANSLATE_NOOP("RegistryModel", "male"),
    "other": QT_TRANSLATE_NOOP("RegistryModel", "other"),
    "unknown": QT_TRANSLATE_NOOP("RegistryModel", "unknown"),
    "identified": QT_TRANSLATE_NOOP("RegistryModel", "identified"),
    "awaiting guardian": QT_TRANSLATE_NOOP("RegistryModel", "awaiting guardian"),
    "under guardianship": QT_TRANSLATE_NOOP("RegistryModel", "under guardianship"),
    "transferred": QT_TRANSLATE_NOOP("RegistryModel", "transferred"),
    "returned": QT_TRANSLATE_NOOP("RegistryModel", "returned"),
    "reunified": QT_TRANSLATE_NOOP("RegistryModel", "reunified"),
    "missing": QT_TRANSLATE_NOOP("RegistryModel", "missing"),
    "aged out": QT_TRANSLATE_NOOP("RegistryModel", "aged out"),
    "closed": QT_TRANSLATE_NOOP("RegistryModel", "closed"),
    "active": QT_TRANSLATE_NOOP("RegistryModel", "active"),
    "suspended": QT_TRANSLATE_NOOP("RegistryModel", "suspended"),
    "vetting expired": QT_TRANSLATE_NOOP("RegistryModel", "vetting expired"),
    "open": QT_TRANSLATE_NOOP("RegistryModel", "open"),
    "planned": QT_TRANSLATE_NOOP("RegistryModel", "planned"),
    "held": QT_TRANSLATE_NOOP("RegistryModel", "held"),
    "missed": QT_TRANSLATE_NOOP("RegistryModel", "missed"),
    "cancelled": QT_TRANSLATE_NOOP("RegistryModel", "cancelled"),
}
_SPAN = re.compile(r"(\d{4}-\d\d-\d\d) (\d\d:\d\d)–(\d\d:\d\d)")


def _value_label(value: str) -> str:
    label = VALUE_LABELS.get(value)
    return QCoreApplication.translate(CONTEXT, str(label)) if label else value


def _day(value: str) -> str:
    try:
        return date_text(date.fromisoformat(value))
    except ValueError:
        return value


def _span(value: str) -> str:
    """ "2026-12-06 14:30–15:30" as the listing gives it, in the interface language."""
    found = _SPAN.fullmatch(value)
    if found is None:
        return value
    start = datetime.fromisoformat(f"{found[1]} {found[2]}")
    end = datetime.fromisoformat(f"{found[1]} {found[3]}")
    return f"{datetime_text(start)}–{time_text(end)}"


# How a column's stored text reads (the listing keeps ISO dates and values: they sort right).
_SHOWN: dict[str, Callable[[str], str]] = {
    "sex": _value_label,
    "status": _value_label,
    "state": _value_label,
    "identified_on": _day,
    "vetting": _day,
    "when": _span,
}


def is_right_to_left(text: str) -> bool:
    """Whether the first strongly directional character is Arabic or Hebrew script."""
    for ch in text:
        direction = unicodedata.bidirectional(ch)
        if direction in _RTL:
            return True
        if direction == "L":
            return False
    return False


class RegistryModel(QAbstractTableModel):
    """A window on a registry: the kept records' ids in order (from the database), and the
    rows of the pages the view has shown, read a page at a time as the officer scrolls.

    A row not read yet shows blank for the moment it takes; asking for it is batched
    (``rows_wanted`` once per event-loop turn) and the page reads it on its reader thread.
    At most ``CACHED_ROWS`` rows are held, the least recently read dropped first."""

    rows_wanted = Signal()  # rows on screen are not read yet: take_wanted() names them
    sort_requested = Signal()  # the officer sorted: the order must be asked again

    def __init__(self, parent: QWidget | None = None, locale: QLocale | None = None) -> None:
        super().__init__(parent)
        self.columns: list[ListColumn] = []
        self.ids: list[int] = []  # the kept records, in the order shown
        self._total = 0  # records of the kind, whatever the filters
        self._position: dict[int, int] | None = None  # record id -> row, made when asked
        self._cache: OrderedDict[int, tuple[Any, ...]] = OrderedDict()
        self._wanted: dict[int, None] = {}  # pages the view asked for, the latest last
        self._asking = False
        self.locale = locale or QLocale()
        self.sorted: tuple[int, Qt.SortOrder] | None = None
        self._shown_text: dict[tuple[str, str], str] = {}  # (column key, stored) -> shown
        # ISO 639-3 code -> name in the interface language, looked up on the worker.
        self.language_names: dict[str, str] = {}

    def set_locale(self, locale: QLocale) -> None:
        """Sort in the office language's collation from now on."""
        self.locale = locale
        if self.sorted is not None:
            self.sort_requested.emit()

    # --- content -------------------------------------------------------------------------------

    def set_columns(self, columns: list[ListColumn]) -> None:
        self.beginResetModel()
        self.columns = list(columns)
        self.endResetModel()

    def set_order(self, ids: list[int], total: int, rows: Listing | None, fresh: bool) -> None:
        """The kept records in order; ``fresh``: the data changed, rows held are stale."""
        self.beginResetModel()
        if fresh:
            self._cache.clear()
            self._shown_text.clear()
        self.ids = ids
        self._total = total
        self._position = None
        self._wanted.clear()
        if rows is not None:
            self._keep(rows)
        self.endResetModel()

    def add_rows(self, rows: Listing) -> None:
        """Rows read for the pages on screen: painted where they are."""
        self._keep(rows)
        position = self._positions()
        found = [position[i] for i in rows.ids if i in position]
        if found and self.columns:
            self.dataChanged.emit(
                self.index(min(found), 0), self.index(max(found), len(self.columns) - 1)
            )

    def _keep(self, rows: Listing) -> None:
        cache = self._cache
        for row_id, values in zip(rows.ids, rows.rows, strict=True):
            cache[row_id] = values
            cache.move_to_end(row_id)
        while len(cache) > CACHED_ROWS:
            cache.popitem(last=False)

    def held(self) -> frozenset[int]:
        """The records whose rows are held (not read again with a new order)."""
        return frozenset(self._cache)

    def take_wanted(self) -> list[int]:
        """The records of the page the view asked for last that are not held (the pages
        asked before it are forgotten: the view asks again for what is still on screen)."""
        while self._wanted:
            page = next(reversed(self._wanted))
            del self._wanted[page]
            missing = [
                i
                for i in self.ids[page * PAGE_ROWS : (page + 1) * PAGE_ROWS]
                if i not in self._cache
            ]
            if missing:
                self._wanted.clear()
                return missing
        return []

    def wants_rows(self) -> bool:
        return bool(self._wanted)

    def record_id(self, row: int) -> int:
        return self.ids[row]

    def row_of(self, record_id: int) -> int | None:
        """The model row showing a record, or None when it is filtered out or unknown."""
        return self._positions().get(record_id)

    def _positions(self) -> dict[int, int]:
        if self._position is None:
            self._position = {row_id: row for row, row_id in enumerate(self.ids)}
        return self._position

    def total(self) -> int:
        return self._total

    def values(self, row: int) -> tuple[Any, ...] | None:
        """A row's stored values, None while it is being read."""
        return self._cache.get(self.ids[row])

    # --- Qt model ------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = index.row()
        if role == IdRole:
            return self.ids[row]
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.TextAlignmentRole,
        ):
            return None
        values = self._cache.get(self.ids[row])
        if values is None:
            self._want(row)
            return None
        column = self.columns[index.column()]
        value = values[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.numeric or is_right_to_left(str(value or "")):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return self._text(column.key, value)

    def _want(self, row: int) -> None:
        page = row // PAGE_ROWS
        if page in self._wanted:
            return
        self._wanted[page] = None
        if not self._asking:  # once per event-loop turn, however many cells are painted
            self._asking = True
            QTimer.singleShot(0, self._ask)

    def _ask(self) -> None:
        self._asking = False
        if self._wanted:
            self.rows_wanted.emit()

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            column = self.columns[section]
            title = COLUMN_TITLES.get(column.key)
            return QCoreApplication.translate(CONTEXT, str(title)) if title else column.title
        return None

    def _languages(self, value: str) -> str:
        """ "prs, pus" as the listing keeps them: "Dari, Pashto" in the interface language."""
        names = self.language_names
        return ", ".join(names.get(c.strip(), c.strip()) for c in value.split(",") if c.strip())

    def _text(self, key: str, value: Any) -> str:
        text = "" if value is None else str(value)
        shown = self._languages if key == "languages" else _SHOWN.get(key)
        if shown is None or not text:
            return text
        found = self._shown_text.get((key, text))
        if found is None:  # a few thousand distinct dates at most: each formatted once
            found = self._shown_text[(key, text)] = shown(text)
        return found

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is the database's (and the collation's): the page asks for the order."""
        if not 0 <= column < len(self.columns) or self.sorted == (column, order):
            return
        self.sorted = (column, order)
        self.sort_requested.emit()

    def sort_key(self) -> tuple[str | None, bool]:
        """The sorted column's key and whether it descends (None: the stored order)."""
        if self.sorted is None or not 0 <= self.sorted[0] < len(self.columns):
            return None, False
        column, order = self.sorted
        return self.columns[column].key, order == Qt.SortOrder.DescendingOrder


class RegistryFilter(QSortFilterProxyModel):
    """The view's proxy: sorting is passed to the registry model, whose page asks the
    database (a proxy would sort only the rows read so far)."""

    def registry(self) -> RegistryModel:
        source = self.sourceModel()
        assert isinstance(source, RegistryModel)
        return source

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.registry().sort(column, order)
