"""The coordinator's figures count what docs/protection.md says: the period's children by
nationality, sex and age band, screenings and positive elements, referrals, missing episodes,
working days to a guardian against the deadline, language demand against supply."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy.orm import Session

from guardian_desk.domain.enums import Sex
from guardian_desk.domain.errors import PermissionDenied, ValidationError
from guardian_desk.protection.figures import coordinator_figures, default_period
from guardian_desk.scheduling.working_days import add_working_days
from guardian_desk.security.roles import ACCOUNT_KEY, Role, SignedIn
from tests.protection import figures_data as data

START, END = date(2026, 7, 1), date(2026, 9, 30)
TODAY = date(2026, 10, 20)


def test_children_by_nationality_sex_and_age_band(session: Session) -> None:
    data.add_children(
        session,
        [
            # 13 the day before the 14th birthday, 14 on it; 18+; no date of birth.
            {"identified_on": date(2026, 7, 9), "date_of_birth": date(2012, 7, 10)},
            {
                "identified_on": date(2026, 7, 10),
                "date_of_birth": date(2012, 7, 10),
                "nationality": "SY",
            },
            {
                "identified_on": date(2026, 8, 1),
                "date_of_birth": date(2009, 8, 2),
                "sex": Sex.FEMALE,
            },
            {"identified_on": date(2026, 8, 1), "date_of_birth": date(2008, 8, 1)},
            {"identified_on": date(2026, 9, 30), "sex": Sex.UNKNOWN, "nationality": "SY"},
            {"identified_on": date(2026, 6, 30)},  # before the period
            {"identified_on": date(2026, 10, 1)},  # after it
        ],
    )
    found = coordinator_figures(session, START, END, today=TODAY)
    assert found.children_identified == 5
    assert dict(found.by_nationality) == {"AF": 3, "SY": 2}
    assert dict(found.by_sex) == {"male": 3, "female": 1, "unknown": 1}
    assert found.by_age_band == (
        ("0-13", 1), ("14-15", 1), ("16-17", 1), ("18+", 1), ("unknown", 1),
    )  # fmt: skip


def test_screenings_elements_and_the_office_day(session: Session) -> None:
    a, b = data.add_children(session, [{"identified_on": date(2026, 6, 1)}] * 2)
    # 22:30 UTC on 30 June is 00:30 on 1 July in Tirana: in the period.
    data.add_screening(session, a, datetime(2026, 6, 30, 22, 30, tzinfo=UTC),
                       ["exploitation", "coercive_recruitment"], True, "refer")  # fmt: skip
    data.add_screening(session, a, datetime(2026, 8, 1, 10, tzinfo=UTC), ["exploitation"], False)
    data.add_screening(session, b, datetime(2026, 9, 30, 21, 59, tzinfo=UTC), [], False)
    data.add_screening(session, b, datetime(2026, 9, 30, 22, 1, tzinfo=UTC), ["exploitation"], True)
    found = coordinator_figures(session, START, END, today=TODAY)
    assert (found.screenings, found.children_screened, found.screenings_flagged) == (3, 2, 1)
    elements = dict(found.positive_elements)
    assert elements["exploitation"] == 2 and elements["coercive_recruitment"] == 1
    assert elements["deceptive_recruitment"] == 0 and len(elements) == 6
    assert dict(found.decisions) == {"pending": 2, "refer": 1}


def test_referrals_and_missing_episodes(session: Session) -> None:
    (a,) = data.add_children(session, [{"identified_on": date(2026, 6, 1)}])
    data.add_referral(session, a, date(2026, 7, 1), "nrm", "accepted")
    data.add_referral(session, a, date(2026, 9, 30), "police")
    data.add_referral(session, a, date(2026, 10, 1), "police")  # after the period
    data.add_missing(session, a, datetime(2026, 7, 2, tzinfo=UTC), datetime(2026, 7, 5, tzinfo=UTC))
    data.add_missing(session, a, datetime(2026, 9, 1, tzinfo=UTC))
    data.add_missing(session, a, datetime(2026, 5, 1, tzinfo=UTC), datetime(2026, 5, 3, tzinfo=UTC))
    found = coordinator_figures(session, START, END, today=TODAY)
    assert found.referrals == 2
    assert dict(found.referrals_by_recipient)["nrm"] == 1
    assert dict(found.referrals_by_recipient)["police"] == 1
    assert dict(found.referrals_by_status) == {
        "sent": 1, "acknowledged": 0, "accepted": 1, "declined": 0, "closed": 0,
    }  # fmt: skip
    assert (found.missing_begun, found.missing_returned, found.missing_still) == (2, 1, 1)


def test_working_days_to_the_first_guardian_against_the_deadline(session: Session) -> None:
    identified = date(2026, 7, 6)
    on_time, late, _waiting, _old_waiting, _closed = data.add_children(
        session,
        [
            {"identified_on": identified},
            {"identified_on": identified},
            {"identified_on": date(2026, 9, 29)},  # 15 working days not yet passed on TODAY
            {"identified_on": identified},
            {"identified_on": identified, "closed_on": date(2026, 7, 8)},
        ],
    )
    guardian = data.add_guardian(session)
    deadline_day = add_working_days(identified, 15, "AL")
    # The first appointment counts, not the one after a change of guardian.
    data.appoint(session, on_time, guardian, deadline_day, ends_on=date(2026, 8, 1))
    data.appoint(session, on_time, guardian, date(2026, 8, 2))
    data.appoint(session, late, guardian, add_working_days(identified, 16, "AL"))
    timing = coordinator_figures(session, START, END, today=TODAY).guardian
    assert timing.deadline_days == 15
    assert (timing.within, timing.late, timing.waiting, timing.closed_without) == (1, 1, 2, 1)
    assert timing.waiting_overdue == 1  # identified on 6 July; the other one is not yet late
    assert timing.median_days == 15.5


def test_language_demand_against_mediator_supply(session: Session) -> None:
    data.add_children(
        session,
        [
            {"identified_on": date(2026, 7, 1), "languages": ["prs", "eng"]},
            {"identified_on": date(2026, 7, 1), "languages": ["prs"]},
            {"identified_on": date(2026, 1, 1), "languages": ["ara"]},  # in care, earlier
            {
                "identified_on": date(2026, 1, 1),
                "languages": ["tir"],
                "closed_on": date(2026, 6, 1),
            },
        ],
    )
    data.add_mediator(session, "M-1", ["prs", "eng"])
    data.add_mediator(session, "M-2", ["ara"], active=False)
    found = {
        row.code: row for row in coordinator_figures(session, START, END, today=TODAY).languages
    }
    assert set(found) == {"prs", "eng", "ara"}  # nobody in care speaks Tigrinya any more
    assert (found["prs"].identified, found["prs"].in_care, found["prs"].mediators) == (2, 2, 1)
    assert (found["ara"].identified, found["ara"].in_care, found["ara"].mediators) == (0, 1, 0)


def test_the_period_is_checked_and_the_default_is_the_last_full_quarter(session: Session) -> None:
    with pytest.raises(ValidationError):
        coordinator_figures(session, END, START)
    assert default_period(date(2026, 10, 20)) == (START, END)
    assert default_period(date(2026, 1, 1)) == (date(2025, 10, 1), date(2025, 12, 31))


def test_an_officer_may_not_see_the_figures(session: Session) -> None:
    session.info[ACCOUNT_KEY] = SignedIn("olga", "Olga Officer", Role.OFFICER)
    with pytest.raises(PermissionDenied):
        coordinator_figures(session, START, END)
