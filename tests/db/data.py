"""Helpers of the database-safety tests: an office full of records, table snapshots, and
future migrations rehearsed in a copy of the migrations folder."""

from __future__ import annotations

import hashlib
import shutil
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
from guardian_desk.db.models import Base, IssuedDocument, Visit
from guardian_desk.domain.enums import DocumentKind, Proficiency, Sex, VisitStatus
from guardian_desk.domain.records import AbsencePeriod, Companion, LanguageSkill, WeeklyWindow
from guardian_desk.paths import migrations_dir
from guardian_desk.services import (
    assignments,
    availability,
    children,
    facilities,
    office_texts,
    staff,
)
from guardian_desk.services.settings import get_settings
from tests.core import factories
from tests.signed_in import set_up_test_office

FUTURE_REVISION = "f00dfeedbeef"
NEWER_REVISION = "ffffffffffff"


def october(day: int) -> date:
    return date(2026, 10, day)


@contextmanager
def sessions(url: str) -> Iterator[sessionmaker[Session]]:
    """A session factory on its own engine, disposed afterwards (no file or socket kept open)."""
    engine = make_engine(url, poolclass=NullPool)
    try:
        yield make_session_factory(engine)
    finally:
        engine.dispose()


@dataclass
class Office:
    facility_id: int
    child_ids: list[int]
    guardian_ids: list[int]
    mediator_id: int
    assignment_ids: list[int]
    visit_id: int


def fill_office(url: str) -> Office:
    """Records of every kind, written through the services (so audit rows come with them).

    Every table ends up with at least one row, and the child tables that hang off `children`
    with ON DELETE CASCADE (languages, siblings, accompanying adults) hold several.
    """
    with sessions(url) as factory:
        set_up_test_office(factory)
    with sessions(url) as factory, session_scope(factory, actor="filler") as s:
        fac = facilities.create_facility(s, factories.facility())
        office_texts.update_office_texts(
            s,
            [office_texts.OfficeTexts("sq", legal_basis="Ligji nr. 18/2017, neni 7.")],
            get_settings(s).version,
        )
        kids = [
            children.create_child(
                s,
                factories.child(
                    facility_code=fac.code,
                    languages=[
                        LanguageSkill("prs", Proficiency.NATIVE),
                        LanguageSkill("eng", Proficiency.BASIC),
                    ],
                    accompanying_adults=[Companion("Karim Rahimi", "uncle", False)],
                ),
            ),
            children.create_child(
                s,
                factories.child(
                    given_name="Mariam",
                    sex=Sex.FEMALE,
                    accompanying_adults=[
                        Companion("Karim Rahimi", "uncle", False),
                        Companion("Zahra Rahimi", "aunt", True),
                    ],
                ),
            ),
            children.create_child(s, factories.child(given_name="Omid")),
        ]
        s.flush()
        children.set_siblings(s, kids[1], [kids[0].case_number, kids[2].case_number])
        guardians = [
            staff.create_staff(s, "guardian", factories.guardian()),
            staff.create_staff(s, "guardian", factories.guardian(given_name="Besa")),
        ]
        mediator = staff.create_staff(
            s,
            "mediator",
            factories.guardian(
                given_name="Farid",
                sex=Sex.MALE,
                languages=[LanguageSkill("prs", Proficiency.NATIVE)],
                dialects=["Herati"],
            ),
        )
        availability.set_availability(
            s,
            "guardian",
            guardians[0].id,
            [WeeklyWindow(1, 540, 720), WeeklyWindow(3, 840, 1020)],
            [AbsencePeriod(date(2026, 12, 20), date(2027, 1, 3), "holiday")],
            None,
        )
        availability.set_availability(
            s, "mediator", mediator.id, [WeeklyWindow(2, 600, 660)], [], None
        )
        made = [
            assignments.assign_guardian(s, kids[0].id, guardians[0].id, starts_on=october(5)),
            assignments.assign_guardian(s, kids[1].id, guardians[1].id, starts_on=october(6)),
            assignments.assign_mediator(s, kids[0].id, mediator.id, starts_on=october(7)),
        ]
        visit = Visit(
            child_id=kids[0].id,
            guardian_id=guardians[0].id,
            mediator_id=mediator.id,
            facility_id=fac.id,
            starts_at=datetime(2026, 10, 12, 8, 0, tzinfo=UTC),
            ends_at=datetime(2026, 10, 12, 9, 0, tzinfo=UTC),
            status=VisitStatus.HELD,
        )
        s.add(visit)
        s.add(
            IssuedDocument(
                reference="GD-2026-000001",
                kind=DocumentKind.APPOINTMENT,
                child_id=kids[0].id,
                guardian_id=guardians[0].id,
                assignment_id=made[0].id,
                issued_by="filler",
            )
        )
        s.flush()
        # Issue 13, duplicates: a pair marked "not a duplicate", a child registered twice merged.
        from guardian_desk.services.duplicates import dismiss_pair
        from guardian_desk.services.merge import merge_children

        _casework(s, kids[0].id, visit.id)
        dismiss_pair(s, kids[1].id, kids[2].id)
        twice = children.create_child(s, factories.child(given_name="Omid", notes="twice"))
        merge_children(s, kids[2].id, twice.id, on=october(20))
        _protection(s, kids[0].id, mediator.id)
        return Office(
            facility_id=fac.id,
            child_ids=[k.id for k in kids],
            guardian_ids=[g.id for g in guardians],
            mediator_id=mediator.id,
            assignment_ids=[a.id for a in made],
            visit_id=visit.id,
        )


