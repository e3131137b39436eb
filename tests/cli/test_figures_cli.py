"""`guardian-desk figures --from D --to D [--csv FILE] [--pdf FILE]`."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.pool import NullPool

from guardian_desk.cli import main
from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
from tests.protection.test_figures_suppression import _office


def test_figures_prints_the_tiles_and_writes_csv_and_pdf(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    database = tmp_path / "office.sqlite3"
    db = ["--db", str(database)]
    assert main([*db, "db", "upgrade"]) == 0
    engine = make_engine(f"sqlite:///{database}", poolclass=NullPool)
    with session_scope(make_session_factory(engine), actor="test") as session:
        _office(session)
    engine.dispose()
    capsys.readouterr()
    csv_file, pdf_file = tmp_path / "f.csv", tmp_path / "f.pdf"
    code = main(
        [*db, "figures", "--from", "2026-07-01", "--to", "2026-09-30",
         "--csv", str(csv_file), "--pdf", str(pdf_file)]
    )  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    assert "Children identified: 18" in out and "Missing episodes: <5" in out
    assert "<5" in csv_file.read_text(encoding="utf-8")
    assert pdf_file.read_bytes().startswith(b"%PDF")


def test_a_wrong_date_is_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--db", str(tmp_path / "x.sqlite3"), "figures", "--from", "1 July", "--to", "x"])
    assert stopped.value.code == 2
    assert "'1 July' is not a date" in capsys.readouterr().err
