"""Suggest guardians for one child: every hard rule checked, the eligible ones ranked.

The rules and the score are described in docs/matching.md. Everything here reads the pool
only; saving a choice is ``confirm.confirm_proposal``.
"""

from __future__ import annotations

import heapq

from guardian_desk.domain.enums import proficiency_text
from guardian_desk.domain.errors import NotFoundError
from guardian_desk.domain.languages import language_name
from guardian_desk.i18n import _
from guardian_desk.i18n.formats import list_text
from guardian_desk.matching import scoring
from guardian_desk.matching.child_match import ChildMatch
from guardian_desk.matching.pool import MatchingPool, PoolChild, PoolPerson
from guardian_desk.matching.results import (
    Exclusion,
    GuardianProposal,
    MediatorOption,
    ScorePart,
    Suggestion,
)

ALTERNATIVES = 5  # mediators listed besides the best one


def suggest(
    pool: MatchingPool, child_id: int, *, limit: int = 20, excluded_limit: int | None = 100
) -> Suggestion:
    """The ``limit`` best eligible guardians for a child, and why the others are excluded.

    ``excluded`` lists the closest misses first (fewest reasons), at most ``excluded_limit``
    of them (None: all); ``excluded_total`` counts them all.
    """
    child = pool.children.get(child_id)
    if child is None:
        raise NotFoundError("child", child_id)
    match = ChildMatch(pool, child)
    numbers, excluded = match.scan()
    guardians = pool.guardians
    order = pool.guardian_order
    top = heapq.nsmallest(limit, numbers, key=lambda gid: (-numbers[gid], order[gid]))
    proposals = sorted(
        (proposal(match, guardians[gid]) for gid in top), key=lambda p: (-p.score, p.code)
    )
    excluded.sort(key=lambda item: (item[0], item[1]))
    shown = excluded if excluded_limit is None else excluded[:excluded_limit]
    exclusions = tuple(
        Exclusion(gid, guardians[gid].code, guardians[gid].name, match.reason_texts(gid, faults))
        for _count, _code, gid, faults in shown
    )
    return Suggestion(
        child_id=child.id,
        case_number=child.case_number,
        child_name=child.name,
        languages=child_languages(child),
        proposals=tuple(proposals),
        excluded=exclusions,
        excluded_total=len(excluded),
    )


def child_languages(child: PoolChild) -> str:
    ordered = sorted(child.languages.items(), key=lambda item: (-item[1].rank, item[0]))
    return list_text(
        # TRANSLATORS: a language and how well the child speaks it: "Dari (native)".
        _("{language} ({level})").format(
            language=language_name(code), level=proficiency_text(level)
        )
        for code, level in ordered
    )


def proposal(
    match: ChildMatch,
    guardian: PoolPerson,
    booked: tuple[int, str] | None = None,
    planned: int = 1,
) -> GuardianProposal:
    """A guardian who passed every rule, with labelled score parts and mediators.

    ``booked``: (mediator id, the guardian's language the mediators bridge to), as bulk
    matching decided them; the proposal then names that mediator and no alternatives.
    ``planned``: the children a bulk plan gives this guardian (the load part counts them).
    """
    pool = match.pool
    parts, km = _guardian_parts(match, guardian, planned)
    shared = [code for code in match.from_codes if code in pool.guardian_speech[guardian.id]]
    mediator: MediatorOption | None = None
    alternatives: tuple[MediatorOption, ...] = ()
    if shared:
        language, shared_name = scoring.direct_language_part(pool, match.child, guardian, shared)
    else:
        shared_name = None
        if booked is None:
            options = mediator_options(match, guardian, 1 + ALTERNATIVES)
            mediator, alternatives = options[0], tuple(options[1:])
            target = match.bridged_target(guardian.id) or ""
        else:
            mediator = mediator_option(match, pool.mediators[booked[0]], guardian)
            target = booked[1]
        language = scoring.mediated_language_part(
            pool, language_name(target), guardian.languages[target]
        )
    every = (language, *parts)
    return GuardianProposal(
        guardian_id=guardian.id,
        code=guardian.code,
        name=guardian.name,
        sex=guardian.sex,
        score=scoring.total(every),
        parts=every,
        shared_language=shared_name,
        mediator=mediator,
        alternatives=alternatives,
        caseload=guardian.caseload,
        capacity=pool.capacity(guardian),
        distance_km=km,
    )


