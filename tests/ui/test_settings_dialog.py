"""The settings dialog: bad values are named at their field and nothing is saved; good ones are."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.domain.records import SettingsData
from guardian_desk.services import audit, settings
from ui.bridge import CoreBridge
from ui.settings_dialog import SettingsDialog, country_choices, time_zone_choices


@pytest.fixture
def bridge(db_url: str) -> Iterator[CoreBridge]:
    core = CoreBridge(db_url, "Test Officer")
    yield core
    core.shutdown()


@pytest.fixture
def dialog(qtbot, bridge: CoreBridge) -> SettingsDialog:  # type: ignore[no-untyped-def]
    opened = SettingsDialog(bridge)
    qtbot.addWidget(opened)
    opened.show()
    qtbot.waitUntil(opened.save_button.isEnabled)
    return opened


def stored(factory: sessionmaker[Session]) -> tuple[SettingsData, int, list[str]]:
    with session_scope(factory) as session:
        row = settings.get_settings(session)
        actions = [e.action for e in audit.history(session, "settings", row.id)]
        return settings.settings_data(row), row.version, actions


def click_save(qtbot, dialog: SettingsDialog) -> None:  # type: ignore[no-untyped-def]
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_stored_settings_are_shown(dialog: SettingsDialog) -> None:
    assert dialog.country.currentText() == "Albania (AL)"
    assert dialog.country_code() == "AL"
    assert dialog.time_zone.currentText() == "Europe/Tirane"
    assert dialog.caseload_cap.value() == 25
    assert dialog.appointment_deadline_days.value() == 15
    assert dialog.visit_interval_days.value() == 30


def test_choices_are_searchable_with_kosovo_and_europe_first(dialog: SettingsDialog) -> None:
    assert ("Kosovo (XK)", "XK") in country_choices()
    zones = time_zone_choices()
    assert zones[0].startswith("Europe/") and "Europe/Tirane" in zones and "Asia/Kabul" in zones
    completer = dialog.country.completer()
    completer.setCompletionPrefix("koso")
    assert completer.currentCompletion() == "Kosovo (XK)"
    completer = dialog.time_zone.completer()
    completer.setCompletionPrefix("skopje")
    assert completer.currentCompletion() == "Europe/Skopje"


def test_bad_values_are_named_at_their_field_and_nothing_is_saved(  # type: ignore[no-untyped-def]
    qtbot, dialog: SettingsDialog, factory
) -> None:
    dialog.organisation_name.setText("Changed, but must not be saved")
    dialog.officer_name.setText("Arta Krasniqi")
    dialog.time_zone.setEditText("Mars/Olympus")
    dialog.caseload_cap.setValue(150)
    click_save(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.errors["time_zone"].isVisible())
    assert dialog.errors["time_zone"].text() == (
        "time_zone: 'Mars/Olympus' is not a time zone name like Europe/Tirane"
    )
    assert dialog.errors["caseload_cap"].isVisible()
    assert dialog.errors["caseload_cap"].text() == "caseload_cap: 150 must be between 1 and 100"
    assert not dialog.errors["country"].isVisible()
    assert dialog.isVisible()  # still open, with what the officer typed
    assert dialog.time_zone.currentText() == "Mars/Olympus"
    data, version, actions = stored(factory)
    assert (data.organisation_name, data.time_zone, data.caseload_cap) == ("", "Europe/Tirane", 25)
    assert (version, actions) == (1, [])
    assert QSettings().value("officer/name") is None


def test_a_good_save_changes_the_row_writes_an_audit_row_and_keeps_the_officer(  # type: ignore[no-untyped-def]
    qtbot, dialog: SettingsDialog, factory
) -> None:
    dialog.organisation_name.setText("Zyra e Kujdestarisë, Prishtinë")
    dialog.organisation_address.setPlainText("Rruga Nënë Tereza 1\n10000 Prishtinë")
    dialog.country.setCurrentIndex(dialog.country.findData("XK"))
    dialog.time_zone.setCurrentText("Europe/Belgrade")
    dialog.caseload_cap.setValue(20)
    dialog.appointment_deadline_days.setValue(8)
    dialog.officer_name.setText("  Arta   Krasniqi ")
    with qtbot.waitSignal(dialog.saved):
        click_save(qtbot, dialog)
    data, version, actions = stored(factory)
    assert data == SettingsData(
        organisation_name="Zyra e Kujdestarisë, Prishtinë",
        organisation_address="Rruga Nënë Tereza 1\n10000 Prishtinë",
        country="XK",
        time_zone="Europe/Belgrade",
        caseload_cap=20,
        appointment_deadline_days=8,
        visit_interval_days=30,
    )
    assert (version, actions) == (2, ["update"])
    with session_scope(factory) as session:
        event = audit.history(session, "settings", 1)[0]
        assert event.actor == "Test Officer"
        assert event.before["country"] == "AL" and event.after["country"] == "XK"
    assert QSettings().value("officer/name") == "Arta Krasniqi"
    assert not dialog.isVisible()


def test_a_change_made_meanwhile_is_reported_and_reloaded(  # type: ignore[no-untyped-def]
    qtbot, dialog: SettingsDialog, factory
) -> None:
    with session_scope(factory, actor="Other Officer") as session:
        other = settings.settings_data(settings.get_settings(session))
        other.visit_interval_days = 14
        settings.update_settings(session, other, expected_version=1)
    dialog.caseload_cap.setValue(22)
    click_save(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.message.isVisible() and dialog.save_button.isEnabled())
    assert "Someone else changed the office settings" in dialog.message.text()
    qtbot.waitUntil(lambda: dialog.visit_interval_days.value() == 14)
    assert dialog.caseload_cap.value() == 25  # the stored value, shown again
    data, version, _ = stored(factory)
    assert (data.caseload_cap, version) == (25, 2)
    with qtbot.waitSignal(dialog.saved):  # saving again now works, on the fresh version
        click_save(qtbot, dialog)


def test_saving_keeps_the_matching_settings_the_dialog_does_not_show(  # type: ignore[no-untyped-def]
    qtbot, bridge, factory
) -> None:
    with session_scope(factory) as session:
        row = settings.get_settings(session)
        data = settings.settings_data(row)
        data.visit_minutes = 90
        data.gender_preference_hard = False
        settings.update_settings(session, data, row.version)
    dialog = SettingsDialog(bridge)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.save_button.isEnabled)
    dialog.organisation_name.setText("Tirana Guardianship Office")
    click_save(qtbot, dialog)
    qtbot.waitUntil(lambda: stored(factory)[0].organisation_name == "Tirana Guardianship Office")
    saved = stored(factory)[0]
    assert (saved.visit_minutes, saved.gender_preference_hard) == (90, False)
