"""The home page's "Turning 18" list: open cases of children who turn 18 within 90 days (or
already have), estimated dates said so, the nearest in the attention colour, lines open the
child's record; and the list from the database."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from guardian_desk.services import children
from guardian_desk.services.age import TurningAdult
from guardian_desk.services.home import Section, home_summary
from tests.core import factories
from tests.ui.test_home_page import TODAY, summary
from ui.home_models import RecordRole
from ui.home_page import HomePage


def line(child_id: int, days_left: int, *, estimated: bool = False) -> TurningAdult:
    return TurningAdult(
        child_id=child_id,
        case_number=f"AL-2026-{child_id:05d}",
        name="Ahmad Rahimi",
        original_name="احمد رحیمی",
        date_of_birth=date(2008, 12, 1),
        dob_estimated=estimated,
        adult_on=date(2026, 12, 1),
        days_left=days_left,
    )


def test_the_list_says_when_and_marks_the_nearest(qtbot: QtBot) -> None:
    page = HomePage()
    qtbot.addWidget(page)
    page.resize(1280, 680)
    page.show()
    lines = (line(1, -3), line(2, 6, estimated=True), line(3, 80))
    page.show_summary(summary(turning_adult=Section(lines, 3)))
    model = page.turning_adult.model
    assert page.turning_adult.count.text() == "3"
    assert [model.index(r, 3).data() for r in range(3)] == [
        "turned 18 3 days ago",
        "in 6 days",
        "in 80 days",
    ]
    assert "(estimated)" in model.index(1, 2).data()
    assert "(estimated)" not in model.index(0, 2).data()
    assert model.needs_attention(lines[1]) and not model.needs_attention(lines[2])
    assert model.index(0, 0).data(RecordRole) == ("children", 1)
    assert "within 90 days" in page.turning_adult.note.text()
    page.show_summary(summary())
    assert "No open case of a child turning 18" in page.turning_adult.empty.text()


def test_the_summary_finds_them(session: Session) -> None:
    children.create_child(session, factories.child(date_of_birth=date(2008, 12, 20)))
    children.create_child(session, factories.child(date_of_birth=date(2012, 1, 1)))
    found = home_summary(session, today=TODAY).turning_adult
    assert found.total == 1
    assert (found.lines[0].adult_on, found.lines[0].days_left) == (date(2026, 12, 20), 25)
