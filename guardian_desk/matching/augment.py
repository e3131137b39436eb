"""Place more children by moving others: augmenting paths over guardian and mediator places.

When a plan places fewer children than the bound, a child left out may fit once others
move: a child on a full guardian moves to another guardian (keeping their mediator, or
talking directly), a child holding the last place of a mediator takes another mediator or
a direct guardian. Each move frees one place and may need one more; a breadth-first search
from the child left out, over the places still needed (a guardian's or a mediator's),
finds the shortest chain that ends at a free place, the way augmenting paths grow a
matching. A search that fails marks the places it reached as dead for the rest of the pass
over the children left out (as Hopcroft-Karp's phases do), so failing searches cost one
search between them; passes repeat while one places somebody.

Only children placed alone move (siblings stay with their guardian), and a chain changes
nobody's eligibility: every move is to a candidate guardian of the child, with a mediator
who qualifies for them, bridges to the guardian and shares a time with the guardian and
the facility (``mediators.every_candidate``, checked before a chain is applied). Written
by hand: no library searches this two-resource structure (it is not a flow).
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from guardian_desk.matching import mediators
from guardian_desk.matching.candidates import CandidateIndex
from guardian_desk.matching.plan_booking import free_mediator_times
from guardian_desk.matching.units import Unit

Need = tuple[str, int]  # ("g", guardian position) or ("m", mediator id)
# A move: unit (a single child) to guardian position, with mediator id (None: direct; -1:
# a free one chosen when the chain is applied).
Move = tuple[int, int, int | None]
PICK = -1
PAIRS_KEPT = 50_000  # (child, guardian) pairs whose mediators are kept (about 0.5 GB)


@dataclass
class State:
    """A valid plan and the places it leaves: what the search reads and changes."""

    index: CandidateIndex
    units: list[Unit]
    chosen: dict[int, int]  # unit -> guardian position
    booked: dict[int, int]  # child id -> mediator id (mediated members only)
    free_g: np.ndarray  # guardian position -> places left
    free_m: dict[int, int]  # mediator id -> places left
    on_guardian: dict[int, set[int]] = field(default_factory=dict)  # position -> single units
    holders: dict[int, set[int]] = field(default_factory=dict)  # mediator -> single units
    speaks: dict[int, np.ndarray] = field(default_factory=dict)  # mediator -> guardian mask
    # Every way a child placed could move (a mediator freed or taken too), not only to a
    # direct guardian or keeping its guardian or mediator: slower, tried second.
    every_move: bool = False
    log: list[tuple[str, int, int | None, int | None]] = field(default_factory=list)
    orders: dict[int, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    pairs: dict[tuple[int, int], dict[int, float]] = field(default_factory=dict)
    ranked: dict[tuple[int, int], list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for u, position in self.chosen.items():
            if len(self.units[u].members) == 1:
                self.on_guardian.setdefault(position, set()).add(u)
                mid = self.booked.get(self.units[u].members[0])
                if mid is not None and not self._own(u, mid):
                    self.holders.setdefault(mid, set()).add(u)

    def _own(self, u: int, mid: int) -> bool:
        return mid in self.index.pool.children[self.units[u].members[0]].mediator_ids

    def takes_place(self, u: int, mid: int | None) -> bool:
        return mid is not None and not self._own(u, mid)

    def speaking(self, mid: int) -> np.ndarray:
        """Guardian positions sharing a working language with the mediator."""
        found = self.speaks.get(mid)
        if found is None:
            found = self.speaks[mid] = speaking(self.index, mid)
        return found

    def times(self, u: int, bits: int) -> int:
        """``bits`` narrowed to the child's facility's visiting hours."""
        return _at_facility(self.index, self.units[u].members[0], bits)

    def keeping(self, u: int, mid: int, positions: np.ndarray) -> np.ndarray:
        """Which of ``positions`` the child could go to with mediator ``mid``."""
        return bridges(self.index, self.units[u].members[0], mid, positions, self.speaking(mid))

    def snapshot(self) -> int:
        """A mark to ``restore`` to: changes are logged, not copied."""
        return len(self.log)

    def restore(self, mark: int) -> None:
        """Undo every change since ``mark``, last first."""
        while len(self.log) > mark:
            entry = self.log.pop()
            if entry[0] == "move":
                _kind, u, position, mid = entry
                self._move(u, position, mid)
            elif entry[0] == "reserve":
                _kind, cid, booked, _unused = entry
                assert booked is not None
                del self.booked[cid]
                if booked not in self.index.pool.children[cid].mediator_ids:
                    self.free_m[booked] += 1
            else:
                _kind, u, at, _unused = entry
                assert at is not None
                del self.chosen[u]
                self.free_g[at] += len(self.units[u].members)

    def reserve(self, cid: int, mid: int) -> None:
        """Book ``mid`` for child ``cid`` of a unit being placed (``place_unit``)."""
        self.booked[cid] = mid
        if mid not in self.index.pool.children[cid].mediator_ids:
            self.free_m[mid] = self.free_m.get(mid, 0) - 1
        self.log.append(("reserve", cid, mid, None))

    def place_unit(self, u: int, position: int) -> None:
        """Place unit ``u`` (left out, its mediators reserved) on ``position``."""
        self.chosen[u] = position
        self.free_g[position] -= len(self.units[u].members)
        self.log.append(("place", u, position, None))

    def apply(self, u: int, position: int | None, mid: int | None) -> None:
        """Move single unit ``u`` (placed or not) to ``position`` with ``mid``."""
        cid = self.units[u].members[0]
        self.log.append(("move", u, self.chosen.get(u), self.booked.get(cid)))
        self._move(u, position, mid)

    def ordered(self, u: int) -> tuple[np.ndarray, np.ndarray]:
        """A child's (placed alone) direct and mediated guardians, best first."""
        found = self.orders.get(u)
        if found is None:
            unit = self.units[u]
            order = np.lexsort((unit.guardians, -unit.scores))
            positions, mediated = unit.guardians[order], unit.mediated[0][order]
            found = self.orders[u] = (positions[~mediated], positions[mediated])
        return found

    def pair(self, cid: int, position: int) -> dict[int, float]:
        """The mediators who could serve this child with this guardian (and their scores)."""
        found = self.pairs.get((cid, position))
        if found is None:
            if len(self.pairs) > PAIRS_KEPT:
                self.pairs.clear()
            gid = self.index.guardian_ids[position]
            found = self.pairs[cid, position] = mediators.every_candidate(self.index, cid, gid)
        return found

    def best_first(self, cid: int, position: int) -> list[int]:
        """``pair``'s mediators, best first (ties by id)."""
        found = self.ranked.get((cid, position))
        if found is None:
            scores = self.pair(cid, position)
            if len(self.ranked) > PAIRS_KEPT:
                self.ranked.clear()
            found = self.ranked[cid, position] = sorted(scores, key=lambda m: (-scores[m], m))
        return found

    def _move(self, u: int, position: int | None, mid: int | None) -> None:
        cid = self.units[u].members[0]
        old = self.chosen.get(u)
        old_mid = self.booked.get(cid)
        if old is not None:
            self.free_g[old] += 1
            self.on_guardian[old].discard(u)
            del self.chosen[u]
        if old_mid is not None:
            if self.takes_place(u, old_mid):
                self.free_m[old_mid] += 1
                self.holders[old_mid].discard(u)
            del self.booked[cid]
        if position is None:
            return
        self.free_g[position] -= 1
        self.chosen[u] = position
        self.on_guardian.setdefault(position, set()).add(u)
        if mid is not None:
            self.booked[cid] = mid
            if self.takes_place(u, mid):
                self.free_m[mid] = self.free_m.get(mid, 0) - 1
                self.holders.setdefault(mid, set()).add(u)


