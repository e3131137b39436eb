"""The child's record: Placements (list, "Move to another facility…"), Notes (add, correct,
amend a locked note) and the Timeline tab with its filter by kind."""

from __future__ import annotations

from datetime import date, timedelta

from pytestqt.qtbot import QtBot
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.base import utcnow
from guardian_desk.db.engine import session_scope
from guardian_desk.db.models import CaseNote
from guardian_desk.domain.case_history import EventKind, NoteKind
from guardian_desk.services import children, facilities
from tests.core import factories
from tests.ui.forms.conftest import OpenDialog
from ui.forms import RecordDialog
from ui.forms.notes_tab import NoteDialog, NotesTab
from ui.forms.placements import MoveDialog, PlacementsTab
from ui.forms.timeline_tab import TimelineTab


def _case(factory: sessionmaker[Session]) -> tuple[int, str]:
    with session_scope(factory) as s:
        home = facilities.create_facility(s, factories.facility())
        facilities.create_facility(s, factories.facility(name="Vlora Home"))
        child = children.create_child(
            s,
            factories.child(
                facility_code=home.code, identified_on=date.today() - timedelta(days=30)
            ),
        )
        return child.id, home.code


def _page(dialog: RecordDialog, kind: type, name: str):  # type: ignore[no-untyped-def]
    page = dialog.findChild(kind, name)
    assert isinstance(page, kind)
    assert dialog.tabs.isTabVisible(dialog.tabs.indexOf(page))
    return page


def test_a_child_is_moved_from_the_placements_tab(
    qtbot: QtBot, open_dialog: OpenDialog, factory: sessionmaker[Session]
) -> None:
    child_id, _code = _case(factory)
    dialog = open_dialog("children", child_id)
    tab: PlacementsTab = _page(dialog, PlacementsTab, "placements_tab")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=10_000)

    tab.open_move()
    move = tab.findChild(MoveDialog)
    assert isinstance(move, MoveDialog)
    qtbot.waitUntil(lambda: move.ok.isEnabled(), timeout=10_000)
    index = next(i for i in range(move.facility.count()) if "Vlora" in move.facility.itemText(i))
    move.facility.setCurrentIndex(index)
    move.submit()

    qtbot.waitUntil(lambda: tab.model.rowCount() == 2, timeout=10_000)
    assert tab.model.index(1, 2).data().endswith("Vlora Home")
    assert tab.model.index(1, 1).data() == "now"
    # The record follows: its facility is the new one, and a save is not a conflict.
    qtbot.waitUntil(lambda: dialog.detail is not None and dialog.detail.version > 1, timeout=10_000)
    assert "Vlora Home" in dialog.form.facility.currentText()


def test_a_note_is_added_corrected_and_later_amended(
    qtbot: QtBot, open_dialog: OpenDialog, factory: sessionmaker[Session]
) -> None:
    child_id, _code = _case(factory)
    dialog = open_dialog("children", child_id)
    tab: NotesTab = _page(dialog, NotesTab, "notes_tab")
    qtbot.waitUntil(lambda: tab.add_button.isEnabled(), timeout=10_000)

    tab.add()
    new = tab.findChild(NoteDialog)
    assert isinstance(new, NoteDialog)
    new.kind.setCurrentIndex(new.kind.findData(NoteKind.PHONE_CALL.value))
    new.text.setPlainText("The school called.")
    new.submit()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=10_000)
    tab.table.selectRow(0)
    assert tab.model.index(0, 1).data() == "Phone call"
    assert tab.correct_button.isEnabled() and tab.amend_button.isEnabled()

    with session_scope(factory) as s:  # a day and more later
        s.execute(update(CaseNote).values(created_at=utcnow() - timedelta(hours=30)))
    tab.reload()
    qtbot.waitUntil(lambda: tab.model.index(0, 4).data() == "locked", timeout=10_000)
    tab.table.selectRow(0)
    assert not tab.correct_button.isEnabled()

    tab.amend()
    amend = next(d for d in tab.findChildren(NoteDialog) if d.amend)
    amend.text.setPlainText("The school called: he starts on Monday.")
    amend.reason.setText("the date was missing")
    amend.submit()
    qtbot.waitUntil(lambda: "amended" in tab.model.index(0, 4).data(), timeout=10_000)
    tab.table.selectRow(0)
    shown = tab.view.toPlainText()
    assert "he starts on Monday" in shown
    assert "Original text" in shown and "The school called." in shown
    assert "the date was missing" in shown


def test_the_timeline_tab_filters_by_kind(
    qtbot: QtBot, open_dialog: OpenDialog, factory: sessionmaker[Session]
) -> None:
    child_id, _code = _case(factory)
    dialog = open_dialog("children", child_id)
    tab: TimelineTab = _page(dialog, TimelineTab, "timeline_tab")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2, timeout=10_000)  # identified, placed
    kinds = {tab.model.row_at(n).kind for n in range(tab.model.rowCount())}
    assert kinds == {EventKind.IDENTIFICATION, EventKind.PLACEMENT}

    tab.kinds[EventKind.PLACEMENT].setChecked(False)
    assert [tab.model.row_at(n).kind for n in range(tab.model.rowCount())] == [
        EventKind.IDENTIFICATION
    ]
    tab.none_button.click()
    assert tab.model.rowCount() == 0
    assert "hidden" in tab.count.text()
    tab.all_button.click()
    assert tab.model.rowCount() == 2
    first = tab.model.row_at(0)
    tab.newest_first.setChecked(False)
    assert tab.model.row_at(1) == first


def test_the_record_fits_a_small_screen(
    open_dialog: OpenDialog, factory: sessionmaker[Session]
) -> None:
    child_id, _code = _case(factory)
    dialog = open_dialog("children", child_id)
    for page in (NotesTab, TimelineTab, PlacementsTab):
        assert dialog.findChild(page) is not None
    assert dialog.minimumSizeHint().width() <= 1280 and dialog.minimumSizeHint().height() <= 720
