"""The home page raises missing children above the lists (a line opens the child's record)
and lists the follow-ups of visit reports that are due."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from pytestqt.qtbot import QtBot

from guardian_desk.services.home import Section
from guardian_desk.services.missing import MissingLine
from guardian_desk.services.visit_reports import FollowUpLine
from tests.ui.test_home_page import summary
from ui.home_models import RecordRole
from ui.home_page import HomePage

ZONE = ZoneInfo("Europe/Tirane")


def missing(child_id: int, police: bool) -> MissingLine:
    return MissingLine(
        episode_id=child_id,
        child_id=child_id,
        case_number=f"AL-2026-{child_id:05d}",
        name="Omid <Rahimi>",
        missing_since=datetime(2026, 12, 1, 21, 30, tzinfo=ZONE),
        last_seen_place="Tirana bus station",
        reported_to_police=police,
        days_missing=3,
    )


def follow_up(n: int, overdue: int) -> FollowUpLine:
    return FollowUpLine(n, 1, n, f"AL-2026-{n:05d}", "Omid Rahimi", "Call the school",
                        date(2026, 12, 4), overdue)  # fmt: skip


def test_missing_children_are_raised_and_open_their_record(qtbot: QtBot) -> None:
    page = HomePage()
    qtbot.addWidget(page)
    page.resize(1280, 680)
    page.show()
    page.show_summary(summary())
    assert not page.missing.isVisible()
    page.show_summary(summary(missing=Section((missing(7, True), missing(8, False)), 2)))
    assert page.missing.isVisible()
    text = page.missing.text()
    assert "2 children are missing" in text and "Omid &lt;Rahimi&gt;" in text
    assert "not yet reported to the police" in text and "Tirana bus station" in text
    opened: list[tuple[str, int]] = []
    page.open_record.connect(lambda kind, rid: opened.append((kind, rid)))
    page.missing.linkActivated.emit("children:8")
    assert opened == [("children", 8)]


def test_follow_ups_due_are_listed(qtbot: QtBot) -> None:
    page = HomePage()
    qtbot.addWidget(page)
    page.resize(1280, 680)
    page.show()
    page.show_summary(summary(follow_ups=Section((follow_up(1, 2), follow_up(2, 0)), 2)))
    model = page.follow_ups.model
    assert [model.index(r, 2).data() for r in range(2)] == ["overdue by 2 days", "due today"]
    assert model.index(0, 0).data(RecordRole) == ("children", 1)
