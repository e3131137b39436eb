"""Pieces of the settings dialog: country and time-zone choices, spin boxes and the matching
weights."""

from __future__ import annotations

from collections.abc import Mapping
from zoneinfo import available_timezones

import pycountry
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from guardian_desk.domain.validation import USER_ASSIGNED_COUNTRIES
from guardian_desk.services.settings import MATCHING_WEIGHT_DEFAULTS
from ui.widgets.field_message import FieldMessage

ZONE_AREAS = {
    "Africa",
    "America",
    "Antarctica",
    "Asia",
    "Atlantic",
    "Australia",
    "Indian",
    "Pacific",
}


def country_choices() -> list[tuple[str, str]]:
    """(label, ISO code) of every country, by its name in the interface language (CLDR);
    Kosovo too, under the code the region uses."""
    from guardian_desk.domain.languages import country_name

    choices = [(country_name(c.alpha_2), c.alpha_2) for c in pycountry.countries]
    choices.append((country_name("XK") or USER_ASSIGNED_COUNTRIES["XK"], "XK"))
    return sorted((f"{name} ({code})", code) for name, code in choices)


def time_zone_choices() -> list[str]:
    """Europe first (where the offices are), then the other regions, then UTC."""
    zones = available_timezones()
    europe = sorted(z for z in zones if z.startswith("Europe/"))
    rest = sorted(z for z in zones if z.split("/")[0] in ZONE_AREAS)
    return [*europe, *rest, "UTC"]


def spin_box(suffix: str) -> QSpinBox:
    """Wide ranges on purpose: the office's rules (guardian_desk) judge, and say why."""
    spin = QSpinBox(minimum=0, maximum=999)
    spin.setSuffix(suffix)
    return spin


def searchable(combo: QComboBox) -> QComboBox:
    """An editable combo whose list filters on any part of what is typed."""
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = QCompleter(combo.model(), combo)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)
    return combo


class MatchingWeights(QGroupBox):
    """The six parts of a matching score, each 0–100, with its default beside it.

    Only the weights that differ from their default are stored (docs/matching.md), and a
    stored weight the spin box cannot show exactly (12.5) is kept while its box is untouched.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("How candidates are ranked"), parent)
        parts = {
            "language": (self.tr("Language:"), self.tr("a language shared with the child")),
            "distance": (self.tr("Distance:"), self.tr("home near the child's facility")),
            "availability": (
                self.tr("Availability:"),
                self.tr("free time in the facility's visiting hours"),
            ),
            "load": (self.tr("Caseload:"), self.tr("room left in the caseload")),
            "continuity": (self.tr("Continuity:"), self.tr("already guardian of a sibling")),
            "preference": (self.tr("Preference:"), self.tr("the child's gender preference met")),
        }
        self._stored: dict[str, float] = {}
        self.spins: dict[str, QSpinBox] = {}
        self.errors: dict[str, FieldMessage] = {}
        grid = QGridLayout(self)
        grid.setColumnStretch(2, 1)
        for row, (key, (label, meaning)) in enumerate(parts.items()):
            spin = QSpinBox(minimum=0, maximum=100)
            spin.setObjectName(f"matching_weights.{key}")
            spin.setValue(round(MATCHING_WEIGHT_DEFAULTS[key]))
            default = QLabel(
                self.tr("default {weight}: {meaning}").format(
                    weight=round(MATCHING_WEIGHT_DEFAULTS[key]), meaning=meaning
                )
            )
            default.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            error = FieldMessage()
            error.setObjectName(f"matching_weights.{key}_error")
            grid.addWidget(QLabel(label), 2 * row, 0)
            grid.addWidget(spin, 2 * row, 1)
            grid.addWidget(default, 2 * row, 2, 1, 2)
            grid.addWidget(error, 2 * row + 1, 1, 1, 3)
            self.spins[key] = spin
            self.errors[key] = error
        last = 2 * len(parts)
        self.note = QLabel(
            self.tr("Weights are relative: they are scaled to add up to 100."), wordWrap=True
        )
        self.note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.restore_button = QPushButton(self.tr("Restore defaults"))
        self.restore_button.clicked.connect(self.restore_defaults)
        self.error = FieldMessage()  # about the weights together (all zero)
        self.error.setObjectName("matching_weights_error")
        grid.addWidget(self.note, last, 0, 1, 3)
        grid.addWidget(self.restore_button, last, 3, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.error, last + 1, 0, 1, 4)

    def set_weights(self, changed: Mapping[str, float]) -> None:
        """Show the office's weights: its changed ones over the defaults."""
        self._stored = {k: float(v) for k, v in changed.items() if k in self.spins}
        for key, spin in self.spins.items():
            spin.setValue(round(self._stored.get(key, MATCHING_WEIGHT_DEFAULTS[key])))

    def changed_weights(self) -> dict[str, float]:
        """The weights to store: only those that differ from their default."""
        weights: dict[str, float] = {}
        for key, spin in self.spins.items():
            value = float(spin.value())
            if key in self._stored and round(self._stored[key]) == spin.value():
                value = self._stored[key]
            if value != MATCHING_WEIGHT_DEFAULTS[key]:
                weights[key] = value
        return weights

    def restore_defaults(self) -> None:
        for key, spin in self.spins.items():
            spin.setValue(round(MATCHING_WEIGHT_DEFAULTS[key]))
        self._stored = {}
