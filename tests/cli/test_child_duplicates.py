"""`guardian-desk child duplicates`, `child not-duplicate` and `child merge KEEP OTHER`."""

from __future__ import annotations

from pathlib import Path

import pytest

from guardian_desk.cli import main
from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
from guardian_desk.db.migrate import prepare_database
from guardian_desk.services import children
from guardian_desk.services.duplicates import KEY_CACHE
from tests.core import factories


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_dismiss_and_merge(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    KEY_CACHE.clear()
    database = tmp_path / "office.sqlite3"
    url = f"sqlite:///{database}"
    assert run(capsys, "--db", str(database), "db", "status")[0] == 0  # set up by the fixture
    prepare_database(url)
    engine = make_engine(url)
    with session_scope(make_session_factory(engine)) as s:
        first = children.create_child(s, factories.child()).case_number
        second = children.create_child(s, factories.child(given_name="Ahmed")).case_number
        third = children.create_child(
            s, factories.child(family_name="Rahimy", date_of_birth=None)
        ).case_number
    engine.dispose()
    code, out, _err = run(capsys, "--db", str(database), "child", "duplicates")
    assert code == 0 and first in out and second in out and "3 pairs" in out
    code, out, _err = run(capsys, "--db", str(database), "child", "not-duplicate", first, third)
    assert code == 0 and "not the same child" in out
    code, out, _err = run(capsys, "--db", str(database), "child", "duplicates")
    assert "2 pairs" in out
    code, out, _err = run(capsys, "--db", str(database), "child", "merge", first, second)
    assert code == 0 and f"Merged {second} into {first}" in out
    code, out, err = run(capsys, "--db", str(database), "child", "merge", first, second)
    assert code == 1 and first in err  # the old number finds the kept child: itself
    code, out, _err = run(capsys, "--db", str(database), "child", "duplicates")
    # second is gone; its pair with third is now first's, which was dismissed with third.
    assert "0 pairs of possible duplicates" in out
