"""The command line speaks the chosen language: $GUARDIAN_DESK_LANGUAGE, else the system's.

The pseudo-locale (en-XA) decorates every extracted string with ⟦...⟧: a line printed without
the brackets did not go through translation. Its list of extracted strings is built here from
the source (build_template), so the check does not wait for the lead to re-run extraction.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from guardian_desk import i18n
from guardian_desk.cli import choose_language, main
from guardian_desk.i18n import catalogues
from guardian_desk.i18n.pseudo import decorate, is_decorated

LOCALE_VARIABLES = ("GUARDIAN_DESK_LANGUAGE", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture(autouse=True)
def english_afterwards(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No language from the machine running the tests; English again for the tests after."""
    for name in LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    yield
    catalogues.translations.cache_clear()
    i18n.set_language("en")


@pytest.fixture
def pseudo(monkeypatch: pytest.MonkeyPatch) -> None:
    """en-XA for the command, knowing every string the source marks today."""
    from guardian_desk.i18n.tool import build_template

    template = build_template()
    known = frozenset(m.id if isinstance(m.id, str) else m.id[0] for m in template if m.id)
    monkeypatch.setattr(catalogues, "_template_ids", lambda: known)
    catalogues.translations.cache_clear()
    monkeypatch.setenv("GUARDIAN_DESK_LANGUAGE", "en-XA")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_every_line_of_db_status_goes_through_translation(
    pseudo: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db", str(tmp_path / "new.sqlite3"), "db", "status")

    assert (code, err) == (0, "")
    assert i18n.current_language() == "en-XA"
    lines = out.splitlines()
    assert len(lines) == 3 and all(is_decorated(line) for line in lines), out


def test_the_help_is_built_in_the_chosen_language(
    pseudo: None, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    out = capsys.readouterr().out

    assert done.value.code == 0
    assert decorate("Guardian Desk: records of")[:20] in out  # the description
    assert decorate("database upgrade, status, backup, restore")[:30] in out  # db's help


def test_a_refusal_goes_through_translation(
    pseudo: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "new.sqlite3")
    code, out, err = run(capsys, "--db", db, "--actor", "ana", "db", "status")

    assert (code, out) == (2, "")
    prefix = decorate("error: {message}").split("{message}")[0]
    said = decorate("--actor is no longer used")[:20]
    assert err.startswith(prefix + said) and err.count("\n") == 1, err


def test_english_stays_the_default(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", str(tmp_path / "new.sqlite3"), "db", "status")

    assert (code, err) == (0, "")
    assert i18n.current_language() == "en"
    database, state, schema = out.splitlines()
    assert database.startswith("database:  ") and state == "state:     empty"
    assert schema.startswith("schema:    - (this app: ")
    assert "⟦" not in out


def test_the_system_language_is_taken_when_none_is_chosen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LANG", "sq_AL.UTF-8")
    assert choose_language() == "sq"
    monkeypatch.setenv("LC_MESSAGES", "sr_RS@latin")
    assert choose_language() == "sr-Latn"  # LC_MESSAGES before LANG
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    assert choose_language() == "en"  # LC_ALL decides, and Guardian Desk does not speak C
    monkeypatch.setenv("GUARDIAN_DESK_LANGUAGE", "mk")
    assert choose_language() == "mk"  # the app's own setting first
    monkeypatch.setenv("GUARDIAN_DESK_LANGUAGE", "de")
    assert choose_language() == "en"  # a language it does not speak: English
