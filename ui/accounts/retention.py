"""File > Anonymise old cases…: the administrator sees what would go, then confirms.

The core checks the role (Permission.RETENTION) and does the work off the GUI thread; a
refusal is shown in its own words.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMessageBox

from guardian_desk.faults import explain
from guardian_desk.i18n.formats import date_text, number_text

if TYPE_CHECKING:
    from guardian_desk.services.retention import RetentionReport
    from ui.main_window import MainWindow

SHOWN = 12  # case numbers listed in the question; the rest are counted


def _anonymise(session: Any, *, dry_run: bool) -> RetentionReport:
    from guardian_desk.services.retention import anonymise_closed_cases

    return anonymise_closed_cases(session, date.today(), dry_run=dry_run)


def anonymise_old_cases(window: MainWindow) -> None:
    bridge = window.bridge
    if bridge is None:
        return
    title = window.tr("Anonymise old cases")

    def refused(error: BaseException) -> None:
        QMessageBox.warning(window, title, explain(error).message)

    def done(report: RetentionReport) -> None:
        QMessageBox.information(
            window,
            title,
            window.tr("1 case anonymised; the figures still count it.")
            if len(report.case_numbers) == 1
            else window.tr(
                "%n cases anonymised; the figures still count them.", "", len(report.case_numbers)
            ),
        )

    def previewed(report: RetentionReport) -> None:
        found = report.case_numbers
        if not found:
            QMessageBox.information(
                window,
                title,
                window.tr("No case closed before {0} is left to anonymise.").format(
                    date_text(report.closed_before)
                ),
            )
            return
        listed = ", ".join(found[:SHOWN]) + (" …" if len(found) > SHOWN else "")
        answer = QMessageBox.question(
            window,
            title,
            window.tr(
                "Cases closed before {0} (more than {1} years ago): {2} — {3}\n\n"
                "Their names, exact dates of birth, notes and companions will be removed for "
                "good; case numbers, dates and figures stay. Anonymise them now?"
            ).format(
                date_text(report.closed_before),
                report.retention_years,
                number_text(len(found)),
                listed,
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            bridge.run(
                lambda session, _task: _anonymise(session, dry_run=False),
                writes=True,
                on_success=done,
                on_failure=refused,
            )

    bridge.run(
        lambda session, _task: _anonymise(session, dry_run=True),
        on_success=previewed,
        on_failure=refused,
    )
