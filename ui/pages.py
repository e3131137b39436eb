"""The pages the main window shows before and beside the registries."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)


def title_label(text: str) -> QLabel:
    """A page's heading: the body font, bold and 1.6 times larger."""
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.6)
    font.setBold(True)
    label.setFont(font)
    return label


class OpeningPage(QWidget):
    """Shown while the database is checked, backed up and upgraded (off the GUI thread)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch()
        self.message = QLabel(
            self.tr("Opening the database…"), alignment=Qt.AlignmentFlag.AlignCenter
        )
        bar = QProgressBar()
        bar.setRange(0, 0)
        bar.setMaximumWidth(320)
        layout.addWidget(self.message)
        layout.addWidget(bar, alignment=Qt.AlignmentFlag.AlignCenter)
        layout.addStretch()


class RefusedPage(QWidget):
    """The database could not be opened safely; say why and offer another one."""

    open_other = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch()
        layout.addWidget(title_label(self.tr("This database cannot be opened")))
        self.message = QLabel(
            wordWrap=True, textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.message)
        button = QPushButton(self.tr("Open another database…"))
        button.clicked.connect(self.open_other)
        layout.addWidget(button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addStretch()
        layout.setContentsMargins(48, 24, 48, 24)

    def show_message(self, text: str) -> None:
        self.message.setText(text)


class WelcomePage(QWidget):
    """First start on an empty database: demo data, a CSV import, or an empty start."""

    load_demo = Signal()
    import_csv = Signal()
    start_empty = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.addWidget(title_label(self.tr("Welcome to Guardian Desk")))
        intro = QLabel(
            self.tr(
                "This database is empty. Choose how to begin. You can import your own records "
                "at any time later."
            ),
            wordWrap=True,
        )
        layout.addWidget(intro)
        choices = QHBoxLayout()
        for name, title, text, signal in (
            (
                "Explore with demo data",  # object names stay English: tests, accessibility tools
                self.tr("Explore with demo data"),
                self.tr(
                    "A realistic, invented office: children, guardians, mediators and "
                    "facilities. Nothing in it is about real people."
                ),
                self.load_demo,
            ),
            (
                "Import from CSV files",
                self.tr("Import from CSV files"),
                self.tr(
                    "Bring records from a spreadsheet. A file with any faulty row imports "
                    "nothing and lists every fault."
                ),
                self.import_csv,
            ),
            (
                "Start empty",
                self.tr("Start empty"),
                self.tr("Register your first child, guardian or facility by hand."),
                self.start_empty,
            ),
        ):
            box = QGroupBox(title)
            box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
            inner = QVBoxLayout(box)
            inner.addWidget(QLabel(text, wordWrap=True))
            inner.addStretch()
            button = QPushButton(title)
            button.setObjectName(name)
            button.clicked.connect(signal)
            inner.addWidget(button)
            choices.addWidget(box)
        layout.addLayout(choices)
        layout.addStretch()
