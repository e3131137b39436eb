"""Every checked service function against every role: refused before any database work for a
role without its permission, let through for a role with it; no service forgets its check;
docs/security.md shows the matrix the code enforces."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

import guardian_desk.services
from guardian_desk.db.engine import make_engine, make_session_factory
from guardian_desk.db.migrate import prepare_database
from guardian_desk.domain.errors import PermissionDenied
from guardian_desk.security.roles import (
    ACCOUNT_KEY,
    PERMISSION_ATTRIBUTE,
    ROLE_PERMISSIONS,
    Role,
    SignedIn,
    roles_with,
)
from tests.security import matrix

CHECKED = matrix.checked_functions()

# Public functions of guardian_desk.services.* that take a Session and are not checked, each
# with why: they are steps inside a checked service, never called by the app or the command
# line on their own. A new service function is checked, or added here with its reason.
UNCHECKED_HELPERS: dict[str, str] = {
    "assignments.active_caseload": "a count inside an appointment's rule checks",
    "assignments.lock_person": "a row lock inside an appointment",
    "assignments.active_guardian_assignment": "a look-up inside an appointment",
    "audit.actor_of": "who the audit rows name",
    "audit.record": "every change writes its audit row, whoever may make the change",
    "audit.record_many": "audit rows of a batch (imports)",
    "audit.before_logged_read": "takes the write lock for a read's audit row",
    "audit.trail": "a reprint reads how its paper was issued (history() is the checked read)",
    "audit_chain.enqueue": "queues an audit row for the commit",
    "audit_chain.write_pending": "writes queued audit rows at the commit",
    "children.next_case_number": "numbering inside create_child",
    "children.facility_id_for": "a look-up inside create_children",
    "facilities.next_code": "numbering inside create_facility",
    "staff.next_code": "numbering inside create_staff",
    "locking.load_for_update": "optimistic locking inside every update",
    "locking.flush_checked": "optimistic locking inside every update",
    "numbering.of_shape": "numbering inside the create services",
    "numbering.next_number": "numbering inside the create services",
    "numbering.insert_numbered": "numbering inside the create services",
    "retention.closed_on": "closure dates inside anonymise_closed_cases",
    "retention.due_children": "the cases due inside anonymise_closed_cases",
    "case_closure.office_today": "the office's date (no record read)",
    "missing.is_on_hold": "a visit's hold inside the checked visit services",
    "visits.check_attendees": "the attendees' clashes inside the checked visit services",
    "missing.refuse_if_missing": "a rule inside the checked booking services",
    "placements.open_placement": "a look-up inside the checked placement services",
    "disclosures.record_disclosure": "inside the checked letter and bundle services",
    "transfers.collect": "reads the chosen fields inside export_bundle (export personal data) "
    "and the transfer summary (print papers)",
}


class Dummy:
    """Stands for every argument: the permission check comes before any use of one."""

    def __repr__(self) -> str:
        return "Dummy()"


def dummy_arguments(fn: Callable[..., Any]) -> tuple[list[Any], dict[str, Any]]:
    """Positional and keyword-only arguments for every parameter without a default."""
    params = list(inspect.signature(inspect.unwrap(fn)).parameters.values())[1:]
    args = [
        Dummy()
        for p in params
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and p.default is p.empty
    ]
    kwargs = {p.name: Dummy() for p in params if p.kind is p.KEYWORD_ONLY and p.default is p.empty}
    return args, kwargs


def account(role: Role) -> SignedIn:
    return SignedIn(f"{role.value}.one", f"A {role.value}", role)


@pytest.fixture(scope="module")
def counted(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[sessionmaker[Session], list[str]]]:
    """One migrated database for the whole walk, and the statements sent to it."""
    url = f"sqlite:///{tmp_path_factory.mktemp('matrix') / 'matrix.sqlite3'}"
    prepare_database(url)
    engine = make_engine(url)
    statements: list[str] = []

    @event.listens_for(engine, "before_cursor_execute")
    def _count(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        statements.append(statement)

    yield make_session_factory(engine), statements
    engine.dispose()


def test_the_walk_finds_the_services_of_every_package() -> None:
    packages = {name.split(".")[1] for name in CHECKED}
    for expected in ("services", "matching", "scheduling", "calendars", "papers", "exchange"):
        assert expected in packages
    assert len(CHECKED) >= 60


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
@pytest.mark.parametrize("name", sorted(CHECKED), ids=lambda n: n.removeprefix("guardian_desk."))
def test_every_checked_function_against_every_role(
    name: str, role: Role, counted: tuple[sessionmaker[Session], list[str]]
) -> None:
    factory, statements = counted
    fn, permission = CHECKED[name]
    args, kwargs = dummy_arguments(fn)
    with factory() as session:
        session.info[ACCOUNT_KEY] = account(role)
        statements.clear()
        if permission not in ROLE_PERMISSIONS[role]:
            with pytest.raises(PermissionDenied) as refused:
                fn(session, *args, **kwargs)
            assert statements == [], f"{name} touched the database before refusing"
            message = str(refused.value)
            assert any(f"the role {needed.value}" in message for needed in roles_with(permission))
            assert role.value in message and permission.value in message
        else:
            try:
                fn(session, *args, **kwargs)
            except PermissionDenied as wrongly:
                pytest.fail(f"{name} refused {role.value}, who may {permission.value}: {wrongly}")
            except Exception:
                pass  # the dummy arguments fail later, after the check: that is all we ask
        session.rollback()


def _service_functions() -> dict[str, Callable[..., Any]]:
    """Public functions defined in guardian_desk.services.* whose first parameter is a Session."""
    found: dict[str, Callable[..., Any]] = {}
    for info in pkgutil.iter_modules(guardian_desk.services.__path__):
        module = importlib.import_module(f"guardian_desk.services.{info.name}")
        for name, value in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(value):
                continue
            if value.__module__ != module.__name__:
                continue
            params = list(inspect.signature(inspect.unwrap(value)).parameters.values())
            if params and (params[0].name == "session" or "Session" in str(params[0].annotation)):
                found[f"{info.name}.{name}"] = value
    return found


def test_every_service_taking_a_session_is_checked_or_an_explained_helper() -> None:
    functions = _service_functions()
    unchecked = sorted(
        name
        for name, fn in functions.items()
        if not hasattr(fn, PERMISSION_ATTRIBUTE) and name not in UNCHECKED_HELPERS
    )
    assert unchecked == [], (
        "these services take a Session but check no permission: add @requires(...) "
        f"(guardian_desk/security/roles.py) or list them in UNCHECKED_HELPERS: {unchecked}"
    )
    stale = sorted(set(UNCHECKED_HELPERS) - set(functions))
    assert stale == [], f"UNCHECKED_HELPERS names functions that are gone: {stale}"
    checked_helpers = sorted(
        name for name in UNCHECKED_HELPERS if hasattr(functions[name], PERMISSION_ATTRIBUTE)
    )
    assert checked_helpers == [], f"checked now, so no longer helpers: {checked_helpers}"


def test_docs_show_the_matrix_and_the_functions_the_code_enforces() -> None:
    text = matrix.DOC.read_text(encoding="utf-8")
    hint = "write them again with: .venv/bin/python -m tests.security.matrix"
    for key, table in matrix.generated().items():
        assert matrix.section(text, key) == table, f"docs/security.md: the {key} table; {hint}"
