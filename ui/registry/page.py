"""A registry page: search box, filters, the table, and the record count."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QByteArray,
    QCoreApplication,
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
    QTableView,
    QVBoxLayout,
    QWidget,
)

from guardian_desk.domain.enums import ChildStatus, Sex, VisitStatus
from guardian_desk.domain.listings import Listing
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


FIRST_ROWS = 500  # rows read alone the first time a registry opens (a screen is ~30)
RESIZE_ROWS = 100  # rows whose text sets the columns' first widths


class RegistryPage(QWidget):
    open_record = Signal(str, int)
    new_record = Signal(str)
    loaded = Signal()

    def __init__(self, bridge: CoreBridge, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.kind = kind
        self.last_filter_ms = 0.0
        self._stale = True
        self._loading = False
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
        header.setResizeContentsPrecision(200)  # fit columns to the first rows, not 20,000
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
        if self._loading:
            return
        self._loading = True
        self._stale = False
        kind = self.kind
        # The first time, the first rows come alone (painted at once at 20,000 children),
        # then the whole listing that search and sorting work on.
        shown = self.model.listing
        first = FIRST_ROWS if shown is None else None
        if shown is None or shown.total is None:  # else it says the rest is loading
            self.count.setText(self.tr("Loading…"))

        def load(session: Any, task: Any) -> tuple[Listing, dict[str, str]]:
            from guardian_desk.domain.languages import language_name
            from guardian_desk.services.listing import listing

            rows = listing(session, kind, first=first)
            codes = {c for facet in rows.facets for c in facet["languages"]}
            return rows, {
                c: language_name(c) for c in codes
            }  # looked up here, not on the GUI thread

        self.bridge.run(
            load,
            on_success=self._loaded,
            on_failure=self._failed,
            reader=True,  # not behind the home page's figures or a report
        )

    def _failed(self, error: BaseException) -> None:
        self._loading = False
        raise error

    def _loaded(self, loaded: tuple[Listing, dict[str, str]]) -> None:
        result, names = loaded
        self._loading = False
        selected = self.selected_id()
        first = self.model.listing is None
        self.model.language_names = names
        self.model.set_listing(result)
        languages = sorted((f"{name} ({code})", code) for code, name in names.items())
        self._fill_facets(result, languages)
        if first:
            self._restore_header()
        self.apply_filters()
        if selected is not None:
            self.select_id(selected)
        if result.total is not None:  # the first rows only: the rest next
            self.count.setText(
                # TRANSLATORS: {0} rows are on screen of {1} records; the rest is loading.
                self.tr("First {0} of {1} records; loading the rest…").format(
                    number_text(len(result.ids)), number_text(result.total)
                )
            )
            self._stale = True
            self.reload()
            return
        self.loaded.emit()

    def _fill_facets(self, result: Listing, languages: list[tuple[str, str]]) -> None:
        self._refill(self.language, languages)
        if self.kind == "children":
            names = {}
            for row, facet in zip(result.rows, result.facets, strict=True):
                if facet["facility"] is not None:
                    names[facet["facility"]] = row[7]
            self._refill(
                self.facility, sorted(((n, i) for i, n in names.items()), key=lambda item: item[0])
            )

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

    # --- filtering -----------------------------------------------------------------------------

    def apply_filters(self) -> None:
        started = time.perf_counter()
        self.proxy.set_search(
            self.search.text(),
            status=self.status.values(),
            sex=self.sex.currentData(),
            facility=self.facility.currentData(),
            language=self.language.currentData(),
        )
        self.last_filter_ms = (time.perf_counter() - started) * 1000
        total = self.model.total()
        shown = self.proxy.rowCount()
        self.clear_button.setVisible(bool(self.active_filters()))
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
        if self.model.listing is not None:
            QSettings().setValue(self._settings_key(), self.table.horizontalHeader().saveState())

    def _restore_header(self) -> None:
        state = QSettings().value(self._settings_key(), QByteArray(), type=QByteArray)
        header = self.table.horizontalHeader()
        if isinstance(state, QByteArray) and not state.isEmpty():
            header.restoreState(state)
            if header.sortIndicatorSection() >= 0:
                self.proxy.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        else:
            # The header shows a sort indicator from the start: make the rows agree with it.
            order = (
                Qt.SortOrder.DescendingOrder
                if self.kind == "visits"
                else Qt.SortOrder.AscendingOrder
            )
            self.table.sortByColumn(0, order)
            # Widths from the first rows on screen, not from a thousand (Qt's default): 0.3 s
            # on the GUI thread at first opening otherwise.
            header.setResizeContentsPrecision(RESIZE_ROWS)
            self.table.resizeColumnsToContents()
            for column in range(self.model.columnCount()):
                header.resizeSection(column, min(header.sectionSize(column), 260))
