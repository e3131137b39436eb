"""How long the window stops answering while a bulk plan is made (issue 15's progress).

    .venv/bin/python bench/scale.py --out /tmp/bench-m          # the 20,000 / 4,000 / 2,000 office
    .venv/bin/python bench/bulk_stall.py --db /tmp/bench-m/scale.sqlite3 [--case cap4-5000]

The plan is made on a thread, as the bulk dialog's worker makes it, with a progress callback
(so that large flows go to their own process, ``matching.beside``); the GUI thread's Qt timer
ticks every 20 ms in a Python slot, as the window's own slots do. Printed: the longest gap
between two ticks (the window's longest stall), the time stalled over 0.3 s in all, the
progress reports received, and the plan's time: first with every flow solved in the
worker's process (as before), then as the app does it now, in the same run.
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QCoreApplication, QTimer

from bench.bulk_scarce import instance
from guardian_desk.matching import beside
from guardian_desk.matching.bulk import bulk_match


def measure(app: QCoreApplication, pool: object) -> dict[str, float]:
    gaps: list[float] = []
    reports: list[int] = []
    last = [time.monotonic()]
    finished = threading.Event()
    took = [0.0]

    def tick() -> None:
        now = time.monotonic()
        gaps.append(now - last[0])
        last[0] = now
        if finished.is_set():
            app.quit()

    def work() -> None:
        began = time.monotonic()
        bulk_match(pool, progress=lambda done, _total: reports.append(done))  # type: ignore[arg-type]
        took[0] = time.monotonic() - began
        finished.set()

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(20)
    worker = threading.Thread(target=work)
    worker.start()
    app.exec()
    worker.join()
    timer.stop()
    return {
        "longest": max(gaps),
        "stalled": sum(g for g in gaps if g > 0.3),
        "reports": len(set(reports)),
        "seconds": took[0],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True, help="bench/scale.py's SQLite file")
    parser.add_argument("--case", default="cap4-5000", help="a case of bench/bulk_scarce.py")
    args = parser.parse_args()
    app = QCoreApplication([])
    pool = instance(args.case, args.db)
    threshold = beside.BESIDE_SECONDS
    beside.BESIDE_SECONDS = float("inf")  # before: every flow in the worker's own process
    before = measure(app, pool)
    beside.BESIDE_SECONDS = threshold
    now = measure(app, pool)
    print(f"case {args.case}: the window while the plan is made (before -> now)")
    for key, label, unit in (
        ("longest", "longest stall of the GUI thread", "s"),
        ("stalled", "time stalled over 0.3 s, in all", "s"),
        ("reports", "progress steps shown", ""),
        ("seconds", "plan made in", "s"),
    ):
        print(f"  {label:<36}{before[key]:>8.2f} -> {now[key]:>8.2f} {unit}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
