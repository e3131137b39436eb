"""Suggest for one child from the database, and save the officer's choice."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from guardian_desk.domain.enums import asked_for_text
from guardian_desk.domain.errors import NotFoundError, RuleViolation
from guardian_desk.i18n import _
from guardian_desk.matching.child_match import ChildMatch, mismatched
from guardian_desk.matching.loading import load_pool
from guardian_desk.matching.pool import MatchingPool
from guardian_desk.matching.results import Suggestion
from guardian_desk.matching.suggest import suggest
from guardian_desk.security.roles import Permission, require, requires
from guardian_desk.services import assignments, audit


@requires(Permission.READ_RECORDS)
def suggest_for_child(
    session: Session,
    child_id: int,
    *,
    today: date | None = None,
    limit: int = 20,
    excluded_limit: int | None = 100,
) -> Suggestion:
    """``suggest`` on a pool of this child (and siblings) and every guardian and mediator."""
    pool = load_pool(session, today=today, child_ids=[child_id])
    return suggest(pool, child_id, limit=limit, excluded_limit=excluded_limit)


def pair_problems(
    pool: MatchingPool, child_id: int, guardian_id: int, mediator_id: int | None
) -> list[str]:
    """The matching rules this choice breaks (those assign_guardian does not check itself)."""
    child = pool.children.get(child_id)
    if child is None:
        raise NotFoundError("child", child_id)
    if guardian_id not in pool.guardians:
        raise NotFoundError("guardian", guardian_id)
    match = ChildMatch(pool, child)
    faults = match.faults(guardian_id)
    problems = list(match.reason_texts(guardian_id, faults))
    if mediator_id is None:
        if guardian_id not in match.direct and not faults.language and match.from_codes:
            problems.append(_("they share no language, and no mediator was chosen"))
        return problems
    mediator = pool.mediators.get(mediator_id)
    if mediator is None:
        raise NotFoundError("mediator", mediator_id)
    if guardian_id in match.direct:
        return problems  # a mediator who is not needed breaks no matching rule
    problems.extend(
        # TRANSLATORS: {code} is a mediator's code, {problem} a rule they break.
        _("mediator {code}: {problem}").format(code=mediator.code, problem=text)
        for text in match.mediator_faults(mediator)
    )
    if match.hard and mismatched(child.mediator_preference, mediator.sex):
        problems.append(asked_for_text(child.mediator_preference, "mediator"))
    options = set(match.free_mediators(pool.guardians[guardian_id]))
    if not match.mediator_faults(mediator) and mediator_id not in options:
        problems.append(
            _(
                "mediator {code} does not bridge the child's and the guardian's "
                "languages at a time when the guardian and the facility are free"
            ).format(code=mediator.code)
        )
    return problems


@requires(Permission.EDIT_CASEWORK)
def confirm_proposal(
    session: Session,
    child_id: int,
    guardian_id: int,
    mediator_id: int | None,
    *,
    starts_on: date,
    reason: str = "",
    decision_ref: str = "",
    override_reason: str = "",
) -> list[int]:
    """Appoint the guardian (and the mediator) the officer chose; returns the assignment ids.

    The matching rules are checked again on ``starts_on``: one broken without a written
    ``override_reason`` raises RuleViolation; with one, an "override_match" audit row keeps
    the broken rules. A mediator the child already has stays and is not appointed twice.
    """
    pool = load_pool(session, today=starts_on, child_ids=[child_id])
    problems = pair_problems(pool, child_id, guardian_id, mediator_id)
    override_reason = override_reason.strip()
    if problems and not override_reason:
        child = pool.children[child_id]
        # TRANSLATORS: {problems} lists the rules broken, separated by semicolons.
        text = _(
            "{name} cannot be appointed guardian of {case_number}: {problems}. "
            "An override needs a written reason."
        )
        raise RuleViolation(
            text.format(
                name=pool.guardians[guardian_id].name,
                case_number=child.case_number,
                problems="; ".join(problems),
            )
        )
    if problems:
        require(session, Permission.OVERRIDE_RULES)
    made = assignments.assign_guardian(
        session,
        child_id,
        guardian_id,
        starts_on=starts_on,
        reason=reason,
        decision_ref=decision_ref,
        override_reason=override_reason,
    )
    ids = [made.id]
    if problems:
        audit.record(
            session,
            assignments.ENTITY,
            made.id,
            "override_match",
            after={"overridden_rules": problems, "override_reason": override_reason},
        )
    if mediator_id is not None and mediator_id not in pool.children[child_id].mediator_ids:
        mediated = assignments.assign_mediator(
            session,
            child_id,
            mediator_id,
            starts_on=starts_on,
            reason=reason,
            decision_ref=decision_ref,
            override_reason=override_reason,
        )
        ids.append(mediated.id)
    return ids