def augment(
    state: State,
    left: list[int],
    seconds: float,
    wanted: int,
    stop: Callable[[float], bool] | None = None,
    *,
    stall: float | None = None,
) -> int:
    """Place as many of the units ``left`` as chains allow, at most ``wanted`` children
    more, within ``seconds``, ending sooner when ``stall`` seconds pass without a child
    placed (counted again when the search turns to every move), or when ``stop`` says so
    (asked every few units with the share of ``wanted`` placed); returns how many more
    were placed (``state`` is changed, and valid).

    Siblings go first, the largest groups first: they need a guardian with room for them
    all, which children placed alone may then fill around them (after the chains), where
    siblings coming last must move children out, who then need chains of their own
    (17,781 waiting at cap 5: the plan reached the same count in 24 s instead of 200 s)."""
    began = time.perf_counter()
    limit = began + seconds

    def fresh_deadline() -> float:
        return limit if stall is None else min(limit, time.perf_counter() + stall)

    deadline = fresh_deadline()
    placed = 0
    dead: set[Need] = set()
    waiting = sorted(left, key=lambda u: -len(state.units[u].members))  # the largest first
    progress = True
    while placed < wanted and time.perf_counter() < deadline:
        if not progress:
            if state.every_move:
                break
            state.every_move = True  # the quick moves are exhausted: every move now
            deadline = fresh_deadline()
        dead.clear()  # a new pass: what was dead may lead somewhere after the last one's moves
        progress = False
        still: list[int] = []
        for n, u in enumerate(waiting):
            if n % 25 == 0 and stop is not None and stop(placed / max(1, wanted)):
                deadline = limit = 0.0  # the officer stopped the run: end as soon as may be
            if placed >= wanted or time.perf_counter() > deadline:
                still.append(u)
                continue
            size = len(state.units[u].members)
            if size > 1:
                displaced = _place_unit(state, u, dead, deadline)
                done = displaced is not None
            else:
                chain = _search(state, u, dead, deadline)
                done, displaced = chain is not None and _commit(state, chain), []
            state.log.clear()  # nothing to undo once a unit is done with
            if done:
                assert displaced is not None
                placed += size - len(displaced)
                still.extend(displaced)  # a child moved out for siblings: tried again
                progress = True
                deadline = fresh_deadline()
            else:
                still.append(u)
        waiting = still
    return placed


