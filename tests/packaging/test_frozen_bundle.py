"""The frozen one-folder bundle works on a machine with no Python of its own set up for it.

The bundle is built here with scripts/build.sh (about 5 minutes on two cores), or taken from
GUARDIAN_DESK_BUNDLE when a build is already at hand. Both its programs are run with a clean
environment: nothing from this checkout or its venv is on their path.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.packaging.command_line_checks import ROOT, check_command_line, check_self_test


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    given = os.environ.get("GUARDIAN_DESK_BUNDLE")
    if given:
        yield Path(given)
        return
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        ["bash", str(ROOT / "scripts" / "build.sh"), str(dist)], check=True, timeout=3600
    )
    yield dist / "guardian-desk"


def _clean_env(tmp_path: Path) -> dict[str, str]:
    """What an office PC has: no PYTHONPATH, no venv, a home of its own."""
    keep = ("PATH", "LANG", "LC_ALL", "TMPDIR", "DISPLAY", "XAUTHORITY")
    env = {k: v for k, v in os.environ.items() if k in keep}
    env["PATH"] = "/usr/bin:/bin"
    env["HOME"] = str(tmp_path / "home")
    env["GUARDIAN_DESK_HOME"] = str(tmp_path / "data")
    return env


@pytest.mark.slow
def test_the_frozen_app_checks_itself_through_its_window(bundle: Path, tmp_path: Path) -> None:
    said = check_self_test(bundle / "guardian-desk-gui", tmp_path, _clean_env(tmp_path))
    assert "Demo office loaded" in said and "Paper printed" in said


@pytest.mark.slow
def test_the_frozen_command_passes_the_command_line_checks(bundle: Path, tmp_path: Path) -> None:
    check_command_line(bundle / "guardian-desk", tmp_path, _clean_env(tmp_path))


@pytest.mark.slow
def test_the_bundle_carries_no_tests_and_no_build_tools(bundle: Path) -> None:
    names = {p.name for p in (bundle / "_internal").iterdir()}
    assert {"PyInstaller", "pytest", "tests", "mypy"}.isdisjoint(names)
    assert (bundle / "_internal" / "guardian_desk" / "resources" / "fonts").is_dir()
    # The holidays' version names the office's kept holidays: without it every start of the
    # frozen app would compute them again (scheduling/holiday_cache.py).
    assert list((bundle / "_internal").glob("holidays-*.dist-info/METADATA"))


@pytest.mark.slow
def test_the_linux_bundle_installs_for_one_user_and_removes_cleanly(
    bundle: Path, tmp_path: Path
) -> None:
    env = _clean_env(tmp_path)
    installer = bundle / "install-user.sh"
    done = subprocess.run(["bash", str(installer)], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    home = Path(env["HOME"])
    command = home / ".local" / "bin" / "guardian-desk"
    version = subprocess.run([str(command), "--version"], env=env, capture_output=True, text=True)
    assert version.stdout.startswith("guardian-desk ")
    entry = home / ".local/share/applications/org.guardiandesk.GuardianDesk.desktop"
    assert f"Exec={home}/.local/opt/guardian-desk/guardian-desk-gui" in entry.read_text()
    assert (home / ".local/share/icons/hicolor/48x48/apps/guardian-desk.png").is_file()
    done = subprocess.run(["bash", str(installer), "--remove"], env=env, capture_output=True)
    assert done.returncode == 0
    assert not command.exists() and not entry.exists()
    assert not (home / ".local/opt/guardian-desk").exists()
