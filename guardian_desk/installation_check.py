"""Checking an installation end to end in a scratch folder (`--self-test`).

An office's IT administrator runs it after installing, and CI runs it on the frozen bundle: a
new database in a scratch folder is upgraded with the shipped migrations, a scratch office is set
up, the demo office is loaded, a paper is printed with the bundled fonts and a calendar exported,
and a solver process is started as a large office's bulk run starts one.
Each step is a plain function so the command line runs them directly and the desktop app runs
them through its own window and worker. Nothing touches the officer's own data folder: the
caller points GUARDIAN_DESK_HOME at the scratch folder first.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from guardian_desk.calendars.export import export_calendar, write_calendar_file
from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
from guardian_desk.db.migrate import prepare_database
from guardian_desk.db.models import Assignment
from guardian_desk.domain.enums import AssignmentRole, DocumentKind
from guardian_desk.i18n import _
from guardian_desk.security.accounts import NewAccount, OfficeSetUp, set_up_office
from guardian_desk.security.roles import SignedIn

DATABASE_NAME = "self-test.sqlite3"


@dataclass(frozen=True)
class Written:
    """A file a step wrote, and how big it came out."""

    path: Path
    size: int


def scratch_url(folder: Path) -> str:
    return f"sqlite:///{folder / DATABASE_NAME}"


def scratch_office(url: str) -> SignedIn:
    """A new database at ``url`` with the shipped migrations, and a scratch administrator
    whose password is random and thrown away."""
    prepare_database(url)
    engine = make_engine(url)
    try:
        with session_scope(make_session_factory(engine), writes=True) as session:
            return set_up_office(
                session,
                # TRANSLATORS: the name of the throwaway office the installation check sets up.
                OfficeSetUp(_("Installation check"), "AL", "Europe/Tirane", "en"),
                NewAccount("self-test", _("Installation check"), ""),
                secrets.token_urlsafe(24),
            )
    finally:
        engine.dispose()


def _first_guardian_assignment(session: Session) -> Assignment:
    found = session.scalars(
        select(Assignment)
        .where(Assignment.role == AssignmentRole.GUARDIAN)
        .order_by(Assignment.id)
        .limit(1)
    ).first()
    if found is None:
        raise LookupError(_("The demo office has no child with a guardian."))
    return found


def print_paper(session: Session, folder: Path) -> Written:
    """The appointment decision of the demo's first guardian, as a PDF in ``folder``."""
    from guardian_desk.papers.register import issue_document

    assignment = _first_guardian_assignment(session)
    paper = issue_document(session, DocumentKind.APPOINTMENT, assignment_id=assignment.id)
    path = folder / "self-test-paper.pdf"
    path.write_bytes(paper.pdf)
    return Written(path, len(paper.pdf))


def export_first_calendar(session: Session, folder: Path) -> Written:
    """That guardian's calendar as an .ics file in ``folder``."""
    assignment = _first_guardian_assignment(session)
    assert assignment.guardian_id is not None
    calendar = export_calendar(session, "guardian", assignment.guardian_id)
    path = folder / "self-test-calendar.ics"
    write_calendar_file(path, calendar.content)
    return Written(path, len(calendar.content))


def solver_process() -> str:
    """A solver process started as a large office's bulk run starts one (matching.beside):
    in the frozen bundle it must run as the bundle's own program. Its process number."""
    from guardian_desk.matching import beside

    here = os.getpid()
    with beside.watched(lambda _share: None):
        there = beside.run(os.getpid, (), expected=beside.BESIDE_SECONDS)
    if there == here:
        raise RuntimeError(_("the solver ran in this process, not in one of its own"))
    # TRANSLATORS: {0} is a number the system gives a running program.
    return _("process {0}").format(there)
