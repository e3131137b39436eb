"""The re-screening interval: 7 to 730 days, kept by the core and edited in the settings dialog."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.domain.errors import ValidationErrors
from guardian_desk.services import settings
from tests.ui.signed import TEST_OFFICER
from ui.bridge import CoreBridge
from ui.settings_dialog import SettingsDialog


def test_the_interval_is_kept_and_checked(session: Session) -> None:
    row = settings.get_settings(session)
    data = settings.settings_data(row)
    assert data.rescreen_after_days == 90  # the default
    for wrong in (6, 731):
        with pytest.raises(ValidationErrors) as refused:
            settings.update_settings(session, replace(data, rescreen_after_days=wrong), row.version)
        assert [e.field for e in refused.value.errors] == ["rescreen_after_days"]
        assert "must be between 7 and 730" in str(refused.value.errors[0])
    for right in (7, 730):
        row = settings.update_settings(
            session, replace(data, rescreen_after_days=right), row.version
        )
        assert settings.get_settings(session).rescreen_after_days == right


@pytest.fixture
def bridge(db_url: str) -> Iterator[CoreBridge]:
    core = CoreBridge(db_url, TEST_OFFICER)
    yield core
    core.shutdown()


def test_the_settings_dialog_edits_the_interval(  # type: ignore[no-untyped-def]
    qtbot, bridge: CoreBridge, factory: sessionmaker[Session]
) -> None:
    dialog = SettingsDialog(bridge)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.save_button.isEnabled)
    assert dialog.rescreen_after_days.value() == 90
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    dialog.rescreen_after_days.setValue(5)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.errors["rescreen_after_days"].isVisible())
    assert "must be between 7 and 730" in dialog.errors["rescreen_after_days"].text()
    dialog.rescreen_after_days.setValue(60)
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    with session_scope(factory) as session:
        assert settings.get_settings(session).rescreen_after_days == 60
