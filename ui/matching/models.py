"""The tables of the matching panel: ranked guardians, one guardian's score, the excluded."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    Qt,
)

from guardian_desk.i18n.formats import number_text, percent_text
from guardian_desk.matching import Exclusion, GuardianProposal, MediatorOption, ScorePart
from ui.bidi import isolated
from ui.rows_model import AnyIndex, R, RecordRole, RowsModel, SortRole

__all__ = ["AnyIndex", "R", "RecordRole", "RowsModel", "SortRole"]


_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def tr(text: str) -> str:
    return QCoreApplication.translate("Matching", text)


def person_text(code: str, name: str) -> str:
    return f"{code}  {isolated(name)}".strip()


def score_text(score: float) -> str:
    """A score on the 0-100 scale, one decimal, as the interface language writes numbers."""
    return number_text(score, digits=1)


SEX_LABELS = {
    "female": QT_TRANSLATE_NOOP("Matching", "female"),
    "male": QT_TRANSLATE_NOOP("Matching", "male"),
    "other": QT_TRANSLATE_NOOP("Matching", "other"),
    "unknown": QT_TRANSLATE_NOOP("Matching", "unknown"),
}


def sex_text(sex: str) -> str:
    label = SEX_LABELS.get(str(sex))
    return tr(str(label)) if label else str(sex)


def mediator_text(option: MediatorOption) -> str:
    """What the officer reads in the mediator choice: who, which languages, how good a fit."""
    return tr("{0} — {1} — score {2}").format(
        person_text(option.code, option.name), option.bridge, score_text(option.score)
    )


def language_text(proposal: GuardianProposal) -> str:
    if proposal.shared_language:
        return proposal.shared_language
    if proposal.mediator is not None:
        return tr("via mediator {0} ({1})").format(
            isolated(proposal.mediator.name), proposal.mediator.bridge
        )
    return "—"


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
            tr("{0} km").format(number_text(record.distance_km))
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
            percent_text(record.value),
            f"{record.weight:g}",
            number_text(record.points, digits=1),
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
