"""Every window fits a 1280×720 screen with its buttons visible: the minimum size the layout
needs and the size it opens at, and each button inside the window's rectangle."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.domain.enums import DocumentKind
from guardian_desk.services import children
from tests.core import factories
from tests.ui.signed import TEST_OFFICER
from ui.bridge import CoreBridge
from ui.screen_fit import usable

Make = Callable[[CoreBridge, int], QWidget]
FACTORIES: list[sessionmaker[Session]] = []  # the test's database, for windows that need data


def _record(kind: str) -> Make:
    def make(bridge: CoreBridge, child_id: int) -> QWidget:
        from ui.forms import RecordDialog

        return RecordDialog(bridge, kind, child_id if kind == "children" else None)

    return make


def _bulk(bridge: CoreBridge, child_id: int) -> QWidget:
    from ui.matching.bulk_dialog import BulkDialog

    return BulkDialog(bridge, starts_on=date.today())


def _panel(bridge: CoreBridge, child_id: int) -> QWidget:
    from ui.matching.panel import MatchingPanel

    return MatchingPanel(bridge, child_id)


def _settings(bridge: CoreBridge, child_id: int) -> QWidget:
    from ui.settings_dialog import SettingsDialog

    return SettingsDialog(bridge)


def _import(bridge: CoreBridge, child_id: int) -> QWidget:
    from ui.import_dialog import ImportDialog

    return ImportDialog(bridge)


def _export(bridge: CoreBridge, child_id: int) -> QWidget:
    from ui.export_dialog import ExportDialog

    return ExportDialog(bridge)


def _calendars(bridge: CoreBridge, child_id: int) -> QWidget:
    from ui.scheduling.export_dialog import ExportDialog

    return ExportDialog(bridge)


def _plan(bridge: CoreBridge, child_id: int) -> QWidget:
    from ui.scheduling.plan_dialog import PlanDialog

    return PlanDialog(bridge)


def _mediator(bridge: CoreBridge, child_id: int) -> QWidget:
    from ui.scheduling.mediator_dialog import MediatorDialog

    return MediatorDialog(bridge)


def _register(bridge: CoreBridge, child_id: int) -> QWidget:
    from ui.papers.register_dialog import RegisterDialog

    return RegisterDialog(bridge)


def _paper_request(kind: DocumentKind | None) -> Make:
    def make(bridge: CoreBridge, child_id: int) -> QWidget:
        from ui.papers.requests import PaperRequestDialog

        return PaperRequestDialog(kind, "Paper")

    return make


def _preview(bridge: CoreBridge, child_id: int) -> QWidget:
    from guardian_desk.papers.register import issue_document
    from ui.papers.calls import paper_set
    from ui.papers.preview import PaperPreview

    with session_scope(FACTORIES[0], actor="Test Officer") as session:
        papers = paper_set([issue_document(session, DocumentKind.CARD, child_id=child_id)])
    return PaperPreview(bridge, papers)


def _accounts(bridge: CoreBridge, child_id: int) -> QWidget:
    from ui.accounts.accounts_dialog import AccountsDialog

    return AccountsDialog(bridge)


def _error(bridge: CoreBridge, child_id: int) -> QWidget:
    from ui.errors import ErrorDialog

    return ErrorDialog(RuntimeError("a test failure"))


def _conflict(bridge: CoreBridge, child_id: int) -> QWidget:
    from ui.widgets.conflict_dialog import ConflictDialog

    labels = {"given_name": "Given name", "notes": "Notes"}
    return ConflictDialog("Child", labels, {"given_name": "A", "notes": "x"}, {"given_name": "B"})


def _duplicates(bridge: CoreBridge, child_id: int) -> QWidget:
    from ui.registry.duplicates_dialog import DuplicatesDialog

    return DuplicatesDialog(bridge)


def _close_case(bridge: CoreBridge, child_id: int) -> QWidget:
    from zoneinfo import ZoneInfo

    from ui.forms.close_case_dialog import CloseCaseDialog

    return CloseCaseDialog(bridge, child_id, 1, "AL-2026-00001", ZoneInfo("Europe/Tirane"))


def _visit_report(bridge: CoreBridge, child_id: int) -> QWidget:
    from ui.scheduling.visit_report_dialog import VisitReportDialog

    return VisitReportDialog(
        "AL-2026-00001 · Tue 10 Mar 2026", 60, mediator_expected=True, visit_day=date.today()
    )


def _missing(bridge: CoreBridge, child_id: int) -> QWidget:
    from ui.forms.missing_dialogs import MissingDialog

    return MissingDialog("AL-2026-00001", "Europe/Tirane")


def _send_case(bridge: CoreBridge, child_id: int) -> QWidget:
    from ui.protection.transfer_export import TransferExportDialog

    return TransferExportDialog(bridge, child_id, "AL-2026-00001")


def _import_case(bridge: CoreBridge, child_id: int) -> QWidget:
    from ui.protection.transfer_import import TransferImportDialog

    return TransferImportDialog(bridge)


def _returned(bridge: CoreBridge, child_id: int) -> QWidget:
    from ui.forms.missing_dialogs import ReturnDialog

    return ReturnDialog("AL-2026-00001", "Europe/Tirane")


def _screening(bridge: CoreBridge, child_id: int) -> QWidget:
    from ui.protection.screening_form import ScreeningForm

    form = ScreeningForm(bridge, child_id)
    bridge.wait()  # the indicators are laid out once loaded
    QApplication.processEvents()
    return form


def _warnings(bridge: CoreBridge, child_id: int) -> QWidget:
    from types import SimpleNamespace

    from ui.protection.warnings_window import WarningsWindow

    return WarningsWindow(SimpleNamespace(bridge=bridge, open_record=lambda *args: None))


def _dashboard(bridge: CoreBridge, child_id: int) -> QWidget:
    from types import SimpleNamespace

    from ui.protection.dashboard import DashboardWindow

    window = DashboardWindow(SimpleNamespace(bridge=bridge))
    bridge.wait()  # the charts are laid out once counted
    QApplication.processEvents()
    return window


def _screening_info(child_id: int) -> object:
    from guardian_desk.services.screenings import ScreeningInput, record_screening

    with session_scope(FACTORIES[0], actor="Test Officer") as session:
        return record_screening(
            session, ScreeningInput(child_id=child_id, screened_at=datetime.now(UTC))
        )


def _decision(bridge: CoreBridge, child_id: int) -> QWidget:
    from ui.protection.screening_form import DecisionDialog

    return DecisionDialog(_screening_info(child_id))


def _adult_check(bridge: CoreBridge, child_id: int) -> QWidget:
    from guardian_desk.services.adults import add_adult
    from ui.protection.adults_dialog import AdultCheckDialog

    with session_scope(FACTORIES[0], actor="Test Officer") as session:
        adult = add_adult(session, child_id, "Rahim Karimi", "uncle")
    return AdultCheckDialog(adult)


def _referral_info(child_id: int) -> object:
    from guardian_desk.services.referrals import ReferralInput, create_referral

    with session_scope(FACTORIES[0], actor="Test Officer") as session:
        return create_referral(
            session,
            ReferralInput(
                child_id, "nrm", "", date(2026, 10, 2), "Law 70/2017", "", "given", "not_asked"
            ),
        )


def _referral(bridge: CoreBridge, child_id: int) -> QWidget:
    from ui.protection.referral_dialog import ReferralDialog

    return ReferralDialog("AL-2026-00001 Ahmad Rahimi", "Law 70/2017")


def _referral_status(bridge: CoreBridge, child_id: int) -> QWidget:
    from ui.protection.referral_dialog import StatusDialog

    return StatusDialog(_referral_info(child_id))  # type: ignore[arg-type]


def _referral_letter(bridge: CoreBridge, child_id: int) -> QWidget:
    from ui.protection.referral_dialog import LetterFieldsDialog

    return LetterFieldsDialog(_referral_info(child_id))  # type: ignore[arg-type]


WINDOWS: dict[str, Make] = {
    "new referral": _referral,
    "referral status": _referral_status,
    "referral letter fields": _referral_letter,
    "screening": _screening,
    "early warnings": _warnings,
    "coordinator's figures": _dashboard,
    "screening decision": _decision,
    "adult check": _adult_check,
    "possible duplicates": _duplicates,
    "close case": _close_case,
    "visit report": _visit_report,
    "report missing": _missing,
    "the child is back": _returned,
    "send a case to another office": _send_case,
    "import a case bundle": _import_case,
    "child record": _record("children"),
    "new guardian": _record("guardians"),
    "new mediator": _record("mediators"),
    "new facility": _record("facilities"),
    "bulk matching": _bulk,
    "find a guardian": _panel,
    "settings": _settings,
    "import": _import,
    "export": _export,
    "export calendars": _calendars,
    "plan visits": _plan,
    "book a mediator": _mediator,
    "papers register": _register,
    "paper preview": _preview,
    "accounts": _accounts,
    "error": _error,
    "conflict": _conflict,
    **{f"print {k.value if k else 'copy'}": _paper_request(k) for k in (*DocumentKind, None)},
}


@pytest.fixture
def bridge(db_url: str) -> Iterator[CoreBridge]:
    core = CoreBridge(db_url, TEST_OFFICER)
    yield core
    core.wait()
    core.shutdown()


@pytest.fixture
def child_id(factory: sessionmaker[Session]) -> Iterator[int]:
    FACTORIES[:] = [factory]
    with session_scope(factory) as session:
        found = children.create_child(session, factories.child()).id
    yield found
    FACTORIES.clear()


def buttons_outside(window: QWidget) -> list[str]:
    inside = QRect(QPoint(0, 0), window.size())
    return [
        button.text() or button.objectName()
        for button in window.findChildren(QAbstractButton)
        if button.isVisibleTo(window)
        and button.window() is window
        and not inside.contains(
            QRect(button.mapTo(window, QPoint(0, 0)), button.size()), proper=False
        )
    ]


@pytest.mark.parametrize("name", sorted(WINDOWS))
def test_the_window_fits_a_1280_by_720_screen(
    qtbot: QtBot, bridge: CoreBridge, child_id: int, name: str
) -> None:
    window = WINDOWS[name](bridge, child_id)
    room = usable()
    hint = window.minimumSizeHint()
    assert hint.width() <= room.width() and hint.height() <= room.height(), (name, hint)
    window.show()
    QApplication.processEvents()
    size = window.size()
    assert size.width() <= room.width() and size.height() <= room.height(), (name, size)
    outside = buttons_outside(window)
    bridge.wait()
    QApplication.processEvents()
    window.hide()  # no unsaved-changes question
    window.deleteLater()
    assert not outside, (name, outside)
