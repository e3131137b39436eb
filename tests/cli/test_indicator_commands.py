"""`guardian-desk screening indicators list|import FILE|export FILE`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from guardian_desk.cli import main

SEXUAL = {
    "version": "office",
    "indicators": [
        {"id": "cs-ex-01", "set": "sexual", "element": "exploitation", "strength": "strong",
         "text": {"en": "Sexually exploited", "sq": "I shfrytëzuar seksualisht"}},
        {"id": "oi-route-1", "set": "office", "element": "coercive_recruitment",
         "strength": "weak", "text": {"en": "Moved at night by a driver"}},
    ],
}  # fmt: skip


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_list_export(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = ["--db", str(tmp_path / "office.sqlite3")]
    assert run(capsys, *db, "db", "upgrade")[0] == 0
    code, out, err = run(capsys, *db, "screening", "indicators", "list")
    assert code == 0, err
    assert out.strip() == "0 indicators added by the office."

    good = tmp_path / "sexual.json"
    good.write_text(json.dumps(SEXUAL), encoding="utf-8")
    code, out, err = run(capsys, *db, "screening", "indicators", "import", str(good))
    assert code == 0, err
    assert "cs-ex-01  Sexual exploitation  Exploitative conditions  Strong  Sexually" in out
    assert "oi-route-1  Both lists (office)  Coercive recruitment  Weak  Moved at night" in out
    assert out.strip().endswith("2 indicators added by the office.")

    # A bad entry refuses the whole file, by name; the stored list stays.
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([SEXUAL["indicators"][1], {"id": "cl-dr-01"}]), encoding="utf-8")
    code, out, err = run(capsys, *db, "screening", "indicators", "import", str(bad))
    assert code != 0 and "Office indicator cl-dr-01: the id is already used" in err
    broken = tmp_path / "broken.json"
    broken.write_text("[{", encoding="utf-8")
    code, out, err = run(capsys, *db, "screening", "indicators", "import", str(broken))
    assert code != 0 and "broken.json is not a JSON file" in err
    code, out, err = run(capsys, *db, "screening", "indicators", "list")
    assert code == 0 and out.strip().endswith("2 indicators added by the office.")

    target = tmp_path / "export.json"
    code, out, err = run(capsys, *db, "screening", "indicators", "export", str(target))
    assert code == 0, err
    assert out.strip() == f"2 indicators written to {target}."
    written = json.loads(target.read_text(encoding="utf-8"))
    assert [e["id"] for e in written["indicators"]] == ["cs-ex-01", "oi-route-1"]
    assert written["indicators"][0]["text"]["sq"] == "I shfrytëzuar seksualisht"
