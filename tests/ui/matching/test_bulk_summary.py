"""The bulk plan's summary line says what is proven: the count, the score, or neither."""

from __future__ import annotations

from typing import Any

from guardian_desk.matching.commands import bulk_text
from guardian_desk.matching.results import BulkPlan
from ui.matching.bulk_views import summary_text


def plan(upper: int, proven: bool = False) -> BulkPlan:
    """A plan that placed nobody of 2,781 waiting, ``upper`` at most."""
    return BulkPlan(
        proposals=(),
        unmatched=(),
        waiting=2781,
        total_score=196_681.6,
        upper_bound=upper,
        score_bound=199_549.8,
        proven_optimal=proven,
        method="min-cost flow, repaired",
        candidate_pairs=0,
        arcs=0,
    )


def test_a_plan_placing_the_most_children_says_so_and_gives_the_scores_gap(qapp: Any) -> None:
    assert summary_text(plan(upper=0)) == (
        "0 of 2,781 waiting children matched (at most 0 possible) · total score 196,681.6 · "
        "no plan places more children; score within 2,868.2 points of the best possible"
    )
    assert (
        bulk_text(plan(upper=0))
        .splitlines()[0]
        .endswith(
            "min-cost flow, repaired, no plan places more children, score not proven optimal."
        )
    )


def test_a_plan_below_the_bound_is_not_called_the_most(qapp: Any) -> None:
    assert summary_text(plan(upper=5)).endswith(
        "· not proven optimal (within 2,868.2 points of the best possible)"
    )
    assert (
        bulk_text(plan(upper=5))
        .splitlines()[0]
        .endswith("min-cost flow, repaired, not proven optimal.")
    )
    assert summary_text(plan(upper=0, proven=True)).endswith("· proven optimal")


def test_the_command_lines_summary_writes_counts_with_thousands_separators() -> None:
    assert bulk_text(plan(upper=2761)).startswith(
        "0 of 2,781 waiting children matched (at most 2,761 possible)"
    )
