"""Keeping a person's language rows in step with an edited list."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from guardian_desk.domain.records import LanguageSkill

L = TypeVar("L")


def merge_languages(
    current: Sequence[Any], wanted: Sequence[LanguageSkill], row_type: type[L]
) -> list[L]:
    """Update rows in place, add the new ones, drop the missing (unchanged rows are not touched)."""
    by_code = {row.code: row for row in current}
    merged: list[L] = []
    for skill in wanted:
        row = by_code.get(skill.code)
        if row is None:
            row = row_type(code=skill.code, proficiency=skill.proficiency)  # type: ignore[call-arg]
        elif row.proficiency != skill.proficiency:
            row.proficiency = skill.proficiency
        merged.append(row)
    return merged
