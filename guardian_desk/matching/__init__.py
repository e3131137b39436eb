"""Matching: which guardian (and which mediator) for a child, and why (docs/matching.md).

The names below load their module when first used (PEP 562): the home page reaches
``matching.results`` through the visits' modules, and importing the whole matching engine
(and the languages' CLDR data) on its way took 30 ms of the start. ``suggest`` is imported
from ``guardian_desk.matching.suggest``: a package attribute of that name would be the
module once the module is imported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from guardian_desk.lazy_names import lazy_names

if TYPE_CHECKING:
    from guardian_desk.matching.confirm import (
        confirm_proposal,
        pair_problems,
        suggest_for_child,
    )
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

_MODULE_OF = {
    "confirm_proposal": "confirm",
    "pair_problems": "confirm",
    "suggest_for_child": "confirm",
    "load_pool": "loading",
    **dict.fromkeys(
        ("MatchingPool", "MatchSettings", "PoolChild", "PoolFacility", "PoolPerson"), "pool"
    ),
    **dict.fromkeys(
        ("Exclusion", "GuardianProposal", "MediatorOption", "ScorePart", "Suggestion"), "results"
    ),
}

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
    "suggest_for_child",
]


__getattr__ = lazy_names(__name__, _MODULE_OF)
