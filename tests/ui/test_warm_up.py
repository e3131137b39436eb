"""The number and date formats load beside the worker at start, once per language."""

from __future__ import annotations

import pytest

from guardian_desk.i18n.formats import load_formats, number_text
from ui import warm_up


def test_formats_load_once_per_language(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[str] = []

    class Thread:
        def __init__(self, *, target: object, name: str, daemon: bool) -> None:
            started.append(name)

        def start(self) -> None:
            pass

    monkeypatch.setattr(warm_up.threading, "Thread", Thread)
    monkeypatch.setattr(warm_up, "_started", set())
    warm_up.load_formats_beside()
    warm_up.load_formats_beside()
    assert started == ["formats"]


def test_loading_the_formats_leaves_them_ready_for_the_first_figure() -> None:
    from babel import localedata

    load_formats()
    assert "en" in localedata._cache
    assert number_text(20000) == "20,000"
