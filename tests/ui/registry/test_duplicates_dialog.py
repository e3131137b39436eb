"""Records ▸ Possible duplicates: the pairs, "Not a duplicate" remembered, "Merge…"."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.db.models import Child, ChildMerge, DuplicateDismissal
from guardian_desk.security.roles import Role, SignedIn
from guardian_desk.services import children
from tests.core import factories
from tests.ui.signed import TEST_OFFICER
from ui.bridge import CoreBridge
from ui.registry.duplicates_dialog import DuplicatesDialog, MergeConfirmation


@pytest.fixture
def office(factory: sessionmaker[Session]) -> list[str]:
    with session_scope(factory) as s:
        numbers = [
            children.create_child(s, factories.child()).case_number,
            children.create_child(s, factories.child(given_name="Ahmed")).case_number,
            children.create_child(
                s,
                factories.child(
                    given_name="Zahra",
                    family_name="Noori",
                    given_name_original="",
                    family_name_original="",
                ),
            ).case_number,
        ]
    return numbers


def _open(
    db_url: str, qtbot: QtBot, account: SignedIn = TEST_OFFICER
) -> Iterator[DuplicatesDialog]:
    bridge = CoreBridge(db_url, account)
    dialog = DuplicatesDialog(bridge)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog._busy, timeout=10_000)
    yield dialog
    bridge.wait()
    if shiboken6.isValid(dialog):
        dialog.done(0)
    bridge.shutdown()


@pytest.fixture
def dialog(db_url: str, qtbot: QtBot, office: list[str]) -> Iterator[DuplicatesDialog]:
    yield from _open(db_url, qtbot)


def test_the_pair_is_listed_and_fits_the_screen(
    dialog: DuplicatesDialog, office: list[str]
) -> None:
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 1).text() == office[0]
    assert dialog.table.item(0, 5).text() == office[1]
    assert "1 pair" in dialog.status.text()
    assert dialog.width() <= 1280 and dialog.height() <= 720
    assert dialog.merge_button.isEnabled() and dialog.dismiss_button.isEnabled()


def test_not_a_duplicate_is_remembered(
    dialog: DuplicatesDialog, qtbot: QtBot, factory: sessionmaker[Session]
) -> None:
    dialog.dismiss_button.click()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0 and not dialog._busy, timeout=10_000)
    assert "not the same child" in dialog.status.text()
    with session_scope(factory) as s:
        assert s.scalar(select(func.count()).select_from(DuplicateDismissal)) == 1


def test_merge_keeps_the_chosen_record(
    dialog: DuplicatesDialog,
    qtbot: QtBot,
    factory: sessionmaker[Session],
    office: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def choose_second(self: MergeConfirmation) -> int:
        self.group.button(1).setChecked(True)
        assert office[1] in self.explanation.text().split(".")[0]
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(MergeConfirmation, "exec", choose_second)
    dialog.merge_button.click()
    qtbot.waitUntil(lambda: "Merged" in dialog.status.text() and not dialog._busy, timeout=10_000)
    assert f"Merged {office[0]} into {office[1]}" in dialog.status.text()
    with session_scope(factory) as s:
        assert s.scalar(select(func.count()).select_from(Child)) == 2
        merge = s.scalar(select(ChildMerge))
        assert merge is not None and merge.merged_case_number == office[0]


def test_an_officer_may_dismiss_but_not_merge(db_url: str, qtbot: QtBot, office: list[str]) -> None:
    officer = SignedIn("officer", "An Officer", Role.OFFICER)
    for dialog in _open(db_url, qtbot, officer):
        assert dialog.dismiss_button.isEnabled()
        assert not dialog.merge_button.isEnabled()
