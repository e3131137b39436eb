"""Book mediators for the (child, guardian) pairs of a plan that share no language.

A b-matching solved by the same min-cost flow: each pair needs one mediator who bridges
the child's language to the guardian's in a window common to guardian, mediator and
facility (``ChildMatch.free_mediators``); each mediator takes at most their free places;
the most pairs served, then the best guardian language part, then the best mediator score:
the guardian's language part names the language the *booked* mediator bridges to
(``target``), so a mediator who bridges to the guardian's best language comes first. A
mediator the child already has costs no place (the child is already in their caseload).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from guardian_desk.matching.candidates import CandidateIndex
from guardian_desk.matching.flow import Arcs, assign
from guardian_desk.matching.mediator_scores import MediatorScores
from guardian_desk.matching.pool import PROFICIENCY_VALUE, MatchingPool
from guardian_desk.matching.scoring import MEDIATED_SHARE, link


def candidates(index: CandidateIndex, child_id: int, guardian_id: int) -> dict[int, float]:
    """The free, qualifying mediators for this pair, with their scores: those of
    ``ChildMatch.free_mediators`` and ``mediator_number``, computed on arrays, cached."""
    cached = index.pair_mediators.get((child_id, guardian_id))
    if cached is None:
        scores = index.mediator_scores
        if scores is None:
            scores = index.mediator_scores = MediatorScores(index)
        cached = scores.for_pair(index.pool.children[child_id], guardian_id)
        if index.pair_limit is not None and len(cached) > index.pair_limit:
            every = cached
            best = sorted(every, key=lambda m: (-every[m], m))[: index.pair_limit]
            cached = {m: every[m] for m in best}
        index.pair_mediators[child_id, guardian_id] = cached
    return cached


def every_candidate(index: CandidateIndex, child_id: int, guardian_id: int) -> dict[int, float]:
    """``candidates`` without the limit of very large offices, and not cached: filling a
    plan needs a mediator with a place left, who may not be among a pair's best."""
    if index.pair_limit is None:
        return candidates(index, child_id, guardian_id)
    scores = index.mediator_scores
    if scores is None:
        scores = index.mediator_scores = MediatorScores(index)
    found: dict[int, float] = scores.for_pair(index.pool.children[child_id], guardian_id)
    return found


# The guardian's language part first (it is part of the plan's score), the mediator's own
# score only among mediators giving the same: levels differ by at least 0.05 x 0.5 x the
# language weight, times this outweighs any mediator score (at most 100).
LANGUAGE_FIRST = 1000.0


def target(pool: MatchingPool, mediator_id: int, guardian_id: int) -> str:
    """The guardian's language this mediator bridges to: the best link (the weaker of the
    two speakers), as ``suggest.mediator_option`` names it in the bridge."""
    speech = pool.mediator_speech[mediator_id]
    return max(
        (link(speech[t], level), t)
        for t, level in pool.guardian_speech[guardian_id].items()
        if t in speech
    )[1]


def guardian_language_points(index: CandidateIndex, mediator_id: int, guardian_id: int) -> float:
    """The guardian's language part when this mediator is booked (``mediated_language_part``),
    cached on the index per kind of mediator and guardian (their languages and levels)."""
    key = (index.mediator_kind[mediator_id], index.guardian_kind[guardian_id])
    found = index.language_points.get(key)
    if found is None:
        pool = index.pool
        level = pool.guardians[guardian_id].languages[target(pool, mediator_id, guardian_id)]
        found = pool.weights["language"] * MEDIATED_SHARE * PROFICIENCY_VALUE[level]
        index.language_points[key] = found
    return found


def book(
    index: CandidateIndex,
    pairs: Sequence[tuple[int, int]],
    places: Mapping[int, int] | None = None,
    keep: Mapping[int, int] | None = None,
) -> dict[int, int]:
    """child id -> mediator id for as many pairs as the mediators' places allow.

    ``places``: the free places of mediators already partly booked (others: all theirs);
    ``keep``: a valid booking of these pairs, each of whose mediators stays an option
    where a very large office's limit (``pair_limit``) would leave it out, so that no
    pair it serves is left unserved.
    """
    if not pairs:
        return {}
    pool = index.pool
    people: dict[int, int] = {}  # mediator id -> person position
    capacities: list[int] = []
    tails: list[int] = []
    heads: list[int] = []
    scores: list[float] = []
    owners: list[int] = []  # person position -> mediator id
    for p, (cid, gid) in enumerate(pairs):
        own = pool.children[cid].mediator_ids
        weighted = _weighted(index, cid, gid)
        kept = keep.get(cid) if keep is not None else None
        if kept is not None and all(mid != kept for mid, _score in weighted):
            score = every_candidate(index, cid, gid).get(kept)  # None: not with this guardian
            if score is not None:
                points = guardian_language_points(index, kept, gid)
                weighted = [*weighted, (kept, score + LANGUAGE_FIRST * points)]
        for mid, score in weighted:
            if mid in own:  # no place taken: a person of its own for this pair
                position = len(capacities)
                capacities.append(1)
                owners.append(mid)
            else:
                found = people.get(mid)
                if found is None:
                    mediator = pool.mediators[mid]
                    found = people[mid] = len(capacities)
                    if places is not None and mid in places:
                        capacities.append(places[mid])
                    else:
                        capacities.append(max(0, pool.capacity(mediator) - mediator.caseload))
                    owners.append(mid)
                position = found
            tails.append(p)
            heads.append(position)
            scores.append(score)
    arcs = Arcs(
        np.asarray(tails, dtype=np.int64), np.asarray(heads, dtype=np.int64), np.asarray(scores)
    )
    result = assign([1] * len(pairs), capacities, arcs)
    return {
        pairs[int(arcs.units[a])][0]: owners[int(arcs.people[a])]
        for a in np.flatnonzero(result.flows)
    }


def _weighted(index: CandidateIndex, child_id: int, guardian_id: int) -> list[tuple[int, float]]:
    """The pair's mediators with their booking weights (the guardian's language part
    first), cached per pair where the pairs' mediators are (repair rounds book the same
    pairs again and again)."""
    found = index.pair_weights.get((child_id, guardian_id))
    if found is None:
        kind, cached = index.mediator_kind, index.language_points
        of_guardian = index.guardian_kind[guardian_id]
        found = []
        for mid, score in candidates(index, child_id, guardian_id).items():
            points = cached.get((kind[mid], of_guardian))
            if points is None:
                points = guardian_language_points(index, mid, guardian_id)
            found.append((mid, score + LANGUAGE_FIRST * points))
        if index.pair_limit is None:
            index.pair_weights[child_id, guardian_id] = found
    return found