def _guardian_parts(
    match: ChildMatch, guardian: PoolPerson, planned: int = 1
) -> tuple[list[ScorePart], float | None]:
    pool, child = match.pool, match.child
    distance, km = scoring.distance_part(pool, guardian, match.facility)
    common = None
    if match.facility is not None:
        common = (pool.guardian_bits[guardian.id] & match.facility_bits).bit_count() * pool.unit
    return [
        distance,
        scoring.availability_part(pool, common, _("within the facility's visiting hours")),
        scoring.load_part(pool, guardian, planned),
        scoring.guardian_continuity(pool, child, guardian.id),
        scoring.preference_part(pool, child.guardian_preference, guardian.sex, "guardian"),
    ], km


def mediator_options(
    match: ChildMatch, guardian: PoolPerson, count: int | None = None
) -> list[MediatorOption]:
    """The ``count`` best free, qualifying mediators for this guardian (None: all), best first."""
    if count is None:
        mids = match.free_mediators(guardian)
    else:
        mids = match.best_mediators(guardian, count)
    options = [mediator_option(match, match.pool.mediators[mid], guardian) for mid in mids]
    options.sort(key=lambda option: (-option.score, option.code))
    return options


def mediator_option(
    match: ChildMatch, mediator: PoolPerson, guardian: PoolPerson
) -> MediatorOption:
    pool, child = match.pool, match.child
    speech = pool.mediator_speech[mediator.id]
    child_link, source = max(
        (scoring.link(child.languages[c], speech[c]), c) for c in match.from_codes if c in speech
    )
    guardian_link, target = max(
        (scoring.link(speech[t], level), t)
        for t, level in pool.guardian_speech[guardian.id].items()
        if t in speech
    )
    bridge = f"{language_name(source)} → {language_name(target)}"
    # TRANSLATORS: {bridge} is like "Dari → English"; the others say how well each speaks
    # ("native", "basic"): the mediator speaks both languages.
    label = _(
        "Language: {bridge} (child {child}, mediator {mediator_source} and {mediator_target}, "
        "guardian {guardian})"
    ).format(
        bridge=bridge,
        child=proficiency_text(child.languages[source]),
        mediator_source=proficiency_text(speech[source]),
        mediator_target=proficiency_text(speech[target]),
        guardian=proficiency_text(guardian.languages[target]),
    )
    common = pool.guardian_bits[guardian.id] & pool.mediator_bits[mediator.id]
    # TRANSLATORS: ends "Availability: 3 h a week …".
    where = _("in common with the guardian")
    if match.facility is not None:
        common &= match.facility_bits
        # TRANSLATORS: ends "Availability: 3 h a week …".
        where = _("in common with the guardian, within the facility's visiting hours")
    fixed = match.mediator_parts.get(mediator.id)
    if fixed is None:  # the same for every guardian
        fixed = (
            scoring.distance_part(pool, mediator, match.facility)[0],
            scoring.load_part(pool, mediator),
            scoring.mediator_continuity(pool, child, mediator.id),
            scoring.preference_part(pool, child.mediator_preference, mediator.sex, "mediator"),
        )
        match.mediator_parts[mediator.id] = fixed
    parts = (
        scoring.part(pool, "language", label, child_link * guardian_link),
        fixed[0],
        scoring.availability_part(pool, common.bit_count() * pool.unit, where),
        *fixed[1:],
    )
    return MediatorOption(
        mediator.id,
        mediator.code,
        mediator.name,
        mediator.sex,
        scoring.total(parts),
        parts,
        bridge,
    )
