"""Writing test files and counting what the database holds."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.db.models import (
    Absence,
    AccompanyingAdult,
    AuditEvent,
    AvailabilitySlot,
    Child,
    ChildLanguage,
    ChildSibling,
    Facility,
    Guardian,
    Mediator,
)
from guardian_desk.exchange import ImportFailed, ImportReport, columns, import_csv

TABLES = (
    Facility,
    Guardian,
    Mediator,
    Child,
    ChildLanguage,
    ChildSibling,
    AccompanyingAdult,
    AvailabilitySlot,
    Absence,
    AuditEvent,
)


def write_csv(
    path: Path,
    header: Sequence[str],
    rows: Sequence[Sequence[str]] | Sequence[dict[str, str]],
    *,
    encoding: str = "utf-8",
    delimiter: str = ",",
) -> Path:
    """Rows as lists (in header order) or as dicts (missing columns blank)."""
    with path.open("w", encoding=encoding, newline="") as f:
        writer = csv.writer(f, delimiter=delimiter)
        writer.writerow(header)
        for row in rows:
            writer.writerow([row.get(c, "") for c in header] if isinstance(row, dict) else row)
    return path


def child_row(**values: str) -> dict[str, str]:
    """A valid children row; override what the test is about."""
    row = {
        "case_number": "AL-2026-00001",
        "given_name": "Ahmad",
        "family_name": "Rahimi",
        "given_name_original": "احمد",
        "sex": "male",
        "date_of_birth": "2011-03-01",
        "nationality": "AF",
        "languages": "prs:native",
        "identified_on": "2026-10-01",
    }
    row.update(values)
    return row


def children_file(path: Path, *rows: dict[str, str]) -> Path:
    return write_csv(path, columns("children"), list(rows))


def counts(factory: sessionmaker[Session]) -> dict[str, int]:
    """Rows per table, read in a fresh session (what another user of the database would see)."""
    with factory() as s:
        return {
            model.__tablename__: s.scalar(select(func.count()).select_from(model)) or 0
            for model in TABLES
        }


def imported(factory: sessionmaker[Session], kind: str, path: Path) -> ImportReport:
    with session_scope(factory, actor="test-officer") as s:
        return import_csv(s, kind, path)


def failed_import(factory: sessionmaker[Session], kind: str, path: Path) -> ImportReport:
    """Import, expect ImportFailed, and check that the database did not change."""
    before = counts(factory)
    with (
        pytest.raises(ImportFailed) as info,
        session_scope(factory, actor="test-officer") as s,
    ):
        import_csv(s, kind, path)
    assert counts(factory) == before
    assert str(info.value).startswith(f"Nothing was imported from the {kind} file")
    return info.value.report


def messages(report: ImportReport) -> list[str]:
    return [str(e) for e in report.errors]
