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
from guardian_desk.i18n.catalogues import translations
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


def _appointment(db_url: str, case: Case, out: Path, *options: str) -> str:
    run(db_url, "print", "appointment", "--case", case.child.case_number, *options, "-o", str(out))
    return flat_text_of(out.read_bytes())


ENGLISH_TITLE = "Appointment of a guardian"


def test_an_appointment_in_another_language(
    db_url: str, factory: sessionmaker[Session], case: Case, tmp_path: Path
) -> None:
    albanian = translations("sq").gettext(ENGLISH_TITLE)
    assert albanian != ENGLISH_TITLE
    text = _appointment(db_url, case, tmp_path / "sq.pdf", "--language", "sq")
    assert albanian in text
    assert ENGLISH_TITLE not in text
    # A copy keeps the original's language, whatever the interface speaks.
    with session_scope(factory) as session:
        reference = session.scalars(select(IssuedDocument.reference)).one()
    run(db_url, "print", "copy", reference, "-o", str(tmp_path / "copy.pdf"))
    again = flat_text_of((tmp_path / "copy.pdf").read_bytes())
    assert albanian in again and ENGLISH_TITLE not in again


def test_a_bilingual_appointment(db_url: str, case: Case, tmp_path: Path) -> None:
    text = _appointment(db_url, case, tmp_path / "both.pdf", "--language", "sq", "--bilingual")
    assert translations("sq").gettext(ENGLISH_TITLE) in text
    assert ENGLISH_TITLE in text


def test_a_language_in_another_spelling(db_url: str, case: Case, tmp_path: Path) -> None:
    args = parser().parse_args(["print", "card", "--case", "X", "--language", "sr_Latn", "-o", "c"])
    assert args.paper_language == "sr-Latn"


def test_an_unknown_language_is_refused(
    case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "x.pdf")
    with pytest.raises(SystemExit) as stopped:
        parser().parse_args(["print", "appointment", "--case", "X", "--language", "xx", "-o", out])
    assert stopped.value.code == 2
    assert "'xx'" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
