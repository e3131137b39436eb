"""An honest upper bound on the children a bulk plan can place, mediator places included.

Each child placed takes one guardian place, and, when they share no language, one mediator
place too. Two relaxations, each a max flow, each never below the true maximum:

* the guardian flow of ``bulk`` (sibling units may split, mediators unlimited);
* a flow with mediator nodes: source -> unit (its size); a unit with a guardian it talks to
  directly -> the child's languages -> every guardian speaking one (their free places) ->
  sink; a unit with a guardian it needs a mediator with -> the child's *mediator profile*
  (the mediators who qualify for the child) -> each of those mediators (their free places)
  -> the languages the mediator speaks -> every guardian speaking one. A mediator the child
  already has takes no place: unit -> that mediator's languages.

Every plan is a flow of the second network (a direct child runs through the language they
share with their guardian, a mediated one through their booked mediator and the language it
bridges to), so its maximum is a bound. It may route a child to a guardian they are not
eligible for (only languages are looked at on the guardians' side, which keeps it small),
which the first bound does not allow. The lower of the two is printed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from ortools.graph.python import max_flow

from guardian_desk.matching import beside
from guardian_desk.matching.candidates import CandidateIndex
from guardian_desk.matching.pool import MatchingPool, working_languages

ARC_SECONDS = 1e-7  # a max flow's time per arc (67 ns measured on 0.85 million arcs)

if TYPE_CHECKING:
    from guardian_desk.matching.units import Unit


def mediator_bound(
    index: CandidateIndex, units: Sequence[Unit], residual: np.ndarray, *, direct: bool = False
) -> int:
    """The most children any plan could place counting mediator places (see the module);
    ``direct``: a unit's direct routes are its own direct arcs to each guardian, not the
    languages it speaks (tighter, one arc per direct candidate pair)."""
    pool = index.pool
    tails: list[int] = []
    heads: list[int] = []
    caps: list[int] = []
    nodes: dict[object, int] = {}

    def node(key: object) -> int:
        found = nodes.get(key)
        if found is None:
            found = nodes[key] = len(nodes)
        return found

    def arc(tail: int, head: int, cap: int) -> None:
        tails.append(tail)
        heads.append(head)
        caps.append(cap)

    source, sink = node("source"), node("sink")
    direct_arcs: list[tuple[int, np.ndarray]] = []
    total = sum(len(u.members) for u in units)
    spoken: set[str] = set()

    def mediated_routes(here: int, child_id: int, cap: int) -> None:
        child = pool.children[child_id]
        qualified = index.qualified_mediators(child)
        profile = ("p", qualified)
        if profile not in nodes:
            for mid in qualified:
                arc(node(profile), node(("m", mid)), total)
        arc(here, node(profile), cap)
        for mid in child.mediator_ids & set(qualified):  # no place taken
            for t in pool.mediator_speech[mid]:
                spoken.add(t)
                arc(here, node(("s", t)), cap)

    for u, unit in enumerate(units):
        if not len(unit.guardians):
            continue
        size = len(unit.members)
        if direct:  # each member on its own: their direct guardians, or a mediator
            room = residual[unit.guardians] >= size
            for k, cid in enumerate(unit.members):
                member = node(("c", cid))
                arc(source, member, 1)
                talks = unit.guardians[room & ~unit.mediated[k]]
                direct_arcs.append((member, talks))
                if (room & unit.mediated[k]).any():
                    mediated_routes(member, cid, 1)
            continue
        here = node(("u", u))
        arc(source, here, size)
        needs = np.zeros(len(unit.guardians), dtype=bool)
        for mediated in unit.mediated:
            needs |= mediated
        if not needs.all():  # some guardian talks with every member directly
            for code in {c for cid in unit.members for c in _working(pool, cid)}:
                spoken.add(code)
                arc(here, node(("s", code)), size)
        if not needs.any():
            continue
        for cid in unit.members:
            mediated_routes(here, cid, size)
    for mid, mediator in pool.mediators.items():
        key = ("m", mid)
        if key not in nodes:
            continue
        free = max(0, pool.capacity(mediator) - mediator.caseload)
        if free <= 0:
            continue
        out = node(("m-out", mid))
        arc(nodes[key], out, min(free, total))
        for t in pool.mediator_speech[mid]:
            spoken.add(t)
            arc(out, node(("s", t)), total)
    for position, gid in enumerate(index.guardian_ids):
        free = int(residual[position])
        if free <= 0:
            continue
        codes = [t for t in pool.guardian_speech[gid] if t in spoken]
        if not codes:
            continue
        here = node(("g", position))
        arc(here, sink, min(free, total))
        for t in codes:
            arc(node(("s", t)), here, total)
    guardian_node = np.full(len(index.guardian_ids), -1, dtype=np.int64)
    for position in range(len(index.guardian_ids)):
        found = nodes.get(("g", position))
        if found is not None:
            guardian_node[position] = found
    for _here, positions in direct_arcs:
        missing = positions[guardian_node[positions] < 0]
        for position in missing.tolist():  # a guardian only direct units reach
            guardian_node[position] = node(("g", position))
            arc(guardian_node[position], sink, min(int(residual[position]), total))
    tail = np.asarray(tails, dtype=np.int64)
    head = np.asarray(heads, dtype=np.int64)
    cap = np.asarray(caps, dtype=np.int64)
    if direct_arcs:
        tail = np.concatenate([tail, *(np.full(len(p), h) for h, p in direct_arcs)])
        head = np.concatenate([head, *(guardian_node[p] for _h, p in direct_arcs)])
        cap = np.concatenate([cap, np.ones(sum(len(p) for _h, p in direct_arcs), np.int64)])
    if not len(tail):
        return 0
    # A large one beside the window, in a run someone watches (OR-Tools holds Python's lock).
    flow = beside.run(_max_flow, (tail, head, cap, source, sink), expected=ARC_SECONDS * len(tail))
    return int(flow)


def _max_flow(tail: np.ndarray, head: np.ndarray, cap: np.ndarray, source: int, sink: int) -> int:
    solver = max_flow.SimpleMaxFlow()
    solver.add_arcs_with_capacity(tail, head, cap)
    status = solver.solve(source, sink)
    if status != solver.OPTIMAL:
        raise RuntimeError(f"max flow ended with status {status}")
    return int(solver.optimal_flow())


def _working(pool: MatchingPool, child_id: int) -> list[str]:
    return list(working_languages(pool.children[child_id].languages))
