"""Revision 8c6d7e9f0a15 on SQLite and PostgreSQL: a case closed before it gets the reason its
status says, an ended appointment "other"; the new columns refuse unknown values; the
termination paper is accepted; the caseload triggers survive; the downgrade undoes it."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy.pool import NullPool

from guardian_desk.db.engine import make_engine
from guardian_desk.db.migrate import alembic_config

BEFORE = "7b5c6d8e9fa4"
AFTER = "8c6d7e9f0a15"


def _run(url: str, revision: str, *, down: bool = False) -> None:
    engine = make_engine(url, foreign_keys=False, poolclass=NullPool)
    try:
        with engine.begin() as connection:
            config = alembic_config(url)
            config.attributes["connection"] = connection
            (command.downgrade if down else command.upgrade)(config, revision)
    finally:
        engine.dispose()


def _execute(url: str, sql: str, **params: object) -> list[tuple[object, ...]]:
    engine = make_engine(url, poolclass=NullPool)
    try:
        with engine.begin() as connection:
            result = connection.execute(sa.text(sql), params)
            return [tuple(row) for row in result] if result.returns_rows else []
    finally:
        engine.dispose()


CHILD = (
    "INSERT INTO children (case_number, given_name, family_name, given_name_original, "
    "family_name_original, aliases, sex, nationality, guardian_gender_preference, "
    "mediator_gender_preference, dob_estimated, identified_on, status, notes, search_text, "
    "version, "
    "created_at, updated_at) VALUES (:n, 'A', 'B', '', '', '[]', 'male', 'AF', 'any', 'any', "
    "false, '2026-01-05', :s, '', '', 1, '2026-03-01 10:00:00', '2026-03-02 10:00:00')"
)


def test_closed_cases_and_ended_appointments_get_their_reasons(blank_url: str) -> None:
    _run(blank_url, BEFORE)
    _execute(blank_url, CHILD, n="AL-2026-00001", s="reunified")
    _execute(blank_url, CHILD, n="AL-2026-00002", s="under_guardianship")
    _execute(blank_url, CHILD, n="AL-2026-00003", s="closed")
    _run(blank_url, AFTER)

    rows = _execute(
        blank_url,
        "SELECT case_number, closure_reason, closed_on, closure_note FROM children "
        "ORDER BY case_number",
    )
    assert [(r[0], r[1], str(r[2]) if r[2] else None, r[3]) for r in rows] == [
        ("AL-2026-00001", "reunified", "2026-03-02", ""),
        ("AL-2026-00002", None, None, ""),
        ("AL-2026-00003", "other", "2026-03-02", ""),
    ]
    with pytest.raises(sa.exc.IntegrityError):
        _execute(blank_url, "UPDATE children SET closure_reason = 'eloped'")
    engine = make_engine(blank_url, poolclass=NullPool)
    try:
        checks = {
            check["name"]
            for table in ("children", "assignments")
            for check in sa.inspect(engine).get_check_constraints(table)
        }
    finally:
        engine.dispose()
    assert {"ck_children_closure_reason", "ck_assignments_end_reason_code"} <= checks


def test_the_termination_paper_is_accepted_and_the_caps_still_hold(blank_url: str) -> None:
    _run(blank_url, AFTER)
    insert = (
        "INSERT INTO issued_documents (reference, kind, subject, issued_at, issued_by, copies, "
        "version, created_at, updated_at) VALUES (:r, :k, '', '2026-03-01 10:00:00', 'x', 0, 1, "
        "'2026-03-01 10:00:00', '2026-03-01 10:00:00')"
    )
    _execute(blank_url, insert, r="GD-2026-000001", k="termination")
    with pytest.raises(sa.exc.IntegrityError):
        _execute(blank_url, insert, r="GD-2026-000002", k="eviction")
    if blank_url.startswith("sqlite"):
        triggers = {
            name
            for (name,) in _execute(
                blank_url, "SELECT name FROM sqlite_master WHERE type = 'trigger'"
            )
        }
        assert {"trg_assignments_cap_insert", "trg_assignments_cap_update"} <= triggers
        indexes = {
            name
            for (name,) in _execute(
                blank_url,
                "SELECT name FROM sqlite_master WHERE tbl_name = 'issued_documents' "
                "AND type = 'index'",
            )
        }
        assert "ix_issued_documents_child" in indexes


def test_the_downgrade_undoes_it(blank_url: str) -> None:
    _run(blank_url, AFTER)
    _execute(blank_url, CHILD, n="AL-2026-00001", s="transferred")
    _run(blank_url, BEFORE, down=True)
    engine = make_engine(blank_url, poolclass=NullPool)
    try:
        columns = {c["name"] for c in sa.inspect(engine).get_columns("children")}
    finally:
        engine.dispose()
    assert "closure_reason" not in columns and "closed_on" not in columns
    _run(blank_url, AFTER)
    assert _execute(blank_url, "SELECT closure_reason FROM children") == [("transferred",)]
