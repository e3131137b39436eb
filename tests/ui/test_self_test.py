"""`guardian-desk-gui --self-test`: what an IT administrator reads after installing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from guardian_desk import installation_check
from ui.self_test import REPORT_NAME, run_self_test


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the check installs its own
    monkeypatch.setenv("GUARDIAN_DESK_HOME", str(tmp_path / "home"))
    return tmp_path


def test_a_working_installation_passes_every_step(qapp, scratch: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert run_self_test(qapp, scratch) == 0
    said = capsys.readouterr().out
    for step in (
        "Demo office loaded: 300 children",
        "Paper printed",
        "Calendar exported",
        "Solver process started: process ",  # a large plan's flows run beside the window
    ):
        assert step in said
    assert (scratch / "self-test-paper.pdf").read_bytes().startswith(b"%PDF-")
    assert (
        (scratch / REPORT_NAME)
        .read_text(encoding="utf-8")
        .endswith(f"The installation works. The scratch folder is {scratch}\n")
    )


def test_a_failing_step_is_one_line_and_the_check_fails(  # type: ignore[no-untyped-def]
    qapp, scratch: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_fonts(session: object, folder: Path) -> None:
        raise FileNotFoundError(2, "No such file or directory", str(folder / "NotoSans.ttf"))

    monkeypatch.setattr(installation_check, "print_paper", no_fonts)
    assert run_self_test(qapp, scratch) == 1
    report = (scratch / REPORT_NAME).read_text(encoding="utf-8").splitlines()
    failed = [line for line in report if line.startswith("FAILED")]
    assert len(failed) == 1 and failed[0].startswith("FAILED   Paper printed: ")
    assert "NotoSans.ttf" in failed[0] and "Traceback" not in "\n".join(report)
    assert any(line.startswith("ok       Calendar exported") for line in report)  # went on
    assert report[-1].startswith("The installation check failed")
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("given", ["a file", "a folder with the office's data"])
def test_the_check_refuses_anything_but_a_new_or_empty_folder(  # type: ignore[no-untyped-def]
    tmp_path: Path, capsys, given: str
) -> None:
    from ui.app import main

    if given == "a file":
        target = tmp_path / "notes.txt"
        target.write_text("kept")
        expected = f"error: {target}: part of this path is a file, not a folder.\n"
    else:
        target = tmp_path / "GuardianDesk"
        target.mkdir()
        (target / "guardian-desk.sqlite3").write_text("kept")
        expected = (
            f"error: --self-test: '{target}' is not empty: give a new or empty folder for the "
            "check\n"
        )
    before = sorted(p.name for p in tmp_path.rglob("*"))
    assert main(["--self-test", str(target)]) == 1
    out, err = capsys.readouterr()
    assert err == expected and out == ""  # one line, no traceback
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # nothing written or lost
    assert all(p.read_text() == "kept" for p in tmp_path.rglob("*") if p.is_file())
