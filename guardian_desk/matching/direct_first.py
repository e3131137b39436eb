"""A second start for the chains when mediator places run out: direct placements first.

Once every mediator place is taken, a plan places (mediator places) + (children placed
with a guardian they talk to directly), so the most children means the most placed
directly. With siblings allowed to part, that most is a max flow (each child to the
guardians they share a language with, each guardian their free places); its minimum cut
marks the *contended* guardians, whose every place a child talking directly needs in
every such flow. A sibling group seated there with a member who needs a mediator costs a
child placed directly, and the chains (``augment``) move only children alone, so a plan
whose groups sit there stays short: on the national office (17,781 waiting, cap 5) the
plan placed 12,798 where 12,818 is possible.

``start`` seats each group where its members talking directly, less the places it takes
on contended guardians, are most (ties: the best score), places children alone with their
direct guardians in what is left (the most, then the best score: a min-cost flow over
kinds of children with the same direct guardians). ``fill`` books the seated groups'
mediators and places children alone who need one by a min-cost flow and one booking; the
chains fill the rest. On the national office: 12,818, the bound. Written by hand on
OR-Tools' flows: the seats are a rule of this problem's structure, not a library's.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from ortools.graph.python import max_flow

from guardian_desk.matching import mediators
from guardian_desk.matching.candidates import CandidateIndex
from guardian_desk.matching.flow import Arcs, assign
from guardian_desk.matching.plan_booking import (
    book_plan,
    mediated_pairs,
    mediator_places,
    unserved_pairs,
)
from guardian_desk.matching.units import Unit

SOURCE, SINK, FIRST = 0, 1, 2  # the flow's nodes: guardians from FIRST, then the classes
PER_UNIT = 32  # ``fill``: each child's best guardians with room a mediator could bridge to


def direct_limit(units: list[Unit], residual: np.ndarray) -> tuple[int, np.ndarray]:
    """The most children any plan places directly (siblings may part), and per guardian
    position whether it is contended (see the module)."""
    groups = [
        unit.guardians[(residual[unit.guardians] >= len(unit.members)) & ~mediated]
        for unit in units
        for mediated in unit.mediated
    ]
    solver, _classes = _flow(groups, residual)
    contended = np.zeros(len(residual), dtype=bool)
    cut = np.asarray(solver.get_source_side_min_cut(), dtype=np.int64)
    on_guardians = cut[(cut >= FIRST) & (cut < FIRST + len(residual))]
    contended[on_guardians - FIRST] = True
    return int(solver.optimal_flow()), contended


def start(
    units: list[Unit],
    residual: np.ndarray,
    contended: np.ndarray,
    steps: np.ndarray | None = None,
) -> dict[int, int]:
    """unit -> guardian position: sibling groups seated, children alone placed directly
    (their mediators are the chains' to book)."""
    free = residual.copy()
    chosen: dict[int, int] = {}
    groups = []
    for u, unit in enumerate(units):
        size = len(unit.members)
        if size == 1 or not len(unit.guardians):
            continue
        direct = len(unit.members) - np.sum(unit.mediated, axis=0)
        net = np.where(residual[unit.guardians] >= size, direct - size * contended[unit.guardians],
                       -size - 1)  # fmt: skip
        if (direct > 0).any():
            groups.append((float(net.max()), u, net))
    for _best, u, net in sorted(groups, key=lambda g: (-g[0], g[1])):
        unit = units[u]
        size = len(unit.members)
        open_ = free[unit.guardians] >= size
        if not open_.any():
            continue
        best = net[open_].max()
        if best < 0:
            continue
        seats = np.flatnonzero(open_ & (net == best))
        k = int(seats[np.argmax(unit.scores[seats])])
        chosen[u] = int(unit.guardians[k])
        free[unit.guardians[k]] -= size
    alone = [u for u, unit in enumerate(units) if len(unit.members) == 1 and len(unit.guardians)]
    talks = [(free[units[u].guardians] >= 1) & ~units[u].mediated[0] for u in alone]
    classes = _Classes(units[u].guardians[t] for u, t in zip(alone, talks, strict=True))
    totals = [np.zeros(len(a)) for a in classes.arrays]
    members: dict[int, list[int]] = {}
    for u, t, key in zip(alone, talks, classes.keys, strict=True):
        if key >= 0:
            members.setdefault(key, []).append(u)
            totals[key] += units[u].scores[t]
    if not members:
        return chosen
    # The most children placed directly, then the best score (each kind's average; the
    # load steps after the siblings' children): a min-cost flow over the kinds.
    arcs = Arcs(
        np.concatenate([np.full(len(a), c, dtype=np.int64) for c, a in enumerate(classes.arrays)]),
        np.concatenate(classes.arrays).astype(np.int64),
        np.concatenate([t / n for t, n in zip(totals, classes.counts, strict=True)]),
    )
    flows = assign(classes.counts, free.tolist(), arcs, steps, taken=residual - free).flows
    sent: dict[int, list[tuple[int, int]]] = {}  # kind -> (guardian position, children)
    for arc in np.flatnonzero(flows):
        sent.setdefault(int(arcs.units[arc]), []).append((int(arcs.people[arc]), int(flows[arc])))
    for kind, places in sent.items():
        chosen.update(_share_out([units[u] for u in members[kind]], members[kind], places))
    return chosen


def _share_out(kind: list[Unit], ids: list[int], places: list[tuple[int, int]]) -> dict[int, int]:
    """A kind's children over the places its flow sent them to, each where they score
    best first (they differ by facility: distance and visiting hours)."""
    positions = np.array([p for p, _n in places], dtype=np.int64)
    left = np.array([n for _p, n in places], dtype=np.int64)
    scores = np.array([u.scores[np.searchsorted(u.guardians, positions)] for u in kind])
    taken: dict[int, int] = {}
    for flat in np.argsort(-scores, axis=None, kind="stable"):
        i, j = divmod(int(flat), len(positions))
        if ids[i] in taken or not left[j]:
            continue
        taken[ids[i]] = int(positions[j])
        left[j] -= 1
        if not left.any():
            break
    return taken


class _Classes:
    """Children with the same direct guardians, counted once: 17,781 children, 256 kinds."""

    def __init__(self, groups: Iterable[np.ndarray]) -> None:
        self.index: dict[bytes, int] = {}
        self.counts: list[int] = []
        self.arrays: list[np.ndarray] = []
        self.keys: list[int] = []  # per group: its class, -1 for none
        for guardians in groups:
            if not len(guardians):
                self.keys.append(-1)
                continue
            key = guardians.tobytes()
            found = self.index.get(key)
            if found is None:
                found = self.index[key] = len(self.counts)
                self.counts.append(0)
                self.arrays.append(guardians)
            self.counts[found] += 1
            self.keys.append(found)


def _flow(
    groups: Iterable[np.ndarray], free: np.ndarray
) -> tuple[max_flow.SimpleMaxFlow, _Classes]:
    classes = _Classes(groups)
    first_class = FIRST + len(free)
    tails = [np.full(len(classes.counts), SOURCE)]
    heads = [first_class + np.arange(len(classes.counts))]
    caps = [np.asarray(classes.counts, dtype=np.int64)]
    for c, guardians in enumerate(classes.arrays):
        tails.append(np.full(len(guardians), first_class + c))
        heads.append(FIRST + guardians)
        caps.append(np.full(len(guardians), classes.counts[c]))
    open_ = np.flatnonzero(free > 0)
    tails.append(np.concatenate([[SOURCE], FIRST + open_]))  # (an empty arc: never no arcs)
    heads.append(np.concatenate([[SINK], np.full(len(open_), SINK)]))
    caps.append(np.concatenate([[0], free[open_]]))
    solver = max_flow.SimpleMaxFlow()
    solver.add_arcs_with_capacity(
        np.concatenate(tails).astype(np.int64),
        np.concatenate(heads).astype(np.int64),
        np.concatenate(caps).astype(np.int64),
    )
    if solver.solve(SOURCE, SINK) != solver.OPTIMAL:
        raise RuntimeError("the direct placements' max flow did not end")
    return solver, classes


def fill(
    index: CandidateIndex,
    units: list[Unit],
    residual: np.ndarray,
    chosen: dict[int, int],
    steps: np.ndarray,
    per_unit: int = PER_UNIT,
) -> tuple[dict[int, int], dict[int, int]]:
    """``start``'s plan with its mediators booked (the siblings' first: a group left
    without one steps out) and children alone placed with a mediator in what is left: a
    min-cost flow over each one's best ``per_unit`` guardians with room that need a
    mediator, then the mediators booked for as many of those pairs as their places allow.
    On the national office the flow and the booking (10 s) fill 5,561 of the 9,235
    mediator places, which the chains filled one child at a time (45 s; now 27 s for the
    rest). Three more rounds, each steered to the mediators with places left, placed 713
    more children in 50 s more: not worth it."""
    pool = index.pool
    chosen = dict(chosen)
    booked = book_plan(index, mediated_pairs(units, chosen, index))
    for u, _position in unserved_pairs(units, chosen, booked, index):
        chosen.pop(u, None)
    members = {cid for u in chosen for cid in units[u].members}
    booked = {cid: mid for cid, mid in booked.items() if cid in members}
    taken = np.zeros(len(residual), dtype=np.int64)
    for u, position in chosen.items():
        taken[position] += len(units[u].members)
    free = residual - taken
    left: list[int] = []
    tails: list[np.ndarray] = []
    heads: list[np.ndarray] = []
    scores: list[np.ndarray] = []
    for u, unit in enumerate(units):
        if u in chosen or len(unit.members) > 1 or not len(unit.guardians):
            continue
        open_ = np.flatnonzero(unit.mediated[0] & (free[unit.guardians] > 0))
        if not len(open_):
            continue
        best = open_[np.argsort(-unit.scores[open_], kind="stable")[:per_unit]]
        tails.append(np.full(len(best), len(left), dtype=np.int64))
        heads.append(unit.guardians[best])
        scores.append(unit.scores[best])
        left.append(u)
    if not left:
        return chosen, booked
    arcs = Arcs(np.concatenate(tails), np.concatenate(heads), np.concatenate(scores))
    flows = assign([1] * len(left), np.maximum(free, 0).tolist(), arcs, steps, taken=taken).flows
    sent = {left[int(arcs.units[a])]: int(arcs.people[a]) for a in np.flatnonzero(flows)}
    pairs = [(units[u].members[0], index.guardian_ids[at]) for u, at in sent.items()]
    served = mediators.book(index, pairs, mediator_places(pool, booked))
    for u, position in sent.items():
        cid = units[u].members[0]
        if cid in served:
            chosen[u] = position
            booked[cid] = served[cid]
    return chosen, booked
