"""The files that integrate the app with a desktop and tell what it is: the licence (exact, and
the installed copy the About dialog shows identical to it), the desktop entry and AppStream
metadata (agreeing with each other and with the app), and the changelog's current version."""

from __future__ import annotations

import configparser
import hashlib
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from guardian_desk import __version__

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"
DESKTOP_ID = "org.guardiandesk.GuardianDesk"
# The FSF's agpl-3.0.txt (https://www.gnu.org/licenses/agpl-3.0.txt), byte for byte.
AGPL_SHA256 = "8486a10c4393cee1c25392769ddd3b2d6c242d6ec7928e1414efff7dfb2f07ef"


def test_the_licence_is_the_exact_agpl_text() -> None:
    data = (ROOT / "LICENSE").read_bytes()
    lines = data.decode("utf-8").splitlines()
    assert lines[0].strip() == "GNU AFFERO GENERAL PUBLIC LICENSE"
    assert lines[1].strip() == "Version 3, 19 November 2007"
    assert lines[-1] == "<https://www.gnu.org/licenses/>."
    assert hashlib.sha256(data).hexdigest() == AGPL_SHA256


def test_the_installed_licence_is_the_repositorys() -> None:
    shipped = RESOURCES / "licences" / "AGPL-3.0.txt"
    assert shipped.read_bytes() == (ROOT / "LICENSE").read_bytes()


def test_the_package_declares_the_licence_the_metadata_names() -> None:
    setup = configparser.ConfigParser(interpolation=None)
    setup.read(ROOT / "setup.cfg", encoding="utf-8")
    assert setup["metadata"]["license"] == _metainfo().findtext("project_license")


def _desktop_entry() -> configparser.SectionProxy:
    entry = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    entry.read(RESOURCES / "desktop" / f"{DESKTOP_ID}.desktop", encoding="utf-8")
    return entry["Desktop Entry"]


def _metainfo() -> ET.Element:
    return ET.parse(RESOURCES / "desktop" / f"{DESKTOP_ID}.metainfo.xml").getroot()


def test_the_desktop_entry_starts_the_app_with_its_icon() -> None:
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == "guardian-desk-gui"  # setup.cfg's gui_scripts entry
    assert entry["Name"] == "Guardian Desk"
    assert entry["Terminal"] == "false"
    icon = entry["Icon"]
    assert (RESOURCES / "icons" / f"{icon}.svg").is_file()
    for size in (16, 32, 48, 64, 128, 256):
        assert (RESOURCES / "icons" / f"{icon}-{size}.png").is_file()
    assert "Office" in entry["Categories"].split(";")


def test_the_metainfo_describes_the_same_application() -> None:
    root = _metainfo()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == DESKTOP_ID
    launchable = root.find("launchable")
    assert launchable is not None and launchable.get("type") == "desktop-id"
    assert launchable.text == f"{DESKTOP_ID}.desktop"
    assert (RESOURCES / "desktop" / str(launchable.text)).is_file()
    assert root.findtext("project_license") == "AGPL-3.0-or-later"
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("name") == _desktop_entry()["Name"]
    assert root.findtext("icon") == _desktop_entry()["Icon"]
    assert "guardian-desk-gui" in [b.text for b in root.iter("binary")]
    versions = [release.get("version") for release in root.iter("release")]
    assert versions and versions[0] in _changelog_versions()


def test_the_app_uses_the_desktop_id_and_icon_name() -> None:
    """ui/app_icon.py is Qt code: read its constants as text, as this core test imports no Qt."""
    source = (ROOT / "ui" / "app_icon.py").read_text(encoding="utf-8")
    assert f'DESKTOP_ID = "{DESKTOP_ID}"' in source
    assert f'ICON_NAME = "{_desktop_entry()["Icon"]}"' in source


def _changelog_versions() -> list[str]:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    return re.findall(r"^## \[([^\]]+)\]", text, flags=re.MULTILINE)


def test_the_changelog_has_the_current_version_and_what_is_unreleased() -> None:
    versions = _changelog_versions()
    assert versions[0] == "Unreleased"
    assert __version__ in versions


@pytest.mark.parametrize("tool", ["desktop-file-validate", "appstreamcli"])
def test_the_desktop_files_pass_the_freedesktop_validators(tool: str) -> None:
    """Where the validators are installed (desktop-file-utils, appstream); skipped elsewhere."""
    import shutil
    import subprocess

    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed")
    folder = RESOURCES / "desktop"
    if tool == "desktop-file-validate":
        command = [tool, str(folder / f"{DESKTOP_ID}.desktop")]
    else:
        command = [tool, "validate", "--no-net", str(folder / f"{DESKTOP_ID}.metainfo.xml")]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
