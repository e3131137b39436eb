"""How long the bundled fonts take to install, which every start of the app pays.

    .venv/bin/python bench/fonts.py [--runs 7]

Each run is a fresh process (QT_QPA_PLATFORM=offscreen unless DISPLAY is set) that makes the
QApplication first, then times ui.fonts.install_fonts() alone: the Noto files loaded and set
as fallbacks. A few milliseconds on a quiet machine; target < 1 s. Figures, not pass/fail.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = (
    "import sys, time\n"
    "from PySide6.QtWidgets import QApplication\n"
    "from ui.fonts import install_fonts\n"
    "app = QApplication(sys.argv[:1])\n"
    "started = time.perf_counter()\n"
    "loaded = install_fonts()\n"
    "print(time.perf_counter() - started, len(loaded))\n"
)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    env = dict(os.environ)
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    seconds, families = [], 0
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", PROBE],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        taken, count = done.stdout.split()[-2:]
        seconds.append(float(taken))
        families = int(count)
    print(
        f"install_fonts: median {statistics.median(seconds) * 1000:.1f} ms, "
        f"max {max(seconds) * 1000:.1f} ms ({runs} fresh processes, {families} families; "
        "target < 1 s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
