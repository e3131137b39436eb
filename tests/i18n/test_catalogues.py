"""The shipped catalogues are complete: CI fails on an untranslated or fuzzy string, on a
placeholder a translation lost or renamed, on a catalogue behind the code or a stale .mo."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from guardian_desk.i18n import catalogues, tool
from guardian_desk.i18n.languages import CATALOGUED


@pytest.fixture(scope="module")
def template():  # type: ignore[no-untyped-def]
    return tool.build_template()


@pytest.mark.parametrize("language", CATALOGUED)
def test_the_shipped_catalogue_is_complete_and_current(language: str, template) -> None:  # type: ignore[no-untyped-def]
    problems = list(tool.problems(language, template))
    assert not problems, "\n".join(problems[:40]) + (
        "\n(fix: python -m guardian_desk.i18n extract, translate, compile)"
    )


def _copy_locale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "locale"
    shutil.copytree(catalogues.locale_dir(), copy)
    monkeypatch.setattr(catalogues, "locale_dir", lambda: copy)
    monkeypatch.setattr(tool, "locale_dir", lambda: copy)
    return copy / "sq" / "LC_MESSAGES" / "guardian_desk.po"


def _edit(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    with path.open("rb") as handle:
        catalog = read_po(handle, locale="sq")
    change(catalog)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100)


def _entry(catalog, source: str):  # type: ignore[no-untyped-def]
    return next(m for m in catalog if m.id == source)


def test_the_check_fails_on_a_renamed_placeholder_a_fuzzy_and_an_empty_string(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, template
) -> None:  # type: ignore[no-untyped-def]
    po = _copy_locale(tmp_path, monkeypatch)
    with_field = next(
        m.id for m in template if isinstance(m.id, str) and "{" in m.id and m.id.count("{") == 1
    )
    plain = next(m.id for m in template if isinstance(m.id, str) and m.id.isalpha())
    other = next(
        m.id for m in template if isinstance(m.id, str) and m.id.isalpha() and m.id != plain
    )

    def spoil(catalog) -> None:  # type: ignore[no-untyped-def]
        _entry(catalog, with_field).string = "{emri} i përkthyer"
        _entry(catalog, plain).flags.add("fuzzy")
        _entry(catalog, other).string = ""

    _edit(po, spoil)
    found = "\n".join(tool.problems("sq", template))
    assert f"placeholders differ: {with_field!r}" in found
    assert f"fuzzy: {plain!r}" in found
    assert f"untranslated: {other!r}" in found
    assert "older than the .po" in found


def test_the_check_fails_when_the_code_has_a_string_the_catalogue_lacks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, template
) -> None:  # type: ignore[no-untyped-def]
    _copy_locale(tmp_path, monkeypatch)
    template.add("A sentence added to the code after the catalogue")
    found = "\n".join(tool.problems("sq", template))
    assert "not in the catalogue (run extract): 'A sentence added" in found
