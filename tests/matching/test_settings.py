"""The matching settings: defaults for existing offices, validation at the field."""

from __future__ import annotations

from dataclasses import replace

import pytest

from guardian_desk.domain.errors import ValidationErrors
from guardian_desk.services import settings


def test_defaults_and_round_trip(session) -> None:  # type: ignore[no-untyped-def]
    row = settings.get_settings(session)
    data = settings.settings_data(row)
    assert (data.gender_preference_hard, data.visit_minutes, data.matching_weights) == (
        True,
        60,
        {},
    )
    assert settings.matching_weights(data.matching_weights) == settings.MATCHING_WEIGHT_DEFAULTS
    changed = replace(data, gender_preference_hard=False, visit_minutes=90,
                      matching_weights={"distance": 30})  # fmt: skip
    settings.update_settings(session, changed, expected_version=row.version)
    again = settings.settings_data(settings.get_settings(session))
    assert (again.gender_preference_hard, again.visit_minutes) == (False, 90)
    assert settings.matching_weights(again.matching_weights)["distance"] == 30


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (dict(visit_minutes=5), "visit_minutes: 5 must be between 15 and 480"),
        (dict(matching_weights={"speed": 3}), "matching_weights: 'speed' is not a part"),
        (dict(matching_weights={"load": -1}), "matching_weights.load: -1 must be between"),
        (dict(matching_weights={"load": "a lot"}), "matching_weights.load: 'a lot' is not a"),
        (
            dict(matching_weights=dict.fromkeys(settings.MATCHING_WEIGHT_DEFAULTS, 0)),
            "must give at least one part a weight",
        ),
    ],
)
def test_bad_values_name_the_field(session, change, message) -> None:  # type: ignore[no-untyped-def]
    row = settings.get_settings(session)
    with pytest.raises(ValidationErrors, match=message):
        settings.update_settings(
            session, replace(settings.settings_data(row), **change), expected_version=row.version
        )