def _casework(s: Any, child_id: int, visit_id: int) -> None:
    """Issue 13's records of one child: a note and its amendment, a visit report and its
    follow-up, a missing episode (returned) with the visit it held, an attachment, an age
    assessment. Written as rows: the services' own rules are tested where they live."""
    from guardian_desk.db.models import (
        AgeAssessment,
        Attachment,
        CaseNote,
        CaseNoteAmendment,
        FollowUp,
        MissingEpisode,
        VisitHold,
        VisitReport,
    )
    from guardian_desk.domain.case_history import NoteKind

    note = CaseNote(child_id=child_id, kind=NoteKind.CONTACT, noted_on=october(13),
                    text="Talked about school", author="filler")  # fmt: skip
    s.add(note)
    s.flush()
    s.add(CaseNoteAmendment(note_id=note.id, text="and football", author="filler"))
    report = VisitReport(visit_id=visit_id, minutes=55, wellbeing=4, wellbeing_note="calm")
    s.add(report)
    s.flush()
    s.add(FollowUp(report_id=report.id, child_id=child_id, action="Call the school",
                   due_on=october(20)))  # fmt: skip
    episode = MissingEpisode(
        child_id=child_id,
        missing_since=datetime(2026, 10, 14, 18, 0, tzinfo=UTC),
        circumstances="left after dinner",
        returned_at=datetime(2026, 10, 15, 9, 0, tzinfo=UTC),
    )
    s.add(episode)
    s.flush()
    s.add(VisitHold(visit_id=visit_id, episode_id=episode.id,
                    held_at=datetime(2026, 10, 14, 19, 0, tzinfo=UTC),
                    released_at=datetime(2026, 10, 15, 9, 0, tzinfo=UTC)))  # fmt: skip
    s.add(Attachment(child_id=child_id, file_name="court.pdf", kind="pdf", size=9,
                     sha256="0" * 64, added_by="filler", content=b"%PDF-1.4\n"))  # fmt: skip
    s.add(AgeAssessment(child_id=child_id, assessed_on=october(16), method="interview",
                        age_min=15, age_max=16, recorded_by="filler"))  # fmt: skip
    s.flush()


def snapshot(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table the models know (their columns only), in key order."""
    engine = make_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            found: dict[str, list[tuple[Any, ...]]] = {}
            for table in Base.metadata.sorted_tables:
                order = list(table.primary_key.columns) or list(table.columns)
                found[table.name] = [
                    tuple(row) for row in connection.execute(select(table).order_by(*order))
                ]
            found["alembic_version"] = [
                tuple(row) for row in connection.execute(text("SELECT * FROM alembic_version"))
            ]
            return found
    finally:
        engine.dispose()


def counts(rows: dict[str, list[tuple[Any, ...]]]) -> dict[str, int]:
    return {name: len(found) for name, found in rows.items()}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_state(folder: Path) -> dict[str, tuple[str, int]]:
    """Each entry of a folder with its hash (files) and mtime: what 'nothing changed' compares.

    A new -wal, -shm or -journal file, or a backups folder, shows up as a new entry.
    """
    return {
        p.name: (sha256(p) if p.is_file() else "<folder>", p.stat().st_mtime_ns)
        for p in sorted(folder.iterdir())
    }


FUTURE_TEMPLATE = '''"""A migration of a future version, rehearsed by the tests."""

import sqlalchemy as sa
from alembic import op

revision = "{revision}"
down_revision = "{down_revision}"
branch_labels = None
depends_on = None


def upgrade() -> None:
{body}


def downgrade() -> None:
    pass
'''


def add_future_migration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, revision: str = FUTURE_REVISION
) -> tuple[str, str]:
    """Copy the migrations folder, add one revision on top of the head, point the app at it.

    Returns (old head, new head).
    """
    old_head = _head()
    copy = tmp_path / "migrations-next"
    shutil.copytree(migrations_dir(), copy, ignore=shutil.ignore_patterns("__pycache__"))
    source = FUTURE_TEMPLATE.format(
        revision=revision,
        down_revision=old_head,
        body=textwrap.indent(textwrap.dedent(body).strip(), "    "),
    )
    (copy / "versions" / f"2099_01_01_0000-{revision}_future.py").write_text(source)
    monkeypatch.setenv("GUARDIAN_DESK_MIGRATIONS", str(copy))
    assert _head() == revision
    return old_head, revision


def _head() -> str:
    from guardian_desk.db.migrate import head_revision

    return head_revision()


def _protection(s: Session, child_id: int, mediator_id: int) -> None:
    """Issue 14: a screening with its answers, a referral, a disclosure, a case transfer."""
    from guardian_desk.db.models import (
        CaseTransfer,
        Disclosure,
        Referral,
        Screening,
        ScreeningAnswer,
    )

    screening = Screening(
        child_id=child_id,
        screened_at=datetime(2026, 10, 8, 9, 0, tzinfo=UTC),
        language="prs",
        mediator_id=mediator_id,
        screened_by="filler",
        positive_elements=["deceptive_recruitment"],
        answers=[ScreeningAnswer(indicator_id="cl-dr-01", answer="reported_by_child")],
    )
    s.add(screening)
    s.flush()
    referral = Referral(
        child_id=child_id,
        screening_id=screening.id,
        recipient_kind="nrm",
        sent_on=october(9),
        status_on=october(9),
    )
    s.add(referral)
    s.flush()
    s.add(
        Disclosure(
            child_id=child_id,
            kind="referral_letter",
            recipient="NRM",
            fields=["case_number"],
            referral_id=referral.id,
        )
    )
    s.add(
        CaseTransfer(
            child_id=child_id,
            bundle_id="0f6a3c1e-7a51-4c55-9d0e-2b1f7c9a4e10",
            source_office="Office in Skopje",
            sent_at=datetime(2026, 10, 1, 9, 0, tzinfo=UTC),
        )
    )
    s.flush()
