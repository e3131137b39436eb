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
    for step in ("Demo office loaded: 300 children", "Paper printed", "Calendar exported"):
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
