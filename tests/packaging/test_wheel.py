"""`pip install .` (not only editable) gives a working app: migrations and resources ship."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

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
    data = [n for n in names if ".data/data/share/guardian-desk/" in n]
    assert any(n.endswith("migrations/env.py") for n in data)
    assert any("/migrations/versions/" in n and n.endswith(".py") for n in data)
    assert any(n.endswith("resources/samples/children.csv") for n in data)
    for language in ("sq", "sr", "mk"):  # the interface speaks them from an installed copy too
        assert any(n.endswith(f"locale/{language}/LC_MESSAGES/guardian_desk.mo") for n in data)
    assert any(n.endswith("resources/protection/indicators-2009.json") for n in data)
    assert not any(n.startswith("tests/") for n in names)


@pytest.mark.slow
def test_installed_app_creates_and_reports_a_database(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(venv / "bin" / "python"),
            "install",
            "--quiet",
            "--no-deps",
            str(wheel),
        ],
        check=True,
    )
    # The dependencies come from the test environment; the app itself only from the wheel.
    purelib = Path(
        subprocess.check_output(
            [
                str(venv / "bin" / "python"),
                "-c",
                "import sysconfig; print(sysconfig.get_paths()['purelib'])",
            ],
            text=True,
        ).strip()
    )
    (purelib / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    env = {**os.environ, "GUARDIAN_DESK_HOME": str(tmp_path / "home"), "PYTHONPATH": ""}
    database = tmp_path / "office.sqlite3"

    def run(*args: str) -> str:
        done = subprocess.run(
            [str(venv / "bin" / "guardian-desk"), "--db", str(database), *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert "upgraded from empty" in run("db", "upgrade")
    # The office's first start, as a script would do it (the password from the environment).
    env |= {"GUARDIAN_DESK_USER": "admin", "GUARDIAN_DESK_PASSWORD": "a long enough password"}
    assert "admin is its administrator" in run(
        "setup", "--office-name", "Test office", "--country", "AL", "--time-zone",
        "Europe/Tirane", "--username", "admin", "--full-name", "Office Administrator",
    )  # fmt: skip
    samples = venv / "share" / "guardian-desk" / "resources" / "samples"
    assert "Imported" in run("import", "facilities", str(samples / "facilities.csv"))
    assert "state:     current" in run("db", "status")
    env["GUARDIAN_DESK_LANGUAGE"] = "sq"  # the catalogues ship and load from the installed copy
    assert "gjendja:" in run("db", "status")
    del env["GUARDIAN_DESK_LANGUAGE"]
    where = subprocess.check_output(
        [
            str(venv / "bin" / "python"),
            "-c",
            "import guardian_desk.paths as p, ui.app; print(p.migrations_dir())",
        ],
        cwd=tmp_path,
        env={**env, "QT_QPA_PLATFORM": "offscreen"},
        text=True,
    ).strip()
    assert where.startswith(str(venv)), where
