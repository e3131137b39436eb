"""The office's own screening indicators are stored in the database: every officer of a shared
database reads the same list, on SQLite and PostgreSQL; the shipped ids fit the answers' column."""

from __future__ import annotations

from datetime import date

from sqlalchemy.pool import NullPool

from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
from guardian_desk.services.screenings import (
    ScreeningInput,
    get_screening,
    office_indicators,
    record_screening,
    set_office_indicators,
)
from tests.scheduling.office import Office

ENTRIES = [
    {"id": "cs-ex-01", "set": "sexual", "element": "exploitation", "strength": "strong",
     "text": {"en": "Sexually exploited", "sr": "Сексуално искоришћен",
              "mk": "Сексуално искористен", "sq": "I shfrytëzuar seksualisht"},
     "rationale": "ILO/EC 2009, children, sexual exploitation"},
    {"id": "o" * 20, "set": "office", "element": "coercive_recruitment", "strength": "weak",
     "text": {"en": "Moved at night"}},
]  # fmt: skip


def test_the_list_round_trips_and_is_shared(db: str) -> None:
    engine = make_engine(db, poolclass=NullPool)
    try:
        factory = make_session_factory(engine)
        with session_scope(factory, actor="test") as session:
            assert office_indicators(session) == []
            set_office_indicators(session, ENTRIES)
            child_id = Office(session).child(None, identified_on=date(2026, 5, 1)).id
        with session_scope(factory, actor="another officer") as session:
            assert office_indicators(session) == ENTRIES
            office = Office(session)
            info = record_screening(
                session,
                ScreeningInput(
                    child_id=child_id,
                    screened_at=office.at(2026, 5, 4, 10),
                    answers={
                        "o" * 20: "observed",
                        "office-unverified-adult": "observed",  # 23 characters, shipped
                        "office-documents-held": "reported_by_child",
                    },
                ),
            )
        with session_scope(factory, actor="test") as session:
            set_office_indicators(session, [])
            again = get_screening(session, info.screening_id)
            assert again.answers["o" * 20] == "observed" and again.retired == ("o" * 20,)
            assert again.answers["office-unverified-adult"] == "observed"
            assert office_indicators(session) == []
    finally:
        engine.dispose()
