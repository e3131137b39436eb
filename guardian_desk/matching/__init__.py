"""Matching: which guardian (and which mediator) for a child, and why (docs/matching.md)."""

from guardian_desk.matching.confirm import confirm_proposal, pair_problems, suggest_for_child
from guardian_desk.matching.loading import load_pool
from guardian_desk.matching.pool import (
    MatchingPool,
    MatchSettings,
    PoolChild,
    PoolFacility,
    PoolPerson,
)
from guardian_desk.matching.results import (
    Exclusion,
    GuardianProposal,
    MediatorOption,
    ScorePart,
    Suggestion,
)
from guardian_desk.matching.suggest import suggest

__all__ = [
    "Exclusion",
    "GuardianProposal",
    "MatchSettings",
    "MatchingPool",
    "MediatorOption",
    "PoolChild",
    "PoolFacility",
    "PoolPerson",
    "ScorePart",
    "Suggestion",
    "confirm_proposal",
    "load_pool",
    "pair_problems",
    "suggest",
    "suggest_for_child",
]
