from __future__ import annotations

from datetime import date

from guardian_desk.scheduling.working_days import add_working_days, working_days_between


def test_deadline_skips_weekends_and_albanian_holidays() -> None:
    # From Friday 20 Nov 2026, 15 weekdays end on 11 Dec; in Albania 23 Nov (Alphabet Day,
    # observed), 30 Nov and 1 Dec (Independence and Liberation Day, observed) and 8 Dec
    # (Youth Day) are holidays, so the deadline moves to 17 Dec.
    assert add_working_days(date(2026, 11, 20), 15, "XX") == date(2026, 12, 11)
    deadline = add_working_days(date(2026, 11, 20), 15, "AL")
    assert deadline == date(2026, 12, 17)
    assert working_days_between(date(2026, 11, 20), deadline, "AL") == 15


def test_unknown_country_counts_only_weekends() -> None:
    assert add_working_days(date(2026, 11, 27), 1, "XX") == date(2026, 11, 30)
    assert working_days_between(date(2026, 11, 30), date(2026, 11, 27), "XX") == -1
