"""Bulk matching: a guardian, and a mediator where needed, for every waiting child.

The plan places as many children as the hard rules allow, then has the best total score
(the scores ``suggest`` gives), then books the best mediators; siblings waiting together go
to one guardian. docs/matching.md ("Bulk") explains the method; in short:

1. Every eligible guardian of every child, with scores (``candidates.CandidateIndex``).
2. Siblings waiting together form one *unit*, eligible for the guardians eligible for all
   of them with room for all; siblings no guardian can take together are placed one by one.
3. Safe pruning: a unit keeps its best guardians until their free places reach the number
   of children in the plan. A worse guardian is never needed: if the unit sat with one,
   some guardian it kept would have room (there are not enough other children to fill them
   all) and moving it there would score more with as many placed.
4. OR-Tools min-cost flow on those arcs (``flow.assign``), with mediators' caseloads and
   sibling splits relaxed: the most children placed, then the best score; on each unit's
   best arcs and an overflow arc for the rest while guardians' places are plentiful
   (``relaxed.relaxed_flow``).
5. Mediators for the pairs that need one: a second flow (``mediators.book``).
6. If the relaxed plan split siblings or found no free mediator for a pair, CP-SAT solves
   the exact problem (``exact.solve``), else the flow's plan is already optimal.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace

import numpy as np

from guardian_desk.domain.languages import language_name
from guardian_desk.i18n import N_, _, ngettext
from guardian_desk.i18n.formats import list_text, number_text
from guardian_desk.matching import beside, bound, direct_first, exact, mediators
from guardian_desk.matching.candidates import CandidateIndex, ChildCandidates
from guardian_desk.matching.child_match import ChildMatch
from guardian_desk.matching.flow import Arcs, assign
from guardian_desk.matching.improve import augmented
from guardian_desk.matching.pacing import Bar
from guardian_desk.matching.plan_booking import (
    book_plan,
    free_mediator_times,
    mediated_pairs,
    mediator_places,
    unserved_pairs,
)
from guardian_desk.matching.polish import polish
from guardian_desk.matching.pool import MatchingPool, PoolChild, working_languages
from guardian_desk.matching.relaxed import relaxed_flow
from guardian_desk.matching.repair import repair
from guardian_desk.matching.results import BulkPlan, BulkProposal, Unmatched
from guardian_desk.matching.suggest import proposal, suggest
from guardian_desk.matching.units import Unit, pruned_arcs

Progress = Callable[[int, int], None]
# Up to this many candidate pairs the MIP models every one (its proof is then one for the
# office); above it the repaired plan stands (measured: a MIP over each unit's best arcs had
# 400,000 variables on the 2,781 office and found nothing in 30 s).
EXACT_ARCS = exact.ALL_ARCS_UP_TO

SAFE_PAIRS = 20_000_000  # up to this many candidate pairs, pruning is safe (see pruned_arcs)
ARC_BUDGET = 3_000_000  # above it, about this many arcs in all, shared out per unit
PAIR_MEDIATORS = 16  # and each (child, guardian) pair keeps its best mediators only
# Repair rounds before the chains: later rounds each placed a few dozen of thousands left
# out for a second of flow (20,000 waiting), where a chain places one in a millisecond.
REPAIR_ROUNDS = 4
# The progress bar, per mille: the candidates' scan to SCANNED, the flows and the repair to
# REPAIRED, then the chains to CHAINED by the share of the gap to the bound they closed
# (they took 11 s of the largest office, where the bar stood still before), then the
# proposals and the reasons of those left out, by children written (20 s of 4,983 left
# out on a slower computer, where the bar stood at 96 %).
PER_MILLE, SCANNED, FLOWED, REPAIRED, CHAINED = 1000, 400, 500, 650, 900
POLISHED = 940  # after direct placements first (``_direct_first``)
PLAN_REPORTS = 200  # children written between two reports


class BulkCancelled(Exception):
    """The officer stopped the bulk run; nothing was proposed or saved."""


def waiting_children(pool: MatchingPool) -> list[PoolChild]:
    """Open cases with no active guardian (identified, or awaiting a guardian)."""
    found = [c for c in pool.children.values() if c.waiting and c.guardian_id is None]
    return sorted(found, key=lambda c: c.case_number)


def bulk_match(
    pool: MatchingPool,
    *,
    child_ids: Collection[int] | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    exact_seconds: float = 60.0,
    exact_arcs: int = EXACT_ARCS,
) -> BulkPlan:
    """Propose guardians for the waiting children (or ``child_ids``); saves nothing. With
    ``progress`` (someone watches), its large flows run in a process of their own while
    the bar moves on (``beside``, ``pacing``)."""
    bar = Bar(None if progress is None else lambda done: progress(done, PER_MILLE))
    if progress is None:
        return _bulk_match(pool, child_ids, bar, cancelled, exact_seconds, exact_arcs)

    def waiting(share: float) -> None:
        if cancelled is not None and cancelled():
            raise BulkCancelled
        bar.drift(share)

    with beside.watched(waiting):
        return _bulk_match(pool, child_ids, bar, cancelled, exact_seconds, exact_arcs)


def _bulk_match(
    pool: MatchingPool,
    child_ids: Collection[int] | None,
    bar: Bar,
    cancelled: Callable[[], bool] | None,
    exact_seconds: float,
    exact_arcs: int,
) -> BulkPlan:
    if child_ids is None:
        children = waiting_children(pool)
    else:
        children = sorted((pool.children[c] for c in child_ids), key=lambda c: c.case_number)
        children = [c for c in children if c.guardian_id is None]
    index = CandidateIndex(pool)
    found: dict[int, ChildCandidates] = {}

    report = bar.to
    for n, child in enumerate(children):
        if cancelled is not None and n % 25 == 0 and cancelled():
            raise BulkCancelled
        if n % 50 == 0:
            report(SCANNED * n // len(children))
        found[child.id] = index.for_child(child)
    report(SCANNED)
    residual = np.array(
        [
            0 if pool.guardian_faults[gid] else pool.capacity(g) - g.caseload
            for gid, g in ((gid, pool.guardians[gid]) for gid in index.guardian_ids)
        ],
        dtype=np.int64,
    )
    units = make_units(pool, children, found, residual)
    report(SCANNED + (FLOWED - SCANNED) // 4)
    bar.stage(SCANNED + 3 * (FLOWED - SCANNED) // 4)
    demand = sum(len(u.members) for u in units)
    steps = load_steps(index)
    pairs_total = sum(len(u.guardians) for u in units)
    # Above this many candidate pairs, each unit keeps a bounded number of arcs: memory
    # grows with the units, not with the demand (safe pruning kept nearly every pair of
    # 17,781 children at cap 5: 7 GB). The relaxed flow is then no bound: the count's bound
    # is the one with mediators alone, the score's each child's best candidate.
    per_unit = None if pairs_total <= SAFE_PAIRS else max(32, ARC_BUDGET // max(1, len(units)))
    each_best: list[float] = []  # very large offices: the score's bound (see below)
    sizes = [len(u.members) for u in units]
    if per_unit is None:
        arcs, relaxed = relaxed_flow(units, sizes, residual, steps)
    else:
        arcs = pruned_arcs(units, residual, demand, steps, per_unit)
        index.pair_limit = PAIR_MEDIATORS
        relaxed = assign(sizes, residual.tolist(), arcs, steps)
    per_guardian = np.bincount(arcs.people, weights=relaxed.flows, minlength=len(steps))
    score_bound = float(relaxed.flows @ arcs.scores) - _load_penalty(steps, per_guardian)
    spilled = [] if relaxed.spilled is None else np.flatnonzero(relaxed.spilled).tolist()
    if spilled:  # the bound counts what they sent to their guardians left out
        score_bound = relaxed.value
    report(SCANNED + 3 * (FLOWED - SCANNED) // 4)
    upper = bound.mediator_bound(index, units, residual)
    if per_unit is None:
        upper = min(upper, relaxed.placed)
    else:
        # Each child at their best candidate's score, the best ones only: as many as a
        # plan can place (set once the count's bound is known, below).
        each_best = sorted(
            (float(u.scores.max()) for u in units if len(u.guardians) for _m in u.members),
            reverse=True,
        )
    chosen, split = _whole_units(sizes, arcs, relaxed.flows)
    whole = not split and not spilled  # else the repair books mediators anyway
    booked = book_plan(index, mediated_pairs(units, chosen, index)) if whole else {}
    method, proven = "min-cost flow", True
    report(FLOWED)
    bar.stage(REPAIRED)
    if not whole or unserved_pairs(units, chosen, booked, index):
        # A valid plan first (fast), then the whole problem again from it.
        method, proven = "min-cost flow, repaired", False

        def every_arc(u: int) -> Arcs:
            unit = units[u]
            keep = np.arange(len(unit.guardians))
            if per_unit is not None:  # the unit's best, bounded (4 times the flow's share)
                keep = np.lexsort((unit.guardians, -unit.scores))[: 4 * per_unit]
            return Arcs(
                np.full(len(keep), u, dtype=np.int64), unit.guardians[keep], unit.scores[keep]
            )

        def pairs(plan: dict[int, int]) -> list[tuple[int, int, int]]:
            return mediated_pairs(units, plan, index)

        mip = exact_seconds > 0 and sum(len(u.guardians) for u in units) <= exact_arcs
        first = None
        if not mip and any(len(u.members) > 1 for u in units):
            # Offices too large for the MIP, short of mediators: direct placements first.
            first, upper = _direct_first(
                index, units, sizes, residual, upper, steps, bar, cancelled
            )
        if first is not None and sum(sizes[u] for u in first[0]) >= upper:
            (chosen, booked), method = first, "direct placements first, chains"
        else:
            chosen, booked = repair(
                index, sizes, residual, arcs, relaxed.flows, pairs, every_arc, steps, units,
                REPAIR_ROUNDS, spilled,
            )  # fmt: skip
        if mip:
            solved = exact.solve(
                pool,
                index,
                units,
                sizes,
                residual,
                arcs,
                exact_seconds,
                hint=chosen,
                all_arcs_up_to=exact_arcs,
                upper=upper,
                steps=steps,
            )
            placed_before = sum(sizes[u] for u in chosen)
            placed_now = sum(sizes[u] for u in solved.chosen)
            if placed_now > placed_before or (
                placed_now == placed_before
                and (solved.score_proven or _better(units, sizes, solved.chosen, chosen, steps))
            ):
                chosen = solved.chosen
            method = "MIP (SCIP)"
            if solved.complete and solved.count_proven:
                upper = min(upper, sum(sizes[u] for u in solved.chosen))
                score_bound = solved.score_bound
                proven = solved.score_proven
        if sum(sizes[u] for u in chosen) < upper and not proven:
            # The tighter bound (each child's own direct guardians) is worth its time here
            # (before the chains, which then stop at it: after them, the 17,781 case's
            # peak memory rose from 1.9 to 2.3 GB).
            upper = min(upper, bound.mediator_bound(index, units, residual, direct=True))
        report(REPAIRED)
        if sum(sizes[u] for u in chosen) < upper and not proven:
            # Count comes first: move children already placed to make room for those
            # left out (augmenting chains over guardian and mediator places).
            valid = booked if method != "MIP (SCIP)" else None
            chosen, booked = augmented(
                index, units, sizes, residual, chosen, upper, valid, _chains_stop(bar, cancelled)
            )
            if cancelled is not None and cancelled():
                raise BulkCancelled
            if first is not None and sum(sizes[u] for u in first[0]) > sum(
                sizes[u] for u in chosen
            ):
                (chosen, booked), method = first, "direct placements first, chains"
        # The plan's own booking, best mediators first; the chains may have booked one
        # beyond a pair's best (very large offices), which stays an option.
        booked = book_plan(index, mediated_pairs(units, chosen, index), keep=booked)
        unserved = {u for u, _position in unserved_pairs(units, chosen, booked, index)}
        chosen = {u: at for u, at in chosen.items() if u not in unserved}
    placed = sum(sizes[u] for u in chosen)
    upper = max(upper, placed)
    if per_unit is not None:
        score_bound = float(sum(each_best[:upper]))
    bar.stage(PER_MILLE)  # from where the chains (or the flow) left it

    def writing(share: float) -> None:
        bar.drift(share)
        if cancelled is not None and cancelled():
            raise BulkCancelled

    plan = _plan(pool, index, units, chosen, booked, found, upper, len(children), residual, writing)
    # The proposals' own scores: their language part follows the mediator booked, which can
    # bridge to a weaker language than the best free one the candidates were scored with
    # (the MIP counts that; the flows do not). Proven: as many as the bound, and the
    # proposals' total reaches the score bound (to the rounding of their parts).
    described = plan.total_score
    tolerance = 0.05 * len(plan.proposals) + 1e-6
    proven = placed == upper and described >= score_bound - tolerance
    if not proven and method == "min-cost flow" and exact_seconds > 0 and pairs_total <= exact_arcs:
        # The flow's plan stands, but its bound scored mediated pairs with a language no
        # booked mediator gives: the MIP (which scores what booking gives) proves or betters.
        solved = exact.solve(
            pool, index, units, sizes, residual, arcs, exact_seconds, hint=chosen,
            all_arcs_up_to=exact_arcs, upper=upper, steps=steps,
        )  # fmt: skip
        if solved.complete and solved.count_proven and solved.chosen:
            method = "MIP (SCIP)"
            if sum(sizes[u] for u in solved.chosen) >= placed and (
                solved.score_proven or _better(units, sizes, solved.chosen, chosen, steps)
            ):
                chosen = solved.chosen
                booked = book_plan(index, mediated_pairs(units, chosen, index))
                placed = sum(sizes[u] for u in chosen)
                plan = _plan(
                    pool, index, units, chosen, booked, found, upper, len(children), residual
                )
                described = plan.total_score
            upper = min(upper, max(placed, sum(sizes[u] for u in solved.chosen)))
            score_bound = solved.score_bound
            proven = placed == upper and (
                solved.score_proven or described >= score_bound - tolerance
            )
    report(PER_MILLE)
    return replace(
        plan,
        score_bound=round(max(score_bound, described), 2),
        method=method,
        proven_optimal=proven,
        candidate_pairs=sum(len(c.guardians) for c in found.values()),
        arcs=len(arcs.units),
    )


def _direct_first(
    index: CandidateIndex,
    units: list[Unit],
    sizes: list[int],
    residual: np.ndarray,
    upper: int,
    steps: np.ndarray,
    bar: Bar,
    cancelled: Callable[[], bool] | None,
) -> tuple[tuple[dict[int, int], dict[int, int]] | None, int]:
    """(plan, bound). Each child placed talks with their guardian or takes a mediator's
    place, so every mediator place plus the most children placed directly is a bound; when
    it is the lowest, the plan is the chains' from direct placements first
    (``direct_first``), polished (``polish``), else None. (On the national office, 17,781
    waiting at cap 5, the plan repaired from the flow seated siblings where children
    talking directly need the places: 12,798 of 12,818 after its chains; from direct
    placements first the chains reach 12,818.)"""
    most, contended = direct_first.direct_limit(units, residual)
    either = _mediator_places(index, units) + most
    if either > upper:
        return None, upper
    seeded = direct_first.start(units, residual, contended, steps)
    seeded, booked = direct_first.fill(index, units, residual, seeded, steps)
    chosen, booked = augmented(
        index, units, sizes, residual, seeded, either, booked, _chains_stop(bar, cancelled)
    )
    if cancelled is not None and cancelled():
        raise BulkCancelled
    stop = _chains_stop(bar, cancelled, POLISHED)
    polished = polish(index, units, sizes, residual, chosen, booked, steps, stop)
    if cancelled is not None and cancelled():
        raise BulkCancelled
    return polished, either


def _mediator_places(index: CandidateIndex, units: list[Unit]) -> int:
    """The most children placed with a mediator: every place of the mediators who qualify
    for a child waiting, and one per child with a mediator already (who takes no place)."""
    pool = index.pool
    qualified: set[int] = set()
    own = 0
    for unit in units:
        for cid in unit.members:
            child = pool.children[cid]
            qualified.update(index.qualified_mediators(child))
            own += bool(child.mediator_ids)
    places = mediator_places(pool, {})
    return own + sum(places[m] for m in qualified)


def _chains_stop(
    bar: Bar, cancelled: Callable[[], bool] | None, end: int = CHAINED
) -> Callable[[float], bool]:
    """What the chains ask every few units, with the share of the gap to the bound they
    have closed (the polish: of the children looked at): whether the officer stopped the
    run. The bar moves on by that share toward ``end`` (it may stop short: the bound can be
    above what any plan places)."""
    bar.stage(end)

    def stop(share: float) -> bool:
        bar.drift(share)
        return cancelled is not None and cancelled()

    return stop


def _better(
    units: list[Unit],
    sizes: list[int],
    first: dict[int, int],
    second: dict[int, int],
    steps: np.ndarray,
) -> bool:
    """Whether plan ``first`` places more children than ``second``, or as many and scores more."""
    one = (sum(sizes[u] for u in first), round(_score(units, sizes, first, steps), 6))
    two = (sum(sizes[u] for u in second), round(_score(units, sizes, second, steps), 6))
    return one > two


def make_units(
    pool: MatchingPool,
    children: list[PoolChild],
    found: dict[int, ChildCandidates],
    residual: np.ndarray,
) -> list[Unit]:
    """Siblings waiting together become one unit when some guardian can take them all."""
    here = {c.id for c in children}
    seen: set[int] = set()
    units: list[Unit] = []
    for child in children:
        if child.id in seen:
            continue
        group, stack = [], [child.id]
        while stack:
            cid = stack.pop()
            if cid in seen:
                continue
            seen.add(cid)
            group.append(cid)
            stack.extend(s for s in pool.children[cid].sibling_ids if s in here)
        group.sort(key=lambda cid: pool.children[cid].case_number)
        together = _together(group, found, residual) if len(group) > 1 else None
        if together is not None:
            units.append(together)
        else:
            units.extend(_single(found[cid]) for cid in group)
    return units


def _single(c: ChildCandidates) -> Unit:
    return Unit((c.child_id,), c.guardians, c.scores, (c.mediated,))


def _together(
    group: list[int], found: dict[int, ChildCandidates], residual: np.ndarray
) -> Unit | None:
    common = found[group[0]].guardians
    for cid in group[1:]:
        common = np.intersect1d(common, found[cid].guardians, assume_unique=True)
    common = common[residual[common] >= len(group)]
    if not len(common):
        return None
    total = np.zeros(len(common))
    mediated = []
    for cid in group:
        c = found[cid]
        at = np.searchsorted(c.guardians, common)
        total += c.scores[at]
        mediated.append(c.mediated[at])
    return Unit(tuple(group), common, total / len(group), tuple(mediated))


def _whole_units(sizes: list[int], arcs: Arcs, flows: np.ndarray) -> tuple[dict[int, int], bool]:
    """unit -> guardian for units placed whole on one guardian; whether any was split."""
    taken: dict[int, list[int]] = {}
    for arc in np.flatnonzero(flows):
        taken.setdefault(int(arcs.units[arc]), []).append(int(arc))
    chosen = {
        u: int(arcs.people[found[0]])
        for u, found in taken.items()
        if len(found) == 1 and flows[found[0]] == sizes[u]
    }
    return chosen, len(chosen) < len(taken)


def load_steps(index: CandidateIndex) -> np.ndarray:
    """Per guardian position: the load points each extra child of the plan costs.

    The load part is ``weight * (1 - caseload / capacity)`` for the first child the plan
    gives a guardian; the k-th sees ``k - 1`` more children already there, so it is worth
    ``(k - 1) * weight / capacity`` less: a convex cost per extra child (issue 15).
    """
    pool = index.pool
    weight = pool.weights["load"]
    return np.array(
        [
            weight / capacity if (capacity := pool.capacity(pool.guardians[gid])) > 0 else 0.0
            for gid in index.guardian_ids
        ]
    )


def _load_penalty(steps: np.ndarray, counts: np.ndarray) -> float:
    """The load points a plan's own children cost: ``step * n (n - 1) / 2`` per guardian."""
    return float(steps @ (counts * (counts - 1) / 2))


