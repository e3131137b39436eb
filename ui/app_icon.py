"""The app's icon and desktop identity: the window, the taskbar and the Linux desktop entry.

The PNGs are rendered from resources/icons/guardian-desk.svg by scripts/make_icons.py; the
desktop entry and the AppStream metadata under resources/desktop carry the same id and icon name.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QIcon

from guardian_desk.paths import resources_dir

# The desktop entry's file name without ".desktop", and the AppStream component's id.
DESKTOP_ID = "org.guardiandesk.GuardianDesk"
# The icon's name in an icon theme (hicolor/<N>x<N>/apps/guardian-desk.png), and its files' stem.
ICON_NAME = "guardian-desk"
ICON_SIZES = (16, 32, 48, 64, 128, 256)


def app_icon() -> QIcon:
    """Every rendered size, so Qt never scales a large picture down to a blurred small one."""
    folder = resources_dir() / "icons"
    icon = QIcon()
    for size in ICON_SIZES:
        path = folder / f"{ICON_NAME}-{size}.png"
        if path.is_file():
            icon.addFile(str(path))
    return icon


def apply_identity(app: QGuiApplication) -> None:
    """The icon for every window and the taskbar; the desktop entry a Wayland compositor
    matches the windows with (its icon, its name in the dock)."""
    app.setWindowIcon(app_icon())
    QGuiApplication.setDesktopFileName(DESKTOP_ID)
