"""The tables of the matching panel: ranked guardians, one guardian's score, the excluded."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QWidget

from guardian_desk.matching import Exclusion, GuardianProposal, MediatorOption, ScorePart

AnyIndex = QModelIndex | QPersistentModelIndex
R = TypeVar("R")
RecordRole = Qt.ItemDataRole.UserRole  # the dataclass a row stands for
SortRole = Qt.ItemDataRole.UserRole + 1  # a value that sorts right (numbers as numbers)

_ISOLATE = "\u2068{0}\u2069"  # keeps a right-to-left name from reordering the text around it
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def _t(text: str) -> str:
    return QCoreApplication.translate("Matching", text)


def isolated(text: str) -> str:
    """A name as one unit inside a sentence, whatever its direction."""
    return _ISOLATE.format(text) if text else ""


def person_text(code: str, name: str) -> str:
    return f"{code}  {isolated(name)}".strip()


def score_text(score: float) -> str:
    """A score on the 0-100 scale, one decimal."""
    return f"{score:.1f}"


SEX_LABELS = {
    "female": QT_TRANSLATE_NOOP("Matching", "female"),
    "male": QT_TRANSLATE_NOOP("Matching", "male"),
    "other": QT_TRANSLATE_NOOP("Matching", "other"),
    "unknown": QT_TRANSLATE_NOOP("Matching", "unknown"),
}


def sex_text(sex: str) -> str:
    label = SEX_LABELS.get(str(sex))
    return _t(str(label)) if label else str(sex)


def mediator_text(option: MediatorOption) -> str:
    """What the officer reads in the mediator choice: who, which languages, how good a fit."""
    return _t("{0} — {1} — score {2}").format(
        person_text(option.code, option.name), option.bridge, score_text(option.score)
    )


def language_text(proposal: GuardianProposal) -> str:
    if proposal.shared_language:
        return proposal.shared_language
    if proposal.mediator is not None:
        return _t("via mediator {0} ({1})").format(
            isolated(proposal.mediator.name), proposal.mediator.bridge
        )
    return "—"


class RowsModel(QAbstractTableModel, Generic[R]):
    """Read-only rows of one dataclass; subclasses name the columns and how a row reads."""

    HEADERS: tuple[Any, ...] = ()  # QT_TRANSLATE_NOOP texts
    NUMERIC: tuple[int, ...] = ()  # columns aligned right

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[R] = []

    def cells(self, row: int, record: R) -> Sequence[str]:
        raise NotImplementedError

    def sort_value(self, row: int, record: R, column: int) -> Any:
        return self.cells(row, record)[column]

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> R:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.cells(index.row(), record)[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if index.column() in self.NUMERIC else _LEFT
        if role == RecordRole:
            return record
        if role == SortRole:
            return self.sort_value(index.row(), record, index.column())
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _t(str(self.HEADERS[section]))
        return None


class ProposalsModel(RowsModel[GuardianProposal]):
    """The guardians proposed for one child, best first."""

    RANK, GUARDIAN, SEX, SCORE, LANGUAGE, CASELOAD, DISTANCE = range(7)
    HEADERS = (
        QT_TRANSLATE_NOOP("Matching", "Rank"),
        QT_TRANSLATE_NOOP("Matching", "Guardian"),
        QT_TRANSLATE_NOOP("Matching", "Sex"),
        QT_TRANSLATE_NOOP("Matching", "Score"),
        QT_TRANSLATE_NOOP("Matching", "Language"),
        QT_TRANSLATE_NOOP("Matching", "Caseload"),
        QT_TRANSLATE_NOOP("Matching", "Distance"),
    )
    NUMERIC = (RANK, SCORE, CASELOAD, DISTANCE)

    def cells(self, row: int, record: GuardianProposal) -> Sequence[str]:
        distance = (
            _t("{0} km").format(f"{record.distance_km:.0f}")
            if record.distance_km is not None
            else "—"
        )
        return (
            str(row + 1),
            person_text(record.code, record.name),
            sex_text(record.sex),
            score_text(record.score),
            language_text(record),
            f"{record.caseload} / {record.capacity}",
            distance,
        )

    def sort_value(self, row: int, record: GuardianProposal, column: int) -> Any:
        numbers = {
            self.RANK: row + 1,
            self.SCORE: record.score,
            self.CASELOAD: record.caseload,
            self.DISTANCE: record.distance_km if record.distance_km is not None else 1e9,
        }
        return numbers.get(column, self.cells(row, record)[column])


class BreakdownModel(RowsModel[ScorePart]):
    """Why a guardian (or a mediator) scores what it does: one line per part of the score."""

    PART, VALUE, WEIGHT, POINTS = range(4)
    HEADERS = (
        QT_TRANSLATE_NOOP("Matching", "Part"),
        QT_TRANSLATE_NOOP("Matching", "Fit"),
        QT_TRANSLATE_NOOP("Matching", "Weight"),
        QT_TRANSLATE_NOOP("Matching", "Points"),
    )
    NUMERIC = (VALUE, WEIGHT, POINTS)

    def cells(self, row: int, record: ScorePart) -> Sequence[str]:
        return (
            record.label,
            f"{record.value * 100:.0f} %",
            f"{record.weight:g}",
            f"{record.points:.1f}",
        )

    def sort_value(self, row: int, record: ScorePart, column: int) -> Any:
        numbers = {self.VALUE: record.value, self.WEIGHT: record.weight, self.POINTS: record.points}
        return numbers.get(column, record.label)


class ExclusionsModel(RowsModel[Exclusion]):
    """Guardians who cannot take this child, each with every reason in plain words."""

    GUARDIAN, REASONS = range(2)
    HEADERS = (
        QT_TRANSLATE_NOOP("Matching", "Guardian"),
        QT_TRANSLATE_NOOP("Matching", "Why not"),
    )

    def cells(self, row: int, record: Exclusion) -> Sequence[str]:
        return (person_text(record.code, record.name), "; ".join(record.reasons))
