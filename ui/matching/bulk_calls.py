"""The core calls of the bulk-matching dialog, run on the bridge's worker (never the GUI thread).

Each returns plain frozen data: the plan with what the table needs besides it (the names in
the children's own script and the text they are found by), or what was appointed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from guardian_desk.matching.bulk import SCANNED, BulkCancelled, bulk_match
from guardian_desk.matching.bulk_apply import BulkApplied, BulkChoice, apply_bulk
from guardian_desk.matching.loading import load_pool
from guardian_desk.matching.results import BulkPlan
from guardian_desk.services.listing import listing

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ui.bridge import Task

__all__ = [
    "SCANNED",
    "BulkApplied",
    "BulkCancelled",
    "BulkChoice",
    "BulkReview",
    "accept",
    "plan",
]


@dataclass(frozen=True)
class ChildNames:
    original: str  # the name in the child's own script ("" when none is recorded)
    search: str  # folded: names in every script, aliases, case number


@dataclass(frozen=True)
class BulkReview:
    """A plan to review, made for ``planned_for`` (the date the rules were checked on)."""

    plan: BulkPlan
    names: dict[int, ChildNames]  # by child id
    planned_for: date


def plan(session: Session, task: Task, planned_for: date) -> BulkReview:
    """The bulk plan for every waiting child; raises BulkCancelled when the officer stops it."""
    if task.cancelled():
        raise BulkCancelled
    made = bulk_match(
        load_pool(session, today=planned_for), progress=task.progress, cancelled=task.cancelled
    )
    ids = [p.child_id for p in made.proposals] + [u.child_id for u in made.unmatched]
    names: dict[int, ChildNames] = {}
    if ids:
        rows = listing(session, "children", ids=ids, today=planned_for)
        original = [c.key for c in rows.columns].index("original")
        for child_id, values, search in zip(rows.ids, rows.rows, rows.search, strict=True):
            names[child_id] = ChildNames(str(values[original] or ""), search)
    return BulkReview(made, names, planned_for)


def accept(
    session: Session, task: Task, choices: Sequence[BulkChoice], starts_on: date
) -> BulkApplied:
    """Appoint the accepted proposals; each is checked again first and refused with a reason."""
    return apply_bulk(session, choices, starts_on=starts_on, progress=task.progress)
