"""How fast the window is ready, and how fast search answers a keystroke, at full scale.

    .venv/bin/python bench/scale.py --out bench/out      # once: builds bench/out/scale.sqlite3
    .venv/bin/python bench/startup.py --db bench/out/scale.sqlite3

Each run starts a fresh process (QT_QPA_PLATFORM=offscreen unless DISPLAY is set), which
opens the main window on the database; "ready" is when the home page shows its figures.
The project's modules are compiled to bytecode first, as pip and the frozen bundle install
them: a checkout run with PYTHONDONTWRITEBYTECODE=1 (this machine's setting) would compile
every module at every start, 0.1-0.15 s of it (``--from-source`` measures that).
The first run of a day also takes the daily backup, so it is measured apart. Then QTest
types a name into the children's search box, one key at a time. Figures, not pass/fail.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


COLLECTOR: list[str] = []  # ["--collector-on"]: the collector runs through the start (before)


def probe(database: Path | str, home: str, typed: str, mode: str = "home") -> dict[str, float]:
    env = {**os.environ, "GUARDIAN_DESK_HOME": home, "GD_LAUNCHED_AT": repr(time.time())}
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "startup_probe.py"),
            str(database),
            typed,
            mode,
            *COLLECTOR,
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--db",
        default=str(ROOT / "bench" / "out" / "scale.sqlite3"),
        help="the SQLite file, or a PostgreSQL URL (bench/pg_latency.py --gui passes one)",
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--type", default="mohammad", help="what to type in the search box")
    parser.add_argument(
        "--from-source", action="store_true", help="drop the project's bytecode: compile at start"
    )
    parser.add_argument(
        "--collector-on",
        action="store_true",
        help="let the garbage collector run through the start (as before 7 December, evening)",
    )
    args = parser.parse_args()
    if args.collector_on:
        COLLECTOR.append("--collector-on")
    for package in ("guardian_desk", "ui"):
        if args.from_source:
            for cached in (ROOT / package).rglob("__pycache__"):
                shutil.rmtree(cached)
        else:
            compileall.compile_dir(ROOT / package, quiet=1)
    print("the project's modules:", "compiled at each start" if args.from_source else "bytecode")
    print("the collector at start:", "running" if args.collector_on else "held off (as the app)")
    postgres = "://" in args.db
    if not postgres and not Path(args.db).exists():
        print(f"{args.db} is missing: run bench/scale.py --out {Path(args.db).parent} first")
        return 1
    home = tempfile.mkdtemp(prefix="gd-startup-")
    first = probe(args.db, home, args.type)
    if not postgres:  # a server's backups are its administrator's, not the app's
        print(f"{'first start of the day: home filled (backup)':<46}{first['ready_s']:>8.2f} s")
        # Before issue 16 the backup was taken before the window was usable (measured 3.1 s).
        print(f"{'  before: backup first, then the window':<46}{3.1:>8.2f} s")
    runs = [probe(args.db, home, args.type) for _ in range(args.runs)]
    ready = sorted(r["ready_s"] for r in runs)
    shown = sorted(r["shown_s"] for r in runs)
    print(
        f"{'window on screen and answering, median':<46}{statistics.median(shown):>8.2f} s"
        f"   (runs: {', '.join(f'{r:.2f}' for r in shown)})"
    )
    keys = sorted(k for r in runs for k in r["keystrokes_ms"])
    p95 = keys[min(len(keys) - 1, round(0.95 * (len(keys) - 1)))]
    print(
        f"{'home page filled with figures, median':<46}{statistics.median(ready):>8.2f} s"
        f"   (runs: {', '.join(f'{r:.2f}' for r in ready)})"
    )
    print(f"{'children in the table':<46}{runs[-1]['rows']:>8,}")
    print(f"{'search keystroke to updated table, median':<46}{statistics.median(keys):>8.1f} ms")
    print(f"{'search keystroke, 95th percentile':<46}{p95:>8.1f} ms")
    print(f"{'search keystroke, slowest':<46}{keys[-1]:>8.1f} ms")
    # The officer goes to the children registry as soon as the sidebar answers (issue 16).
    first_page = [probe(args.db, home, args.type, "registry") for _ in range(args.runs)]
    for label, field, unit in (
        ("launch to sidebar answering, median", "sidebar_s", "s"),
        ("launch to children registry painted, median", "registry_s", "s"),
        ("scrolling top to bottom: longest stall, median", "scroll_worst_ms", "ms"),
        ("  a page scrolled to, painted: median", "scroll_fill_median_ms", "ms"),
        ("  a page scrolled to, painted: slowest", "scroll_fill_worst_ms", "ms"),
        ("memory of the app (RSS) after scrolling, median", "rss_mb", "MB"),
    ):
        values = sorted(float(r[field]) for r in first_page)
        print(
            f"{label:<46}{statistics.median(values):>8.2f} {unit}"
            f"   (runs: {', '.join(f'{v:.2f}' for v in values)})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
