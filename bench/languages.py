"""Does speaking Albanian or Serbian slow the start? Start to the sign-in page, per language,
beside the same probe run on the commit before translation (a temporary git worktree).

    .venv/bin/python bench/languages.py [--before 8de568a] [--runs 7]

Each run is a fresh process on the same set-up office (one account, no records: the sign-in
page is what the officer waits for). Figures, not pass/fail.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = ROOT / "bench" / "language_probe.py"


def run(source: Path, database: Path, language: str, home: str) -> float:
    env = {
        **os.environ,
        "GUARDIAN_DESK_HOME": home,
        "GD_LAUNCHED_AT": repr(time.time()),
        "GD_SOURCE": str(source),
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
    }
    done = subprocess.run(
        [sys.executable, str(PROBE), str(database), language],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=source,
        timeout=120,
    )
    return float(json.loads(done.stdout.strip().splitlines()[-1])["sign_in_s"])


def office(home: str, source: Path) -> Path:
    """A set-up office with the schema of the tree `source` (an older tree refuses a newer one)."""
    database = Path(home) / f"office-{source.name}.sqlite3"
    env = {
        **os.environ,
        "GUARDIAN_DESK_HOME": home,
        "GUARDIAN_DESK_NEW_PASSWORD": "a long pass",
        "PYTHONPATH": str(source),
    }
    subprocess.run(
        [sys.executable, "-c", "from guardian_desk.cli import main; main()", "--db",
         str(database), "setup", "--office-name", "Bench office", "--country", "AL",
         "--time-zone", "Europe/Tirane", "--username", "bench.admin", "--full-name", "Bench"],
        env=env, cwd=source, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return database


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--before", default="8de568a", help="the commit before translation")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="gd-bench-lang-")
    old = Path(tempfile.mkdtemp(prefix="gd-before-")) / "tree"
    subprocess.run(["git", "worktree", "add", "--detach", str(old), args.before],
                   cwd=ROOT, check=True, capture_output=True)  # fmt: skip
    try:
        databases = {old: office(home, old), ROOT: office(home, ROOT)}
        rows = [("before translation (en)", old, "en")]
        rows += [(f"now, {code}", ROOT, code) for code in ("en", "sq", "sr", "sr-Latn", "mk")]
        for _ in range(2):  # warm the disk cache for both trees
            for _label, source, code in rows:
                run(source, databases[source], code, home)
        print(f"start to the sign-in page, median of {args.runs} runs (taken in turn)")
        times: dict[str, list[float]] = {label: [] for label, _source, _code in rows}
        for _ in range(args.runs):  # round robin: a busy moment weighs on every row alike
            for label, source, code in rows:
                times[label].append(run(source, databases[source], code, home))
        baseline = statistics.median(times[rows[0][0]])
        for label, _source, _code in rows:
            median = statistics.median(times[label])
            print(f"  {label:26} {median:6.3f} s  ({median - baseline:+.3f} s)", flush=True)
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(old)], cwd=ROOT, check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
