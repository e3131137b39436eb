"""The mediator booking's tables: who can come (ranked, with score parts), who cannot and why."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
)

from guardian_desk.i18n.formats import number_text
from guardian_desk.scheduling import MediatorCandidate, MediatorExclusion
from ui.rows_model import RecordRole, RowsModel
from ui.scheduling.common import isolated

__all__ = ["CandidatesModel", "ExcludedModel", "RecordRole"]


class _Rows(RowsModel[Any]):
    CONTEXT = "Scheduling"


class CandidatesModel(_Rows):
    MEDIATOR, SCORE, LANGUAGES, PARTS = range(4)
    HEADERS = (
        QT_TRANSLATE_NOOP("Scheduling", "Mediator"),
        QT_TRANSLATE_NOOP("Scheduling", "Score"),
        QT_TRANSLATE_NOOP("Scheduling", "Languages"),
        QT_TRANSLATE_NOOP("Scheduling", "Why"),
    )

    def cells(self, row: int, c: MediatorCandidate) -> tuple[str, ...]:
        parts = "; ".join(f"{p.label} ({number_text(p.points, digits=1)})" for p in c.parts)
        return (f"{c.code}  {isolated(c.name)}", number_text(c.score, digits=1), c.bridge, parts)


class ExcludedModel(_Rows):
    MEDIATOR, REASONS = range(2)
    HEADERS = (
        QT_TRANSLATE_NOOP("Scheduling", "Mediator"),
        QT_TRANSLATE_NOOP("Scheduling", "Cannot come because"),
    )

    def cells(self, row: int, e: MediatorExclusion) -> tuple[str, ...]:
        return (f"{e.code}  {isolated(e.name)}", "; ".join(e.reasons))
