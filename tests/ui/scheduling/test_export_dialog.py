"""Calendar export from the window: a file read back, names only when asked, a whole folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from icalendar import Calendar
from pytestqt.qtbot import QtBot

from tests.ui.scheduling.conftest import ARABIC_FAMILY, ARABIC_GIVEN, SmallOffice
from ui.bridge import CoreBridge
from ui.scheduling.export_dialog import ExportDialog


def open_dialog(qtbot: QtBot, bridge: CoreBridge) -> ExportDialog:
    dialog = ExportDialog(bridge)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.picker.current() is not None, timeout=20_000)
    return dialog


def summaries(path: Path) -> list[str]:
    calendar = Calendar.from_ical(path.read_bytes())
    return sorted(str(event["SUMMARY"]) for event in calendar.walk("VEVENT"))


def test_one_calendar_names_children_by_case_and_initials(
    qtbot: QtBot, bridge: CoreBridge, office: SmallOffice, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, bridge)
    owner = dialog.picker.current()
    assert owner is not None and (owner.owner, owner.id) == ("guardian", office.elira_id)
    assert not dialog.names.isChecked() and not dialog.warning.isVisible()
    target = tmp_path / owner.file_name
    dialog.export_one(owner, target)
    qtbot.waitUntil(lambda: dialog.written == [target], timeout=20_000)
    assert dialog.run.message.text().startswith(f"Saved {target}")
    found = summaries(target)
    assert found == [
        f"Cancelled: Visit {office.ahmad_case} (A. R.)",
        f"Visit {office.yusuf_case} ({ARABIC_GIVEN[0]}. {ARABIC_FAMILY[0]}.)",
    ]
    assert ARABIC_GIVEN not in target.read_text(encoding="utf-8")


def test_names_only_after_the_warning(
    qtbot: QtBot, bridge: CoreBridge, office: SmallOffice, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, bridge)
    dialog.names.setChecked(True)
    assert dialog.warning.isVisible()
    assert "full names" in dialog.warning.text()
    dialog.reminder.setValue(30)
    owner = dialog.picker.current()
    assert owner is not None
    target = tmp_path / "elira.ics"
    dialog.export_one(owner, target)
    qtbot.waitUntil(lambda: dialog.written == [target], timeout=20_000)
    assert any(ARABIC_GIVEN in s for s in summaries(target))


def test_all_calendars_into_a_folder(
    qtbot: QtBot, bridge: CoreBridge, office: SmallOffice, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, bridge)
    dialog.export_all(tmp_path)
    qtbot.waitUntil(lambda: dialog.written == [tmp_path], timeout=20_000)
    files = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.ics"))
    assert files == [
        "facilities/FAC-0001.ics",
        "guardians/G-00001.ics",
        "guardians/G-00002.ics",
        "mediators/M-00001.ics",
    ]
    assert dialog.run.message.text().startswith("Wrote 4 calendars (2 visits)")


def test_only_visits_from_a_date(
    qtbot: QtBot, bridge: CoreBridge, office: SmallOffice, tmp_path: Path
) -> None:
    from PySide6.QtCore import QDate

    dialog = open_dialog(qtbot, bridge)
    assert not dialog.since.isEnabled()
    dialog.limit.setChecked(True)
    dialog.since.setDate(QDate(2026, 3, 11))  # after the visit of 10 March, the day of the other
    owner = dialog.picker.current()
    assert owner is not None
    target = tmp_path / "from.ics"
    dialog.export_one(owner, target)
    qtbot.waitUntil(lambda: dialog.written == [target], timeout=20_000)
    assert summaries(target) == [f"Cancelled: Visit {office.ahmad_case} (A. R.)"]


def test_names_are_asked_again_before_any_file_dialog(
    qtbot: QtBot, bridge: CoreBridge, office: SmallOffice, monkeypatch: Any
) -> None:
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    asked: list[str] = []

    def warning(*_args: Any, **_kwargs: Any) -> QMessageBox.StandardButton:
        asked.append("names")
        return QMessageBox.StandardButton.No

    def folder(*_args: Any, **_kwargs: Any) -> str:
        asked.append("folder")
        return ""

    monkeypatch.setattr(QMessageBox, "warning", warning)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", folder)
    dialog = open_dialog(qtbot, bridge)
    dialog.names.setChecked(True)
    dialog.all_button.click()
    assert asked == ["names"]  # "No": no folder asked, nothing written
    dialog.names.setChecked(False)
    dialog.all_button.click()
    assert asked == ["names", "folder"]
