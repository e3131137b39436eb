"""The whole sign-in an officer waits for, plain and encrypted, side by side.

    .venv/bin/python bench/sign_in.py [--runs 5]

Plain: the password check (argon2id) and the account's row. Encrypted: the key slot unwrapped
(argon2id + AES-GCM), the database opened with SQLCipher and checked for upgrades, then the
same sign-in, as the desktop app does it (ui/core_calls.unlock_and_sign_in). Target: < 0.5 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PASSWORD = "a long enough password"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    home = Path(tempfile.mkdtemp(prefix="gd-sign-in-"))
    os.environ["GUARDIAN_DESK_HOME"] = str(home)
    from guardian_desk.db.encryption import encrypt_database
    from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
    from guardian_desk.db.migrate import prepare_database
    from guardian_desk.security.accounts import NewAccount, OfficeSetUp, set_up_office
    from guardian_desk.security.signing_in import sign_in
    from ui.core_calls import unlock_and_sign_in

    url = f"sqlite:///{home}/office.sqlite3"
    prepare_database(url)
    engine = make_engine(url)
    factory = make_session_factory(engine)
    with session_scope(factory, writes=True) as session:
        office = OfficeSetUp("Office", "AL", "Europe/Tirane")
        set_up_office(session, office, NewAccount("admin", "Admin"), PASSWORD)
    plain = []
    for _ in range(runs):
        started = time.perf_counter()
        with session_scope(factory, writes=True) as session:
            assert sign_in(session, "admin", PASSWORD).account is not None
        plain.append(time.perf_counter() - started)
    engine.dispose()
    encrypt_database(url, {"admin": PASSWORD}, backup_folder=home / "backups")
    encrypted = []
    for _ in range(runs):
        started = time.perf_counter()
        _key, result = unlock_and_sign_in(url, "admin", PASSWORD)
        assert result.account is not None
        encrypted.append(time.perf_counter() - started)
    print(f"sign-in, plain database:     median {statistics.median(plain):.3f} s ({runs} runs)")
    print(f"sign-in, encrypted database: median {statistics.median(encrypted):.3f} s")
    print(f"ratio {statistics.median(encrypted) / statistics.median(plain):.2f}x; target < 0.5 s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
