"""Command-line values take only the documented forms: ASCII digits, dates as YYYY-MM-DD.

Before, argparse's own int() and date.fromisoformat() took `١٥`, `1_5`, `2026-W05-2` and
`20260203`, so a typo became another day or number without a word.
"""

from __future__ import annotations

import pytest

from guardian_desk import cli


@pytest.mark.parametrize(
    ("argv", "value"),
    [
        (["schedule", "plan", "--from", "2026-W05-2"], "'2026-W05-2' is not a date"),
        (["schedule", "plan", "--from", "20260203"], "'20260203' is not a date"),
        (["schedule", "plan", "--weeks", "1_5"], "'1_5' is not a whole number"),
        (["match", "suggest", "AL-2026-00001", "--limit", "١٥"], "'١٥' is not a whole number"),
        (["calendar", "export", "--all", "out", "--alarm", "١٥"], "'١٥' is not a number"),
        (["--wait", "nan", "db", "status"], "'nan' is not a number of seconds"),
        (["demo", "--children", "3e2"], "'3e2' is not a whole number"),
    ],
)
def test_a_value_in_another_form_is_refused_by_name(
    argv: list[str], value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as ended:
        cli.main(argv)
    assert ended.value.code == 2
    err = capsys.readouterr().err
    assert value in err
    assert "Traceback" not in err
