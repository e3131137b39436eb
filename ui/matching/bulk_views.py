"""The views of the bulk-matching dialog: long sortable lists, and one proposal's score parts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from guardian_desk.i18n import ngettext
from guardian_desk.i18n.formats import number_text
from guardian_desk.matching.results import BulkPlan, BulkProposal, ScorePart, Unmatched
from ui.matching.bulk_model import BulkProposalsModel, ReasonsModel, SearchFilter
from ui.matching.models import BreakdownModel, RecordRole, person_text, score_text
from ui.matching.panel import table_view


def list_view(model: Any, stretch: int, *, wrap: bool, sort_by: int) -> QTableView:
    """A sortable table of many rows: columns fitted to the first rows, not measured live.

    ``wrap``: rows as tall as their text (every reason on its own line); else one line each.
    ``stretch``: the column that takes the room left, or -1 for the last.
    """
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)  # Tab leaves the table for the next control
    view.setAlternatingRowColors(True)
    view.setSortingEnabled(True)
    view.sortByColumn(sort_by, Qt.SortOrder.AscendingOrder)
    view.setWordWrap(wrap)
    rows = view.verticalHeader()
    rows.hide()
    if wrap:
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    else:
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setResizeContentsPrecision(200)  # fit to the first rows, not 3,000
    header.setStretchLastSection(stretch < 0)
    if stretch >= 0:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


def tr(text: str) -> str:
    return QCoreApplication.translate("BulkMatching", text)


def summary_text(plan: BulkPlan) -> str:
    """How good the plan is: children placed against the most possible, and the score's proof."""
    if not plan.waiting:
        return tr("No child is waiting for a guardian.")
    matched = ngettext(
        "{matched} of {count} waiting child matched (at most {most} possible)",
        "{matched} of {count} waiting children matched (at most {most} possible)",
        plan.waiting,
    ).format(
        matched=number_text(len(plan.proposals)),
        count=number_text(plan.waiting),
        most=number_text(plan.upper_bound),
    )
    score = tr("total score {0}").format(number_text(plan.total_score, digits=1))
    gap = max(plan.score_bound - plan.total_score, 0.0)
    if plan.proven_optimal:
        proof = tr("proven optimal")
    elif len(plan.proposals) >= plan.upper_bound:  # no plan places more: only the score
        proof = tr(
            "no plan places more children; score within {0} points of the best possible"
        ).format(number_text(gap, digits=1))
    else:
        proof = tr("not proven optimal (within {0} points of the best possible)").format(
            number_text(gap, digits=1)
        )
    return " · ".join((matched, score, proof))


def appoint_question(rows: Sequence[BulkProposal], day: str, parent: QWidget) -> QMessageBox:
    """One question before many appointments: how many, from when; Yes says "Appoint"."""
    text = ngettext(
        "Appoint a guardian for {count} child, starting on {day}?",
        "Appoint a guardian for {count} children, starting on {day}?",
        len(rows),
    ).format(count=number_text(len(rows)), day=day)
    mediated = sum(1 for r in rows if r.proposal.mediator is not None)
    if mediated:
        more = ngettext(
            "{count} of them also gets a mediator.",
            "{count} of them also get a mediator.",
            mediated,
        ).format(count=number_text(mediated))
        text = f"{text} {more}"
    box = QMessageBox(QMessageBox.Icon.Question, tr("Accept proposals"), text, parent=parent)
    box.setInformativeText(
        tr(
            "Each appointment is checked again against the office as it is now; one that "
            "breaks a rule is refused and listed with its reason."
        )
    )
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Yes).setText(tr("Appoint"))
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box


TALL_ROWS_UP_TO = 500  # rows of reasons measured one by one up to this many


def fit_reason_rows(view: QTableView, rows: Sequence[Unmatched]) -> None:
    """Rows as tall as their reasons: each row measured for a few hundred rows; above that,
    one height for all, that of the longest list of reasons and one wrapped line more
    (measuring 5,129 rows of reasons, and again when the columns were fitted, held the
    window for 4.7 s after the national office's plan)."""
    header = view.verticalHeader()
    if len(rows) <= TALL_ROWS_UP_TO:
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        return
    header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    lines = max(len(r.reasons) for r in rows) + 1
    header.setDefaultSectionSize(view.fontMetrics().lineSpacing() * lines + 8)


