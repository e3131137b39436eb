"""Qt's tr() reads the gettext catalogues: plurals, contexts, Qt's own buttons."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from ui.translation import apply_language


@pytest.fixture
def language(qapp: QApplication) -> Iterator[None]:
    yield
    apply_language("en")


def tr(source: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate("Test", source, disambiguation, n)


def test_english_counts_read_right_without_a_catalogue(language: None) -> None:
    apply_language("en")
    assert tr("%n day(s)", "", 1) == "1 day"
    assert tr("%n day(s)", "", 21) == "21 days"


def test_serbian_counts_take_each_of_three_forms(language: None) -> None:
    apply_language("sr")
    forms = {tr("%n working day(s) left", "", n).replace(str(n), "N") for n in (1, 3, 5)}
    assert forms == {"још N радни дан", "још N радна дана", "још N радних дана"}


def test_a_disambiguation_picks_its_own_translation(language: None) -> None:
    apply_language("sq")
    period, recipient = tr("To:", "end of a period"), tr("To:", "recipient of a paper")
    assert period != recipient and "To" not in period + recipient


@pytest.mark.parametrize("language_code", ["sq", "sr", "sr-Latn", "mk"])
def test_qt_standard_buttons_speak_the_language(qtbot, language, language_code: str) -> None:  # type: ignore[no-untyped-def]
    apply_language(language_code)
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok
        | QDialogButtonBox.StandardButton.Cancel
        | QDialogButtonBox.StandardButton.Save
        | QDialogButtonBox.StandardButton.Discard
    )
    qtbot.addWidget(box)
    texts = [button.text().replace("&", "") for button in box.buttons()]
    assert not {"Cancel", "Save", "Discard"} & set(texts), texts  # Albanian says "OK" too
