"""PostgreSQL's driver is an optional extra: without it the officer reads what to install."""

from __future__ import annotations

import sys

import pytest

from guardian_desk.db.engine import make_engine
from guardian_desk.domain.errors import DatabaseRefused


def test_a_postgres_address_without_the_driver_says_which_extra_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg now raises ImportError
    with pytest.raises(DatabaseRefused) as refused:
        make_engine("postgresql+psycopg://officer@db.example/office")
    assert "guardian-desk[postgres]" in str(refused.value)
    assert "Traceback" not in str(refused.value)


def test_sqlite_needs_no_postgres_driver(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    engine = make_engine("sqlite://")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("select 1").scalar() == 1
