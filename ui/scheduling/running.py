"""A progress bar with a Cancel button and a line of news: long core work, shown as it runs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from ui.bridge import Task


class RunStrip(QWidget):
    """Shows a running task's progress; Cancel asks the task to stop (the core then saves
    nothing). ``message`` stays visible after the task, with what came of it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.task: Task | None = None
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.message = QLabel(wordWrap=True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self._show_bar(False)

    @property
    def running(self) -> bool:
        return self.task is not None

    def _show_bar(self, shown: bool) -> None:
        self.bar.setVisible(shown)
        self.cancel_button.setVisible(shown)

    def start(self, task: Task, text: str) -> None:
        self.task = task
        self.bar.setRange(0, 0)
        self.message.setText(text)
        self.cancel_button.setEnabled(True)
        self._show_bar(True)

    def progress(self, done: int, total: int) -> None:
        if self.task is None:
            return
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(min(done, max(total, 1)))

    def finish(self, text: str = "") -> None:
        self.task = None
        self._show_bar(False)
        self.message.setText(text)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self.message.setText(self.tr("Cancelling…"))
