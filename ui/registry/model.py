"""The registry's table model and its filter proxy.

The model holds a whole listing as plain tuples (20,000 children are a few megabytes) so that
search as you type and sorting never wait for the database. Sorting uses QCollator in the
office language (Ë after E in Albanian, Љ in Cyrillic order); filtering asks the core's
filter_rows, the same rule as the core search.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCollator,
    QCollatorSortKey,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QWidget

from guardian_desk.domain.listings import Listing, filter_rows
from guardian_desk.i18n.formats import date_text, datetime_text, time_text

AnyIndex = QModelIndex | QPersistentModelIndex
IdRole = Qt.ItemDataRole.UserRole + 1  # the record's id (int)
_RTL = {"R", "AL"}
CONTEXT = "RegistryModel"

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
    def __init__(self, parent: QWidget | None = None, locale: QLocale | None = None) -> None:
        super().__init__(parent)
        self.listing: Listing | None = None
        self._order: list[int] = []  # every listing row, in the sorted order
        self._mask: list[bool] | None = None  # by listing row: which the search keeps
        self._shown: list[int] = []  # model row -> listing row (the kept part of _order)
        self._collator = QCollator(locale or QLocale())
        self._collator.setNumericMode(True)
        self._keys: dict[int, list[QCollatorSortKey]] = {}
        self._sorted: tuple[int, Qt.SortOrder] | None = None
        self._shown_text: dict[tuple[str, str], str] = {}  # (column key, stored) -> shown
        # ISO 639-3 code -> name in the interface language, looked up on the worker.
        self.language_names: dict[str, str] = {}

    def set_locale(self, locale: QLocale) -> None:
        """Sort in the office language's collation from now on."""
        self._collator = QCollator(locale)
        self._collator.setNumericMode(True)
        self._keys.clear()
        if self._sorted is not None and self.listing is not None:
            self.sort(*self._sorted)

    # --- content -------------------------------------------------------------------------------

    def set_listing(self, listing: Listing) -> None:
        self.beginResetModel()
        self.listing = listing
        self._shown_text.clear()
        self._order = list(range(len(listing.ids)))
        self._mask = None
        self._shown = self._order
        self._keys.clear()
        self.endResetModel()
        if self._sorted is not None:
            self.sort(*self._sorted)

    def record_id(self, row: int) -> int:
        assert self.listing is not None
        return self.listing.ids[self._shown[row]]

    def row_of(self, record_id: int) -> int | None:
        """The model row showing a record, or None when it is filtered out or unknown."""
        if self.listing is None:
            return None
        try:
            position = self.listing.ids.index(record_id)
            return self._shown.index(position)
        except ValueError:
            return None

    def total(self) -> int:
        return 0 if self.listing is None else len(self.listing.ids)

    def set_search(self, query: str, **filters: Any) -> None:
        """Show only the rows the search and filters keep (one reset: cheap, whatever the size).

        Filtering here rather than in the proxy's filterAcceptsRow spares 20,000 calls from
        C++ into Python on every keystroke.
        """
        if self.listing is None:
            return
        active = bool(query.strip()) or any(v is not None for v in filters.values())
        self.beginResetModel()
        self._mask = filter_rows(self.listing, query, **filters) if active else None
        self._refresh_shown()
        self.endResetModel()

    def _refresh_shown(self) -> None:
        mask = self._mask
        self._shown = self._order if mask is None else [i for i in self._order if mask[i]]

    # --- Qt model ------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.listing is None else len(self._shown)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.listing is None else len(self.listing.columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.listing is None:
            return None
        source = self._shown[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = self.listing.rows[source][index.column()]
            return self._text(self.listing.columns[index.column()].key, value)
        if role == IdRole:
            return self.listing.ids[source]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            column = self.listing.columns[index.column()]
            value = str(self.listing.rows[source][index.column()] or "")
            if column.numeric:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if is_right_to_left(value):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and self.listing is not None
            and 0 <= section < len(self.listing.columns)
        ):
            column = self.listing.columns[section]
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
        if self.listing is None or not 0 <= column < len(self.listing.columns):
            return
        self._sorted = (column, order)
        keys = self._sort_keys(column)
        self.layoutAboutToBeChanged.emit()
        old = list(self._shown)
        persistent = self.persistentIndexList()
        sources = [old[index.row()] for index in persistent]
        self._order.sort(key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)
        self._refresh_shown()
        position = {source: row for row, source in enumerate(self._shown)}
        self.changePersistentIndexList(
            persistent,
            [
                self.index(position[source], index.column())
                if source in position
                else QModelIndex()
                for source, index in zip(sources, persistent, strict=True)
            ],
        )
        self.layoutChanged.emit()

    def _sort_keys(self, column: int) -> list[Any]:
        assert self.listing is not None
        if column not in self._keys:
            spec = self.listing.columns[column]
            values = [row[column] for row in self.listing.rows]
            if spec.key == "languages":  # sorted by the names shown, not the codes
                values = [self._text(spec.key, v) for v in values]
            if spec.numeric:
                self._keys[column] = [_number_key(v) for v in values]  # type: ignore[misc]
            else:
                key = self._collator.sortKey
                self._keys[column] = [key("" if v is None else str(v)) for v in values]
        return self._keys[column]


def _number_key(value: Any) -> tuple[float, str]:
    text = "" if value is None else str(value)
    digits = text.lstrip("~").split("/")[0].strip()
    try:
        return (float(digits), text)
    except ValueError:
        return (float("inf"), text)


class RegistryFilter(QSortFilterProxyModel):
    """The view's proxy: search and sorting are passed to the registry model, which does both
    on its plain rows (QCollator keys, the core's folded search) far faster than per-row
    callbacks could."""

    def registry(self) -> RegistryModel:
        source = self.sourceModel()
        assert isinstance(source, RegistryModel)
        return source

    def set_search(self, query: str, **filters: Any) -> None:
        self.registry().set_search(query, **filters)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.registry().sort(column, order)
