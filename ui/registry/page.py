"""A registry page: search box, filters, the table, and the record count."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QByteArray,
    QCollator,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPoint,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from guardian_desk.domain.enums import ChildStatus, Sex, VisitStatus
from guardian_desk.domain.listings import PAGE_ROWS, Listing, list_columns
from guardian_desk.i18n import ngettext
from guardian_desk.i18n.formats import list_text, number_text
from ui.bridge import CoreBridge
from ui.registry.model import IdRole, RegistryFilter, RegistryModel
from ui.registry.status_filter import StatusFilter

CONTEXT = "RegistryPage"
TITLES = {
    "children": QT_TRANSLATE_NOOP("RegistryPage", "Children"),
    "guardians": QT_TRANSLATE_NOOP("RegistryPage", "Guardians"),
    "mediators": QT_TRANSLATE_NOOP("RegistryPage", "Mediators"),
    "facilities": QT_TRANSLATE_NOOP("RegistryPage", "Facilities"),
    "visits": QT_TRANSLATE_NOOP("RegistryPage", "Visits"),
}
NEW_LABELS = {
    "children": QT_TRANSLATE_NOOP("RegistryPage", "New child"),
    "guardians": QT_TRANSLATE_NOOP("RegistryPage", "New guardian"),
    "mediators": QT_TRANSLATE_NOOP("RegistryPage", "New mediator"),
    "facilities": QT_TRANSLATE_NOOP("RegistryPage", "New facility"),
}
# The filters' choices: the stored values, read in the interface language.
STATUS_LABELS = {
    ChildStatus.IDENTIFIED: QT_TRANSLATE_NOOP("RegistryPage", "Identified"),
    ChildStatus.AWAITING_GUARDIAN: QT_TRANSLATE_NOOP("RegistryPage", "Awaiting guardian"),
    ChildStatus.UNDER_GUARDIANSHIP: QT_TRANSLATE_NOOP("RegistryPage", "Under guardianship"),
    ChildStatus.TRANSFERRED: QT_TRANSLATE_NOOP("RegistryPage", "Transferred"),
    ChildStatus.RETURNED: QT_TRANSLATE_NOOP("RegistryPage", "Returned"),
    ChildStatus.REUNIFIED: QT_TRANSLATE_NOOP("RegistryPage", "Reunified"),
    ChildStatus.MISSING: QT_TRANSLATE_NOOP("RegistryPage", "Missing"),
    ChildStatus.AGED_OUT: QT_TRANSLATE_NOOP("RegistryPage", "Aged out"),
    ChildStatus.CLOSED: QT_TRANSLATE_NOOP("RegistryPage", "Closed"),
    "active": QT_TRANSLATE_NOOP("RegistryPage", "Active"),
    "suspended": QT_TRANSLATE_NOOP("RegistryPage", "Suspended"),
    "vetting expired": QT_TRANSLATE_NOOP("RegistryPage", "Vetting expired"),
    "open": QT_TRANSLATE_NOOP("RegistryPage", "Open"),
    VisitStatus.PLANNED: QT_TRANSLATE_NOOP("RegistryPage", "Planned"),
    VisitStatus.HELD: QT_TRANSLATE_NOOP("RegistryPage", "Held"),
    VisitStatus.MISSED: QT_TRANSLATE_NOOP("RegistryPage", "Missed"),
    VisitStatus.CANCELLED: QT_TRANSLATE_NOOP("RegistryPage", "Cancelled"),
}
SEX_LABELS = {
    Sex.FEMALE: QT_TRANSLATE_NOOP("RegistryPage", "Female"),
    Sex.MALE: QT_TRANSLATE_NOOP("RegistryPage", "Male"),
    Sex.OTHER: QT_TRANSLATE_NOOP("RegistryPage", "Other"),
    Sex.UNKNOWN: QT_TRANSLATE_NOOP("RegistryPage", "Unknown"),
}
STATUSES = {
    "children": [s.value for s in ChildStatus],
    "guardians": ["active", "suspended", "vetting expired"],
    "mediators": ["active", "suspended", "vetting expired"],
    "facilities": ["open", "closed"],
    "visits": [s.value for s in VisitStatus],
}


def _translated(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def section_title(kind: str) -> str:
    """A registry's title in the interface language ("Children")."""
    return _translated(str(TITLES[kind]))


