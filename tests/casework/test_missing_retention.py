"""Retention clears the words of visit reports, follow-ups and missing episodes too."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.db.models import FollowUp, MissingEpisode, VisitReport
from guardian_desk.services.missing import record_return, report_missing
from guardian_desk.services.retention import MARKER, anonymise_closed_cases
from guardian_desk.services.settings import get_settings
from guardian_desk.services.visit_reports import FollowUpInput, ReportInput, record_held
from guardian_desk.services.visits import create_visit
from tests.scheduling.office import Office
from tests.security.test_retention import ADMIN, _close


def test_casework_texts_are_anonymised(
    factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    with session_scope(factory, actor="test-officer") as s:
        office = Office(s)
        place, guardian = office.facility(), office.guardian()
        child = office.child(place)
        office.appoint(child, guardian, date(2026, 3, 2))
        visit = create_visit(s, child.id, starts_at=office.at(2026, 3, 12, 10))
        record_held(
            s, visit.id, visit.version,
            ReportInput(60, wellbeing_note="Omid misses his mother", concerns="Omid's uncle",
                        follow_ups=(FollowUpInput("Call Omid's uncle", date(2026, 3, 20)),)),
            now=datetime(2026, 3, 12, 12, tzinfo=UTC),
        )  # fmt: skip
        episode = report_missing(
            s, child.id, missing_since=office.at(2026, 3, 13, 20), circumstances="Omid left",
            appearance="Omid is tall", now=datetime(2026, 3, 14, tzinfo=UTC),
        )  # fmt: skip
        record_return(
            s, episode.id, episode.version, returned_at=office.at(2026, 3, 14, 9),
            note="Omid is back", now=datetime(2026, 3, 14, 10, tzinfo=UTC),
        )  # fmt: skip
        _close(s, child.id, 11, monkeypatch)
        get_settings(s).retention_years = 10
    with session_scope(factory, account=ADMIN) as s:
        anonymise_closed_cases(s, date.today())
    with factory() as s:
        report = s.scalars(select(VisitReport)).one()
        assert (report.wellbeing_note, report.concerns) == (MARKER, MARKER)
        assert s.scalars(select(FollowUp.action)).all() == [MARKER]
        gone = s.scalars(select(MissingEpisode)).one()
        assert (gone.circumstances, gone.appearance, gone.return_note) == (MARKER,) * 3


def test_attachments_notes_and_assessments_of_a_closed_case_are_anonymised(
    factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    from guardian_desk.db.models import AgeAssessment, Attachment, CaseNote, ChildMerge, Placement
    from guardian_desk.services.age import AgeAssessmentData, add_age_assessment
    from guardian_desk.services.attachments import add_attachment
    from guardian_desk.services.case_notes import add_note
    from guardian_desk.services.children import get_child
    from guardian_desk.services.merge import merge_children
    from guardian_desk.services.placements import move_child
    from tests.casework.attachment_files import png

    with session_scope(factory, account=ADMIN) as s:
        office = Office(s)
        child = office.child(office.facility())
        add_attachment(s, child.id, "omid-passport.png", png(), "Omid's passport")
        add_note(s, child.id, "contact", date(2015, 3, 2), "Omid talked about his uncle")
        add_age_assessment(
            s, child.id,
            AgeAssessmentData(date(2015, 3, 3), "interview", 15, 16, "Dr Omid Assessor", "Omid"),
        )  # fmt: skip
        twice = office.child(office.facility())
        s.flush()
        merge_children(s, child.id, twice.id, on=date(2015, 3, 4))
        other = office.facility()
        s.flush()
        move_child(
            s, child.id, get_child(s, child.id).version, other.id, moved_on=date.today(),
            reason="other", note="Omid's cousin lives nearby", today=date.today(),
        )  # fmt: skip
        _close(s, child.id, 11, monkeypatch)
        get_settings(s).retention_years = 10
    with session_scope(factory, account=ADMIN) as s:
        anonymise_closed_cases(s, date.today())
    with factory() as s:
        assert "Omid" not in str(s.scalars(select(Placement.note)).all())
        assert "Omid" not in str(s.scalars(select(ChildMerge.merged_record)).all())
        assert s.scalars(select(Attachment)).all() == []
        assert s.scalars(select(CaseNote.text)).all() == [""]
        assessment = s.scalars(select(AgeAssessment)).one()
        assert (assessment.assessed_by, assessment.notes) == (MARKER, MARKER)
        assert (assessment.age_min, assessment.age_max) == (15, 16)