def _score(units: list[Unit], sizes: list[int], chosen: dict[int, int], steps: np.ndarray) -> float:
    total = 0.0
    counts = np.zeros(len(steps))
    for u, position in chosen.items():
        unit = units[u]
        total += float(unit.scores[np.searchsorted(unit.guardians, position)]) * sizes[u]
        counts[position] += sizes[u]
    return total - _load_penalty(steps, counts)


def _plan(
    pool: MatchingPool,
    index: CandidateIndex,
    units: list[Unit],
    chosen: dict[int, int],
    booked: dict[int, int],
    found: dict[int, ChildCandidates],
    upper_bound: int,
    waiting: int,
    residual: np.ndarray,
    written: Callable[[float], None] | None = None,
) -> BulkPlan:
    """The plan's proposals, and the reasons of the children it leaves out; ``written``
    is told the share of the children written now and then."""
    proposals: list[BulkProposal] = []
    unmatched: list[Unmatched] = []
    unserved = {u for u, _position in unserved_pairs(units, chosen, booked, index)}
    free = residual.copy()
    for u, at in chosen.items():
        if u not in unserved:
            free[at] -= len(units[u].members)
    kinds: dict[frozenset[str], int] = {}
    speech = np.array(
        [
            kinds.setdefault(frozenset(pool.guardian_speech[gid]), len(kinds))
            for gid in index.guardian_ids
        ],
        dtype=np.int64,
    )
    left = Left(free, mediator_places(pool, booked), speech)
    total = sum(len(unit.members) for unit in units)
    for u, unit in enumerate(units):
        position = chosen.get(u)
        for cid in unit.members:
            if written is not None and (len(proposals) + len(unmatched)) % PLAN_REPORTS == 0:
                written((len(proposals) + len(unmatched)) / max(1, total))
            child = pool.children[cid]
            if position is None or u in unserved:  # unserved: never half a unit
                why = _reasons(pool, index, unit, found[cid], left)
                unmatched.append(Unmatched(cid, child.case_number, child.name, why))
                continue
            guardian = pool.guardians[index.guardian_ids[position]]
            match = ChildMatch(pool, child)
            mediator = booked.get(cid)
            planned = int(residual[position] - free[position])
            if mediator is None:
                made = proposal(match, guardian, planned=planned)
            else:
                # The language the booked mediator bridges to, not the best of any mediator.
                target = mediators.target(pool, mediator, guardian.id)
                made = proposal(match, guardian, (mediator, target), planned)
            others = tuple(pool.children[s].case_number for s in unit.members if s != cid)
            proposals.append(BulkProposal(cid, child.case_number, child.name, made, others))
    proposals.sort(key=lambda p: p.case_number)
    unmatched.sort(key=lambda p: p.case_number)
    return BulkPlan(
        proposals=tuple(proposals),
        unmatched=tuple(unmatched),
        waiting=waiting,
        total_score=round(sum(p.proposal.score for p in proposals), 2),
        upper_bound=upper_bound,
        score_bound=0.0,
        proven_optimal=True,
        method="",
        candidate_pairs=0,
        arcs=0,
    )