def _search(state: State, start: int, dead: set[Need], deadline: float) -> list[Move] | None:
    """The shortest chain of moves placing ``start``, first move first; None if none."""
    return _search_from(state, _start_options(state, start), dead, deadline)


def _search_from(
    state: State, roots: list[Option], dead: set[Need], deadline: float
) -> list[Move] | None:
    """The shortest chain from one of ``roots`` (a move, or None: a place to free) to a
    free place, first move first; None if there is none."""
    parent: dict[Need, tuple[Need | None, Move | None]] = {}
    queue: deque[Need] = deque()

    def chain_to(need: Need | None) -> list[Move]:
        moves: list[Move] = []
        while need is not None:
            before, move = parent[need]
            if move is not None:
                moves.append(move)
            need = before
        return moves[::-1]

    def in_chain(need: Need | None, u: int) -> bool:
        while need is not None:
            before, move = parent[need]
            if move is not None and move[0] == u:
                return True
            need = before
        return False

    def offer(need: Need, before: Need | None, move: Move | None) -> None:
        if need not in parent and need not in dead:
            parent[need] = (before, move)
            queue.append(need)

    for done, move, need in roots:
        if done:
            return [move] if move is not None else []
        assert need is not None
        offer(need, None, move)
    steps = 0
    while queue:
        steps += 1
        if steps % 64 == 0 and time.perf_counter() > deadline:
            return None
        need = queue.popleft()
        kind, key = need
        movers = state.on_guardian.get(key, set()) if kind == "g" else state.holders.get(key, set())
        for x in sorted(movers):
            if in_chain(need, x):
                continue
            for done, move, follow in _moves(state, x, need):
                assert move is not None
                if done:
                    return [*chain_to(need), move]
                assert follow is not None
                offer(follow, need, move)
    dead.update(parent)
    return None


# (ends the chain, the move, else the place it needs); a root's move may be None
Option = tuple[bool, Move | None, Need | None]


def _start_options(state: State, u: int) -> list[Option]:
    """How child ``u`` (left out) could be placed: directly, or with a mediator."""
    return _options(state, u, None, None)


