"""The screening form, its live result, the decision, the child's Protection tab and the check of
an accompanying adult, on a real bridge and a fresh database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.services import children, facilities
from guardian_desk.services.adults import add_adult, adults_of
from guardian_desk.services.screenings import screenings_of
from tests.core import factories
from tests.ui.signed import TEST_OFFICER
from ui.bridge import CoreBridge
from ui.forms import RecordDialog
from ui.protection.adults_dialog import AdultCheckDialog
from ui.protection.protection_tab import ProtectionTab
from ui.protection.screening_form import DecisionDialog, ScreeningForm

# Deceptive recruitment (one strong, one medium) and exploitation (one strong, one medium):
# for a child, that meets the rule.
POSITIVE = {
    "cl-dr-01": "reported_by_child",
    "cl-dr-03": "observed",
    "cl-ex-01": "reported_by_others",
    "cl-ex-02": "reported_by_child",
}


@pytest.fixture
def bridge(db_url: str) -> Iterator[CoreBridge]:
    core = CoreBridge(db_url, TEST_OFFICER)
    yield core
    core.wait()
    core.shutdown()


OpenDialog = Callable[[str, int], RecordDialog]


@pytest.fixture
def open_dialog(bridge: CoreBridge, qtbot: QtBot) -> Iterator[OpenDialog]:
    """A child's record dialog as the main window opens it, loaded; closed without questions."""
    opened: list[RecordDialog] = []

    def opener(kind: str, record_id: int) -> RecordDialog:
        dialog = RecordDialog(bridge, kind, record_id)
        opened.append(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.loaded, timeout=10_000)
        return dialog

    yield opener
    bridge.wait()
    for dialog in opened:
        if shiboken6.isValid(dialog):
            dialog.done(0)


def _child(factory: sessionmaker[Session], *, adult: bool = False) -> int:
    with session_scope(factory) as s:
        home = facilities.create_facility(s, factories.facility())
        child = children.create_child(
            s,
            factories.child(
                facility_code=home.code, identified_on=date.today() - timedelta(days=10)
            ),
        )
        if adult:
            add_adult(s, child.id, "Rahim Karimi", "uncle")
        return child.id


def _form(qtbot: QtBot, bridge: CoreBridge, child_id: int) -> ScreeningForm:
    form = ScreeningForm(bridge, child_id)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitUntil(lambda: form.loaded, timeout=10_000)
    return form


def _answer(form: ScreeningForm, answers: dict[str, str]) -> None:
    assert form.rows is not None
    for ident, value in answers.items():
        form.rows.boxes[ident].set_answer(value)


def test_the_result_follows_the_answers(
    qtbot: QtBot, bridge: CoreBridge, factory: sessionmaker[Session]
) -> None:
    form = _form(qtbot, bridge, _child(factory))
    assert "Ahmad Rahimi" in form.header.text()
    assert form.occasion.currentData() == "first_contact"
    assert form.result_panel.result is not None and not form.result_panel.result.flagged
    assert "do not meet" in form.result_panel.flag_text()

    _answer(form, POSITIVE)
    result = form.result_panel.result
    assert result is not None and result.flagged
    assert result.positive_elements() == ("deceptive_recruitment", "exploitation")
    assert form.result_panel.flag_text() == (
        "The indicators meet the ILO/EC rule for a child: recruitment and exploitation. "
        "This is a flag, not a decision."
    )
    # Exactly the indicators that made the element positive are named.
    shown = form.result_panel.elements.text()
    assert "Deceived about the nature of the job" in shown and "Excessive working days" in shown
    assert "Deceived about access to education" not in shown

    # "Not observed" does not count: the exploitation element falls, and the flag with it.
    _answer(form, {"cl-ex-02": "not_observed"})
    result = form.result_panel.result
    assert result is not None and not result.flagged
    assert result.positive_elements() == ("deceptive_recruitment",)
    assert "exploitation element is not positive" in form.result_panel.flag_text()
    form.rows.set_answers({}, {})  # nothing to ask about at teardown  # type: ignore[union-attr]


def test_keys_answer_and_move_on(
    qtbot: QtBot, bridge: CoreBridge, factory: sessionmaker[Session]
) -> None:
    form = _form(qtbot, bridge, _child(factory))
    assert form.rows is not None
    first, second = form.rows.order[:2]
    form.rows.boxes[first].setFocus()
    qtbot.keyClick(form.rows.boxes[first], Qt.Key.Key_2)
    assert form.rows.boxes[first].answer() == "reported_by_child"
    assert QApplication.focusWidget() is form.rows.boxes[second]
    form.rows.set_answers({}, {})


def test_the_sexual_list_says_it_is_not_available(
    qtbot: QtBot, bridge: CoreBridge, factory: sessionmaker[Session]
) -> None:
    form = _form(qtbot, bridge, _child(factory))
    assert form.missing_list.isHidden()
    form.indicator_set.setCurrentIndex(form.indicator_set.findData("sexual"))
    assert form.missing_list.isVisibleTo(form)
    assert "not yet available" in form.missing_list.text()
    assert form.rows is not None
    assert form.rows.order and all(i.startswith("office-") for i in form.rows.order)


