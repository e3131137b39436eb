"""The core calls of the way in and of the accounts screens, run on the worker.

The core is imported here, on the worker thread, not when the window is built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from guardian_desk.security.roles import SignedIn
    from guardian_desk.security.signing_in import SignInResult


def entry(session: Session, _task: Any) -> dict[str, Any]:
    """What the way in shows: the set-up on a new office, else the sign-in."""
    from guardian_desk.security.accounts import office_needs_set_up, set_up_defaults
    from guardian_desk.services.settings import get_settings

    if office_needs_set_up(session):
        defaults = set_up_defaults(session)
        return {
            "needs_set_up": True,
            "office_name": defaults.name,
            "country": defaults.country,
            "time_zone": defaults.time_zone,
            "language": defaults.language,
        }
    return {"needs_set_up": False, "office_name": get_settings(session).organisation_name}


def set_up(session: Session, values: dict[str, Any]) -> SignedIn:
    from guardian_desk.security.accounts import NewAccount, OfficeSetUp, set_up_office

    office = OfficeSetUp(
        values["office_name"], values["country"], values["time_zone"], values["language"]
    )
    admin = NewAccount(values["username"], values["full_name"], values["title"])
    return set_up_office(session, office, admin, values["password"])


def sign_in(session: Session, username: str, password: str) -> SignInResult:
    """A refusal is data, not an exception, so its count is saved with the unit of work."""
    from guardian_desk.security.signing_in import sign_in as check

    return check(session, username, password)


def unlock(session: Session, account: SignedIn, password: str) -> SignInResult:
    from guardian_desk.security.signing_in import unlock as check

    return check(session, account, password)


def sign_out(session: Session, account: SignedIn, *, via: str = "app") -> None:
    from guardian_desk.security.signing_in import sign_out as record

    record(session, account, via=via)
