"""Figures for the overview page: what the database holds at a glance."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from guardian_desk.db.models import Assignment, Child, Facility, Guardian, Mediator
from guardian_desk.domain.enums import ChildStatus
from guardian_desk.services.settings import get_settings


def overview(session: Session) -> dict[str, object]:
    def count(statement: object) -> int:
        return int(session.scalar(statement) or 0)  # type: ignore[call-overload]

    figures = {
        "children": count(select(func.count()).select_from(Child)),
        "awaiting": count(
            select(func.count()).where(
                Child.status.in_([ChildStatus.IDENTIFIED, ChildStatus.AWAITING_GUARDIAN])
            )
        ),
        "guardians": count(select(func.count()).where(Guardian.active.is_(True))),
        "mediators": count(select(func.count()).where(Mediator.active.is_(True))),
        "facilities": count(select(func.count()).select_from(Facility)),
        "assignments": count(select(func.count()).where(Assignment.ends_on.is_(None))),
    }
    settings = get_settings(session)
    return {
        "figures": figures,
        "organisation": settings.organisation_name,
        "country": settings.country,
        "empty": not any(figures[k] for k in ("children", "guardians", "mediators", "facilities")),
    }