RESIZE_ROWS = 100  # rows whose text sets the columns' first widths
WIDTH_SAMPLES = 8  # of a column's texts there, the longest measured (by their characters)


class RegistryPage(QWidget):
    open_record = Signal(str, int)
    new_record = Signal(str)
    loaded = Signal()  # an order and its first rows are on screen
    filtered = Signal()  # likewise, after a search, a filter or a sort

    def __init__(self, bridge: CoreBridge, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.kind = kind
        self.last_filter_ms = 0.0  # the last search or filter, asked to answered
        self._stale = True
        self._fresh = True  # the next order replaces every row held
        self._ordering = False  # an order is being read
        self._again = False  # the search changed while it was: ask again
        self._reading = False  # a page of rows is being read
        self._shown_once = False  # an order has been on screen
        self._choices_due = True  # the filters' choices are to be read (again)
        self._choosing = False
        self._widths_set = False
        self._to_top = False  # the next order shows its first rows
        self._last: tuple[Any, list[int], list[str]] | None = None  # see _answer_from_last
        self._asked_at = time.perf_counter()
        layout = QVBoxLayout(self)
        title = QLabel(section_title(kind))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch()
        self.new_button = QPushButton(_translated(str(NEW_LABELS.get(kind, ""))))
        self.new_button.setVisible(kind in NEW_LABELS)
        self.new_button.setToolTip(self.tr("Ctrl+N"))
        self.new_button.clicked.connect(lambda: self.new_record.emit(self.kind))
        top.addWidget(self.new_button)
        layout.addLayout(top)

        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            self.tr("Search names in any script, aliases, case numbers, codes…  (Ctrl+F)")
        )
        self.search.textChanged.connect(self.apply_filters)
        bar.addWidget(self.search, 3)
        self.status = StatusFilter(
            self.tr("Any status"),
            [(_translated(str(STATUS_LABELS.get(s, s))), s) for s in STATUSES[kind]],
        )
        self.status.changed.connect(self.apply_filters)
        bar.addWidget(self.status)
        self.language = self._combo(self.tr("Any language"), [])
        self.language.setVisible(kind in ("children", "guardians", "mediators"))
        bar.addWidget(self.language)
        self.facility = self._combo(self.tr("Any facility"), [])
        self.facility.setVisible(kind == "children")
        bar.addWidget(self.facility)
        self.sex = self._combo(
            self.tr("Any sex"), [(_translated(str(SEX_LABELS[s])), s.value) for s in Sex]
        )
        self.sex.setVisible(kind in ("children", "guardians", "mediators"))
        bar.addWidget(self.sex)
        layout.addLayout(bar)

        self.model = RegistryModel(self)
        self.model.set_columns(list_columns(kind))
        self.model.rows_wanted.connect(self._read_rows)
        self.model.sort_requested.connect(self._sort_changed)
        self.proxy = RegistryFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._choose_columns)
        header.sortIndicatorChanged.connect(lambda *_: self._save_header())
        header.sectionResized.connect(lambda *_: self._save_header_soon())
        header.sectionMoved.connect(lambda *_: self._save_header())
        self.table.doubleClicked.connect(self._activated)
        self.table.activated.connect(self._activated)
        layout.addWidget(self.table, 1)
        self.count = QLabel()
        self.clear_button = QPushButton(self.tr("Clear filters"))
        self.clear_button.setObjectName("clear_filters")
        self.clear_button.clicked.connect(self.clear_filters)
        self.clear_button.hide()
        counting = QHBoxLayout()
        counting.addWidget(self.count, 1)
        counting.addWidget(self.clear_button)
        layout.addLayout(counting)
        self._header_timer = QTimer(self, singleShot=True, interval=400)
        self._header_timer.timeout.connect(self._save_header)
        self._restore_header()

    def _combo(self, everything: str, items: list[tuple[str, Any]]) -> QComboBox:
        combo = QComboBox()
        combo.addItem(everything, None)
        for label, value in items:
            combo.addItem(label, value)
        combo.currentIndexChanged.connect(self.apply_filters)
        return combo

    # --- loading -------------------------------------------------------------------------------

    def mark_stale(self) -> None:
        """Data changed somewhere: reload now if shown, else when next shown."""
        self._stale = True
        if self.isVisible():
            self.reload()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self) -> None:
        """Ask again for the order and the rows on screen (the data changed)."""
        self._stale = False
        self._fresh = True
        self._choices_due = True
        if not self._shown_once:
            self.count.setText(self.tr("Loading…"))
        self._ask_order()

    def _query(self) -> Any:
        from guardian_desk.services.registry_pages import RegistryQuery  # on first use

        statuses = self.status.values()
        sort, descending = self.model.sort_key()
        return RegistryQuery(
            self.kind,
            self.search.text(),
            status=None if statuses is None else frozenset(statuses),
            sex=self.sex.currentData(),
            facility=self.facility.currentData(),
            language=self.language.currentData(),
            sort=sort,
            descending=descending,
        )

    def _ask_order(self) -> None:
        """Ask the database which records the search and filters keep, in order, with the
        first page's rows; one question at a time (typing fast asks once more at the end)."""
        if self._ordering:
            self._again = True
            return
        self._ordering = True
        self._again = False
        query = self._query()
        fresh = self._fresh
        self._fresh = False
        if not fresh and self._answer_from_last(query):
            return
        known = frozenset() if fresh else self.model.held()
        total = None if fresh else self.model.total()
        names = dict(self.model.language_names)
        locale = QLocale(self.model.locale)

        def load(session: Any, task: Any) -> tuple[Any, dict[str, str]]:
            from guardian_desk.db.engine import read_without_snapshot
            from guardian_desk.domain.languages import language_name
            from guardian_desk.services.registry_pages import registry_choices, registry_order

            read_without_snapshot(session)
            sorted_by_languages = query.sort == "languages"
            if sorted_by_languages:  # by the names shown, not the codes: every code's name
                offered = registry_choices(session, query.kind)
                names.update((c, language_name(c)) for c in offered.languages if c not in names)
            collator = QCollator(locale)
            collator.setNumericMode(True)
            collate: Any = collator.sortKey
            if sorted_by_languages:

                def collate(text: str) -> Any:
                    shown = ", ".join(names.get(c, c) for c in text.split(", ") if c)
                    return collator.sortKey(shown)

            order = registry_order(
                session, query, first=PAGE_ROWS, known=known, collate=collate, total=total
            )
            if order.rows is not None:
                for facet in order.rows.facets:
                    names.update(
                        (c, language_name(c)) for c in facet["languages"] if c not in names
                    )
            return order, names

        self.bridge.run(
            load,
            on_success=lambda loaded: self._ordered(loaded, fresh, query),
            on_failure=self._failed,
            reader=True,  # not behind the home page's figures or a report
        )

    def _answer_from_last(self, query: Any) -> bool:
        """A longer search answered from the folded texts the last answer came with (the
        database's own rule, services.registry_pages.narrowed): no question to the database
        but for the first page's rows not held yet. False: the database must be asked."""
        from guardian_desk.services.registry_pages import RegistryOrder, narrowed

        if self._last is None:
            return False
        before, ids, texts = self._last
        found = narrowed(before, ids, texts, query)
        if found is None:
            return False
        kept, kept_texts = found
        order = RegistryOrder(kept, self.model.total(), texts=kept_texts)
        held = self.model.held()
        missing = [i for i in kept[:PAGE_ROWS] if i not in held]
        if not missing:
            self._ordered((order, dict(self.model.language_names)), False, query)
            return True
        kind = self.kind
        names = dict(self.model.language_names)

        def load(session: Any, task: Any) -> tuple[Any, dict[str, str]]:
            from guardian_desk.db.engine import read_without_snapshot
            from guardian_desk.domain.languages import language_name
            from guardian_desk.services.registry_pages import registry_rows

            read_without_snapshot(session)
            order.rows = registry_rows(session, kind, missing)
            for facet in order.rows.facets:
                names.update((c, language_name(c)) for c in facet["languages"] if c not in names)
            return order, names

        self.bridge.run(
            load,
            on_success=lambda loaded: self._ordered(loaded, False, query),
            on_failure=self._failed,
            reader=True,
        )
        return True

    def _failed(self, error: BaseException) -> None:
        self._ordering = False
        self._reading = False
        raise error

    def _ordered(self, loaded: tuple[Any, dict[str, str]], fresh: bool, query: Any) -> None:
        if not isValid(self.model):  # the page closed while the database answered
            return
        order, names = loaded
        self._ordering = False
        # What a longer search can be answered from (kept only while it is current).
        self._last = None if order.texts is None else (query, order.ids, order.texts)
        if self._again and self._shown_once:
            self._fresh = self._fresh or fresh
            self._ask_order()  # the officer typed on: this order is already old
            return
        selected = self.selected_id()
        self.model.language_names = names
        self.model.set_order(order.ids, order.total, order.rows, fresh)
        if self._to_top:  # a new search or sort starts at its first rows (a reload keeps place)
            self._to_top = False
            self.table.scrollToTop()
        self._shown_once = True
        if selected is not None:
            self.select_id(selected)
        if not self._widths_set and order.rows is not None:
            self._set_widths()
        self._say_count()
        self.last_filter_ms = (time.perf_counter() - self._asked_at) * 1000
        self.filtered.emit()
        if self._choices_due:  # the filters' choices after the first rows are painted
            self._ask_choices()
        else:
            self.loaded.emit()
        if self._again:
            self._ask_order()

    def _ask_choices(self) -> None:
        """What the language and facility filters offer (read once the rows are on screen)."""
        self._choices_due = False
        self._choosing = True
        kind = self.kind
        known = dict(self.model.language_names)

        def load(session: Any, task: Any) -> tuple[Any, dict[str, str]]:
            from guardian_desk.db.engine import read_without_snapshot
            from guardian_desk.domain.languages import language_name
            from guardian_desk.services.registry_pages import registry_choices

            read_without_snapshot(session)
            offered = registry_choices(session, kind)
            return offered, {c: language_name(c) for c in offered.languages if c not in known}

        def chosen(loaded: tuple[Any, dict[str, str]]) -> None:
            if not isValid(self.model):
                return
            offered, names = loaded
            self._choosing = False
            self.model.language_names.update(names)
            self._fill_choices(offered, self.model.language_names)
            self.loaded.emit()

        def failed(error: BaseException) -> None:
            self._choosing = False
            raise error

        self.bridge.run(load, on_success=chosen, on_failure=failed, reader=True)

    def _read_rows(self) -> None:
        """Read the rows of the page the view shows that are not held yet."""
        if self._reading:
            return
        ids = self.model.take_wanted()
        if not ids:
            return
        self._reading = True
        kind = self.kind
        names = dict(self.model.language_names)

        def load(session: Any, task: Any) -> tuple[Listing, dict[str, str]]:
            from guardian_desk.db.engine import read_without_snapshot
            from guardian_desk.domain.languages import language_name
            from guardian_desk.services.registry_pages import registry_rows

            read_without_snapshot(session)
            rows = registry_rows(session, kind, ids)
            found = {c for facet in rows.facets for c in facet["languages"] if c not in names}
            return rows, {c: language_name(c) for c in found}

        self.bridge.run(load, on_success=self._rows_read, on_failure=self._failed, reader=True)

    def _rows_read(self, loaded: tuple[Listing, dict[str, str]]) -> None:
        if not isValid(self.model):
            return
        rows, names = loaded
        self._reading = False
        self.model.language_names.update(names)
        self.model.add_rows(rows)
        if self.model.wants_rows():
            self._read_rows()

    def settled(self) -> bool:
        """Nothing asked of the database is still on its way (the tests wait for it)."""
        return not (self._ordering or self._reading or self._choosing or self.model.wants_rows())

    def _fill_choices(self, offered: Any, names: dict[str, str]) -> None:
        self._refill(
            self.language,
            sorted((f"{names.get(c, c)} ({c})", c) for c in offered.languages),
        )
        if self.kind == "children":
            self._refill(self.facility, [(name, fid) for fid, name in offered.facilities])

    @staticmethod
    def _refill(combo: QComboBox, items: list[tuple[str, Any]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for label, value in items:
            combo.addItem(label, value)
        found = combo.findData(current)
        combo.setCurrentIndex(found if found >= 0 else 0)
        combo.blockSignals(False)

    def _sort_changed(self) -> None:
        if self._stale:  # not loaded yet: the first order is asked in this sort
            return
        self._asked_at = time.perf_counter()
        self._to_top = True
        self._last = None  # a new sort or collation: the database orders again
        self._ask_order()

    # --- filtering -----------------------------------------------------------------------------

    def apply_filters(self) -> None:
        """The search or a filter changed: ask the database again (the count says so at once
        when it answers; the rows already read are kept)."""
        self._asked_at = time.perf_counter()
        self._to_top = True
        self.clear_button.setVisible(bool(self.active_filters()))
        self._ask_order()

    def _say_count(self) -> None:
        total = self.model.total()
        shown = self.model.rowCount()
        if total and not shown:
            self.count.setText(self.nothing_matches())
        elif total == 0:
            self.count.setText(
                self.tr("0 records — visits of the last 90 days and planned ones are listed here")
                if self.kind == "visits"
                # TRANSLATORS: {0} is the label of the button that adds a record ("New child").
                else self.tr("0 records — add the first with {0} (Ctrl+N)").format(
                    self.new_button.text()
                )
            )
        elif shown != total:
            # TRANSLATORS: how many records the filters let through, of how many ("12 of 300").
            self.count.setText(self.tr("{0} of {1}").format(number_text(shown), number_text(total)))
        else:
            self.count.setText(
                ngettext("{count} record", "{count} records", total).format(
                    count=number_text(total)
                )
            )

    def active_filters(self) -> list[str]:
        """What narrows the list, as the message names it: the search in quotes, then each
        filter in use ("the status filter")."""
        found = []
        query = self.search.text().strip()
        if query:
            # TRANSLATORS: the search text as typed, in quotes.
            found.append(self.tr("“{0}”").format(query))
        for used, name in (
            (self.status.values() is not None, self.tr("the status filter")),
            (self.language.currentData() is not None, self.tr("the language filter")),
            (self.facility.currentData() is not None, self.tr("the facility filter")),
            (self.sex.currentData() is not None, self.tr("the sex filter")),
        ):
            if used:
                found.append(name)
        return found

    def nothing_matches(self) -> str:
        """ "No children match “Ahmad” and the status filter; clear filters to see all 12." """
        filters = list_text(self.active_filters())
        total = self.model.total()
        # TRANSLATORS: {filters} lists what narrows the list ("“Ahmad” and the status
        # filter"); {count} is how many records there are in all.
        text = {
            "children": ngettext(
                "No children match {filters}; clear filters to see the {count} child.",
                "No children match {filters}; clear filters to see all {count} children.",
                total,
            ),
            "guardians": ngettext(
                "No guardians match {filters}; clear filters to see the {count} guardian.",
                "No guardians match {filters}; clear filters to see all {count} guardians.",
                total,
            ),
            "mediators": ngettext(
                "No mediators match {filters}; clear filters to see the {count} mediator.",
                "No mediators match {filters}; clear filters to see all {count} mediators.",
                total,
            ),
            "facilities": ngettext(
                "No facilities match {filters}; clear filters to see the {count} facility.",
                "No facilities match {filters}; clear filters to see all {count} facilities.",
                total,
            ),
        }.get(
            self.kind,
            ngettext(
                "No visits match {filters}; clear filters to see the {count} visit.",
                "No visits match {filters}; clear filters to see all {count} visits.",
                total,
            ),
        )
        return text.format(filters=filters, count=number_text(total))

    def clear_filters(self) -> None:
        """Back to every record: the search emptied, every filter on "any"."""
        for combo in (self.language, self.facility, self.sex):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.status.blockSignals(True)
        self.status.clear()
        self.status.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.apply_filters()

    # --- selection and opening -----------------------------------------------------------------

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return int(rows[0].data(IdRole)) if rows else None

    def select_id(self, record_id: int) -> None:
        row = self.model.row_of(record_id)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.selectRow(index.row())
            self.table.scrollTo(index)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_record.emit(self.kind, int(index.data(IdRole)))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # --- columns -------------------------------------------------------------------------------

    def _choose_columns(self, position: QPoint) -> None:
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for column in range(self.model.columnCount()):
            action = QAction(str(self.model.headerData(column, Qt.Orientation.Horizontal)), menu)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.toggled.connect(lambda shown, c=column: self._show_column(c, shown))
            menu.addAction(action)
        menu.exec(header.mapToGlobal(position))

    def _show_column(self, column: int, shown: bool) -> None:
        self.table.horizontalHeader().setSectionHidden(column, not shown)
        self._save_header()

    def _settings_key(self) -> str:
        return f"registry/{self.kind}/header"

    def _save_header_soon(self) -> None:
        self._header_timer.start()

    def _save_header(self) -> None:
        if self._shown_once:
            QSettings().setValue(self._settings_key(), self.table.horizontalHeader().saveState())

    def _restore_header(self) -> None:
        """The officer's columns and sort as they left them (known before any row is read,
        so the first order asked is already in the remembered sort)."""
        state = QSettings().value(self._settings_key(), QByteArray(), type=QByteArray)
        header = self.table.horizontalHeader()
        if isinstance(state, QByteArray) and not state.isEmpty() and header.restoreState(state):
            self._widths_set = True
            if header.sortIndicatorSection() >= 0:
                self.model.sorted = (header.sortIndicatorSection(), header.sortIndicatorOrder())
            return
        # The header shows a sort indicator from the start: the order asked agrees with it.
        order = (
            Qt.SortOrder.DescendingOrder if self.kind == "visits" else Qt.SortOrder.AscendingOrder
        )
        header.setSortIndicator(0, order)
        self.model.sorted = (0, order)

    def _set_widths(self) -> None:
        """Widths from the first rows read, each column as wide as its widest text there
        (at most 260 px). Qt's own sizing would read rows from the end of the list too."""
        self._widths_set = True
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        first = range(min(RESIZE_ROWS, self.model.rowCount()))
        rows = [r for r in first if self.model.values(r) is not None]
        padding = 2 * self.table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 12
        for column in range(self.model.columnCount()):
            texts = {str(self.model.index(r, column).data() or "") for r in rows}
            # The longest texts only: measuring every row's took 30 ms of the first paint.
            longest = sorted(texts, key=len, reverse=True)[:WIDTH_SAMPLES]
            widest = max(map(metrics.horizontalAdvance, longest), default=0)
            width = max(widest + padding, header.sectionSizeHint(column))
            header.resizeSection(column, min(width, 260))