def _options(state: State, u: int, skip_g: int | None, skip_m: int | None) -> list[Option]:
    """Where child ``u`` could go other than guardian ``skip_g`` or mediator ``skip_m``
    (the place it frees): directly, with a free mediator, or with one whose place is
    taken; each option ends a chain or needs one more place."""
    unit = state.units[u]
    direct, room = state.ordered(u)
    if skip_g is not None:
        direct, room = direct[direct != skip_g], room[room != skip_g]
    options: list[Option] = []
    for position in direct.tolist():
        if state.free_g[position] > 0:
            return [(True, (u, position, None), None)]
        options.append((False, (u, position, None), ("g", position)))
    if not len(room):
        return options
    index = state.index
    pool = index.pool
    child = pool.children[unit.members[0]]
    own = child.mediator_ids
    has_room = state.free_g[room] > 0
    with_room = room[has_room]
    full = room[~has_room]
    # Per language: the times of the free mediators speaking it, and of the guardians with
    # room speaking it (one bitwise OR each, instead of a test per pair).
    free_times = _free_times(state, u, skip_m)
    busy = [
        mid
        for mid in index.qualified_mediators(child)
        if mid != skip_m and mid not in own and state.free_m.get(mid, 0) <= 0
    ]
    reached = np.zeros(len(full), dtype=bool)
    for code, times in free_times.items():
        values = index.language_value.get(code)
        if values is None or not times:
            continue
        hit = (index.starts[with_room] & index.words_of(times)).any(axis=1)
        if (hit & (values[with_room] > 0)).any():
            return [(True, (u, PICK, PICK), None)]
        reached |= (index.starts[full] & index.words_of(times)).any(axis=1) & (values[full] > 0)
    for position in full[reached].tolist():  # a full guardian a free mediator bridges to
        options.append((False, (u, position, PICK), ("g", position)))
    if busy and len(with_room):
        codes = {code for mid in busy for code in pool.mediator_values[mid]}
        room_times = _times_by_language(state, with_room, codes)
        for mid in busy:  # a guardian with room, the mediator's place taken
            starts = state.times(u, pool.mediator_starts[mid])
            if any(starts & room_times.get(code, 0) for code in pool.mediator_values[mid]):
                options.append((False, (u, PICK, mid), ("m", mid)))
    return options


def _times_by_language(state: State, positions: np.ndarray, codes: set[str]) -> dict[str, int]:
    """For each of ``codes``: the union of the start times of these guardians speaking it."""
    index = state.index
    found: dict[str, int] = {}
    for code in codes:
        values = index.language_value.get(code)
        if values is None:
            continue
        speakers = positions[values[positions] > 0]
        if not len(speakers):
            continue
        words = np.bitwise_or.reduce(index.starts[speakers], axis=0)
        found[code] = sum(int(w) << (64 * i) for i, w in enumerate(words.tolist()))
    return found


QUICK_OPTIONS = 8  # guardians a child may move to that need a place, per kind of move


def _moves(state: State, x: int, need: Need) -> list[Option]:
    """Ways child ``x`` frees the place ``need`` names (the guardian it is on, or the
    mediator it holds): each ends a chain or needs one more place. A move that ends the
    chain is looked for first; before ``every_move``, few moves per kind are offered."""
    unit = state.units[x]
    here = state.chosen[x]
    cid = unit.members[0]
    mid = state.booked.get(cid)
    kind, key = need
    cap = None if state.every_move else QUICK_OPTIONS
    direct = state.ordered(x)[0]
    if kind == "g":
        direct = direct[direct != here]
    room = state.free_g[direct] > 0
    if room.any():
        return [(True, (x, int(direct[np.argmax(room)]), None), None)]
    kept = np.zeros(0, dtype=np.int64)
    if kind == "g" and mid is not None:  # keep the mediator, another guardian
        positions = state.ordered(x)[1]
        positions = positions[positions != here]
        kept = positions[state.keeping(x, mid, positions)]
        room = state.free_g[kept] > 0
        if room.any():
            return [(True, (x, int(kept[np.argmax(room)]), mid), None)]
    others: list[int] = []
    if kind == "m":  # keep the guardian, another mediator
        own = state.index.pool.children[cid].mediator_ids
        free_m = state.free_m
        others = [m for m in state.best_first(cid, here) if m != key]
        for other in others:
            if free_m.get(other, 0) > 0 or other in own:
                return [(True, (x, here, other), None)]
    options: list[Option] = [
        (False, (x, position, None), ("g", position)) for position in direct[:cap].tolist()
    ]
    options.extend((False, (x, p, mid), ("g", p)) for p in kept[:cap].tolist())
    options.extend((False, (x, here, m), ("m", m)) for m in others[:cap])
    if not state.every_move:
        return options
    elsewhere = _options(state, x, here if kind == "g" else None, key if kind == "m" else None)
    if kind == "m":  # the same guardian with another mediator is covered above
        elsewhere = [o for o in elsewhere if o[1] is not None and o[1][1] != here]
    for option in elsewhere:
        if option[0]:
            return [option]
    return options + elsewhere


