"""The bulk-matching dialog on a real small office: plan, review, accept, refuse, change, stop."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QHeaderView, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.domain.enums import AssignmentRole, Sex
from guardian_desk.matching.results import Unmatched
from guardian_desk.services import staff
from guardian_desk.services.assignments import assignments_of_child
from tests.matching.office import NATIVE, Office, speaks
from ui.bridge import CoreBridge
from ui.matching.bulk_dialog import BulkDialog
from ui.matching.bulk_model import BulkProposalsModel, ReasonsModel

DISPLAY = Qt.ItemDataRole.DisplayRole
DARI_BOYS = {"Ahmad": "احمد", "Omid": "امید", "Karim": "کریم", "Bilal": "بلال", "Javad": "جواد"}


@pytest.fixture
def office(factory: sessionmaker[Session]) -> dict[str, Any]:
    """Five Dari-speaking boys and five places: two Dari guardians (2 and 1 places) and an
    Albanian guardian (2 places) reached through a Dari-Albanian mediator. A Tigrinya-speaking
    girl no one can talk to is left unmatched."""
    with session_scope(factory, actor="test-officer") as s:
        office = Office(s)
        place = office.facility()
        dari = speaks(("prs", NATIVE))
        zahra = office.guardian(languages=dari, given_name="Zahra", family_name="Ahmadi",
                                max_caseload=2)  # fmt: skip
        nabi = office.guardian(languages=dari, given_name="Nabi", family_name="Sultani",
                               sex=Sex.MALE, max_caseload=1)  # fmt: skip
        elira = office.guardian(max_caseload=2)
        office.mediator()
        kids = {
            name: office.child(place, given_name=name, given_name_original=original)
            for name, original in DARI_BOYS.items()
        }
        kids["Senait"] = office.child(
            place,
            given_name="Senait",
            family_name="Tesfay",
            given_name_original="ሰናይት",
            family_name_original="ተስፋይ",
            sex=Sex.FEMALE,
            nationality="ER",
            languages=speaks(("tir", NATIVE)),
        )
        s.flush()
        return {
            "kids": {name: (k.id, k.case_number) for name, k in kids.items()},
            "guardians": {"Zahra": zahra.id, "Nabi": (nabi.id, nabi.version), "Elira": elira.id},
        }


@pytest.fixture
def open_dialog(qtbot: QtBot, bridge: CoreBridge) -> Iterator[Any]:
    def opener(wait: bool = True) -> BulkDialog:
        dialog = BulkDialog(bridge)
        qtbot.addWidget(dialog)
        dialog.show()
        if wait:
            qtbot.waitUntil(lambda: dialog.loaded, timeout=30_000)
        return dialog

    yield opener


def text(model: Any, row: int, column: int) -> str:
    return str(model.data(model.index(row, column), DISPLAY))


def row_of(dialog: BulkDialog, case_number: str) -> int:
    """The row shown (after sorting) for a case number."""
    shown = dialog.shown
    for row in range(shown.rowCount()):
        if text(shown, row, BulkProposalsModel.CASE) == case_number:
            return row
    raise AssertionError(f"{case_number} is not in the table")


def accept_and_wait(qtbot: QtBot, dialog: BulkDialog, button: Any) -> None:
    button.click()
    assert dialog.question is not None and dialog.question.isVisible()
    assert "starting on" in dialog.question.text()
    dialog.question.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: not dialog.working, timeout=30_000)


def guardian_of(factory: sessionmaker[Session], child_id: int) -> tuple[int | None, int | None]:
    with session_scope(factory, actor="check") as s:
        active = [a for a in assignments_of_child(s, child_id) if a.ends_on is None]
        guardians = [a.guardian_id for a in active if a.role == AssignmentRole.GUARDIAN]
        mediators = [a.mediator_id for a in active if a.role == AssignmentRole.MEDIATOR]
        assert len(guardians) <= 1 and len(mediators) <= 1
        return (guardians[0] if guardians else None, mediators[0] if mediators else None)


def test_plan_shows_proposals_and_the_unmatched_with_reasons(
    open_dialog: Any, office: dict[str, Any]
) -> None:
    dialog = open_dialog()
    assert dialog.summary.text() == (
        "5 of 6 waiting children matched (at most 5 possible) · total score "
        f"{dialog.review.plan.total_score:,.1f} · proven optimal"
    )
    model, shown = dialog.proposals, dialog.shown
    assert model.rowCount() == 5
    assert dialog.tabs.tabText(0) == "Proposals (5)" and dialog.tabs.tabText(1) == "Unmatched (1)"
    assert not dialog.tabs.isTabVisible(2)
    cases = [text(shown, r, BulkProposalsModel.CASE) for r in range(5)]
    assert cases == sorted(cases)
    assert all(
        shown.data(shown.index(r, 0), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        for r in range(5)
    )
    ahmad = row_of(dialog, office["kids"]["Ahmad"][1])
    assert text(shown, ahmad, BulkProposalsModel.CHILD) == "Ahmad Rahimi  \u2068احمد رحیمی\u2069"
    mediators = [text(shown, r, BulkProposalsModel.MEDIATOR) for r in range(5)]
    assert sorted(mediators)[-2:] == ["—", "—"]
    assert mediators.count("M-00001  \u2068Farid Noori\u2069 (Dari → Albanian)") == 2, mediators
    guardians = [text(shown, r, BulkProposalsModel.GUARDIAN) for r in range(5)]
    assert sum("Zahra Ahmadi" in g for g in guardians) == 2
    assert sum("Elira Hoxha" in g for g in guardians) == 2
    # The selected row's score parts are beside the table; a mediated one also the mediator's.
    dialog.table.selectRow(mediators.index(next(m for m in mediators if m != "—")))
    details = dialog.page.details
    assert details.guardian.rowCount() == 6 and details.mediator.rowCount() == 6
    assert details.guardian_label.text().startswith("Guardian G-00003  \u2068Elira Hoxha\u2069 for")
    assert details.guardian_label.text().endswith(" of 100")
    assert details.mediator_view.isVisibleTo(dialog)
    assert "Dari → Albanian" in details.mediator_label.text()
    dialog.table.selectRow(mediators.index("—"))
    assert details.mediator_label.text() == "No mediator needed: they share Dari."
    assert not details.mediator_view.isVisibleTo(dialog)

    unmatched = dialog.unmatched
    assert unmatched.rowCount() == 1
    assert text(unmatched, 0, ReasonsModel.CASE) == office["kids"]["Senait"][1]
    assert text(unmatched, 0, ReasonsModel.CHILD) == "Senait Tesfay  \u2068ሰናይት ተስፋይ\u2069"
    reasons = text(unmatched, 0, ReasonsModel.REASONS).split("\n")
    assert reasons[0] == "no guardian is eligible (3 excluded)"
    assert len(reasons) == 4 and all(r.startswith("closest: G-") for r in reasons[1:])
    assert "speaks no Tigrinya" in reasons[1]


def test_uncheck_one_and_accept_the_selected(
    qtbot: QtBot, open_dialog: Any, office: dict[str, Any], factory: sessionmaker[Session]
) -> None:
    dialog = open_dialog()
    omid_id, omid_case = office["kids"]["Omid"]
    index = dialog.shown.index(row_of(dialog, omid_case), BulkProposalsModel.ACCEPT)
    assert dialog.shown.setData(index, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert dialog.accept_selected_button.text() == "Accept selected (4)"

    accept_and_wait(qtbot, dialog, dialog.accept_selected_button)
    assert dialog.bar.text().startswith("Appointed a guardian for 4 of 4 children, starting on")
    assert dialog.proposals.rowCount() == 1  # the appointed left the table
    assert text(dialog.shown, 0, BulkProposalsModel.CASE) == omid_case
    assert dialog.accept_selected_button.text() == "Accept selected (0)"
    assert not dialog.accept_selected_button.isEnabled()
    assert guardian_of(factory, omid_id) == (None, None)
    guardians = office["guardians"]
    placed = [guardian_of(factory, kid) for name, (kid, _) in office["kids"].items()
              if name not in ("Omid", "Senait")]  # fmt: skip
    assert all(g is not None for g, _m in placed)
    assert all((m is not None) == (g == guardians["Elira"]) for g, m in placed)


def test_a_guardian_suspended_after_the_plan_is_refused_with_the_reason(
    qtbot: QtBot, open_dialog: Any, office: dict[str, Any], factory: sessionmaker[Session]
) -> None:
    dialog = open_dialog()
    nabi_id, version = office["guardians"]["Nabi"]
    shown = dialog.shown
    nabi_row = next(
        r for r in range(5) if "Nabi Sultani" in text(shown, r, BulkProposalsModel.GUARDIAN)
    )
    nabi_case = text(shown, nabi_row, BulkProposalsModel.CASE)
    with session_scope(factory, actor="another officer") as s:
        staff.set_active(s, "guardian", nabi_id, version, active=False, reason="on leave")

    accept_and_wait(qtbot, dialog, dialog.accept_all_button)
    assert "for 4 of 5 children" in dialog.bar.text() and "1 refused" in dialog.bar.text()
    assert dialog.bar.is_error()
    assert dialog.tabs.isTabVisible(2) and dialog.tabs.currentIndex() == 2
    assert dialog.tabs.tabText(2) == "Refused (1)"
    assert text(dialog.refused, 0, ReasonsModel.CASE) == nabi_case
    assert text(dialog.refused, 0, ReasonsModel.REASONS) == "suspended (on leave)"
    # The refused proposal stays, unchecked, with its reason on it.
    assert dialog.proposals.rowCount() == 1
    index = shown.index(0, BulkProposalsModel.ACCEPT)
    assert shown.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert shown.data(index, Qt.ItemDataRole.ToolTipRole) == "Refused: suspended (on leave)"
    child = next(kid for kid, case in office["kids"].values() if case == nabi_case)
    assert guardian_of(factory, child) == (None, None)


def test_cancel_while_planning_proposes_nothing_and_plan_again_works(
    qtbot: QtBot, open_dialog: Any, bridge: CoreBridge, office: dict[str, Any]
) -> None:
    gate = threading.Event()
    bridge.call(lambda task: gate.wait(10))  # holds the worker: the plan is still to come
    dialog = open_dialog(wait=False)
    assert dialog.working == "plan"
    assert dialog.cancel_button.isVisible() and dialog.progress.isVisible()
    assert not dialog.accept_all_button.isEnabled()
    dialog.cancel_button.click()
    assert dialog.status.text() == "Stopping…"
    gate.set()
    qtbot.waitUntil(lambda: not dialog.working, timeout=30_000)
    assert dialog.status.text() == "Stopped: nothing was proposed. Plan again when ready."
    assert dialog.review is None and dialog.proposals.rowCount() == 0
    assert not dialog.cancel_button.isVisible() and not dialog.progress.isVisible()

    dialog.plan_button.click()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=30_000)
    assert dialog.proposals.rowCount() == 5


def test_change_one_child_in_the_matching_panel(
    qtbot: QtBot, open_dialog: Any, office: dict[str, Any], factory: sessionmaker[Session]
) -> None:
    dialog = open_dialog()
    karim_id, karim_case = office["kids"]["Karim"]
    dialog.table.selectRow(row_of(dialog, karim_case))
    dialog.change_button.click()
    panel = dialog.panels[karim_id]
    qtbot.waitUntil(lambda: panel.loaded, timeout=30_000)
    panel.appoint_button.click()
    assert panel.confirm_dialog is not None
    with qtbot.waitSignal(panel.confirmed, timeout=30_000):
        panel.confirm_dialog.ok_button.click()
    assert dialog.proposals.rowCount() == 4
    assert karim_case not in [text(dialog.shown, r, BulkProposalsModel.CASE) for r in range(4)]
    assert dialog.bar.text() == f"{karim_case} now has a guardian and left the plan."
    assert guardian_of(factory, karim_id)[0] is not None


def test_search_filters_and_checks_only_the_rows_shown(
    open_dialog: Any, office: dict[str, Any]
) -> None:
    dialog = open_dialog()
    dialog.page.search.setText("احمد")  # the name in its own script
    assert dialog.shown.rowCount() == 1
    dialog.page.search.setText("farid")  # the mediator
    assert dialog.shown.rowCount() == 2
    dialog.page.uncheck_shown.click()
    assert dialog.accept_selected_button.text() == "Accept selected (3)"
    dialog.page.search.setText(office["kids"]["Javad"][1])
    assert dialog.shown.rowCount() == 1
    dialog.page.search.clear()
    assert dialog.shown.rowCount() == 5


def test_an_unexpected_failure_shows_the_error_dialog(
    qtbot: QtBot, open_dialog: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: Any) -> None:
        raise RuntimeError("the solver fell over")

    monkeypatch.setattr("ui.matching.bulk_calls.plan", broken)
    dialog = open_dialog(wait=False)
    qtbot.waitUntil(lambda: dialog.error_dialog is not None, timeout=30_000)
    assert dialog.error_dialog is not None and dialog.error_dialog.isVisible()
    assert "builtins.RuntimeError" in dialog.error_dialog.report
    assert "fell over" not in dialog.error_dialog.report + dialog.error_dialog.message.text()
    assert dialog.plan_button.isEnabled()  # the officer can try again


def test_sorting_by_a_column_keeps_the_selected_child(
    open_dialog: Any, office: dict[str, Any]
) -> None:
    dialog = open_dialog()
    javad_case = office["kids"]["Javad"][1]
    dialog.table.selectRow(row_of(dialog, javad_case))
    dialog.table.sortByColumn(BulkProposalsModel.SCORE, Qt.SortOrder.DescendingOrder)
    scores = [float(text(dialog.shown, r, BulkProposalsModel.SCORE)) for r in range(5)]
    assert scores == sorted(scores, reverse=True) and scores[0] > scores[-1]
    selected = dialog.table.selectionModel().selectedRows()
    assert [text(dialog.shown, i.row(), BulkProposalsModel.CASE) for i in selected] == [javad_case]
    assert javad_case in dialog.page.details.guardian_label.text()


def test_models_pass_the_model_tester(
    qtmodeltester: Any, open_dialog: Any, office: dict[str, Any]
) -> None:
    dialog = open_dialog()
    for model in (dialog.proposals, dialog.shown, dialog.unmatched):
        qtmodeltester.check(model)
    assert dialog.proposals.rowCount(dialog.proposals.index(0, 0)) == 0
    assert not dialog.proposals.setData(QModelIndex(), Qt.CheckState.Unchecked)


def test_the_main_window_opens_it_from_the_records_menu_and_the_home_page(
    qtbot: QtBot, open_window: Any, db_url: str, office: dict[str, Any]
) -> None:
    window = open_window(db_url, expect="home")
    assert window.match_all_action.isEnabled()
    window.match_all_action.trigger()
    dialog = window.dialogs[("bulk", None)]
    assert isinstance(dialog, BulkDialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=30_000)
    window.match_all()  # a second request raises the same window
    assert window.dialogs[("bulk", None)] is dialog
    assert window.home.waiting.count.text() == "6"
    accept_and_wait(qtbot, dialog, dialog.accept_all_button)
    # The window refreshes as after any save: the home page's waiting list shrinks.
    qtbot.waitUntil(lambda: window.home.waiting.count.text() == "1", timeout=30_000)
    dialog.close()
    qtbot.waitUntil(lambda: ("bulk", None) not in window.dialogs, timeout=5_000)


def test_the_letters_of_those_just_appointed_print_in_one_batch(
    qtbot: QtBot, open_dialog: Any, office: dict[str, Any], factory: sessionmaker[Session]
) -> None:
    from sqlalchemy import func, select

    from guardian_desk.db.models import IssuedDocument

    dialog = open_dialog()
    assert not dialog.print_button.isVisible()
    accept_and_wait(qtbot, dialog, dialog.accept_all_button)
    assert dialog.print_button.isVisible() and dialog.print_button.isEnabled()
    dialog.print_button.click()
    qtbot.waitUntil(lambda: dialog.batch.finished(), timeout=60_000)
    preview = dialog.batch.preview
    assert preview is not None
    with session_scope(factory, actor="check") as s:
        issued = s.scalar(select(func.count()).select_from(IssuedDocument))
    # one appointment decision per child appointed, one letter per mediator appointed
    assert issued == len(dialog.appointed_ids)
    preview.close()


def test_the_bar_and_line_follow_the_plans_stages(
    qtbot: QtBot, open_dialog: Any, bridge: CoreBridge, office: dict[str, Any]
) -> None:
    gate = threading.Event()
    bridge.call(lambda task: gate.wait(10))  # the plan waits: its stages are reported here
    dialog = open_dialog(wait=False)
    dialog._progressed(120, 1000)
    assert dialog.status.text() == "Looking at every waiting child…"
    assert (dialog.progress.value(), dialog.progress.maximum()) == (120, 1000)
    dialog._progressed(820, 1000)  # the chains: the line says the plan is being chosen
    assert dialog.status.text() == "Choosing the best plan…"
    assert dialog.progress.value() == 820
    gate.set()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=30_000)


def test_a_long_list_of_reasons_is_not_measured_row_by_row(
    qtbot: QtBot, open_dialog: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The national office's plan left 5,129 children out: measuring every row's reasons to
    # fit its height held the window for seconds. Above a few hundred rows, one height for
    # all: the window asks for the texts of the rows it fits the columns to, not all.
    from dataclasses import replace

    dialog = open_dialog()
    review = dialog.review
    assert review is not None
    many = tuple(
        Unmatched(10_000 + n, f"AL-2026-{n:05d}", f"Child {n}", ("one reason", "closest: X"))
        for n in range(1_500)
    )
    asked: set[int] = set()
    data = ReasonsModel.data

    def counted(model: ReasonsModel, index: QModelIndex, role: int = DISPLAY) -> Any:
        if role == DISPLAY and index.isValid():
            asked.add(index.row())
        return data(model, index, role)

    monkeypatch.setattr(ReasonsModel, "data", counted)
    dialog._planned(replace(review, plan=replace(review.plan, unmatched=many)))
    dialog.tabs.setCurrentIndex(1)
    qtbot.wait(50)
    assert dialog.unmatched.rowCount() == 1_500
    assert 0 < len(asked) <= 400
    lines = dialog.unmatched_view.fontMetrics().lineSpacing()
    assert dialog.unmatched_view.rowHeight(1_499) >= 3 * lines  # two reasons and a wrap


def test_a_short_list_of_reasons_keeps_rows_as_tall_as_their_own(open_dialog: Any) -> None:
    # After a long list, a plan again with three children left out: each row measured.
    from dataclasses import replace

    dialog = open_dialog()
    review = dialog.review
    assert review is not None

    def left_out(count: int, reasons: int) -> tuple[Unmatched, ...]:
        why = tuple(f"reason {k}" for k in range(reasons))
        return tuple(Unmatched(10_000 + n, f"AL-2026-{n:05d}", "", why) for n in range(count))

    dialog._planned(replace(review, plan=replace(review.plan, unmatched=left_out(600, 1))))
    header = dialog.unmatched_view.verticalHeader()
    assert header.sectionResizeMode(0) == QHeaderView.ResizeMode.Fixed
    dialog._planned(replace(review, plan=replace(review.plan, unmatched=left_out(3, 6))))
    assert header.sectionResizeMode(0) == QHeaderView.ResizeMode.ResizeToContents
    lines = dialog.unmatched_view.fontMetrics().lineSpacing()
    assert dialog.unmatched_view.rowHeight(2) >= 6 * lines
