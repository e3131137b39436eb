"""How long the language picker's list takes to build the first time in a process.

    .venv/bin/python bench/language_list.py [--runs 7]

Each run is a fresh interpreter, so the figure includes the imports, pycountry's tables and
CLDR's native names (guardian_desk.domain.languages.language_choices). About 0.4 s on a quiet
machine; target < 1.5 s. Figures, not pass/fail.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = (
    "import time; started = time.perf_counter();"
    "from guardian_desk.domain.languages import language_choices;"
    "count = len(language_choices()); print(time.perf_counter() - started, count)"
)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    seconds, count = [], 0
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=True
        )
        taken, found = done.stdout.split()[-2:]
        seconds.append(float(taken))
        count = int(found)
    print(
        f"language list: median {statistics.median(seconds):.3f} s, max {max(seconds):.3f} s "
        f"({runs} fresh interpreters, {count} languages; target < 1.5 s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
