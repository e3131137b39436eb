"""Small offices the window tests open."""

from __future__ import annotations

from guardian_desk.db.engine import make_engine, make_session_factory, session_scope
from guardian_desk.services.facilities import create_facility
from tests.core import factories


def office_with_a_facility(db_url: str) -> None:
    """An office that is not empty (the window opens on the home page, not the welcome)."""
    engine = make_engine(db_url)
    try:
        with session_scope(make_session_factory(engine), actor="test-officer") as session:
            create_facility(session, factories.facility())
    finally:
        engine.dispose()
