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

``--before REV`` starts an older revision's app too (a git worktree with its own probe), in
turns with this checkout's, and prints its medians beside (the machine drifts by up to 20 %
within an hour: figures taken in turns compare best).
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
from contextlib import ExitStack
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.worktree import revision_tree  # noqa: E402

COLLECTOR: list[str] = []  # ["--collector-on"]: the collector runs through the start (before)


def probe(
    database: Path | str, home: str, typed: str, mode: str = "home", root: Path = ROOT
) -> dict[str, float]:
    env = {**os.environ, "GUARDIAN_DESK_HOME": home, "GD_LAUNCHED_AT": repr(time.time())}
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    extra = COLLECTOR if root == ROOT else []
    done = subprocess.run(
        [sys.executable, str(root / "bench" / "startup_probe.py"), str(database), typed, mode,
         *extra],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=root,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def compile_modules(root: Path, from_source: bool) -> None:
    for package in ("guardian_desk", "ui"):
        if from_source:
            for cached in (root / package).rglob("__pycache__"):
                shutil.rmtree(cached)
        else:
            compileall.compile_dir(root / package, quiet=1)


def line(label: str, unit: str, now: list[float], before: list[float] | None) -> None:
    """A figure's median (and its runs); with ``before``, the older code's median first."""
    now = sorted(now)
    runs = ", ".join(f"{v:.2f}" for v in now)
    if before is None:
        print(f"{label:<46}{statistics.median(now):>8.2f} {unit}   (runs: {runs})")
    else:
        old = statistics.median(before)
        print(f"{label:<46}{old:>8.2f} -> {statistics.median(now):>6.2f} {unit}   (runs: {runs})")


def keystrokes(runs: list[dict[str, Any]]) -> tuple[list[float], list[float], list[float]]:
    keys = sorted(k for r in runs for k in r["keystrokes_ms"])
    p95 = keys[min(len(keys) - 1, round(0.95 * (len(keys) - 1)))]
    return [statistics.median(keys)], [p95], [keys[-1]]


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
    parser.add_argument(
        "--before",
        metavar="REV",
        help="also start the app of this git revision (a worktree, its own probe), in turns "
        "with this one, and print its medians first",
    )
    args = parser.parse_args()
    if args.collector_on:
        COLLECTOR.append("--collector-on")
    postgres = "://" in args.db
    if not postgres and not Path(args.db).exists():
        print(f"{args.db} is missing: run bench/scale.py --out {Path(args.db).parent} first")
        return 1
    with ExitStack() as trees:
        roots = [ROOT]
        if args.before:
            roots.append(trees.enter_context(revision_tree(args.before)))
        for root in roots:
            compile_modules(root, args.from_source)
        return measure(args, roots, postgres)


def measure(args: argparse.Namespace, roots: list[Path], postgres: bool) -> int:
    print("the project's modules:", "compiled at each start" if args.from_source else "bytecode")
    print("the collector at start:", "running" if args.collector_on else "held off (as the app)")
    if len(roots) > 1:
        print(f"figures: {args.before} (before) -> this checkout, started in turns")
    homes = {root: tempfile.mkdtemp(prefix="gd-startup-") for root in roots}
    results: dict[Path, dict[str, list[dict[str, Any]]]] = {r: {} for r in roots}
    for root in roots:  # the first start of the day takes the backup: apart
        results[root]["first"] = [probe(args.db, homes[root], args.type, root=root)]
    for mode in ("home", "registry"):
        for root in roots:
            results[root][mode] = []
        for _ in range(args.runs):
            for root in roots:
                results[root][mode].append(probe(args.db, homes[root], args.type, mode, root))
    now, before = results[ROOT], (results[roots[1]] if len(roots) > 1 else None)

    def figures(mode: str, field: str) -> tuple[list[float], list[float] | None]:
        old = None if before is None else [float(r[field]) for r in before[mode]]
        return [float(r[field]) for r in now[mode]], old

    if not postgres:  # a server's backups are its administrator's, not the app's
        line("first start of the day: home filled (backup)", "s", *figures("first", "ready_s"))
    line("window on screen and answering, median", "s", *figures("home", "shown_s"))
    line("home page filled with figures, median", "s", *figures("home", "ready_s"))
    print(f"{'children in the table':<46}{now['home'][-1]['rows']:>8,}")
    typed_now = keystrokes(now["home"])
    typed_before = keystrokes(before["home"]) if before is not None else (None, None, None)
    for label, values, old in zip(
        ("search keystroke to updated table, median", "search keystroke, 95th percentile",
         "search keystroke, slowest"),
        typed_now, typed_before, strict=True,
    ):  # fmt: skip
        line(label, "ms", values, old)
    # The officer goes to the children registry as soon as the sidebar answers (issue 16).
    for label, field, unit in (
        ("launch to sidebar answering, median", "sidebar_s", "s"),
        ("launch to children registry painted, median", "registry_s", "s"),
        ("scrolling top to bottom: longest stall, median", "scroll_worst_ms", "ms"),
        ("  a page scrolled to, painted: median", "scroll_fill_median_ms", "ms"),
        ("  a page scrolled to, painted: slowest", "scroll_fill_worst_ms", "ms"),
        ("memory of the app (RSS) after scrolling, median", "rss_mb", "MB"),
    ):
        line(label, unit, *figures("registry", field))
    return 0


if __name__ == "__main__":
    sys.exit(main())
