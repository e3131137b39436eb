"""The early warnings' set-based queries give the same warnings on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import update
from sqlalchemy.pool import NullPool

from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
from guardian_desk.db.models import AccompanyingAdult, Referral, Screening
from guardian_desk.domain.enums import ChildStatus
from guardian_desk.services.adults import add_adult
from guardian_desk.services.early_warning import WarningKind, early_warnings, warning_counts
from guardian_desk.services.missing import record_return, report_missing
from guardian_desk.services.placements import move_child
from guardian_desk.services.screenings import ScreeningInput, record_screening
from guardian_desk.services.settings import get_settings
from tests.scheduling.office import Office

TODAY = date(2026, 6, 15)
FLAGGING = {
    "cl-dr-01": "observed",
    "cl-dr-02": "observed",
    "cl-ex-01": "observed",
    "office-crime": "observed",
}


def test_every_kind_on_both_backends(db: str) -> None:
    engine = make_engine(db, poolclass=NullPool)
    try:
        with session_scope(make_session_factory(engine), actor="test") as session:
            office = Office(session)
            office.child(None, identified_on=date(2026, 6, 1))  # not screened
            place, other = office.facility(), office.facility(name="Durrës Home")

            def screened(day: int, **answers: str):  # type: ignore[no-untyped-def]
                child = office.child(place, identified_on=date(2026, 5, 1))
                info = record_screening(
                    session,
                    ScreeningInput(
                        child_id=child.id,
                        screened_at=office.at(2026, 5, day, 10),
                        answers=answers,
                    ),
                )
                session.execute(  # written on the day, as it happens in an office
                    update(Screening)
                    .where(Screening.id == info.screening_id)
                    .values(created_at=office.at(2026, 5, day, 10))
                )
                return child

            positive = screened(4, **FLAGGING)
            referred = screened(4, **FLAGGING)
            session.add(
                Referral(
                    child_id=referred.id,
                    recipient_kind="police",
                    sent_on=date(2026, 5, 4),
                    status_on=date(2026, 5, 4),
                )
            )
            with_adult = screened(4)
            adult = add_adult(session, with_adult.id, "Karim Rahimi", "uncle")
            session.execute(
                update(AccompanyingAdult)
                .where(AccompanyingAdult.id == adult.adult_id)
                .values(added_at=datetime(2026, 6, 2, 9, tzinfo=UTC))
            )
            back = screened(4)
            episode = report_missing(
                session,
                back.id,
                missing_since=office.at(2026, 5, 20, 21),
                now=office.at(2026, 5, 21, 8),
            )
            record_return(
                session,
                episode.id,
                episode.version,
                returned_at=office.at(2026, 6, 1, 12),
                now=office.at(2026, 6, 1, 13),
            )
            moved = screened(4)
            move_child(
                session,
                moved.id,
                moved.version,
                other.id,
                moved_on=date(2026, 6, 3),
                reason="needs",
            )
            get_settings(session).rescreen_after_days = 30
            closed = office.child(place, identified_on=date(2026, 5, 1))
            closed.status = ChildStatus.CLOSED
            session.flush()

            found = early_warnings(session, TODAY)
            by_child = {(w.child_id, w.kind) for w in found}
            assert (positive.id, WarningKind.POSITIVE_NOT_REFERRED) in by_child
            assert (referred.id, WarningKind.POSITIVE_NOT_REFERRED) not in by_child
            assert (with_adult.id, WarningKind.UNVERIFIED_ADULT) in by_child
            assert (with_adult.id, WarningKind.RESCREEN_NEW_ADULT) in by_child
            assert (back.id, WarningKind.RESCREEN_AFTER_MISSING) in by_child
            assert (moved.id, WarningKind.RESCREEN_FACILITY_CHANGE) in by_child
            assert (positive.id, WarningKind.RESCREEN_PERIODIC) in by_child
            assert all(w.child_id != closed.id for w in found)
            counts = warning_counts(session, TODAY)
            assert counts == {
                WarningKind.NOT_SCREENED: 1,
                WarningKind.POSITIVE_NOT_REFERRED: 1,
                WarningKind.UNVERIFIED_ADULT: 1,
                WarningKind.RESCREEN_AFTER_MISSING: 1,
                WarningKind.RESCREEN_NEW_ADULT: 1,
                WarningKind.RESCREEN_FACILITY_CHANGE: 1,
                WarningKind.RESCREEN_PERIODIC: 5,  # every screened child: 4 May + 30 days
            }
            days = [w.working_days for w in found]
            assert days == sorted(days, reverse=True)
    finally:
        engine.dispose()
