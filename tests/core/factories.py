"""Small, valid records for tests; override what a test is about."""

from __future__ import annotations

from datetime import date
from typing import Any

from guardian_desk.domain.enums import Proficiency, Sex
from guardian_desk.domain.records import (
    ChildData,
    FacilityData,
    LanguageSkill,
    StaffData,
    WeeklyWindow,
)


def child(**overrides: Any) -> ChildData:
    values: dict[str, Any] = dict(
        given_name="Ahmad",
        family_name="Rahimi",
        given_name_original="احمد",
        family_name_original="رحیمی",
        sex=Sex.MALE,
        nationality="AF",
        identified_on=date(2026, 10, 1),
        date_of_birth=date(2011, 3, 1),
        dob_estimated=True,
        languages=[LanguageSkill("prs", Proficiency.NATIVE)],
    )
    values.update(overrides)
    return ChildData(**values)


def guardian(**overrides: Any) -> StaffData:
    values: dict[str, Any] = dict(
        given_name="Elira",
        family_name="Hoxha",
        sex=Sex.FEMALE,
        languages=[
            LanguageSkill("sqi", Proficiency.NATIVE),
            LanguageSkill("eng", Proficiency.FLUENT),
        ],
        phone="+355 69 123 4567",
        max_caseload=20,
        vetting_expires_on=date(2030, 1, 1),
    )
    values.update(overrides)
    return StaffData(**values)


def facility(**overrides: Any) -> FacilityData:
    values: dict[str, Any] = dict(
        name="Tirana Reception Centre",
        municipality="Tirana",
        hours=[WeeklyWindow(1, 600, 720), WeeklyWindow(6, 600, 780)],
    )
    values.update(overrides)
    return FacilityData(**values)
