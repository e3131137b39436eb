"""`transfer export | import` on the command line: the passphrase never on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.pool import NullPool

from guardian_desk.cli import main
from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
from guardian_desk.protection import bundle
from guardian_desk.services.children import create_child
from guardian_desk.transfer_commands import PASSPHRASE_VAR
from tests.core import factories

PASSPHRASE = "seven green apples in a row"


@pytest.fixture(autouse=True)
def _cheap_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bundle, "ARGON2", {"time_cost": 1, "memory_cost": 1024, "parallelism": 1})


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _child(url: str) -> str:
    engine = make_engine(url, poolclass=NullPool)
    try:
        with session_scope(make_session_factory(engine), actor="test") as session:
            return create_child(session, factories.child(given_name="Omid")).case_number
    finally:
        engine.dispose()


def test_export_then_import_into_another_office(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sender = ["--db", str(tmp_path / "tirana.sqlite3")]
    receiver = ["--db", str(tmp_path / "belgrade.sqlite3")]
    for db in (sender, receiver):
        assert run(capsys, *db, "db", "upgrade")[0] == 0
    case = _child(f"sqlite:///{tmp_path / 'tirana.sqlite3'}")
    file, paper = tmp_path / "case.gdbundle", tmp_path / "summary.pdf"
    export = [
        "transfer", "export", case, "--fields", "languages", "--recipient",
        "Belgrade Centre", "--legal-basis", "Art. 19", "--consent", "given", "--to", str(file),
        "--summary", str(paper),
    ]  # fmt: skip

    monkeypatch.delenv(PASSPHRASE_VAR, raising=False)
    code, _out, err = run(capsys, *sender, *export)
    assert code != 0 and PASSPHRASE_VAR in err and not file.exists()

    monkeypatch.setenv(PASSPHRASE_VAR, "short")
    code, _out, err = run(capsys, *sender, *export)
    assert code != 0 and "at least 12 characters" in err and not file.exists()

    monkeypatch.setenv(PASSPHRASE_VAR, PASSPHRASE)
    code, out, err = run(capsys, *sender, *export)
    assert code == 0, err
    assert file.read_bytes().startswith(b"GDBUNDLE")
    assert paper.read_bytes().startswith(b"%PDF")
    assert "another channel" in out

    code, out, err = run(capsys, *receiver, "transfer", "import", str(file), "--preview")
    assert code == 0, err
    assert "Omid" in out and "Imported" not in out

    code, out, err = run(capsys, *receiver, "transfer", "import", str(file))
    assert code == 0, err
    assert f"their case number {case}" in out

    code, _out, err = run(capsys, *receiver, "transfer", "import", str(file))
    assert code != 0 and "imported already" in err

    monkeypatch.setenv(PASSPHRASE_VAR, PASSPHRASE + "x")
    code, _out, err = run(capsys, *receiver, "transfer", "import", str(file))
    assert code != 0 and "passphrase is wrong" in err and len(err.strip().splitlines()) == 1


def test_the_passphrase_is_not_an_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["transfer", "import", "x.gdbundle", "--passphrase", "secret secret"])
    _out, err = capsys.readouterr()
    assert "unrecognized arguments" in err or "--passphrase" in err


def test_fields_lists_what_a_bundle_can_carry(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "transfer", "fields")
    assert code == 0 and "identity" in out and "case_notes" in out
