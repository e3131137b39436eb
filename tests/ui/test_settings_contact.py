"""The office's phone, e-mail and help line in the settings dialog: shown, saved normalised,
and a bad one named at its field with nothing saved."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QFormLayout, QLabel

from tests.ui.signed import TEST_OFFICER
from tests.ui.test_settings_dialog import change_stored, click_save, open_dialog, stored
from ui.bridge import CoreBridge
from ui.settings_dialog import SettingsDialog


@pytest.fixture
def bridge(db_url: str) -> Iterator[CoreBridge]:
    core = CoreBridge(db_url, TEST_OFFICER)
    yield core
    core.shutdown()


@pytest.fixture
def dialog(qtbot, bridge: CoreBridge) -> SettingsDialog:  # type: ignore[no-untyped-def]
    return open_dialog(qtbot, bridge)


def office_labels(dialog: SettingsDialog) -> dict[str, str]:
    """The Office tab's row labels, by the name of the field beside them."""
    page = dialog.tabs.widget(0)
    column = page.layout() if page is not None else None
    first = column.itemAt(0) if column is not None else None
    form = first.layout() if first is not None else None
    assert isinstance(form, QFormLayout)
    labels = {}
    for row in range(form.rowCount()):
        label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        box = field.layout() if field is not None else None
        if label is None or box is None:
            continue
        for name, widget in dialog.fields.items():
            if box.indexOf(widget) >= 0:
                text = label.widget()
                labels[name] = text.text() if isinstance(text, QLabel) else ""
    return labels


def test_the_office_tab_offers_phone_email_and_help_line(dialog: SettingsDialog) -> None:
    assert dialog.tabs.currentIndex() == 0
    for name in ("office_phone", "office_email", "help_line"):
        assert dialog.fields[name].isVisible(), name
    labels = office_labels(dialog)
    assert [labels[n] for n in ("office_phone", "office_email", "help_line")] == [
        "Phone:",
        "Email:",
        "Help line for children:",
    ]
    hints = [label.text() for label in dialog.findChildren(QLabel)]
    assert any(hint.startswith("Printed on the child's card") for hint in hints)


def test_contacts_are_saved_normalised_and_shown_again(  # type: ignore[no-untyped-def]
    qtbot, dialog: SettingsDialog, bridge: CoreBridge, factory
) -> None:
    dialog.office_phone.setText("04 222 3344")
    dialog.office_email.setText(" kujdestaria@tirana.example ")
    dialog.help_line.setText("116 111")
    with qtbot.waitSignal(dialog.saved):
        click_save(qtbot, dialog)
    data, version, actions = stored(factory)
    assert (data.office_phone, data.office_email, data.help_line) == (
        "+35542223344",
        "kujdestaria@tirana.example",
        "116111",
    )
    assert (version, actions) == (2, ["update"])
    again = open_dialog(qtbot, bridge)
    assert again.office_phone.text() == "+35542223344"
    assert again.office_email.text() == "kujdestaria@tirana.example"
    assert again.help_line.text() == "116111"


def test_bad_contacts_are_named_at_their_fields_and_nothing_is_saved(  # type: ignore[no-untyped-def]
    qtbot, dialog: SettingsDialog, factory
) -> None:
    dialog.tabs.setCurrentIndex(2)
    dialog.organisation_name.setText("Not saved")
    dialog.office_phone.setText("12345")
    dialog.office_email.setText("kujdestaria at tirana")
    dialog.help_line.setText("call us")
    click_save(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.errors["office_phone"].isVisible())
    assert dialog.tabs.currentIndex() == 0 and dialog.office_phone.hasFocus()
    assert dialog.errors["office_phone"].text() == (
        "office_phone: '12345' is not a valid phone number (read in AL)"
    )
    assert dialog.errors["office_email"].text() == (
        "office_email: 'kujdestaria at tirana' is not an e-mail address"
    )
    assert dialog.errors["help_line"].text() == (
        "help_line: 'call us' is not a valid phone number or short number (read in AL)"
    )
    assert dialog.isVisible() and dialog.help_line.text() == "call us"
    data, version, actions = stored(factory)
    assert (data.organisation_name, data.office_phone, version, actions) == ("", "", 1, [])


def test_a_local_number_is_read_in_the_chosen_country(  # type: ignore[no-untyped-def]
    qtbot, bridge: CoreBridge, factory
) -> None:
    change_stored(factory, office_email="zyra@prishtina.example")
    dialog = open_dialog(qtbot, bridge)
    assert dialog.office_email.text() == "zyra@prishtina.example"
    dialog.country.setCurrentIndex(dialog.country.findData("XK"))
    dialog.time_zone.setCurrentText("Europe/Belgrade")
    dialog.office_phone.setText("038 200 300")
    dialog.office_email.clear()
    with qtbot.waitSignal(dialog.saved):
        click_save(qtbot, dialog)
    data = stored(factory)[0]
    assert (data.country, data.office_phone, data.office_email) == ("XK", "+38338200300", "")