def _commit(state: State, chain: list[Move]) -> bool:
    """Apply a chain, last move first (each frees what the one before it takes); undo it
    and return False if a move turns out not to fit (a place two moves counted on)."""
    saved = state.snapshot()
    own_of = state.index.pool.children
    for u, position, mid in reversed(chain):
        cid = state.units[u].members[0]
        if position == PICK:
            picked = _pick(state, u, mid)
            if picked is None:
                break
            position, mid = picked
        if state.chosen.get(u) != position and state.free_g[position] <= 0:
            break
        if mid is not None:
            found = state.pair(cid, position)
            own = own_of[cid].mediator_ids
            if mid == PICK or mid not in found:
                mid = next(
                    (
                        m
                        for m in sorted(found, key=lambda m: -found[m])
                        if m in own or state.free_m.get(m, 0) > 0 or state.booked.get(cid) == m
                    ),
                    None,
                )
                if mid is None:
                    break
            elif not (mid in own or state.free_m.get(mid, 0) > 0 or state.booked.get(cid) == mid):
                break
        state.apply(u, position, mid)
    else:
        return True
    state.restore(saved)
    return False


def _pick(state: State, u: int, mid: int | None) -> tuple[int, int] | None:
    """The best guardian with room for child ``u`` with mediator ``mid``, or with any free
    mediator (``PICK``): (position, mediator id)."""
    unit = state.units[u]
    positions = state.ordered(u)[1]
    positions = positions[state.free_g[positions] > 0]
    index = state.index
    cid = unit.members[0]
    own = index.pool.children[cid].mediator_ids
    if mid is not None and mid != PICK:
        fits = positions[state.keeping(u, mid, positions)]
        return (int(fits[0]), mid) if len(fits) else None
    # The first guardian (best first) a free mediator bridges to, found on the union of
    # their times per language, then the pair's best free mediator.
    reach = np.zeros(len(positions), dtype=bool)
    for code, times in _free_times(state, u, None).items():
        values = index.language_value.get(code)
        if values is not None and times:
            hit = (index.starts[positions] & index.words_of(times)).any(axis=1)
            reach |= hit & (values[positions] > 0)
    for position in positions[reach].tolist():
        found = state.pair(cid, position)
        free = [m for m in found if m in own or state.free_m.get(m, 0) > 0]
        if free:
            return position, max(free, key=lambda m: (found[m], -m))
    return None


def _free_times(state: State, u: int, skip: int | None) -> dict[str, int]:
    """Per language: the union of the times (at the child's facility) of the mediators
    qualifying for child ``u`` with a place left (or its own), but ``skip``."""
    child = state.index.pool.children[state.units[u].members[0]]
    found = free_mediator_times(state.index, child, state.free_m, skip)
    return {code: state.times(u, times) for code, times in found.items()}


UNIT_GUARDIANS = 16  # siblings: the best guardians with room tried, each with its chains


