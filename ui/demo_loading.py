"""Loading the demo office from the welcome page: off the GUI thread, with progress."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog

from guardian_desk.domain.errors import GuardianDeskError

if TYPE_CHECKING:
    from ui.bridge import Task
    from ui.main_window import MainWindow


def load_demo(window: MainWindow) -> None:
    """The demo office, off the GUI thread with progress and Cancel; then the home page."""
    from guardian_desk.demo import DemoSizes
    from guardian_desk.demo import load_demo as load_office

    assert window.bridge is not None
    dialog = QProgressDialog(
        window.tr("Creating the demo office…"), window.tr("Cancel"), 0, 0, window
    )
    dialog.setWindowTitle(window.tr("Demo data"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)

    def work(session: Any, task: Task) -> dict[str, int]:
        return load_office(session, DemoSizes(), progress=task.progress, cancel=task.cancelled)

    def progressed(done: int, total: int) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)

    def finished(_counts: object) -> None:
        dialog.reset()
        window.show_section("home")

    def failed(error: BaseException) -> None:
        dialog.reset()
        if isinstance(error, GuardianDeskError):
            QMessageBox.information(window, window.tr("Demo data"), str(error))
        else:
            raise error

    task = window.bridge.run(
        work, writes=True, on_success=finished, on_failure=failed, on_progress=progressed
    )
    dialog.canceled.connect(task.cancel)
