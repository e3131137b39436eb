"""The frozen bundle beside the pip install: size on disk and start time.

    xvfb-run -a .venv/bin/python bench/frozen.py --bundle dist/guardian-desk [--runs 5]

(build the bundle first with scripts/build.sh). Both installs are timed the same way, from the
outside: launch to the first window named "Guardian Desk" mapped on the X screen (polled with
xwininfo every 10 ms), on a database already set up, so the sign-in page is what shows; and
the command line's `--version` and `db status`. "pip install" is a fresh venv with
`pip install .[postgres]` (no test tools), made in a temporary folder. Figures, not pass/fail.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TITLE = b'"Guardian Desk"'


def size_mb(folder: Path) -> float:
    out = subprocess.check_output(["du", "-sk", str(folder)], text=True)
    return int(out.split()[0]) / 1024


def window_shown_s(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while time.perf_counter() - start < 60:
            tree = subprocess.run(
                ["xwininfo", "-root", "-tree"], capture_output=True, env=env
            ).stdout
            if TITLE in tree:
                return time.perf_counter() - start
            time.sleep(0.01)
        raise RuntimeError("no window within 60 s")
    finally:
        process.terminate()
        process.wait(timeout=30)


def command_s(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def fresh_venv(folder: Path) -> Path:
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    pip = [str(folder / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    subprocess.run([*pip, f"{ROOT}[postgres]"], check=True)
    return folder / "bin"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "guardian-desk")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        print("needs an X screen: run it under xvfb-run -a")
        return 1
    work = Path(tempfile.mkdtemp(prefix="gd-frozen-"))
    env = {**os.environ, "GUARDIAN_DESK_HOME": str(work / "home"), "PYTHONPATH": ""}
    env |= {"GUARDIAN_DESK_USER": "admin", "GUARDIAN_DESK_PASSWORD": "a long enough password"}
    venv_bin = fresh_venv(work / "venv")
    installs = {"pip install": venv_bin, "frozen bundle": args.bundle}
    database = work / "office.sqlite3"
    cli = [str(venv_bin / "guardian-desk"), "--db", str(database)]
    subprocess.run([*cli, "db", "upgrade"], env=env, check=True, capture_output=True)
    subprocess.run(
        [*cli, "setup", "--office-name", "Bench", "--country", "AL", "--time-zone",
         "Europe/Tirane", "--username", "admin", "--full-name", "Bench Admin"],
        env=env, check=True, capture_output=True,
    )  # fmt: skip
    print(f"{'':<38}{'pip install':>14}{'frozen bundle':>16}")
    sizes = {name: size_mb(folder.parent if name == "pip install" else folder)
             for name, folder in installs.items()}  # fmt: skip
    print(f"{'size on disk (MB)':<38}{sizes['pip install']:>14.0f}{sizes['frozen bundle']:>16.0f}")
    rows = {
        "window on screen, median (s)": lambda b: window_shown_s(
            [str(b / "guardian-desk-gui"), "--db", str(database)], env
        ),
        "guardian-desk --version, median (s)": lambda b: command_s(
            [str(b / "guardian-desk"), "--version"], env
        ),
        "guardian-desk db status, median (s)": lambda b: command_s(
            [str(b / "guardian-desk"), "--db", str(database), "db", "status"], env
        ),
    }
    for label, measure in rows.items():
        medians = []
        for _name, folder in installs.items():
            measure(folder)  # the first run fills the page cache; not counted
            medians.append(statistics.median(measure(folder) for _ in range(args.runs)))
        print(f"{label:<38}{medians[0]:>14.2f}{medians[1]:>16.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
