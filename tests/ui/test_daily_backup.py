"""The day's backup runs beside the officer's work: the home page never waits for it."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from guardian_desk.db.migrate import backups_of
from guardian_desk.paths import backup_dir
from tests.ui.offices import office_with_a_facility
from ui import core_calls


def test_home_fills_while_the_backup_runs_then_the_backup_is_there(  # type: ignore[no-untyped-def]
    qtbot, open_window, db_url, monkeypatch: pytest.MonkeyPatch
) -> None:
    office_with_a_facility(db_url)
    stem = Path(db_url.removeprefix("sqlite:///")).stem
    assert backups_of(backup_dir(), stem) == []
    release = threading.Event()
    real = core_calls.daily_backup

    def held(url: str, key: bytes | None) -> str | None:
        assert release.wait(30)  # a slow disk: the backup takes as long as the test says
        return real(url, key)

    monkeypatch.setattr(core_calls, "daily_backup", held)
    window = open_window(db_url, expect="home")
    qtbot.waitUntil(lambda: window.home._summary is not None, timeout=20_000)
    window.show_section("facilities")  # the registry answers while the backup waits
    page = window.registries["facilities"]
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=20_000)
    assert backups_of(backup_dir(), stem) == []
    release.set()
    qtbot.waitUntil(lambda: len(backups_of(backup_dir(), stem)) == 1, timeout=20_000)
    qtbot.waitUntil(lambda: window.backup_label.text() == "Today's backup is saved.")
    assert window.backup_label.isVisible()  # on the status bar, beside the database's name


def test_a_second_start_the_same_day_takes_no_second_backup(qtbot, open_window, db_url) -> None:  # type: ignore[no-untyped-def]
    office_with_a_facility(db_url)
    stem = Path(db_url.removeprefix("sqlite:///")).stem
    first = open_window(db_url, expect="home")
    qtbot.waitUntil(lambda: len(backups_of(backup_dir(), stem)) == 1, timeout=20_000)
    first.close()
    second = open_window(db_url, expect="home")
    qtbot.waitUntil(lambda: second.home._summary is not None, timeout=20_000)
    assert second.bridge is not None and second.bridge.wait(20_000)
    assert len(backups_of(backup_dir(), stem)) == 1


def test_a_failed_backup_is_one_line_on_the_status_bar_and_work_goes_on(  # type: ignore[no-untyped-def]
    qtbot, open_window, db_url, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    office_with_a_facility(db_url)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the backup folder should be")
    monkeypatch.setattr("guardian_desk.paths.backup_dir", lambda: blocked / "backups")
    window = open_window(db_url, expect="home")
    qtbot.waitUntil(
        lambda: window.backup_label.text().startswith("Today's backup could not be written:"),
        timeout=20_000,
    )
    assert window.backup_label.isVisible()  # and it stays
    message = window.backup_label.text()
    assert "Traceback" not in message and "\n" not in message
    window.show_section("facilities")
    page = window.registries["facilities"]
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=20_000)
