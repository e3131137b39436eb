"""What the window needs to know about the office at start and after every change."""

from __future__ import annotations

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session

from guardian_desk.db.models import Child, Facility, Guardian, Mediator
from guardian_desk.security.roles import Permission, requires
from guardian_desk.services.settings import get_settings


@requires(Permission.READ_RECORDS)
def overview(session: Session) -> dict[str, object]:
    """The office's name, country and idle lock, and whether the register is still empty
    (welcome page): two statements (each a round trip to a server over the network)."""
    settings = get_settings(session)
    holds_records = session.scalar(
        select(
            or_(*(exists().select_from(model) for model in (Child, Guardian, Mediator, Facility)))
        )
    )
    return {
        "organisation": settings.organisation_name,
        "country": settings.country,
        "idle_lock_minutes": settings.idle_lock_minutes,
        "empty": not holds_records,
    }
