"""No exported figure is between 1 and 4: the CSV and the PDF show "<5" instead (and "*" for
a count hidden so that a single small one cannot be worked out from its total)."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from guardian_desk.domain.enums import Sex
from guardian_desk.papers.coordinator_report import coordinator_report_pdf
from guardian_desk.protection.figures import coordinator_figures
from guardian_desk.protection.figures_export import HIDDEN, SMALL, cells, figures_csv, shown
from tests.papers.pdf import text_of
from tests.protection import figures_data as data

START, END = date(2026, 7, 1), date(2026, 9, 30)
NATIONS = ["AF"] * 9 + ["SY"] * 3 + ["PK"] * 2 + ["ER", "IQ", "MA", "BD"]


def _office(session: Session) -> None:
    """Many small counts: nationalities of 1 to 3, a lone girl, a few of everything."""
    specs: list[dict[str, Any]] = [
        {
            "identified_on": START + timedelta(days=n * 4),
            "nationality": nation,
            "sex": Sex.FEMALE if n == 0 else Sex.MALE,
            "date_of_birth": date(2010, 1, 1) if n % 3 else None,
            "languages": ["prs"] if nation == "AF" else ["ara"],
        }
        for n, nation in enumerate(NATIONS)
    ]
    ids = data.add_children(session, specs)
    guardian = data.add_guardian(session)
    for n, child in enumerate(ids[:7]):
        data.appoint(session, child, guardian, specs[n]["identified_on"] + timedelta(days=n * 5))
    for n, child in enumerate(ids[:6]):
        at = datetime(2026, 7, 10 + n, 10, tzinfo=UTC)
        data.add_screening(session, child, at, ["exploitation"] if n < 3 else [], n < 2)
        data.add_referral(session, child, date(2026, 8, 1 + n), "nrm" if n < 4 else "police")
    data.add_missing(session, ids[0], datetime(2026, 8, 1, tzinfo=UTC))
    data.add_mediator(session, "M-1", ["prs"])


def test_one_function_decides() -> None:
    assert [shown(n, plain=True) for n in range(7)] == ["0", SMALL, SMALL, SMALL, SMALL, "5", "6"]
    # One small part beside a shown total: the smallest other part is hidden too.
    assert [c.text for c in cells([3, 9, 6, 0], total=18, plain=True)] == [SMALL, "9", HIDDEN, "0"]
    assert [c.text for c in cells([3, 2, 9], total=14, plain=True)] == [SMALL, SMALL, "9"]
    assert all(c.bar is None for c in cells([3, 6], total=9))


def _no_small_number(values: list[str]) -> None:
    for value in values:
        assert value in (SMALL, HIDDEN, "0") or int(value) >= 5, value


def test_the_csv_shows_no_count_from_1_to_4(session: Session) -> None:
    _office(session)
    figures = coordinator_figures(session, START, END, today=date(2026, 10, 20))
    rows = list(csv.DictReader(io.StringIO(figures_csv(figures).decode("utf-8"))))
    counts = [row["value"] for row in rows if row["measure"] not in ("date", "working_days")]
    _no_small_number(counts)
    assert SMALL in counts and HIDDEN in counts
    text = figures_csv(figures).decode("utf-8")
    assert "T-0" not in text and "Child" not in text  # no case numbers, no names


def test_the_pdf_shows_no_count_from_1_to_4(session: Session) -> None:
    _office(session)
    figures = coordinator_figures(session, START, END, today=date(2026, 10, 20))
    text = text_of(coordinator_report_pdf(session, START, END, figures=figures))
    # Table cells, bar labels and axis ticks each stand on a line of their own; dates, page
    # numbers and the deadline sentence carry words beside their numbers.
    alone = [
        line.strip() for line in text.splitlines() if re.fullmatch(r"\s*(<5|\*|[\d,.]+)\s*", line)
    ]
    assert len(alone) > 40
    _no_small_number([value.replace(",", "") for value in alone])
    assert SMALL in alone and HIDDEN in alone
    assert "T-0" not in text