@dataclass(frozen=True)
class Left:
    """What a plan leaves free: guardian places (by position) and mediator places (by id)."""

    guardians: np.ndarray
    mediators: dict[int, int]
    speech: np.ndarray  # per guardian position: which set of languages they speak (an id)
    # What ``_booked_out_pair`` found, by what it depends on: the child's mediator profile
    # (who qualifies, the languages spoken), own mediators and facility, and the guardian
    # (children of one profile at one facility share it: 4,983 left out at cap 5).
    pairs: dict[tuple[int, frozenset[int], int | None, int], str | None] = field(
        default_factory=dict
    )
    times: dict[tuple[int, frozenset[int]], dict[str, int]] = field(default_factory=dict)
    sources: dict[tuple[int, str], str | None] = field(default_factory=dict)  # by profile


CLOSEST = 3  # candidates named in an unmatched child's reasons
FULL = N_("full with other children in this plan")


def _reasons(
    pool: MatchingPool, index: CandidateIndex, unit: Unit, found: ChildCandidates, left: Left
) -> tuple[str, ...]:
    """Why a child is left out: the resource that binds (guardian places, mediator places
    for a language pair, room for the siblings together), and the closest candidates by
    score with what each lacks."""
    if not len(found.guardians):
        seen = suggest(pool, found.child_id, limit=0, excluded_limit=CLOSEST)
        closest = tuple(
            # TRANSLATORS: a guardian who came closest; {reasons} says why they cannot be proposed.
            _("closest: {code} {name}: {reasons}").format(
                code=e.code, name=e.name, reasons=", ".join(e.reasons)
            )
            for e in seen.excluded
        )
        excluded = seen.excluded_total
        return (
            ngettext(
                "no guardian is eligible ({count} excluded)",
                "no guardian is eligible ({count} excluded)",
                excluded,
            ).format(count=number_text(excluded)),
            *closest,
        )
    size = len(unit.members)
    if size > 1:
        guardians, scores = unit.guardians, unit.scores
        mediated = np.zeros(len(guardians), dtype=bool)
        for m in unit.mediated:
            mediated |= m
    else:
        guardians, scores, mediated = found.guardians, found.scores, found.mediated
    order = np.lexsort((guardians, -scores))
    room = left.guardians[guardians[order]] >= size
    full = int((~room).sum())
    # The language pair a guardian lacks a mediator for, once per set of languages the
    # guardians speak (thousands of candidates each, thousands of children left out).
    with_room = order[room & mediated[order]]
    kinds = left.speech[guardians[with_room]]
    pair_of: dict[int, str | None] = {}
    pairs: list[str] = []
    for j in np.sort(np.unique(kinds, return_index=True)[1]).tolist():
        gid = index.guardian_ids[int(guardians[with_room[j]])]
        pair = pair_of[int(kinds[j])] = _booked_out_pair(pool, index, unit, gid, left)
        if pair is not None and pair not in pairs:
            pairs.append(pair)
    lacking: list[tuple[int, str]] = []  # (candidate index, what they lack), by score
    for k in order[:CLOSEST].tolist():
        position = int(guardians[k])
        if left.guardians[position] < size:
            lacking.append((k, _(FULL)))
            continue
        pair = pair_of.get(int(left.speech[position])) if mediated[k] else None
        if pair is not None:
            # TRANSLATORS: {pair} is like "Dari–Albanian".
            lacking.append(
                (k, _("needs a {pair} mediator; none has a place left").format(pair=pair))
            )
            continue
        # TRANSLATORS: the plan's solver stopped at its time limit before placing the child.
        lacking.append((k, _("not reached within the solver's time limit")))
    count = len(order)
    lines: list[str] = []
    if size > 1:
        others = list_text(pool.children[c].case_number for c in unit.members)
        if pairs:
            lines.append(
                # TRANSLATORS: {siblings} lists case numbers; {pairs} language pairs
                # ("Dari–Albanian").
                ngettext(
                    "kept together with siblings ({siblings}): the {count} guardian eligible "
                    "for all of them has no room for them all or needs a {pairs} mediator, "
                    "and none has a place left",
                    "kept together with siblings ({siblings}): the {count} guardians eligible "
                    "for all of them have no room for them all or need a {pairs} mediator, "
                    "and none has a place left",
                    count,
                ).format(
                    siblings=others, count=number_text(count), pairs=list_text(pairs, style="or")
                )
            )
        else:
            lines.append(
                # TRANSLATORS: {siblings} lists case numbers.
                ngettext(
                    "kept together with siblings ({siblings}): the {count} guardian "
                    "eligible for all of them is full with other children in this plan",
                    "kept together with siblings ({siblings}): the {count} guardians "
                    "eligible for all of them are full with other children in this plan",
                    count,
                ).format(siblings=others, count=number_text(count))
            )
    elif full == count:
        lines.append(
            ngettext(
                "the {count} eligible guardian is full with other children in this plan",
                "the {count} eligible guardians are full with other children in this plan",
                count,
            ).format(count=number_text(count))
        )
    else:
        waiting_for = count - full
        lines.append(
            # TRANSLATORS: {pairs} lists language pairs ("Dari–Albanian or Dari–English").
            ngettext(
                "mediator places: {count} eligible guardian has room but needs a {pairs} "
                "mediator, and every one is booked in this plan",
                "mediator places: {count} eligible guardians have room but need a {pairs} "
                "mediator, and every one is booked in this plan",
                waiting_for,
            ).format(count=number_text(waiting_for), pairs=list_text(pairs, style="or"))
        )
        if full:
            lines.append(
                ngettext(
                    "the other {count} eligible guardian is full with other children in this plan",
                    "the other {count} eligible guardians are full with other children in "
                    "this plan",
                    full,
                ).format(count=number_text(full))
            )
    for k, why in lacking[:CLOSEST]:
        guardian = pool.guardians[index.guardian_ids[int(guardians[k])]]
        lines.append(
            # TRANSLATORS: a candidate guardian closest by score; {why} says what they lack.
            _("closest: {code} {name} (score {score}): {why}").format(
                code=guardian.code,
                name=guardian.name,
                score=number_text(float(scores[k]), digits=1),
                why=why,
            )
        )
    return tuple(lines)


