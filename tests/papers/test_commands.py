"""`print ... -o FILE.pdf` writes the paper and registers it."""

from __future__ import annotations

import argparse
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.db.models import IssuedDocument
from guardian_desk.domain.errors import ValidationError
from guardian_desk.papers.commands import add_print_commands
from tests.papers.pdf import flat_text_of
from tests.papers.test_sources import Case, build_case
from tests.signed_in import TEST_ADMIN


def parser() -> argparse.ArgumentParser:
    made = argparse.ArgumentParser()
    made.add_argument("--actor")
    add_print_commands(made.add_subparsers(dest="command", required=True))
    return made


def run(db_url: str, *argv: str) -> None:
    args = parser().parse_args(["--actor", "test-officer", *argv])
    args.url, args.account = db_url, TEST_ADMIN
    assert args.run(args) == 0


@pytest.fixture
def case(factory: sessionmaker[Session]) -> Case:
    with session_scope(factory, actor="test-officer") as session:
        return build_case(session)


def test_every_paper_from_the_command_line(
    db_url: str,
    factory: sessionmaker[Session],
    case: Case,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    number = case.child.case_number
    monday = case.first_visit.date()
    period = [str(monday - timedelta(days=1)), str(monday + timedelta(days=1))]
    commands = {
        "appointment": ["--case", number],
        "mediator-letter": ["--case", number],
        "schedule": ["--mediator", case.mediator.code, "--from", period[0], "--to", period[1]],
        "summary": ["--case", number, "--fields", "languages,sex", "--to", "UNHCR"],
        "card": ["--case", number],
    }
    for paper, options in commands.items():
        out = tmp_path / f"{paper}.pdf"
        run(db_url, "print", paper, *options, "-o", str(out))
        text = flat_text_of(out.read_bytes())
        assert "Farid Noori" in text if paper in ("mediator-letter", "schedule") else True
        assert ("Ahmad Rahimi" in text) is (paper != "schedule"), paper
        assert "None" not in text
    printed = capsys.readouterr().out
    assert "GD-" in printed and "written to" in printed
    with session_scope(factory) as session:
        rows = session.scalars(select(IssuedDocument).order_by(IssuedDocument.id)).all()
        references = [r.reference for r in rows]
        assert len(set(references)) == 5
    run(db_url, "print", "copy", references[0], "-o", str(tmp_path / "copy.pdf"))
    text = flat_text_of((tmp_path / "copy.pdf").read_bytes())
    assert "COPY" in text and references[0] in text
    assert "copy 1 of Appointment decision" in capsys.readouterr().out


def test_appointment_by_assignment_id(db_url: str, case: Case, tmp_path: Path) -> None:
    out = tmp_path / "a.pdf"
    run(
        db_url,
        "print",
        "appointment",
        "--assignment",
        str(case.guardian_assignment.id),
        "-o",
        str(out),
    )
    assert "Elira Hoxha" in flat_text_of(out.read_bytes())


def test_a_folder_that_does_not_exist_is_refused(db_url: str, case: Case, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="does not exist"):
        run(
            db_url,
            "print",
            "card",
            "--case",
            case.child.case_number,
            "-o",
            str(tmp_path / "no" / "c.pdf"),
        )


def test_schedule_needs_a_person(case: Case) -> None:
    with pytest.raises(SystemExit):
        parser().parse_args(
            ["print", "schedule", "--from", "2026-01-01", "--to", "2026-01-31", "-o", "x.pdf"]
        )
