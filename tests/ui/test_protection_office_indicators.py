"""The office's own screening indicators in the UI: the settings dialog imports, saves and
removes them; the screening form offers them, and the sexual list once the office loaded one."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.services import children, facilities
from guardian_desk.services.screenings import (
    ScreeningInput,
    office_indicators,
    record_screening,
    set_office_indicators,
)
from tests.core import factories
from tests.ui.signed import TEST_OFFICER
from ui.bridge import CoreBridge
from ui.protection.screening_form import ScreeningForm
from ui.settings_dialog import SettingsDialog

OFFICE = {
    "id": "oi-bus-1",
    "set": "office",
    "element": "coercive_recruitment",
    "strength": "medium",
    "text": {
        "en": "Taken off a bus by a stranger",
        "sq": "I marrë nga autobusi nga një i panjohur",
    },
}
SEXUAL = [
    {"id": "cs-ex-01", "set": "sexual", "element": "exploitation", "strength": "strong",
     "text": {"en": "Sexually exploited"}},
    {"id": "cs-dr-01", "set": "sexual", "element": "deceptive_recruitment", "strength": "strong",
     "text": {"en": "Deceived about the work"}},
    {"id": "cs-dr-02", "set": "sexual", "element": "deceptive_recruitment", "strength": "medium",
     "text": {"en": "Promised a better life"}},
    {"id": "cs-ex-02", "set": "sexual", "element": "exploitation", "strength": "medium",
     "text": {"en": "No money of their own"}},
]  # fmt: skip


@pytest.fixture
def bridge(db_url: str) -> Iterator[CoreBridge]:
    core = CoreBridge(db_url, TEST_OFFICER)
    yield core
    core.wait()
    core.shutdown()


def _child(factory: sessionmaker[Session]) -> int:
    with session_scope(factory) as s:
        home = facilities.create_facility(s, factories.facility())
        child = children.create_child(
            s,
            factories.child(
                facility_code=home.code, identified_on=date.today() - timedelta(days=10)
            ),
        )
        return child.id


def _form(qtbot: QtBot, bridge: CoreBridge, child_id: int, **kw: Any) -> ScreeningForm:
    form = ScreeningForm(bridge, child_id, **kw)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitUntil(lambda: form.loaded, timeout=10_000)
    return form


def _texts(form: ScreeningForm) -> list[str]:
    assert form.rows is not None
    return [label.text() for label in form.rows.findChildren(QLabel)]


def test_the_form_offers_the_office_indicators_and_the_sexual_list(
    qtbot: QtBot, bridge: CoreBridge, factory: sessionmaker[Session]
) -> None:
    child_id = _child(factory)
    form = _form(qtbot, bridge, child_id)
    assert form.rows is not None and "oi-bus-1" not in form.rows.boxes
    form.indicator_set.setCurrentIndex(form.indicator_set.findData("sexual"))
    assert not form.missing_list.isHidden()  # no sexual list yet
    assert form.rows is not None and set(form.rows.boxes) == {
        "office-smuggler-debt", "office-documents-held", "office-work-en-route",
        "office-unverified-adult", "office-crime",
    }  # fmt: skip

    with session_scope(factory) as s:
        set_office_indicators(s, [OFFICE, *SEXUAL])
    form = _form(qtbot, bridge, child_id)
    assert form.rows is not None and "oi-bus-1" in form.rows.boxes
    assert any("Taken off a bus by a stranger" in text for text in _texts(form))
    assert "cs-ex-01" not in form.rows.boxes  # the labour list first
    form.indicator_set.setCurrentIndex(form.indicator_set.findData("sexual"))
    assert form.missing_list.isHidden()
    assert {"cs-ex-01", "cs-dr-01", "oi-bus-1"} <= set(form.rows.boxes)
    assert "cl-dr-01" not in form.rows.boxes
    for ident in ("cs-ex-01", "cs-ex-02", "cs-dr-01", "oi-bus-1"):
        form.rows.boxes[ident].set_answer("observed")
    result = form.result_panel.result
    assert result is not None and result.positive_elements() == ("exploitation",)
    form.rows.boxes["cs-dr-02"].set_answer("reported_by_child")
    result = form.result_panel.result
    assert result is not None and result.flagged
    assert result.positive_elements() == ("deceptive_recruitment", "exploitation")
    with qtbot.waitSignal(form.saved, timeout=10_000) as saved:
        form.save()
    assert saved.args[0].flagged and saved.args[0].indicator_set == "sexual"
    if form.decision_dialog is not None:
        form.decision_dialog.reject()


def test_a_removed_indicator_still_opens(
    qtbot: QtBot, bridge: CoreBridge, factory: sessionmaker[Session]
) -> None:
    child_id = _child(factory)
    with session_scope(factory) as s:
        set_office_indicators(s, [OFFICE])
        info = record_screening(
            s,
            ScreeningInput(
                child_id=child_id,
                screened_at=_now(s),
                answers={"oi-bus-1": "reported_by_child", "cl-dr-01": "observed"},
                answer_notes={"oi-bus-1": "a white van"},
            ),
        )
        set_office_indicators(s, [])
    form = _form(qtbot, bridge, child_id, screening_id=info.screening_id)
    assert form.rows is not None
    assert form.rows.boxes["oi-bus-1"].answer() == "reported_by_child"
    assert form.rows.notes["oi-bus-1"].text() == "a white van"
    assert "oi-bus-1: indicator no longer in the list" in _texts(form)
    assert not form.rows.boxes["oi-bus-1"].isEnabled()  # read-only, like the rest


def _now(session: Session) -> Any:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from guardian_desk.services.settings import get_settings

    return datetime.now(ZoneInfo(get_settings(session).time_zone)) - timedelta(hours=1)


def _dialog(qtbot: QtBot, bridge: CoreBridge) -> SettingsDialog:
    dialog = SettingsDialog(bridge)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=10_000)
    return dialog


def test_the_settings_dialog_imports_saves_and_removes(
    qtbot: QtBot,
    bridge: CoreBridge,
    factory: sessionmaker[Session],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = _dialog(qtbot, bridge)
    panel = dialog.office_indicators
    assert "None" in panel.summary.text() and not panel.remove_button.isEnabled()
    good = tmp_path / "sexual.json"
    good.write_text(json.dumps({"indicators": [OFFICE, *SEXUAL]}), encoding="utf-8")
    panel.import_file(str(good))
    qtbot.waitUntil(lambda: panel.is_changed() and not panel.is_busy(), timeout=10_000)
    summary = panel.summary.text()
    assert "5 indicators added by the office:" in summary
    assert "Sexual exploitation: 4" in summary and "Both lists: 1" in summary
    assert "From sexual.json, not saved yet." in summary

    # A bad file: one line naming the entry; the list shown stays the one imported before.
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([OFFICE, {**OFFICE, "id": "oi-2", "strength": "huge"}]), "utf-8")
    panel.import_file(str(bad))
    qtbot.waitUntil(lambda: not panel.error.isHidden(), timeout=10_000)
    assert "Office indicator oi-2: the strength 'huge'" in panel.error.text()
    assert len(panel.entries()) == 5
    with session_scope(factory) as s:
        assert office_indicators(s) == []  # nothing stored before Save

    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save()
    with session_scope(factory) as s:
        assert [e["id"] for e in office_indicators(s)] == [
            "oi-bus-1", "cs-ex-01", "cs-dr-01", "cs-dr-02", "cs-ex-02"
        ]  # fmt: skip

    # Save as file… writes what is shown; Remove all… asks first.
    dialog = _dialog(qtbot, bridge)
    panel = dialog.office_indicators
    assert "5 indicators added by the office:" in panel.summary.text()
    assert "not saved" not in panel.summary.text()
    target = tmp_path / "out.json"
    panel.export_file(str(target))
    qtbot.waitUntil(lambda: target.exists() and not panel.is_busy(), timeout=10_000)
    assert len(json.loads(target.read_text(encoding="utf-8"))["indicators"]) == 5
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Cancel)
    panel.ask_remove_all()
    assert len(panel.entries()) == 5
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    panel.ask_remove_all()
    assert panel.entries() == [] and "Not saved yet." in panel.summary.text()
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save()
    with session_scope(factory) as s:
        assert office_indicators(s) == []
