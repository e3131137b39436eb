"""The settings dialog: bad values are named at their field and nothing is saved; good ones are."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.domain.records import SettingsData
from guardian_desk.services import audit, office_texts, settings
from tests.ui.signed import TEST_OFFICER
from ui.bridge import CoreBridge
from ui.settings_dialog import SettingsDialog, country_choices, time_zone_choices


@pytest.fixture
def bridge(db_url: str) -> Iterator[CoreBridge]:
    core = CoreBridge(db_url, TEST_OFFICER)
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
    assert completer is not None
    completer.setCompletionPrefix("koso")
    assert completer.currentCompletion() == "Kosovo (XK)"
    completer = dialog.time_zone.completer()
    assert completer is not None
    completer.setCompletionPrefix("skopje")
    assert completer.currentCompletion() == "Europe/Skopje"


def test_bad_values_are_named_at_their_field_and_nothing_is_saved(  # type: ignore[no-untyped-def]
    qtbot, dialog: SettingsDialog, factory
) -> None:
    dialog.organisation_name.setText("Changed, but must not be saved")
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


def test_a_good_save_changes_the_row_and_writes_an_audit_row_naming_the_account(  # type: ignore[no-untyped-def]
    qtbot, dialog: SettingsDialog, factory
) -> None:
    dialog.organisation_name.setText("Zyra e Kujdestarisë, Prishtinë")
    dialog.organisation_address.setPlainText("Rruga Nënë Tereza 1\n10000 Prishtinë")
    dialog.country.setCurrentIndex(dialog.country.findData("XK"))
    dialog.time_zone.setCurrentText("Europe/Belgrade")
    dialog.caseload_cap.setValue(20)
    dialog.appointment_deadline_days.setValue(8)
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
        assert event.actor == "test-officer"
        assert event.before is not None and event.after is not None
        assert event.before["country"] == "AL" and event.after["country"] == "XK"
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


def open_dialog(qtbot, bridge: CoreBridge) -> SettingsDialog:  # type: ignore[no-untyped-def]
    opened = SettingsDialog(bridge)
    qtbot.addWidget(opened)
    opened.show()
    qtbot.waitUntil(opened.save_button.isEnabled)
    return opened


def change_stored(factory: sessionmaker[Session], **changes: object) -> None:
    with session_scope(factory) as session:
        row = settings.get_settings(session)
        data = replace(settings.settings_data(row), **changes)  # type: ignore[arg-type]
        settings.update_settings(session, data, row.version)


def image_file(path: Path, size: tuple[int, int] = (300, 80)) -> Path:
    """A small picture as an office's logo might be; the format follows the file's suffix."""
    if path.suffix == ".gif":  # Qt reads GIF but does not write it
        Image.new("RGB", size, "red").save(path, "GIF")
        return path
    image = QImage(size[0], size[1], QImage.Format.Format_RGB32)
    image.fill(QColor("#1f4e79"))
    assert image.save(str(path))
    return path


def test_the_visit_policy_matching_and_papers_show_their_stored_values(  # type: ignore[no-untyped-def]
    qtbot, bridge, factory, tmp_path: Path
) -> None:
    change_stored(
        factory,
        visit_interval_days=14,
        first_visit_days=10,
        visit_minutes=90,
        travel_buffer_minutes=45,
        gender_preference_hard=False,
        matching_weights={"language": 50.0, "continuity": 0.0},
    )
    with session_scope(factory) as session:
        office_texts.update_office_texts(
            session,
            [office_texts.OfficeTexts("en", legal_basis="Law No. 1/2020, Art. 5\nDecision")],
            settings.get_settings(session).version,
        )
        logo = image_file(tmp_path / "logo.png").read_bytes()
        settings.set_letterhead_logo(session, logo, settings.get_settings(session).version)
    dialog = open_dialog(qtbot, bridge)
    spins = (dialog.visit_interval_days, dialog.first_visit_days, dialog.visit_minutes)
    assert [spin.value() for spin in spins] == [14, 10, 90]
    assert dialog.travel_buffer_minutes.value() == 45
    assert not dialog.gender_preference_hard.isChecked()
    weights = dialog.matching_weights
    assert {key: spin.value() for key, spin in weights.spins.items()} == {
        "language": 50,
        "distance": 15,
        "availability": 15,
        "load": 15,
        "continuity": 0,
        "preference": 10,
    }
    assert dialog.legal_basis.toPlainText() == "Law No. 1/2020, Art. 5\nDecision"
    picker = dialog.letterhead_logo
    assert not picker.preview.pixmap().isNull()
    assert picker.info.text() == "PNG 300×80, 1 KB"
    assert [dialog.tabs.tabText(i) for i in range(3)] == [
        "Office",
        "Visits and matching",
        "Papers",
    ]


def test_changed_weights_and_visit_policy_are_saved_and_defaults_are_not_stored(  # type: ignore[no-untyped-def]
    qtbot, dialog: SettingsDialog, factory
) -> None:
    dialog.tabs.setCurrentIndex(1)
    dialog.first_visit_days.setValue(5)
    dialog.visit_minutes.setValue(45)
    dialog.travel_buffer_minutes.setValue(15)
    dialog.gender_preference_hard.setChecked(False)
    dialog.matching_weights.spins["distance"].setValue(20)
    dialog.matching_weights.spins["load"].setValue(30)
    dialog.matching_weights.spins["load"].setValue(15)  # back to its default: not stored
    dialog.legal_basis.setPlainText("Law No. 18/2017")
    with qtbot.waitSignal(dialog.saved):
        click_save(qtbot, dialog)
    data, version, actions = stored(factory)
    assert (data.first_visit_days, data.visit_minutes, data.travel_buffer_minutes) == (5, 45, 15)
    assert data.gender_preference_hard is False
    assert data.matching_weights == {"distance": 20.0}
    with session_scope(factory) as session:
        assert office_texts.office_texts(session, "en").legal_basis == "Law No. 18/2017"
    # The settings, then the texts: the logo did not change, no third row.
    assert (version, actions) == (3, ["update", "update"])


def test_restore_defaults_forgets_every_changed_weight(  # type: ignore[no-untyped-def]
    qtbot, bridge, factory
) -> None:
    change_stored(factory, matching_weights={"language": 50.0, "preference": 12.5})
    dialog = open_dialog(qtbot, bridge)
    assert dialog.matching_weights.changed_weights() == {"language": 50.0, "preference": 12.5}
    dialog.tabs.setCurrentIndex(1)
    qtbot.mouseClick(dialog.matching_weights.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.matching_weights.spins["language"].value() == 35
    with qtbot.waitSignal(dialog.saved):
        click_save(qtbot, dialog)
    assert stored(factory)[0].matching_weights == {}


def test_a_weight_the_spin_box_cannot_show_exactly_is_kept(  # type: ignore[no-untyped-def]
    qtbot, bridge, factory
) -> None:
    change_stored(factory, matching_weights={"preference": 12.5})
    dialog = open_dialog(qtbot, bridge)
    dialog.organisation_name.setText("Tirana Guardianship Office")
    with qtbot.waitSignal(dialog.saved):
        click_save(qtbot, dialog)
    assert stored(factory)[0].matching_weights == {"preference": 12.5}


def test_a_bad_value_on_another_tab_brings_that_tab_forward_with_the_message(  # type: ignore[no-untyped-def]
    qtbot, dialog: SettingsDialog, factory
) -> None:
    dialog.visit_minutes.setValue(5)
    for spin in dialog.matching_weights.spins.values():
        spin.setValue(0)
    dialog.tabs.setCurrentIndex(0)
    dialog.organisation_name.setText("Not saved either")
    click_save(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.errors["visit_minutes"].isVisible())
    assert dialog.tabs.currentIndex() == 1
    assert dialog.errors["visit_minutes"].text() == "visit_minutes: 5 must be between 15 and 480"
    assert dialog.visit_minutes.hasFocus()
    assert dialog.isVisible() and dialog.visit_minutes.value() == 5
    # put right, and looked at from the papers tab: the weights' own fault comes next
    dialog.visit_minutes.setValue(60)
    dialog.tabs.setCurrentIndex(2)
    click_save(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.errors["matching_weights"].isVisible())
    assert dialog.tabs.currentIndex() == 1
    assert not dialog.errors["visit_minutes"].isVisible()
    assert "must give at least one part a weight" in dialog.errors["matching_weights"].text()
    data, version, actions = stored(factory)
    assert (data.organisation_name, data.visit_minutes, version, actions) == ("", 60, 1, [])


def test_a_chosen_png_is_shown_and_saved_with_the_settings(  # type: ignore[no-untyped-def]
    qtbot, dialog: SettingsDialog, bridge, factory, tmp_path: Path
) -> None:
    picker = dialog.letterhead_logo
    assert picker.preview.pixmap().isNull()
    assert "No logo" in picker.preview.text()
    logo = image_file(tmp_path / "logo.png")
    picker.choose_file(str(logo))
    qtbot.waitUntil(lambda: not picker.preview.pixmap().isNull())
    assert picker.preview.pixmap().size().toTuple() == (300, 80)
    assert picker.info.text() == "logo.png: PNG 300×80, 1 KB (not saved yet)"
    dialog.organisation_name.setText("Tirana Guardianship Office")
    with qtbot.waitSignal(dialog.saved):
        click_save(qtbot, dialog)
    with session_scope(factory) as session:
        row = settings.get_settings(session)
        assert (row.letterhead_logo, row.organisation_name) == (
            logo.read_bytes(),
            "Tirana Guardianship Office",
        )
        events = audit.history(session, "settings", row.id)
        assert events[-1].after == {"letterhead_logo": "PNG 300×80, 1 KB"}
    assert row.version == 3 and len(events) == 2
    again = open_dialog(qtbot, bridge)
    assert not again.letterhead_logo.preview.pixmap().isNull()
    assert again.letterhead_logo.info.text() == "PNG 300×80, 1 KB"
    qtbot.mouseClick(again.letterhead_logo.remove_button, Qt.MouseButton.LeftButton)
    assert again.letterhead_logo.preview.pixmap().isNull()
    with qtbot.waitSignal(again.saved):
        click_save(qtbot, again)
    with session_scope(factory) as session:
        assert settings.get_settings(session).letterhead_logo is None


def test_a_gif_is_refused_at_the_picker_and_nothing_else_is_lost(  # type: ignore[no-untyped-def]
    qtbot, dialog: SettingsDialog, factory, tmp_path: Path
) -> None:
    dialog.organisation_name.setText("Tirana Guardianship Office")
    dialog.visit_minutes.setValue(90)
    picker = dialog.letterhead_logo
    dialog.tabs.setCurrentIndex(2)
    picker.choose_file(str(image_file(tmp_path / "photo.gif")))
    qtbot.waitUntil(picker.error.isVisible)
    assert picker.error.text() == "letterhead_logo: 'photo.gif, 1 KB' is not a PNG or JPEG image"
    assert picker.preview.pixmap().isNull() and picker.logo() is None
    assert dialog.organisation_name.text() == "Tirana Guardianship Office"
    assert dialog.visit_minutes.value() == 90
    with qtbot.waitSignal(dialog.saved):
        click_save(qtbot, dialog)
    data, _, actions = stored(factory)
    assert (data.organisation_name, data.visit_minutes, actions) == (
        "Tirana Guardianship Office",
        90,
        ["update"],
    )
    with session_scope(factory) as session:
        assert settings.get_settings(session).letterhead_logo is None


def test_the_lock_and_retention_settings_are_kept_and_checked(  # type: ignore[no-untyped-def]
    qtbot, dialog: SettingsDialog, factory
) -> None:
    dialog.idle_lock_minutes.setValue(0)
    click_save(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.errors["idle_lock_minutes"].isVisible())
    assert dialog.errors["idle_lock_minutes"].text() == (
        "idle_lock_minutes: 0 must be between 1 and 240"
    )
    dialog.idle_lock_minutes.setValue(5)
    dialog.retention_years.setValue(7)
    with qtbot.waitSignal(dialog.saved):
        click_save(qtbot, dialog)
    data, _version, _actions = stored(factory)
    assert (data.idle_lock_minutes, data.retention_years) == (5, 7)
