"""What a bulk plan tells the officer (issue 15): labels that follow the mediator booked,
reasons that name the binding resource, and the closest candidates by score."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy.orm import Session

from guardian_desk.demo import DemoSizes, load_demo
from guardian_desk.domain.languages import language_name
from guardian_desk.matching import MatchingPool, load_pool
from guardian_desk.matching.bulk import bulk_match
from tests.matching.test_bulk_cases import NATIVE, child, office, person

TODAY = date(2026, 11, 29)


def scarce(pool: MatchingPool) -> MatchingPool:
    """The same office with one free place per mediator."""
    cap = pool.settings.caseload_cap
    return MatchingPool(
        children=pool.children.values(),
        guardians=pool.guardians.values(),
        mediators=[
            replace(m, max_caseload=min(cap, m.caseload + 1)) for m in pool.mediators.values()
        ],
        facilities=pool.facilities.values(),
        settings=pool.settings,
        today=pool.today,
    )


def test_every_mediated_proposal_names_the_language_its_booked_mediator_bridges(
    session: Session,
) -> None:
    load_demo(session, DemoSizes(children=120, guardians=24, mediators=12, facilities=4))
    loaded = load_pool(session, today=TODAY)
    checked = 0
    for pool in (loaded, scarce(loaded)):
        plan = bulk_match(pool)
        for p in plan.proposals:
            mediator = p.proposal.mediator
            if mediator is None:
                continue
            checked += 1
            target = mediator.bridge.split(" → ")[1]
            language = next(part for part in p.proposal.parts if part.key == "language")
            assert f"speaks {target} with the guardian" in language.label
            spoken = {language_name(code) for code in pool.mediator_speech[mediator.mediator_id]}
            guardian = {
                language_name(code) for code in pool.guardian_speech[p.proposal.guardian_id]
            }
            assert target in spoken & guardian
            assert "mediator" in mediator.parts[0].label
    assert checked > 10


def test_an_unmatched_child_is_told_mediator_places_for_the_pair_are_what_is_missing() -> None:
    pool = office(
        [child(1), child(2)],
        [person(1, {"sqi": NATIVE}, room=2)],
        [person(1, {"prs": NATIVE, "sqi": NATIVE}, room=1)],
    )
    plan = bulk_match(pool)
    (left,) = plan.unmatched
    assert left.reasons[0] == (
        "mediator places: 1 eligible guardian has room but needs a Dari–Albanian mediator, "
        "and every one is booked in this plan"
    )
    assert left.reasons[1] == (
        "closest: P-00001 Person 1 (score 57.5): needs a Dari–Albanian mediator; "
        "none has a place left"
    )


def test_the_closest_candidates_come_by_score_not_by_code() -> None:
    # Three guardians with one place each, four children: the last child's reasons list
    # the guardians from the best score down.
    low = person(1, {"prs": NATIVE}, room=1, caseload=9)
    high = person(2, {"prs": NATIVE}, room=1)
    middle = person(3, {"prs": NATIVE}, room=1, caseload=3)
    pool = office([child(1), child(2), child(3), child(4)], [low, high, middle], [])
    plan = bulk_match(pool)
    (left,) = plan.unmatched
    assert left.reasons[0] == ("the 3 eligible guardians are full with other children in this plan")
    codes = [r.split(" ")[1] for r in left.reasons[1:]]
    assert codes == ["P-00002", "P-00003", "P-00001"]


def test_the_load_part_counts_the_children_the_plan_gives_so_close_scores_spread() -> None:
    # Guardian 1 is empty, guardian 2 has one child (capacity 10 each): alike but for the
    # load. Each extra child costs 1.5 load points, so three children go two and one.
    pool = office(
        [child(1), child(2), child(3)],
        [person(1, {"prs": NATIVE}, room=10), person(2, {"prs": NATIVE}, room=9, caseload=1)],
        [],
    )
    plan = bulk_match(pool)
    by_guardian: dict[int, list[str]] = {}
    for p in plan.proposals:
        load = next(part for part in p.proposal.parts if part.key == "load")
        by_guardian.setdefault(p.proposal.guardian_id, []).append(load.label)
    assert sorted(len(v) for v in by_guardian.values()) == [1, 2]
    assert (
        by_guardian[1]
        == ["Load: 0 of 10 now, and this plan gives 2 more children (counted in the load)"] * 2
    )
    assert by_guardian[2] == ["Load: 1 of 10 children"]
    assert plan.proven_optimal