def _booked_out_pair(
    pool: MatchingPool, index: CandidateIndex, unit: Unit, guardian_id: int, left: Left
) -> str | None:
    """The language pair ("Dari–Albanian") a member lacks a mediator for with this guardian,
    when every mediator who could bridge it is booked; None when one is still free.

    Read from bit sets, not by scoring mediators pair by pair (thousands of children left
    out on a national office): the guardian's best language a qualifying mediator bridges
    to at a time common to guardian and facility, and the child's best language such a
    mediator speaks."""
    position = index.position[guardian_id]
    k = int(np.searchsorted(unit.guardians, position))
    for m, cid in enumerate(unit.members):
        if len(unit.members) > 1 and not (
            k < len(unit.guardians) and unit.guardians[k] == position and unit.mediated[m][k]
        ):
            continue
        child = pool.children[cid]
        qualified = index.qualified_mediators(child)
        key = (id(qualified), child.mediator_ids, child.facility_id, guardian_id)
        if key not in left.pairs:
            left.pairs[key] = _member_pair(pool, index, child, qualified, guardian_id, left)
        if left.pairs[key] is not None:
            return left.pairs[key]
    return None


def _member_pair(
    pool: MatchingPool,
    index: CandidateIndex,
    child: PoolChild,
    qualified: tuple[int, ...],
    guardian_id: int,
    left: Left,
) -> str | None:
    """``_booked_out_pair`` for one child (``qualified``: its mediator profile's mediators)."""
    own = (id(qualified), child.mediator_ids)
    times = left.times.get(own)
    if times is None:
        times = left.times[own] = free_mediator_times(index, child, left.mediators)
    if index.bridged_target(child, guardian_id, times) is not None:
        return None
    target = index.bridged_target(child, guardian_id)
    if target is None:
        return None
    spoken = working_languages(child.languages)
    key = (id(qualified), target)  # one tuple per profile (spoken languages included)
    if key not in left.sources:
        sources = {
            code
            for mid in qualified
            if target in (speech := pool.mediator_speech[mid])
            for code in speech
            if code in spoken
        }
        left.sources[key] = max(sources, key=lambda c: (spoken[c].rank, c), default=None)
    source = left.sources[key]
    if source is None:
        return None
    # TRANSLATORS: a language pair a mediator bridges, "Dari–Albanian".
    return _("{first}–{second}").format(first=language_name(source), second=language_name(target))
