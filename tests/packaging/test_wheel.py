"""`pip install .` (not only editable) gives a working app: migrations and resources ship."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.packaging.command_line_checks import check_command_line, check_self_test

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(ROOT)],
        check=True,
    )
    (found,) = out.glob("guardian_desk-*.whl")
    return found


@pytest.mark.slow
def test_wheel_holds_code_migrations_and_samples(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "guardian_desk/cli.py" in names and "ui/app.py" in names
    # Inside the package, where importlib.resources finds them (not under <prefix>/share).
    assert not any(".data/" in n for n in names)
    assert "guardian_desk/migrations/env.py" in names
    assert any(n.startswith("guardian_desk/migrations/versions/") for n in names)
    assert "guardian_desk/resources/samples/children.csv" in names
    for language in ("sq", "sr", "mk"):  # the interface speaks them from an installed copy too
        assert f"guardian_desk/resources/locale/{language}/LC_MESSAGES/guardian_desk.mo" in names
    assert "guardian_desk/resources/protection/indicators-2009.json" in names
    assert "guardian_desk/resources/fonts/NotoNaskhArabic-Regular.ttf" in names
    assert not any(n.startswith("tests/") for n in names)


def _install(wheel: Path, tmp_path: Path, how: str) -> tuple[Path, Path, dict[str, str]]:
    """Install the wheel alone (a venv, or `pip install --user`); the dependencies come from
    the test environment through a .pth file. Returns the interpreter, the scripts' folder and
    the environment."""
    env = {**os.environ, "GUARDIAN_DESK_HOME": str(tmp_path / "home"), "PYTHONPATH": ""}
    if how == "venv":
        venv = tmp_path / "venv"
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
        python = venv / "bin" / "python"
        install = [sys.executable, "-m", "pip", "--python", str(python), "install"]
        scripts = venv / "bin"
    else:  # a per-user install by the interpreter the venv was made from
        env["PYTHONUSERBASE"] = str(tmp_path / "user")
        python = Path(sys._base_executable)
        install = [str(python), "-m", "pip", "install", "--user", "--break-system-packages"]
        scripts = tmp_path / "user" / "bin"
    subprocess.run([*install, "--quiet", "--no-deps", str(wheel)], check=True, env=env)
    site = subprocess.check_output(
        [str(python), "-c", "import guardian_desk, pathlib; "
         "print(pathlib.Path(guardian_desk.__file__).parent.parent)"],
        text=True, env=env, cwd=tmp_path,
    ).strip()  # fmt: skip
    assert str(scripts.parent) in site, site  # the installed copy, not the source tree
    (Path(site) / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return python, scripts, env


@pytest.mark.slow
@pytest.mark.parametrize("how", ["venv", "user"])
def test_installed_app_creates_and_reports_a_database(
    wheel: Path, tmp_path: Path, how: str
) -> None:
    python, scripts, env = _install(wheel, tmp_path, how)
    check_command_line(scripts / "guardian-desk", tmp_path, env)
    # The desktop app checks itself through its window: fonts, migrations, a paper, a calendar.
    check_self_test(scripts / "guardian-desk-gui", tmp_path, env)
    where = subprocess.check_output(
        [str(python), "-c", "import guardian_desk.paths as p; "
         "print(p.migrations_dir()); print(p.resources_dir())"],
        cwd=tmp_path, env=env, text=True,
    ).split()  # fmt: skip
    assert all(folder.startswith(str(scripts.parent)) for folder in where), where
