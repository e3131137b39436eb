"""Ranking: preferences hard or soft, mediators and their alternatives, continuity."""

from __future__ import annotations

from dataclasses import replace

import pytest

from guardian_desk.domain.enums import GenderPreference, Sex
from guardian_desk.domain.records import WeeklyWindow
from guardian_desk.services import settings
from tests.matching.office import FLUENT, NATIVE, Office, speaks


@pytest.fixture
def office(session) -> Office:  # type: ignore[no-untyped-def]
    return Office(session)


def soft_preferences(office: Office) -> None:
    row = settings.get_settings(office.session)
    data = replace(settings.settings_data(row), gender_preference_hard=False)
    settings.update_settings(office.session, data, expected_version=row.version)


def test_soft_preference_keeps_the_guardian_with_a_lower_score(office: Office) -> None:
    place = office.facility()
    woman = office.guardian(languages=speaks(("prs", NATIVE)))
    man = office.guardian(given_name="Arben", sex=Sex.MALE, languages=speaks(("prs", NATIVE)))
    child = office.child(place, guardian_gender_preference=GenderPreference.MALE)
    hard = office.suggest(child)
    assert [p.guardian_id for p in hard.proposals] == [man.id]
    soft_preferences(office)
    found = office.suggest(child)
    assert [p.guardian_id for p in found.proposals] == [man.id, woman.id]
    assert found.excluded == ()
    preference = {p.guardian_id: p.parts[-1] for p in found.proposals}
    assert preference[woman.id].key == "preference"
    assert (preference[woman.id].value, preference[man.id].value) == (0.0, 1.0)
    assert "the child asked for a male guardian; not met" in preference[woman.id].label
    assert found.proposals[0].score - found.proposals[1].score == pytest.approx(10.0)


def test_mediated_proposal_names_the_best_mediator_and_the_alternatives(office: Office) -> None:
    place = office.facility(latitude=41.33, longitude=19.82)
    guardian = office.guardian()
    busy = office.mediator(given_name="Busy", slots=[WeeklyWindow(2, 600, 720)])
    far = office.mediator(given_name="Far", latitude=42.0, longitude=20.0)
    near = office.mediator(given_name="Near", latitude=41.34, longitude=19.83)
    office.mediator(given_name="Suspended", active=False)
    child = office.child(place)
    (proposal,) = office.suggest(child).proposals
    assert proposal.guardian_id == guardian.id
    assert proposal.shared_language is None
    assert proposal.mediator is not None and proposal.mediator.mediator_id == near.id
    assert proposal.mediator.bridge == "Dari → Albanian"
    assert [m.mediator_id for m in proposal.alternatives] == [far.id]
    assert busy.id not in {m.mediator_id for m in proposal.alternatives}
    assert [p.key for p in proposal.mediator.parts] == [
        "language",
        "distance",
        "availability",
        "load",
        "continuity",
        "preference",
    ]
    assert proposal.mediator.score > proposal.alternatives[0].score


def test_a_direct_language_ranks_before_a_mediated_one(office: Office) -> None:
    place = office.facility()
    office.mediator()
    mediated = office.guardian()
    direct = office.guardian(languages=speaks(("sqi", NATIVE), ("prs", FLUENT)))
    found = office.suggest(office.child(place))
    assert [p.guardian_id for p in found.proposals] == [direct.id, mediated.id]
    assert found.proposals[0].shared_language == "Dari"
    assert found.proposals[0].mediator is None


def test_a_siblings_guardian_ranks_first_all_else_equal(office: Office) -> None:
    place = office.facility()
    first = office.guardian(languages=speaks(("prs", NATIVE)))
    second = office.guardian(languages=speaks(("prs", NATIVE)))
    older = office.child(place, given_name="Omid")
    office.appoint(older, second)
    child = office.child(place, sibling_case_numbers=[older.case_number])
    found = office.suggest(child)
    assert found.proposals[0].guardian_id == second.id
    continuity = found.proposals[0].parts[4]
    assert (continuity.key, continuity.value) == ("continuity", 1.0)
    assert older.case_number in continuity.label
    assert first.id in {p.guardian_id for p in found.proposals}


def test_without_a_facility_time_is_not_checked_and_the_parts_say_so(office: Office) -> None:
    guardian = office.guardian(languages=speaks(("prs", NATIVE)), slots=[])
    (proposal,) = office.suggest(office.child(None)).proposals
    assert proposal.guardian_id == guardian.id
    labels = {p.key: p.label for p in proposal.parts}
    assert "the child has no facility" in labels["availability"]
    assert "the child has no facility" in labels["distance"]


def test_score_parts_add_up_and_weights_sum_to_a_hundred(office: Office) -> None:
    place = office.facility(latitude=41.33, longitude=19.82)
    office.guardian(languages=speaks(("prs", NATIVE)), latitude=41.33, longitude=19.9)
    (proposal,) = office.suggest(office.child(place)).proposals
    assert sum(p.weight for p in proposal.parts) == pytest.approx(100)
    assert proposal.score == pytest.approx(sum(p.points for p in proposal.parts))
    assert proposal.distance_km == pytest.approx(6.7, abs=0.1)
    for part in proposal.parts:
        assert part.points == pytest.approx(part.value * part.weight, abs=0.01)


def test_changed_weights_are_used_and_scaled(office: Office) -> None:
    row = settings.get_settings(office.session)
    data = replace(settings.settings_data(row), matching_weights={"language": 70.0})
    settings.update_settings(office.session, data, expected_version=row.version)
    place = office.facility()
    office.guardian(languages=speaks(("prs", NATIVE)))
    (proposal,) = office.suggest(office.child(place)).proposals
    weights = {p.key: p.weight for p in proposal.parts}
    assert weights["language"] == pytest.approx(70 / 135 * 100, abs=0.01)