def _place_unit(state: State, u: int, dead: set[Need], deadline: float) -> list[int] | None:
    """Place siblings left out together on a guardian with room for them all: free
    mediators where there are, a chain freeing one for each member still without, and
    failing that a child placed alone who holds one steps out (while fewer step out than
    the siblings placed). Returns the children stepped out, None if not placed."""
    unit = state.units[u]
    size = len(unit.members)
    index = state.index
    pool = index.pool
    alone = np.array([len(state.on_guardian.get(g, ())) for g in unit.guardians.tolist()])
    viable = state.free_g[unit.guardians] + alone >= size
    for m, cid in enumerate(unit.members):  # a qualifying mediator bridges to the guardian
        bridged = index.bridged(pool.children[cid])[unit.guardians] > 0
        viable &= ~unit.mediated[m] | bridged
    order = np.lexsort((unit.guardians, -unit.scores))
    tried = 0
    for k in order[viable[order]].tolist():
        position = int(unit.guardians[k])
        wanting = [
            (cid, state.pair(cid, position))
            for m, cid in enumerate(unit.members)
            if unit.mediated[m][k]
        ]
        if any(not found for _cid, found in wanting):
            continue
        tried += 1
        if tried > UNIT_GUARDIANS or time.perf_counter() > deadline:
            return None
        saved = state.snapshot()
        displaced: list[int] = []
        while state.free_g[position] < size:  # room: a chain moving one out, or it steps out
            roots: list[Option] = [(False, None, ("g", position))]
            chain = _search_from(state, roots, dead, deadline)
            before = state.free_g[position]
            if chain is not None and _commit(state, chain) and state.free_g[position] > before:
                continue
            here = state.on_guardian.get(position, set())
            if not here or len(displaced) + 1 >= size:
                break
            lowest = min(here, key=lambda x: (_score_now(state, x), x))
            state.apply(lowest, None, None)
            displaced.append(lowest)
        if state.free_g[position] < size:
            state.restore(saved)
            continue
        for cid, found in wanting:
            own = pool.children[cid].mediator_ids
            free = [m for m in found if m in own or state.free_m.get(m, 0) > 0]
            if not free:  # free a place of one of them, then take it
                roots = [(False, None, ("m", m)) for m in found]
                chain = _search_from(state, roots, dead, deadline)
                if chain is None or not _commit(state, chain):
                    holder = _lone_holder(state, found)
                    if holder is None or len(displaced) + 1 >= size:
                        break
                    state.apply(holder, None, None)
                    displaced.append(holder)
                free = [m for m in found if state.free_m.get(m, 0) > 0]
                if not free:
                    break
            state.reserve(cid, max(free, key=lambda m: (found[m], -m)))
        else:
            state.place_unit(u, position)
            return displaced
        state.restore(saved)
    return None


def _lone_holder(state: State, found: dict[int, float]) -> int | None:
    """A child placed alone holding one of these mediators (the lowest scored)."""
    holders = {x for m in found for x in state.holders.get(m, ())}
    if not holders:
        return None
    return min(holders, key=lambda x: (_score_now(state, x), x))


def _score_now(state: State, x: int) -> float:
    """The score of child ``x`` (placed alone) with its guardian now."""
    unit = state.units[x]
    return float(unit.scores[np.searchsorted(unit.guardians, state.chosen[x])])


def speaking(index: CandidateIndex, mid: int) -> np.ndarray:
    """Guardian positions sharing a working language with the mediator."""
    found = np.zeros(len(index.guardian_ids), dtype=bool)
    for code in index.pool.mediator_values[mid]:
        values = index.language_value.get(code)
        if values is not None:
            found |= values > 0
    return found


def bridges(
    index: CandidateIndex, child_id: int, mid: int, positions: np.ndarray, speaks: np.ndarray
) -> np.ndarray:
    """Which of ``positions`` mediator ``mid`` (qualifying for the child) bridges the child
    to: a language in common (``speaks``, from ``speaking``) and a time in common with the
    guardian and the child's facility (``MediatorScores.for_pair``'s rule)."""
    usable = _at_facility(index, child_id, index.pool.mediator_starts[mid])
    if not usable or not len(positions):
        return np.zeros(len(positions), dtype=bool)
    hit = (index.starts[positions] & index.words_of(usable)).any(axis=1)
    return np.asarray(hit & speaks[positions], dtype=bool)


def _at_facility(index: CandidateIndex, child_id: int, bits: int) -> int:
    """``bits`` narrowed to the visiting hours of the child's facility."""
    pool = index.pool
    child = pool.children[child_id]
    if child.facility_id is not None and child.facility_id in pool.facilities:
        bits &= pool.facility_starts[child.facility_id]
    return bits
