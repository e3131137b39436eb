"""The error boundary: any exception as one line an officer can act on, with no database text.

A database error's own text carries the statement and its parameters (children's names), so
it must never reach the screen, stderr or a log; a hard crash leaves code locations only.
"""

from __future__ import annotations

import errno
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from guardian_desk.domain.errors import RuleViolation, ValidationError, ValidationErrors
from guardian_desk.faults import explain, redacted_traceback

NAME = "Ahmad Rahimi"


def sqlite_error(name: str, message: str) -> OperationalError:
    driver = sqlite3.OperationalError(message)
    driver.sqlite_errorname = name  # type: ignore[attr-defined]
    return OperationalError("INSERT INTO children (given_name) VALUES (?)", (NAME,), driver)


class FakePgError(Exception):
    """Stands in for a psycopg error: the boundary reads its module and sqlstate only."""

    __module__ = "psycopg.errors"

    def __init__(self, sqlstate: str) -> None:
        super().__init__(f"ERROR: value {NAME!r} ...")
        self.sqlstate = sqlstate


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (sqlite_error("SQLITE_FULL", "database or disk is full"), "is full"),
        (sqlite_error("SQLITE_READONLY_DBMOVED", "readonly"), "read-only"),
        (sqlite_error("SQLITE_CANTOPEN", "unable to open database file"), "cannot be opened"),
        (sqlite_error("SQLITE_CORRUPT", "malformed"), "damaged. Restore the latest backup"),
        (sqlite_error("SQLITE_IOERR_WRITE", "disk I/O error"), "read or write error"),
        (
            IntegrityError("INSERT ...", (NAME,), FakePgError("23505")),
            "would break one of the records' rules",
        ),
        (OperationalError("SELECT 1", None, FakePgError("08006")), "cannot be reached"),
        (OperationalError("SELECT 1", None, FakePgError("40P01")), "collided with yours"),
        (OperationalError("SELECT 1", None, FakePgError("53100")), "out of disk space"),
    ],
)
def test_database_errors_become_one_line_without_their_text(
    exc: BaseException, expected: str
) -> None:
    fault = explain(exc, database="/srv/office.sqlite3")
    assert fault.expected
    assert expected in fault.message
    assert NAME not in fault.message and "INSERT" not in fault.message
    assert "\n" not in fault.message


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (FileNotFoundError(errno.ENOENT, "No such file", "/in/kids.csv"), "/in/kids.csv: no such"),
        (PermissionError(errno.EACCES, "Permission denied", "/out"), "/out: permission denied"),
        (OSError(errno.EROFS, "Read-only file system", "/mnt/x.csv"), "read-only drive"),
        (OSError(errno.ENOSPC, "No space left", "/mnt/x.csv"), "disk holding /mnt/x.csv is full"),
        (IsADirectoryError(errno.EISDIR, "Is a directory", "/tmp"), "/tmp is a folder"),
        (OSError(errno.EIO, "I/O error", "/mnt/x.csv"), "may be failing"),
    ],
)
def test_os_errors_name_the_file_and_what_to_do(exc: OSError, expected: str) -> None:
    fault = explain(exc)
    assert fault.expected
    assert expected in fault.message


def test_the_cores_own_messages_pass_through() -> None:
    assert explain(RuleViolation("caseload 2 of 2")).message == "caseload 2 of 2"
    errors = ValidationErrors([ValidationError("a", "x", "bad"), ValidationError("b", "y", "bad")])
    assert explain(errors).message == "a: 'x' bad; b: 'y' bad"


def test_a_bug_is_one_line_and_its_report_holds_no_message() -> None:
    try:
        try:
            raise KeyError(NAME)
        except KeyError as inner:
            raise RuntimeError(f"while saving {NAME}") from inner
    except RuntimeError as exc:
        fault = explain(exc)
        report = redacted_traceback(type(exc), exc.__traceback__, exc)
    assert not fault.expected
    assert "(RuntimeError)" in fault.message and NAME not in fault.message
    assert "builtins.KeyError" in report and "builtins.RuntimeError" in report
    assert "test_faults.py" in report
    assert NAME not in report


def test_a_hard_crash_leaves_code_locations_in_the_crash_log(tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import ctypes
        from pathlib import Path
        from guardian_desk.faults import install_crash_traces
        install_crash_traces(Path({str(tmp_path)!r}))
        name = {NAME!r}
        ctypes.string_at(0)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode != 0
    crash = (tmp_path / "crash.log").read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in crash
    assert "line 7" in crash  # where it crashed
    assert NAME not in crash