def test_saving_stores_the_answers_and_the_decision(
    qtbot: QtBot, bridge: CoreBridge, factory: sessionmaker[Session]
) -> None:
    child_id = _child(factory)
    form = _form(qtbot, bridge, child_id)
    _answer(form, POSITIVE)
    assert form.rows is not None
    form.rows.notes["cl-ex-01"].setText("Works at the car wash from 7 to 21")
    form.note.setText("Interview in Dari through the mediator")
    with qtbot.waitSignal(form.saved, timeout=10_000):
        form.save_button.click()
    dialog = form.decision_dialog
    assert isinstance(dialog, DecisionDialog)  # offered at once
    assert "meet the ILO/EC rule" in dialog.summary.text()
    with session_scope(factory) as s:
        [stored] = screenings_of(s, child_id)
    assert {k: v for k, v in stored.answers.items() if v != "not_asked"} == POSITIVE
    assert stored.answer_notes == {"cl-ex-01": "Works at the car wash from 7 to 21"}
    assert stored.flagged and stored.decision == "pending"
    assert set(stored.explanation["exploitation"]) == {"cl-ex-01", "cl-ex-02"}

    dialog.decision.setCurrentIndex(dialog.decision.findData("refer"))
    dialog.note.setPlainText("Debt and work en route: refer to the NRM")
    with qtbot.waitSignal(form.decided, timeout=10_000):
        dialog.ok.click()
    with session_scope(factory) as s:
        [stored] = screenings_of(s, child_id)
    assert stored.decision == "refer"
    assert stored.decision_note == "Debt and work en route: refer to the NRM"
    assert "Refer for formal identification" in form.keys.text()


def test_the_protection_tab_lists_screenings_and_records_an_adult_check(
    qtbot: QtBot,
    open_dialog: OpenDialog,
    factory: sessionmaker[Session],
) -> None:
    child_id = _child(factory, adult=True)
    dialog = open_dialog("children", child_id)
    tab = dialog.findChild(ProtectionTab, "protection_tab")
    assert isinstance(tab, ProtectionTab)
    qtbot.waitUntil(lambda: tab.adults_model.rowCount() == 1, timeout=10_000)
    assert tab.screenings_model.rowCount() == 0
    assert tab.state.text() == "The child has not been screened yet."
    assert tab.new_button.isEnabled() and not tab.decision_button.isEnabled()
    assert tab.adults_model.index(0, 3).data() == "Not yet known"

    form = tab.new_screening()
    assert isinstance(form, ScreeningForm)
    qtbot.waitUntil(lambda: form.loaded, timeout=10_000)
    _answer(form, POSITIVE)
    with qtbot.waitSignal(form.saved, timeout=10_000):
        form.save_button.click()
    assert form.decision_dialog is not None
    form.decision_dialog.reject()
    qtbot.waitUntil(lambda: tab.screenings_model.rowCount() == 1, timeout=10_000)
    row = [tab.screenings_model.index(0, c).data() for c in range(6)]
    assert row[1:] == [
        "First contact",
        "Labour exploitation",
        "Deceptive recruitment (including transfer and transport) and Exploitative conditions",
        "flagged",
        "Not decided yet",
    ]
    assert "meets the ILO/EC rule" in tab.state.text()
    assert tab.open_button.isEnabled() and tab.decision_button.isEnabled()
    form.close()

    shown = tab.open_screening()
    assert isinstance(shown, ScreeningForm)
    qtbot.waitUntil(lambda: shown.info is not None, timeout=10_000)
    assert not shown.save_button.isVisibleTo(shown)
    assert shown.result_panel.result is not None and shown.result_panel.result.flagged
    shown.close()

    decision = tab.ask_decision()
    assert isinstance(decision, DecisionDialog)
    decision.decision.setCurrentIndex(decision.decision.findData("monitor"))
    decision.ok.click()
    qtbot.waitUntil(
        lambda: tab.screenings_model.index(0, 5).data() == "Monitor and screen again",
        timeout=10_000,
    )

    check = tab.ask_check()
    assert isinstance(check, AdultCheckDialog)
    check.method.setCurrentIndex(check.method.findData("interview"))
    check.outcome.setCurrentIndex(check.outcome.findData("contradicted"))
    check.note.setPlainText("The child and the man named different villages")
    check.ok.click()
    qtbot.waitUntil(
        lambda: (
            tab.adults_model.rowCount() == 1
            and tab.adults_model.index(0, 3).data() == "Contradicted"
        ),
        timeout=10_000,
    )
    assert tab.bar.text() == "The check is recorded."
    with session_scope(factory) as s:
        [adult] = adults_of(s, child_id)
    assert (adult.check_method, adult.check_outcome) == ("interview", "contradicted")
    assert adult.checked_on == date.today() and not adult.verified
    assert adult.check_note == "The child and the man named different villages"
    for widget in (form, shown):
        if shiboken6.isValid(widget):
            widget.deleteLater()


def test_a_closed_case_cannot_be_screened(
    qtbot: QtBot,
    open_dialog: OpenDialog,
    factory: sessionmaker[Session],
) -> None:
    from guardian_desk.domain.enums import ChildStatus

    child_id = _child(factory, adult=True)
    with session_scope(factory) as s:
        children.get_child(s, child_id).status = ChildStatus.CLOSED
    dialog = open_dialog("children", child_id)
    tab = dialog.findChild(ProtectionTab, "protection_tab")
    assert isinstance(tab, ProtectionTab)
    qtbot.waitUntil(lambda: tab.adults_model.rowCount() == 1, timeout=10_000)
    assert not tab.new_button.isEnabled()
    assert not tab.check_button.isEnabled() and not tab.decision_button.isEnabled()
    assert tab.new_screening() is None and tab.ask_check() is None
