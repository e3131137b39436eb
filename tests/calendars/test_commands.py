"""`calendar export` through its own argparse parser, as cli.py will wire it."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from guardian_desk.calendars.commands import add_calendar_commands
from guardian_desk.domain.errors import NotFoundError
from tests.calendars.conftest import Office
from tests.calendars.helpers import parse_both
from tests.signed_in import TEST_ADMIN


def _run(db_url: str, *argv: str) -> int:
    parser = argparse.ArgumentParser(prog="guardian-desk")
    add_calendar_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(list(argv))
    args.url, args.account = db_url, TEST_ADMIN
    return int(args.run(args))


@pytest.fixture
def saved(session: Session, office: Office) -> Office:
    session.commit()  # the command opens its own unit of work
    return office


def test_one_calendar_to_standard_output(
    db_url: str, saved: Office, capfdbinary: pytest.CaptureFixture[bytes]
) -> None:
    assert _run(db_url, "calendar", "export", "--guardian", saved.guardian_code) == 0
    out, err = capfdbinary.readouterr()
    assert out.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert out.count(b"BEGIN:VEVENT") == 3 and b"\n" not in out.replace(b"\r\n", b"")
    assert not [n for n in saved.child_names if n.encode() in out]
    assert err == b""


def test_to_a_file_with_names_warns(
    db_url: str, saved: Office, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "farid.ics"
    argv = ["--mediator", saved.mediator_code, "-o", str(target), "--with-names"]
    assert _run(db_url, "calendar", "export", *argv, "--alarm", "30", "--from", "2026-03-01") == 0
    out, err = capsys.readouterr()
    assert "Warning: these calendars name the children in full" in err
    assert f"Wrote 2 visits of mediator {saved.mediator_code} (Farid Karimi) to {target}." in out
    events = parse_both(target.read_bytes())
    assert {e.summary for e in events.values()} == {
        "Visit AL-2026-00001 Ahmad Rahimi",
        "Asylum interview AL-2026-00002 Yonas Tesfaye",
    }


def test_all_into_a_folder(
    db_url: str, saved: Office, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "calendars"
    assert _run(db_url, "calendar", "export", "--all", str(folder)) == 0
    out, err = capsys.readouterr()
    assert f"Wrote 4 calendars (5 visits) to {folder}." in out
    assert err == ""  # the progress counter shows on a terminal only
    assert (folder / "facilities" / f"{saved.facility_code}.ics").is_file()


def test_wrong_usage(db_url: str, saved: Office, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(db_url, "calendar", "export", "--all", "x", "-o", "y.ics") == 2
    assert "-o names one file" in capsys.readouterr().err
    for argv in (
        ["--guardian", "G-00001", "--mediator", "M-00001"],  # one calendar at a time
        ["--guardian", "G-00001", "--alarm", "-5"],
        ["--guardian", "G-00001", "--from", "next week"],
        [],
    ):
        with pytest.raises(SystemExit) as usage:
            _run(db_url, "calendar", "export", *argv)
        assert usage.value.code == 2
    assert "is not a date in the form YYYY-MM-DD" in capsys.readouterr().err
    with pytest.raises(NotFoundError, match="G-09999"):  # cli.main prints it and exits 1
        _run(db_url, "calendar", "export", "--guardian", "G-09999")
