"""Help ▸ About Guardian Desk: the version, the licence, the bundled fonts and their licence,
and where this computer keeps the data, the backups and which database is open.

The licence texts are read from the installed resources (resources/licences/AGPL-3.0.txt, the
same text as the repository's LICENSE, and resources/fonts/OFL.txt): a frozen build has no
repository beside it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication, QRawFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guardian_desk import __version__
from guardian_desk.paths import backup_dir, data_dir, resources_dir
from ui.app_icon import app_icon
from ui.screen_fit import resize_to_fit

LICENCE_ID = "AGPL-3.0-or-later"
LICENCE_URL = "https://www.gnu.org/licenses/agpl-3.0.html"
FONT_LICENCE_URL = "https://openfontlicense.org"
DATA = "shows_data"  # a widget whose text is data (paths, font names), never translated


def licence_file() -> Path:
    return resources_dir() / "licences" / "AGPL-3.0.txt"


def font_licence_file() -> Path:
    return resources_dir() / "fonts" / "OFL.txt"


def bundled_fonts() -> dict[str, list[str]]:
    """Each bundled font family with its styles, as the font files name them."""
    from ui.fonts import fallback_families

    found: dict[str, list[str]] = {}
    for path in sorted((resources_dir() / "fonts").glob("*.ttf")):
        font = QRawFont(str(path), 12)
        if not font.isValid():
            continue
        styles = found.setdefault(font.familyName(), [])
        if font.styleName() not in styles:
            styles.append(font.styleName())
    # The fallback order (Latin first), each family's regular style before the others.
    return {
        family: sorted(found[family], key=lambda style: (style != "Regular", style))
        for family in fallback_families(list(found))
    }


def font_copyright() -> str:
    """The copyright line OFL.txt opens with ("Copyright 2010, 2012-2020 Google Inc. ...")."""
    try:
        first = font_licence_file().read_text(encoding="utf-8").splitlines()[0]
    except (OSError, IndexError):
        return ""
    return first.strip()


class TextViewDialog(QDialog):
    """A licence's text, read-only and scrollable, in a fixed-width font (as it is laid out)."""

    def __init__(self, title: str, path: Path, url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.text = QPlainTextEdit()
        self.text.setObjectName("licence_text")
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        try:
            self.text.setPlainText(path.read_text(encoding="utf-8"))
        except OSError:
            self.text.setPlainText(
                self.tr("The text is missing from this installation; read it at {0}").format(url)
            )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        resize_to_fit(self, 680, 680)


class PathField(QWidget):
    """A path the officer can select, copy with a button, and for a folder open."""

    def __init__(self, text: str, folder: Path | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = QLineEdit(text)
        self.field.setReadOnly(True)
        self.field.setCursorPosition(0)
        self.field.setProperty(DATA, True)
        self.field.setMinimumWidth(420)
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy to the clipboard"))
        self.copy_button.clicked.connect(self.copy)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.field, 1)
        row.addWidget(self.copy_button)
        self.open_button: QPushButton | None = None
        if folder is not None:
            self.open_button = QPushButton(self.tr("Open folder"))
            self.open_button.clicked.connect(
                lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
            )
            row.addWidget(self.open_button)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.field.text())


class AboutDialog(QDialog):
    """``database``: how the window names the open database (a file, or a server's address)."""

    def __init__(self, database: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Guardian Desk"))
        self.setObjectName("about_dialog")
        layout = QVBoxLayout(self)
        layout.addLayout(self._heading())
        layout.addWidget(self._licence())
        layout.addWidget(self._fonts())
        layout.addWidget(self._places(database))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addStretch(1)
        layout.addWidget(buttons)
        resize_to_fit(self, 760, 600)

    def _heading(self) -> QHBoxLayout:
        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(64, 64))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        name = QLabel(self.tr("Guardian Desk"))
        name.setObjectName("about_name")
        font = name.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        name.setFont(font)
        self.version_label = QLabel(self.tr("Version {0}").format(__version__))
        self.version_label.setObjectName("about_version")
        self.version_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        what = QLabel(
            self.tr(
                "Case management for the guardians of unaccompanied migrant children: the "
                "registries, matching, visits, papers and protection work of one office."
            )
        )
        what.setWordWrap(True)
        column = QVBoxLayout()
        for widget in (name, self.version_label, what):
            column.addWidget(widget)
        row = QHBoxLayout()
        row.addWidget(icon)
        row.addSpacing(12)
        row.addLayout(column, 1)
        return row

    def _licence(self) -> QGroupBox:
        box = QGroupBox(self.tr("Licence"))
        text = QLabel(
            self.tr(
                "Guardian Desk is free software: you may share and change it under the terms of "
                "the GNU Affero General Public License, version 3 or (at your choice) any later "
                "version ({0}). It comes with no warranty."
            ).format(LICENCE_ID)
        )
        text.setWordWrap(True)
        self.licence_button = QPushButton(self.tr("Show the licence…"))
        self.licence_button.clicked.connect(self.show_licence)
        return self._box(box, text, self.licence_button)

    def _fonts(self) -> QGroupBox:
        box = QGroupBox(self.tr("Bundled fonts"))
        intro = QLabel(
            self.tr(
                "Guardian Desk carries these fonts so that names in Arabic, Ethiopic and Bengali "
                "script display on every computer. They are under the SIL Open Font License, "
                "version 1.1:"
            )
        )
        intro.setWordWrap(True)
        fonts = bundled_fonts()
        lines = [f"{family} ({', '.join(styles)})" for family, styles in fonts.items()]
        self.fonts_label = QLabel("\n".join([*lines, font_copyright()]))
        self.fonts_label.setObjectName("about_fonts")
        self.fonts_label.setProperty(DATA, True)
        self.fonts_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.font_licence_button = QPushButton(self.tr("Show the font licence…"))
        self.font_licence_button.clicked.connect(self.show_font_licence)
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(intro)
        box_layout.addWidget(self.fonts_label)
        box_layout.addLayout(self._button_row(self.font_licence_button))
        return box

    def _places(self, database: str | None) -> QGroupBox:
        box = QGroupBox(self.tr("Where the data is"))
        form = QFormLayout(box)
        data, backups = data_dir(), backup_dir()
        self.data_field = PathField(str(data), data)
        self.backup_field = PathField(str(backups), backups)
        form.addRow(self.tr("Data folder:"), self.data_field)
        form.addRow(self.tr("Backups folder:"), self.backup_field)
        self.database_field: PathField | None = None
        if database:
            self.database_field = PathField(database)
            form.addRow(self.tr("Open database:"), self.database_field)
        return box

    def _box(self, box: QGroupBox, text: QLabel, button: QPushButton) -> QGroupBox:
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(text)
        box_layout.addLayout(self._button_row(button))
        return box

    @staticmethod
    def _button_row(button: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(button)
        row.addStretch(1)
        return row

    def show_licence(self) -> TextViewDialog:
        return self._view(
            lambda: TextViewDialog(
                self.tr("GNU Affero General Public License"), licence_file(), LICENCE_URL, self
            )
        )

    def show_font_licence(self) -> TextViewDialog:
        return self._view(
            lambda: TextViewDialog(
                self.tr("SIL Open Font License"), font_licence_file(), FONT_LICENCE_URL, self
            )
        )

    def _view(self, make: Callable[[], TextViewDialog]) -> TextViewDialog:
        view = make()  # a child of this dialog: it closes with it
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        view.show()
        return view
