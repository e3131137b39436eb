"""A throwaway PostgreSQL server for tests: its own data folder, a unix socket, no TCP.

Started once per test session (initdb + pg_ctl take a second or two); every test that needs
PostgreSQL gets a fresh database on it. As root, initdb and pg_ctl refuse to run, so they run
as the ``postgres`` system user (created by Debian's postgresql package) via ``runuser``.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

INSTALL_HINT = "apt-get install -y postgresql"
SERVER_USER = "postgres"  # the system user the server runs as when we are root
DB_SUPERUSER = "postgres"  # the database role initdb creates (-U)
PORT = 5432  # only names the socket file; the socket lives in our own folder


class PgUnavailable(RuntimeError):
    """The server cannot be started here (binaries or the postgres user missing)."""


def _has_server_binaries(bindir: Path) -> bool:
    return all((bindir / name).is_file() for name in ("initdb", "pg_ctl", "postgres"))


def find_bindir() -> Path | None:
    """Where initdb/pg_ctl/postgres live: pg_config, then /usr/lib/postgresql/*/bin, then PATH.

    GUARDIAN_DESK_PG_BINDIR, when set, is the only place looked at (pick a version).
    """
    chosen = os.environ.get("GUARDIAN_DESK_PG_BINDIR")
    if chosen:
        return Path(chosen) if _has_server_binaries(Path(chosen)) else None
    candidates: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, check=True, timeout=10
            ).stdout.strip()
            if out:
                candidates.append(Path(out))
        except (OSError, subprocess.SubprocessError):
            pass

    def _major(path: str) -> int:
        name = Path(path).parent.name
        return int(name) if name.isdigit() else 0

    installed = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_major, reverse=True)
    candidates += [Path(p) for p in installed]
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(Path(initdb).resolve().parent)
    for candidate in candidates:
        if _has_server_binaries(candidate):
            return candidate
    return None


def _scratch_parent() -> str:
    """/dev/shm when it is there (CREATE DATABASE is ten times faster on tmpfs), else /tmp."""
    shm = "/dev/shm"
    try:
        stats = os.statvfs(shm)
        if os.access(shm, os.W_OK | os.X_OK) and stats.f_bavail * stats.f_frsize > 512 << 20:
            return shm
    except OSError:
        pass
    return "/tmp"


class PgServer:
    """One running server; ``url(name)`` gives a SQLAlchemy URL for one of its databases."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root: Path | None = None
        self._as_postgres = os.geteuid() == 0
        self._counter = itertools.count(1)
        self._started = False

    # -- paths -----------------------------------------------------------------------------
    @property
    def socket_dir(self) -> Path:
        assert self.root is not None
        return self.root

    @property
    def data_dir(self) -> Path:
        assert self.root is not None
        return self.root / "data"

    def tool(self, name: str) -> str:
        return str(self.bindir / name)

    # -- life cycle ------------------------------------------------------------------------
    def _run(self, args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        command = [*(["runuser", "-u", SERVER_USER, "--"] if self._as_postgres else []), *args]
        return subprocess.run(  # type: ignore[call-overload, no-any-return]
            command, capture_output=True, text=True, check=False, **kwargs
        )

    def start(self) -> None:
        if self._as_postgres:
            try:
                owner = pwd.getpwnam(SERVER_USER)
            except KeyError:
                raise PgUnavailable(
                    f"running as root, but there is no '{SERVER_USER}' system user to run the "
                    f"server as; {INSTALL_HINT}"
                ) from None
            if shutil.which("runuser") is None:
                raise PgUnavailable("running as root, but runuser (util-linux) is missing")
        # Not under pytest's tmp_path (root keeps it 0700): the server user must reach it.
        # mkdtemp makes it 0700; we hand it to the server user.
        self.root = Path(tempfile.mkdtemp(prefix="gd-pg-", dir=_scratch_parent()))
        if self._as_postgres:
            os.chown(self.root, owner.pw_uid, owner.pw_gid)
        try:
            env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "TZ": "UTC"}
            result = self._run(
                [
                    self.tool("initdb"),
                    "-D",
                    str(self.data_dir),
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                    "-A",
                    "trust",
                    "-U",
                    DB_SUPERUSER,
                    "--no-sync",
                ],
                env=env,
                timeout=120,
            )
            if result.returncode != 0:
                raise RuntimeError(f"initdb failed:\n{result.stdout}\n{result.stderr}")
            options = (
                f"-k {self.socket_dir} -p {PORT} -c listen_addresses='' -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off"
            )
            result = self._run(
                [
                    self.tool("pg_ctl"),
                    "start",
                    "-w",
                    "-t",
                    "60",
                    "-D",
                    str(self.data_dir),
                    "-l",
                    str(self.root / "server.log"),
                    "-o",
                    options,
                ],
                env=env,
                timeout=120,
            )
            if result.returncode != 0:
                log = self.root / "server.log"
                tail = log.read_text(errors="replace")[-4000:] if log.exists() else ""
                raise RuntimeError(
                    f"pg_ctl start failed:\n{result.stdout}\n{result.stderr}\n{tail}"
                )
            self._started = True
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        if self.root is None:
            return
        if self._started:
            self._run(
                [self.tool("pg_ctl"), "stop", "-D", str(self.data_dir), "-m", "immediate", "-w"],
                timeout=60,
            )
            self._started = False
        shutil.rmtree(self.root, ignore_errors=True)
        self.root = None

    # -- databases -------------------------------------------------------------------------
    def admin_connect(self, dbname: str = "postgres"):  # type: ignore[no-untyped-def]
        import psycopg

        return psycopg.connect(
            host=str(self.socket_dir),
            port=PORT,
            user=DB_SUPERUSER,
            dbname=dbname,
            autocommit=True,
        )

    def create_database(self, template: str | None = None) -> str:
        """A new database, empty or a copy of ``template``; returns its name."""
        name = f"test_{next(self._counter)}"
        clause = f' TEMPLATE "{template}" STRATEGY FILE_COPY' if template else ""
        with self.admin_connect() as conn:
            conn.execute(f'CREATE DATABASE "{name}"{clause}')
        return name

    def drop_database(self, name: str) -> None:
        with self.admin_connect() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def url(self, name: str) -> str:
        """``postgresql+psycopg://postgres@/<name>?host=<socket dir>`` (SQLAlchemy form)."""
        # libpq's default port is 5432 unless PGPORT says otherwise: name ours then.
        default = os.environ.get("PGPORT", "5432") == "5432"
        extra = "" if default and PORT == 5432 else f"&port={PORT}"
        return f"postgresql+psycopg://{DB_SUPERUSER}@/{name}?host={self.socket_dir}{extra}"
