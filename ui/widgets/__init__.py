"""Reusable editing widgets the record forms are built from."""

from ui.widgets.absences import AbsencesEditor
from ui.widgets.conflict_dialog import ConflictDialog
from ui.widgets.field_message import INVALID_STYLE, FieldMessage, mark_invalid
from ui.widgets.language_picker import LanguageSkillsEditor
from ui.widgets.week_grid import WeekGrid

__all__ = [
    "INVALID_STYLE",
    "AbsencesEditor",
    "ConflictDialog",
    "FieldMessage",
    "LanguageSkillsEditor",
    "WeekGrid",
    "mark_invalid",
]
