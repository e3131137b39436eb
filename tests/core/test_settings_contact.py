"""The office's phone, e-mail and help line: checked and normalised like staff contacts, and
added to an existing office's settings by the migration without touching what was there."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from guardian_desk.db.migrate import alembic_config
from guardian_desk.domain.errors import ValidationErrors
from guardian_desk.services import audit
from guardian_desk.services.settings import (
    get_settings,
    settings_data,
    update_settings,
    validate_settings,
)

BEFORE = "c1947b1e9816"  # the revision before the office's contact details


def test_local_numbers_are_read_in_the_office_country_and_stored_whole(session: Session) -> None:
    data = settings_data(get_settings(session))
    assert (data.office_phone, data.office_email, data.help_line) == ("", "", "")
    cleaned = validate_settings(
        replace(
            data,
            office_phone=" 04 222 3344 ",
            office_email="  kujdestaria@tirana.example ",
            help_line="116 111",  # the European child helpline: a short number
        )
    )
    assert cleaned.office_phone == "+35542223344"
    assert cleaned.office_email == "kujdestaria@tirana.example"
    assert cleaned.help_line == "116111"
    kosovo = validate_settings(
        replace(data, country="XK", time_zone="Europe/Belgrade", help_line="044 123 456")
    )
    assert kosovo.help_line == "+38344123456"


def test_bad_contact_details_are_named_with_their_value(session: Session) -> None:
    data = replace(
        settings_data(get_settings(session)),
        office_phone="12345",
        office_email="kujdestaria at tirana",
        help_line="call us",
    )
    with pytest.raises(ValidationErrors) as caught:
        validate_settings(data)
    messages = [str(error) for error in caught.value.errors]
    assert messages == [
        "office_phone: '12345' is not a valid phone number (read in AL)",
        "office_email: 'kujdestaria at tirana' is not an e-mail address",
        "help_line: 'call us' is not a valid phone number or short number (read in AL)",
    ]


def test_saved_contact_details_are_audited(session: Session) -> None:
    row = get_settings(session)
    data = replace(settings_data(row), office_phone="069 123 4567", office_email="a@b.example")
    update_settings(session, data, row.version)
    stored = settings_data(get_settings(session))
    assert (stored.office_phone, stored.office_email, stored.help_line) == (
        "+355691234567",
        "a@b.example",
        "",
    )
    event = audit.history(session, "settings", row.id)[-1]
    assert event.before is not None and event.after is not None
    assert (event.before["office_phone"], event.after["office_phone"]) == ("", "+355691234567")


def test_the_migration_keeps_the_office_row_and_gives_it_empty_contacts(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'office.sqlite3'}"
    config = alembic_config(url)
    command.upgrade(config, BEFORE)
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(
                text("UPDATE office_settings SET organisation_name = 'Tirana', caseload_cap = 20")
            )
        command.upgrade(config, "head")
        with engine.connect() as connection:
            row = connection.execute(
                text(
                    "SELECT organisation_name, caseload_cap, office_phone, office_email, "
                    "help_line FROM office_settings"
                )
            ).one()
        assert tuple(row) == ("Tirana", 20, "", "", "")
        command.downgrade(config, BEFORE)
        with engine.connect() as connection:
            names = [c[1] for c in connection.execute(text("PRAGMA table_info(office_settings)"))]
            kept = connection.execute(text("SELECT organisation_name FROM office_settings"))
            assert kept.scalar_one() == "Tirana"
        assert "help_line" not in names and "office_phone" not in names
    finally:
        engine.dispose()
