"""Audit rows, written in the same transaction as the change they describe.

``record``/``record_many`` fix the row's values at once and queue it; the rows are inserted
when the unit of work commits, in chain order under the chain lock (services/audit_chain.py),
or earlier if the unit reads the audit trail itself. A rolled-back unit leaves no audit row.
"""

from __future__ import annotations

import dataclasses
import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from guardian_desk.db.base import utcnow
from guardian_desk.db.engine import WRITE_OPTION
from guardian_desk.db.models import AuditEvent
from guardian_desk.security.roles import ACCOUNT_KEY, Permission, SignedIn, requires
from guardian_desk.services.audit_chain import enqueue

# Rows that record a reading, not a change: the record's own history (its detail dialog)
# leaves them out; the audit trail keeps them with the account that read.
READ_ACTIONS = frozenset({"view", "export_personal"})


def json_safe(value: Any) -> Any:
    """Dates as ISO text, enums as their values, dataclasses as dicts: what JSON can hold."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: json_safe(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [json_safe(v) for v in value]
    return value


def actor_of(session: Session) -> str:
    """The signed-in account's user name; without an account, the unit of work's actor."""
    account = session.info.get(ACCOUNT_KEY)
    if isinstance(account, SignedIn):
        return account.username
    return str(session.info.get("actor", "system"))


def record(
    session: Session,
    entity: str,
    entity_id: object,
    action: str,
    *,
    before: Any = None,
    after: Any = None,
) -> AuditEvent:
    """Queue one audit row; the returned event gets its id and hashes when it is written."""
    row = {
        "at": utcnow(),
        "actor": actor_of(session),
        "entity": entity,
        "entity_id": str(entity_id),
        "action": action,
        "before": json_safe(before),
        "after": json_safe(after),
    }
    event = AuditEvent(**row)
    enqueue(session, row, event)
    return event


def record_many(
    session: Session, entity: str, action: str, changes: list[tuple[object, Any, Any]]
) -> None:
    """Audit rows for a batch (imports): (entity id, before, after) each, one INSERT."""
    actor = actor_of(session)
    at = utcnow()
    for entity_id, before, after in changes:
        enqueue(
            session,
            {
                "at": at,
                "actor": actor,
                "entity": entity,
                "entity_id": str(entity_id),
                "action": action,
                "before": json_safe(before),
                "after": json_safe(after),
            },
        )


def before_logged_read(session: Session) -> None:
    """Call first in a service whose reading leaves an audit row (opening a child's record,
    exporting personal data).

    The row is written at commit. On SQLite a transaction that has read cannot then take the
    write lock under another writer (refused at once, whatever the wait); a unit of work that
    has not begun yet therefore begins as a writer, and waits for the lock like a save does.
    """
    if not session.in_transaction():
        session.connection(execution_options={WRITE_OPTION: True})


def trail(session: Session, entity: str, entity_id: object) -> list[AuditEvent]:
    """One record's audit rows, oldest first, for services that need them (a reprint reads
    how its paper was issued); not a reading of the audit trail by a person."""
    return list(
        session.scalars(
            select(AuditEvent)
            .where(AuditEvent.entity == entity, AuditEvent.entity_id == str(entity_id))
            .order_by(AuditEvent.id)
        )
    )


@requires(Permission.READ_AUDIT)
def history(session: Session, entity: str, entity_id: object) -> list[AuditEvent]:
    """The audit trail of one record, oldest first, for someone allowed to read the trail."""
    return trail(session, entity, entity_id)
