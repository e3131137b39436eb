"""What matching hands to the officer: plain, frozen data (safe to pass to the UI thread)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ScorePart:
    """One part of a score: ``value`` in 0..1 times ``weight`` gives ``points``."""

    key: str  # "language", "distance", "availability", "load", "continuity", "preference"
    label: str  # the part and why, in plain words ("Language: both speak Dari (native)")
    value: float
    weight: float
    points: float


@dataclass(frozen=True)
class MediatorOption:
    mediator_id: int
    code: str
    name: str
    sex: str
    score: float
    parts: tuple[ScorePart, ...]
    bridge: str  # "Dari → Albanian"


@dataclass(frozen=True)
class GuardianProposal:
    guardian_id: int
    code: str
    name: str
    sex: str
    score: float
    parts: tuple[ScorePart, ...]
    shared_language: str | None  # English name of the language they share; None: mediated
    mediator: MediatorOption | None  # the best mediator where one is needed
    alternatives: tuple[MediatorOption, ...]  # the other eligible mediators, best first
    caseload: int
    capacity: int  # min(the guardian's own maximum, the office's cap)
    distance_km: float | None  # home to the child's facility; None: unknown


@dataclass(frozen=True)
class Exclusion:
    guardian_id: int
    code: str
    name: str
    reasons: tuple[str, ...]  # every hard rule the guardian fails, in plain words


@dataclass(frozen=True)
class Suggestion:
    child_id: int
    case_number: str
    child_name: str
    languages: str  # "Dari (native), Pashto (working)"
    proposals: tuple[GuardianProposal, ...]  # best first
    excluded: tuple[Exclusion, ...]  # the closest misses first (fewest reasons)
    excluded_total: int  # all excluded guardians, also those not listed


@dataclass(frozen=True)
class BulkProposal:
    """One child's guardian (and mediator) in a bulk plan."""

    child_id: int
    case_number: str
    child_name: str
    proposal: GuardianProposal  # ``mediator`` is the one the plan books; no alternatives
    siblings: tuple[str, ...]  # case numbers of siblings placed with the same guardian


@dataclass(frozen=True)
class Unmatched:
    child_id: int
    case_number: str
    child_name: str
    reasons: tuple[str, ...]  # why no guardian is proposed, in plain words


@dataclass(frozen=True)
class BulkPlan:
    """Guardians for every waiting child: most children placed, then the best total score."""

    proposals: tuple[BulkProposal, ...]  # by case number
    unmatched: tuple[Unmatched, ...]
    waiting: int  # children considered
    total_score: float
    # The most children any plan could place if siblings could be split and mediators had
    # no caseload: ``len(proposals)`` equal to it proves the count is the maximum.
    upper_bound: int
    # The best total score of that relaxed plan: the proposals' total can be at most this.
    score_bound: float
    proven_optimal: bool  # most children placed and best total score, proven by the solver
    method: str  # "min-cost flow" or "CP-SAT"
    candidate_pairs: int  # eligible (child, guardian) pairs
    arcs: int  # pairs the solver looked at after safe pruning
