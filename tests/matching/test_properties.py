"""Property tests on small random pools: no proposal ever breaks a hard rule, and every
guardian who meets them all is proposed (checked by brute force over minutes)."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from guardian_desk.domain.enums import GenderPreference, Proficiency
from guardian_desk.domain.records import WeeklyWindow
from guardian_desk.matching import (
    MatchingPool,
    MatchSettings,
    PoolChild,
    PoolFacility,
    PoolPerson,
)
from guardian_desk.matching.suggest import suggest

TODAY = date(2026, 10, 5)
CODES = ("prs", "sqi", "eng", "ara")
WORKING = Proficiency.WORKING.rank

languages = st.dictionaries(st.sampled_from(CODES), st.sampled_from(list(Proficiency)), max_size=3)


@st.composite
def window(draw: st.DrawFn) -> WeeklyWindow:
    start = draw(st.integers(8 * 12, 12 * 12)) * 5
    length = draw(st.integers(1, 8 * 12)) * 5
    return WeeklyWindow(draw(st.integers(1, 2)), start, min(start + length, 1440))


some_windows = st.lists(window(), min_size=1, max_size=2, unique_by=lambda w: w.weekday)
windows = st.sampled_from([True] * 7 + [False]).flatmap(
    lambda some: some_windows if some else st.just([])
)
likely = st.sampled_from([True] * 7 + [False])


N, F, W, B = (Proficiency.NATIVE, Proficiency.FLUENT, Proficiency.WORKING, Proficiency.BASIC)
CHILD_TALK = st.one_of(
    st.sampled_from([{"prs": N}, {"prs": F, "ara": W}] * 3 + [{"prs": B}, {}]), languages
)
GUARDIAN_TALK = st.one_of(
    st.sampled_from([{"sqi": N}, {"sqi": N, "eng": F}, {"sqi": N, "prs": B}]), languages
)
MEDIATOR_TALK = st.one_of(
    st.sampled_from([{"prs": N, "sqi": F}, {"prs": W, "eng": W}, {"ara": N, "sqi": B}]),
    languages,
)


@st.composite
def person(
    draw: st.DrawFn, pid: int, talk: st.SearchStrategy[dict[str, Proficiency]], clean: bool
) -> PoolPerson:
    """``clean``: active, vetted and free of cases, so that languages and time decide."""
    return PoolPerson(
        id=pid,
        code=f"P-{pid:05d}",
        name=f"Person {pid}",
        sex=draw(st.sampled_from(["female", "male"])),
        languages=draw(talk),
        slots=tuple(draw(windows)),
        active=clean or draw(likely),
        vetting_expires_on=date(2030, 1, 1)
        if clean
        else draw(st.sampled_from([date(2030, 1, 1)] * 6 + [None, date(2026, 1, 1)])),
        max_caseload=draw(st.integers(1, 3)),
        caseload=0 if clean else draw(st.sampled_from([0] * 5 + [1, 3])),
        latitude=draw(st.sampled_from([None, 41.3, 42.0])),
        longitude=19.8,
    )


@st.composite
def pools(draw: st.DrawFn, clean: bool = False) -> MatchingPool:
    guardians = [
        draw(person(i, GUARDIAN_TALK, clean)) for i in range(1, draw(st.integers(0, 8)) + 1)
    ]
    mediators = [
        draw(person(i, MEDIATOR_TALK, clean)) for i in range(1, draw(st.integers(0, 8)) + 1)
    ]
    facilities = [
        PoolFacility(i, f"F-{i}", f"Facility {i}", tuple(draw(some_windows)), 41.3, 19.8)
        for i in (1, 2)
    ]
    preference = st.sampled_from(list(GenderPreference))
    child = PoolChild(
        id=1,
        case_number="AL-2026-00001",
        name="Child",
        languages=draw(CHILD_TALK),
        guardian_preference=draw(preference),
        mediator_preference=draw(preference),
        facility_id=draw(st.sampled_from([None, 1, 2])),
        mediator_ids=frozenset(draw(st.sets(st.sampled_from([m.id for m in mediators])))
                               if mediators else ()),
    )  # fmt: skip
    return MatchingPool(
        children=[child],
        guardians=guardians,
        mediators=mediators,
        facilities=facilities,
        settings=MatchSettings(
            caseload_cap=draw(st.sampled_from([3, 3, 1])),
            gender_preference_hard=draw(st.booleans()),
            visit_minutes=draw(st.sampled_from([30, 45, 60, 90, 15])),
        ),
        today=TODAY,
    )


# --- the rules again, by brute force -------------------------------------------------------


def minutes(slots: tuple[WeeklyWindow, ...], day: int) -> set[int]:
    return {m for w in slots if w.weekday == day for m in range(w.start_minute, w.end_minute)}


def common_run(length: int, *slot_lists: tuple[WeeklyWindow, ...]) -> bool:
    for day in range(1, 8):
        free = set.intersection(*(minutes(slots, day) for slots in slot_lists))
        run = 0
        for m in range(1441):
            run = run + 1 if m in free else 0
            if run >= length:
                return True
    return False


def working(p: PoolPerson | PoolChild) -> set[str]:
    return {code for code, level in p.languages.items() if level.rank >= WORKING}


def person_ok(pool: MatchingPool, p: PoolPerson, preference: GenderPreference, load: int) -> bool:
    hard = pool.settings.gender_preference_hard
    return (
        p.active
        and p.vetting_expires_on is not None
        and p.vetting_expires_on >= TODAY
        and load < min(p.max_caseload, pool.settings.caseload_cap)
        and not (hard and preference is not GenderPreference.ANY and p.sex != preference.value)
    )


def mediator_ok(pool: MatchingPool, guardian: PoolPerson, m: PoolPerson) -> bool:
    child = pool.children[1]
    load = m.caseload - (m.id in child.mediator_ids)
    if not person_ok(pool, m, child.mediator_preference, load):
        return False
    if not (working(m) & working(child) and working(m) & working(guardian)):
        return False
    places = [guardian.slots, m.slots]
    if child.facility_id is not None:
        places.append(pool.facilities[child.facility_id].hours)
    return common_run(pool.settings.visit_minutes, *places)


def guardian_ok(pool: MatchingPool, g: PoolPerson) -> bool:
    child = pool.children[1]
    if not person_ok(pool, g, child.guardian_preference, g.caseload):
        return False
    if child.facility_id is not None:
        hours = pool.facilities[child.facility_id].hours
        if not common_run(pool.settings.visit_minutes, g.slots, hours):
            return False
    if working(g) & working(child):
        return True
    return any(mediator_ok(pool, g, m) for m in pool.mediators.values())


@settings(max_examples=300, deadline=None)
@given(st.booleans().flatmap(lambda clean: pools(clean)))
def test_no_proposal_breaks_a_hard_rule_and_no_eligible_guardian_is_missed(
    pool: MatchingPool,
) -> None:
    found = suggest(pool, 1, limit=100, excluded_limit=None)
    for proposal in found.proposals:
        guardian = pool.guardians[proposal.guardian_id]
        assert guardian_ok(pool, guardian)
        if working(guardian) & working(pool.children[1]):
            assert proposal.mediator is None and proposal.shared_language is not None
        else:
            assert proposal.mediator is not None
            for option in (proposal.mediator, *proposal.alternatives):
                assert mediator_ok(pool, guardian, pool.mediators[option.mediator_id])
        assert 0 <= proposal.score <= 100
    proposed = {p.guardian_id for p in found.proposals}
    assert proposed == {g.id for g in pool.guardians.values() if guardian_ok(pool, g)}
    assert found.excluded_total == len(pool.guardians) - len(proposed)
    assert all(e.reasons for e in found.excluded)
    scores = [(-p.score, p.code) for p in found.proposals]
    assert scores == sorted(scores)
