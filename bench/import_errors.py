"""How fast a bad file is refused, and in how little memory: the import's error paths.

    .venv/bin/python bench/import_errors.py [--runs 3]

Two files an officer might pick by mistake, imported as children into an empty office:
20 MB of random bytes (refused on line 1: not UTF-8 text; also the peak memory, traced) and
100,000 rows of nonsense under the right header (checking stops at the error cap). Targets,
kept from the unit tests they used to be: < 5 s and < 20 MB, < 10 s. Figures, not pass/fail.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def refuse(factory: sessionmaker[Session], path: Path) -> int:
    """Import ``path`` as children, which must fail; how many problems the report lists."""
    from guardian_desk.db.engine import session_scope
    from guardian_desk.exchange import ImportFailed, import_csv

    try:
        with session_scope(factory, actor="bench") as session:
            import_csv(session, "children", path)
    except ImportFailed as failure:
        return len(failure.report.errors)
    raise SystemExit(f"{path.name} was imported: this bench needs a file that is refused")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    home = Path(tempfile.mkdtemp(prefix="gd-import-errors-"))
    os.environ["GUARDIAN_DESK_HOME"] = str(home)
    from guardian_desk.db.engine import make_engine, make_session_factory
    from guardian_desk.db.migrate import prepare_database
    from guardian_desk.exchange import columns

    url = f"sqlite:///{home}/office.sqlite3"
    prepare_database(url)
    engine = make_engine(url)
    factory = make_session_factory(engine)
    garbage = home / "garbage.csv"
    garbage.write_bytes(random.Random(7).randbytes(20_000_000))
    nonsense = home / "nonsense.csv"
    rows = "".join(f"lorem {i},ipsum,dolor,{i}\n" for i in range(100_000))
    nonsense.write_text(",".join(columns("children")) + "\n" + rows, encoding="utf-8")

    garbage_s, peaks, nonsense_s = [], [], []
    for _ in range(runs):
        tracemalloc.start()
        started = time.perf_counter()
        refuse(factory, garbage)
        garbage_s.append(time.perf_counter() - started)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        started = time.perf_counter()
        problems = refuse(factory, nonsense)
        nonsense_s.append(time.perf_counter() - started)
    engine.dispose()
    print(
        f"20 MB of random bytes: median {statistics.median(garbage_s):.2f} s, "
        f"peak {max(peaks) / 1e6:.1f} MB traced ({runs} runs; targets < 5 s, < 20 MB)"
    )
    print(
        f"100,000 nonsense rows: median {statistics.median(nonsense_s):.2f} s, "
        f"{problems} problems listed (target < 10 s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
