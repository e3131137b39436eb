"""The live result of a screening: for each of the six elements whether it is positive and
exactly which indicators made it so, and the ILO/EC rule's flag in words.

A pure reading of guardian_desk.protection.indicators.assess(): no database, so it follows every
answer the officer changes at once. It flags; it never decides (the officer records the decision).
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from guardian_desk.i18n import current_language, ngettext
from guardian_desk.protection.indicators import (
    ELEMENTS,
    MEANS_ELEMENTS,
    Catalogue,
    ScreeningResult,
    Strength,
    assess,
)
from guardian_desk.protection.words import strength_name
from ui.home_models import attention_color


def element_name(catalogue: Catalogue, element: str) -> str:
    """An element's name in the interface language (the indicator file's), else English."""
    names = catalogue.element_names.get(element, {})
    language = current_language()
    if language == "sr-Latn" and names.get("sr"):
        from guardian_desk.i18n.transliteration import serbian_latin

        return serbian_latin(names["sr"])
    return names.get(language) or names.get("en") or element


class ResultPanel(QScrollArea):
    """What the rule says about the answers given so far; ``show_answers`` recomputes it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.result: ScreeningResult | None = None
        inner = QWidget()
        layout = QVBoxLayout(inner)
        self.heading = QLabel(self.tr("Result"))
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.flag = QLabel(wordWrap=True)
        self.flag.setObjectName("screening_flag")
        self.flag.setTextFormat(Qt.TextFormat.RichText)
        self.flag.setFrameShape(QFrame.Shape.StyledPanel)
        self.flag.setContentsMargins(6, 4, 6, 4)
        self.elements = QLabel(wordWrap=True)
        self.elements.setObjectName("screening_elements")
        self.elements.setTextFormat(Qt.TextFormat.RichText)
        self.elements.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.rule = QLabel(
            self.tr(
                "An element is positive with at least two strong indicators; or one strong and "
                "one medium or weak; or three medium; or two medium and one weak. Only answers "
                "that say the indicator is present count (observed, reported by the child, "
                "reported by others). For a child, recruitment and exploitation are enough: the "
                "means are not required."
            ),
            wordWrap=True,
        )
        self.rule.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        for widget in (self.heading, self.flag, self.elements):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.rule)
        self.setWidget(inner)

    def show_answers(
        self, catalogue: Catalogue, answers: Mapping[str, str], indicator_set: str
    ) -> ScreeningResult:
        """Applies the rule to the answers (by indicator id) and shows what it found."""
        result = assess(catalogue, answers, indicator_set=indicator_set, child=True)
        self.show_result(catalogue, result)
        return result

    def show_result(self, catalogue: Catalogue, result: ScreeningResult) -> None:
        self.result = result
        colour = attention_color(self.palette()).name()
        if result.flagged:
            text = self.tr(
                "The indicators meet the ILO/EC rule for a child: recruitment and exploitation. "
                "This is a flag, not a decision."
            )
            self.flag.setText(f'<b style="color:{colour}">{escape(text)}</b>')
        else:
            missing = []
            if not result.recruitment:
                missing.append(self.tr("no recruitment element is positive"))
            if not result.exploitation:
                missing.append(self.tr("the exploitation element is not positive"))
            text = self.tr(
                "The indicators do not meet the ILO/EC rule for a child ({0}). This is not a "
                "decision either: what the child says later may change it."
            ).format("; ".join(missing))
            self.flag.setText(escape(text))
        language = current_language()
        lines: list[str] = []
        for element in ELEMENTS:
            found = result.elements[element]
            name = escape(element_name(catalogue, element))
            counts = self._counts(found.count(Strength.STRONG), found.count(Strength.MEDIUM),
                                  found.count(Strength.WEAK))  # fmt: skip
            if found.positive:
                state = self.tr("positive")
                line = f'<b style="color:{colour}">✔ {name}: {escape(state)}</b>'
                items = "".join(
                    f"<li>{escape(item.text(language))} "
                    f"<i>({escape(strength_name(item.strength))})</i></li>"
                    for item in found.counted
                )
                line += f'<ul style="margin-top:0">{items}</ul>'
            else:
                state = self.tr("not positive")
                line = f"○ {name}: {escape(state)}"
                if counts:
                    # TRANSLATORS: {0} counts indicators answered as present, e.g. "1 strong".
                    present = self.tr("present: {0}").format(counts)
                    line += f" <small>({escape(present)})</small>"
                if element in MEANS_ELEMENTS:
                    exempt = self.tr("Not required for a child.")
                    line += f"<br><small>{escape(exempt)}</small>"
                line += "<br>"
            lines.append(line)
        self.elements.setText("".join(lines))

    @staticmethod
    def _counts(strong: int, medium: int, weak: int) -> str:
        parts = []
        if strong:
            parts.append(ngettext("{count} strong", "{count} strong", strong).format(count=strong))
        if medium:
            parts.append(ngettext("{count} medium", "{count} medium", medium).format(count=medium))
        if weak:
            parts.append(ngettext("{count} weak", "{count} weak", weak).format(count=weak))
        return ", ".join(parts)

    def flag_text(self) -> str:
        """The flag as plain text (tests, screen readers)."""
        from PySide6.QtGui import QTextDocument

        document = QTextDocument()
        document.setHtml(self.flag.text())
        return document.toPlainText()