def reasons_view(model: ReasonsModel, parent: QObject) -> QTableView:
    """Children with every reason why, a line each; sortable by any column."""
    rows = SearchFilter(parent)
    rows.setSourceModel(model)
    return list_view(rows, ReasonsModel.REASONS, wrap=True, sort_by=ReasonsModel.CASE)


def selected_record(view: QTableView) -> Any:
    rows = view.selectionModel().selectedRows()
    return rows[0].data(RecordRole) if rows else None


class ScoreDetails(QWidget):
    """Why a proposal scores what it does: the guardian's parts, and the mediator's beside."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.guardian_label = QLabel(wordWrap=True)
        self.guardian = BreakdownModel(self)
        self.guardian_view = self._view(self.guardian)
        self.mediator_label = QLabel(wordWrap=True)
        self.mediator = BreakdownModel(self)
        self.mediator_view = self._view(self.mediator)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for label, view in (
            (self.guardian_label, self.guardian_view),
            (self.mediator_label, self.mediator_view),
        ):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            column = QVBoxLayout()
            column.addWidget(label)
            column.addWidget(view, 1)
            row.addLayout(column, 1)
        self.show_proposal(None)

    @staticmethod
    def _view(model: BreakdownModel) -> QTableView:
        view = table_view(model, BreakdownModel.PART)
        view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        view.setWordWrap(True)  # each part says why in a sentence
        return view

    def show_proposal(self, record: BulkProposal | None) -> None:
        found = record.proposal if record is not None else None
        mediator = found.mediator if found is not None else None
        parts: tuple[ScorePart, ...] = found.parts if found is not None else ()
        self.guardian.set_rows(parts)
        self.mediator.set_rows(mediator.parts if mediator is not None else ())
        self.mediator_view.setVisible(mediator is not None)
        if record is None or found is None:
            self.guardian_label.setText(self.tr("Select a child to see why this guardian scores."))
            self.mediator_label.clear()
            return
        self.guardian_label.setText(
            self.tr("Guardian {0} for {1}: {2} of 100").format(
                person_text(found.code, found.name), record.case_number, score_text(found.score)
            )
        )
        if mediator is None:
            self.mediator_label.setText(self.tr("No mediator needed: they share {0}.").format(
                found.shared_language or "—"
            ))  # fmt: skip
            return
        self.mediator_label.setText(
            self.tr("Mediator {0}, {1}: {2} of 100").format(
                person_text(mediator.code, mediator.name),
                mediator.bridge,
                score_text(mediator.score),
            )
        )


class ProposalsPage(QWidget):
    """The proposals tab: a search, checking what it shows, the table and the score parts."""

    selection_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            self.tr("Search case numbers, names in any script, codes, languages…")
        )
        self.check_shown = QPushButton(self.tr("Check all shown"))
        self.check_shown.clicked.connect(lambda: self._check_shown(True))
        self.uncheck_shown = QPushButton(self.tr("Uncheck all shown"))
        self.uncheck_shown.clicked.connect(lambda: self._check_shown(False))
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.check_shown)
        search_row.addWidget(self.uncheck_shown)
        self.proposals = BulkProposalsModel(self)
        self.shown = SearchFilter(self)
        self.shown.setSourceModel(self.proposals)
        self.search.textChanged.connect(self.shown.set_query)
        self.table = list_view(
            self.shown, BulkProposalsModel.SIBLINGS, wrap=False, sort_by=BulkProposalsModel.CASE
        )
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.details = ScoreDetails()
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([420, 230])
        layout = QVBoxLayout(self)
        layout.addLayout(search_row)
        layout.addWidget(splitter, 1)
        for button in (self.check_shown, self.uncheck_shown):
            button.setAutoDefault(False)

    def current(self) -> BulkProposal | None:
        record = selected_record(self.table)
        return record if isinstance(record, BulkProposal) else None

    def _selected(self, *_: Any) -> None:
        self.details.show_proposal(self.current())
        self.selection_changed.emit()

    def _check_shown(self, checked: bool) -> None:
        self.proposals.set_checked(self.shown.source_rows(), checked)
