"""Save the proposals of a bulk plan the officer accepted: one check, then the appointments.

The office may have changed since the plan was made (another officer, a suspension), so
every choice is checked again against a fresh snapshot, and the choices together against
caseloads. A choice that breaks a rule now is refused with its reason and the others are
saved; each is saved in its own savepoint, so one refused by the database loses nothing else.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from sqlalchemy.orm import Session

from guardian_desk.domain.errors import GuardianDeskError
from guardian_desk.i18n import _
from guardian_desk.matching import mediators
from guardian_desk.matching.candidates import CandidateIndex
from guardian_desk.matching.confirm import pair_problems
from guardian_desk.matching.loading import load_pool
from guardian_desk.security.roles import Permission, requires
from guardian_desk.services import assignments

BULK_REASON = "bulk matching"


@dataclass(frozen=True)
class BulkChoice:
    child_id: int
    guardian_id: int
    mediator_id: int | None


@dataclass(frozen=True)
class BulkApplied:
    appointed: tuple[str, ...]  # case numbers now under guardianship
    refused: tuple[tuple[str, str], ...]  # (case number, why) left as they were
    assignment_ids: tuple[int, ...] = ()  # the new appointments (guardians and mediators)


def _still_fine(index: CandidateIndex, choice: BulkChoice) -> bool:
    """The quick check (the same rules as ``pair_problems``, on the bulk arrays)."""
    found = index.for_child(index.pool.children[choice.child_id])
    position = index.position.get(choice.guardian_id)
    at = int(np.searchsorted(found.guardians, position)) if position is not None else -1
    if at < 0 or at >= len(found.guardians) or found.guardians[at] != position:
        return False
    if not found.mediated[at]:
        return True  # a mediator who is not needed breaks no matching rule
    if choice.mediator_id is None:
        return False
    return choice.mediator_id in mediators.candidates(index, choice.child_id, choice.guardian_id)


@requires(Permission.EDIT_CASEWORK)
def apply_bulk(
    session: Session,
    choices: Sequence[BulkChoice],
    *,
    starts_on: date,
    reason: str = BULK_REASON,
    progress: Callable[[int, int], None] | None = None,
) -> BulkApplied:
    pool = load_pool(session, today=starts_on)
    index = CandidateIndex(pool)
    guardians = Counter(c.guardian_id for c in choices)
    mediators = Counter(
        c.mediator_id
        for c in choices
        if c.mediator_id is not None and c.mediator_id not in pool.children[c.child_id].mediator_ids
    )
    full_guardians = {
        gid for gid, n in guardians.items()
        if pool.guardians[gid].caseload + n > pool.capacity(pool.guardians[gid])
    }  # fmt: skip
    full_mediators = {
        mid for mid, n in mediators.items()
        if pool.mediators[mid].caseload + n > pool.capacity(pool.mediators[mid])
    }  # fmt: skip
    appointed: list[str] = []
    refused: list[tuple[str, str]] = []
    ids: list[int] = []
    for n, choice in enumerate(choices):
        if progress is not None and n % 20 == 0:
            progress(n, len(choices))
        child = pool.children[choice.child_id]
        if _still_fine(index, choice):
            problems = []
        else:
            problems = pair_problems(pool, choice.child_id, choice.guardian_id, choice.mediator_id)
        if child.guardian_id is not None:
            problems.append(_("the child already has a guardian"))
        if choice.guardian_id in full_guardians:
            code = pool.guardians[choice.guardian_id].code
            problems.append(
                _("guardian {code} has no room for every child chosen for them").format(code=code)
            )
        if choice.mediator_id in full_mediators:
            code = pool.mediators[choice.mediator_id].code
            problems.append(
                _("mediator {code} has no room for every child chosen for them").format(code=code)
            )
        if problems:
            refused.append((child.case_number, "; ".join(problems)))
            continue
        try:
            with session.begin_nested():
                made = [
                    assignments.assign_guardian(
                        session, child.id, choice.guardian_id, starts_on=starts_on, reason=reason
                    )
                ]
                if choice.mediator_id is not None and choice.mediator_id not in child.mediator_ids:
                    made.append(
                        assignments.assign_mediator(
                            session,
                            child.id,
                            choice.mediator_id,
                            starts_on=starts_on,
                            reason=reason,
                        )
                    )
        except GuardianDeskError as exc:
            refused.append((child.case_number, str(exc)))
            continue
        appointed.append(child.case_number)
        ids.extend(a.id for a in made)
    if progress is not None:
        progress(len(choices), len(choices))
    return BulkApplied(tuple(appointed), tuple(refused), tuple(ids))
