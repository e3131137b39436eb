"""The command line under ordinary faults: one clean line, exit status 1, the database unchanged.

Each case runs the real command in its own process (so a traceback would show on stderr) on
real faults: a missing file, a read-only file, folder and mount (read-only bind mounts), a full
disk (a small tmpfs) and a lock held by another program. Before, every one of
them ended in a Python traceback, and the full-disk and locked ones printed the SQL parameters
with the children's names.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from guardian_desk.paths import resources_dir
from tests.db.test_lock_wait import writer_holding_lock
from tests.signed_in import set_up_for_subprocess

SAMPLES = resources_dir() / "samples"
NAME = "Zarghuna Qasimi"  # the child of the big import: never on stderr or in a log


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GUARDIAN_DESK_HOME": str(home), "GUARDIAN_DESK_LOCK_TIMEOUT": "1"}
    env.pop("GUARDIAN_DESK_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "guardian_desk.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def assert_one_clean_line(result: subprocess.CompletedProcess[str], *expected: str) -> None:
    err = result.stderr
    assert result.returncode == 1, (result.returncode, err)
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err and "INSERT" not in err and NAME not in err
    for text in expected:
        assert text in err, err


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def logs_hold_no_names(home: Path) -> None:
    for log in (home / "logs").glob("*"):
        if log.is_file():
            assert NAME.split()[1] not in log.read_text(encoding="utf-8", errors="replace")


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture
def office(sqlite_template: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "office"
    folder.mkdir()
    path = folder / "office.sqlite3"
    shutil.copyfile(sqlite_template, path)
    set_up_for_subprocess(f"sqlite:///{path}")  # the commands sign in as its administrator
    return path


def _mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True, capture_output=True, timeout=30)


@pytest.fixture
def read_only() -> Iterator[object]:
    """Make a file or folder read-only for everyone, root included (a read-only bind mount)."""
    mounted: list[Path] = []

    def make(path: Path) -> Path:
        try:
            _mount("--bind", str(path), str(path))
        except (OSError, subprocess.CalledProcessError):
            pytest.skip("read-only bind mounts need root (CI runs as root)")
        mounted.append(path)
        _mount("-o", "remount,ro,bind", str(path))
        return path

    yield make
    for path in reversed(mounted):
        subprocess.run(["umount", str(path)], check=False, capture_output=True, timeout=30)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "small-disk"
    folder.mkdir()
    try:
        _mount("-t", "tmpfs", "-o", "size=1536k", "tmpfs", str(folder))
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("mounting a small tmpfs needs root (CI runs as root)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False, capture_output=True, timeout=30)


def big_children_csv(path: Path, rows: int) -> Path:
    header = (SAMPLES / "children.csv").read_text(encoding="utf-8").splitlines()[0]
    given, family = NAME.split()
    lines = [header]
    for n in range(rows):
        lines.append(
            f"AL-2026-{n + 1:05d},{given},{family},,,,female,2012-01-01,yes,AF,prs:native,"
            f"any,any,,2026-09-14,2026-09-10,identified,,,{uuid.uuid4().hex * 6}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_missing_input_file(home: Path, office: Path, tmp_path: Path) -> None:
    result = run(home, "--db", str(office), "import", "children", str(tmp_path / "nope.csv"))
    assert_one_clean_line(result, "nope.csv", "no such file")


def test_a_folder_given_as_the_input_file(home: Path, office: Path, tmp_path: Path) -> None:
    result = run(home, "--db", str(office), "import", "children", str(tmp_path))
    assert_one_clean_line(result, "is a folder")


def test_an_export_to_a_read_only_folder(
    home: Path, office: Path, tmp_path: Path, read_only: object
) -> None:
    target = tmp_path / "shared"
    target.mkdir()
    read_only(target)  # type: ignore[operator]
    result = run(home, "--db", str(office), "export", "facilities", str(target / "f.csv"))
    assert_one_clean_line(result, "read-only")
    assert list(target.iterdir()) == []


def test_an_export_to_a_full_disk(home: Path, office: Path, small_disk: Path) -> None:
    filler = small_disk / "filler"
    with filler.open("wb") as handle, pytest.raises(OSError):
        while True:
            handle.write(b"\0" * 65536)
            handle.flush()
    result = run(home, "--db", str(office), "export", "facilities", str(small_disk / "f.csv"))
    assert_one_clean_line(result, "is full")
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]  # no half-written file


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_database(home: Path, office: Path, read_only: object, what: str) -> None:
    before = digest(office)
    read_only(office if what == "file" else office.parent)  # type: ignore[operator]
    result = run(home, "--db", str(office), "import", "facilities", str(SAMPLES / "facilities.csv"))
    assert_one_clean_line(result, "read-only" if what == "file" else "read-only drive")
    assert digest(office) == before
    logs_hold_no_names(home)


def test_a_full_disk_while_importing(
    home: Path, small_disk: Path, sqlite_template: Path, tmp_path: Path
) -> None:
    office = small_disk / "office.sqlite3"
    shutil.copyfile(sqlite_template, office)
    set_up_for_subprocess(f"sqlite:///{office}")
    big = big_children_csv(tmp_path / "children.csv", 3000)
    result = run(home, "--db", str(office), "import", "children", str(big))
    assert_one_clean_line(result, "is full", "nothing was saved")
    logs_hold_no_names(home)
    # Nothing was half-written: the office still opens and holds no child.
    shutil.copyfile(office, tmp_path / "copy.sqlite3")
    status = run(home, "--db", str(tmp_path / "copy.sqlite3"), "db", "status")
    assert "children:   0" in status.stdout, status.stdout + status.stderr


def test_a_lock_held_by_another_program(home: Path, office: Path) -> None:
    before = digest(office)
    with writer_holding_lock(str(office), 60) as holder:
        result = run(
            home, "--db", str(office), "import", "facilities", str(SAMPLES / "facilities.csv")
        )
    assert_one_clean_line(result, "is busy", "Nothing was saved")
    if Path("/proc/locks").exists():
        assert f"process {holder.pid}" in result.stderr
    assert digest(office) == before


def test_a_pipe_given_as_the_export_file_is_refused(
    home: Path, office: Path, tmp_path: Path
) -> None:
    """Before, an export "over" /dev/full replaced the device (as root); a pipe would hang."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    result = run(home, "--db", str(office), "export", "facilities", str(pipe))
    assert_one_clean_line(result, "not a regular file (a device or a pipe)")
    assert pipe.exists() and not pipe.is_file()  # still the pipe it was


def test_calendars_and_papers_refuse_a_pipe_or_a_folder_too(tmp_path: Path) -> None:
    from guardian_desk.calendars.export import write_calendar_file
    from guardian_desk.domain.errors import ValidationError
    from guardian_desk.private_files import write_private_bytes

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    for write in (write_calendar_file, write_private_bytes):
        with pytest.raises(ValidationError, match="a device or a pipe"):
            write(pipe, b"BEGIN:VCALENDAR")
        with pytest.raises(ValidationError, match="is a folder"):
            write(tmp_path, b"%PDF")
    assert pipe.exists() and not pipe.is_file()
