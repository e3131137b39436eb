"""The coordinator's figures give the same counts on SQLite and PostgreSQL: the age bands
(date parts in SQL), the JSON lists of positive elements grouped as text, the first guardian."""

from __future__ import annotations

from datetime import date

from guardian_desk.db.engine import session_scope
from guardian_desk.protection.figures import coordinator_figures
from guardian_desk.protection.figures_export import figures_csv
from tests.db.data import sessions
from tests.protection.test_figures_suppression import _office


def test_the_figures_on_both_backends(db: str) -> None:
    with sessions(db) as factory:
        with session_scope(factory) as s:
            _office(s)
        with session_scope(factory) as s:
            found = coordinator_figures(
                s, date(2026, 7, 1), date(2026, 9, 30), today=date(2026, 10, 20)
            )
    assert found.children_identified == 18
    assert dict(found.by_nationality) == {
        "AF": 9,
        "SY": 3,
        "PK": 2,
        "ER": 1,
        "IQ": 1,
        "MA": 1,
        "BD": 1,
    }
    assert dict(found.by_age_band) == {"0-13": 0, "14-15": 0, "16-17": 12, "18+": 0, "unknown": 6}
    assert (found.screenings, found.screenings_flagged) == (6, 2)
    assert dict(found.positive_elements)["exploitation"] == 3
    assert found.referrals == 6 and found.missing_begun == 1
    timing = found.guardian
    assert (timing.within, timing.late, timing.waiting) == (5, 2, 11)
    assert {row.code: row.mediators for row in found.languages} == {"prs": 1, "ara": 0}
    assert b"<5" in figures_csv(found)
