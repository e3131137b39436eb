"""The audit trail as a hash chain: rows written in chain order, and a check that finds a break.

Each audit row keeps ``prev_hash`` (the ``hash`` of the row before it, or GENESIS for the
first) and ``hash``, a sha256 over its own values and that link (``row_hash``). Triggers make
the table append-only, so an officer's tools cannot change it; someone who drops the triggers
(a database superuser, the sqlite3 shell) can, but then the row no longer matches its hash, or
the next row no longer links to it, and ``verify`` names the row.

How rows join the chain: ``audit.record``/``record_many`` only queue the row (values fixed at
that moment) in ``session.info``. When the unit of work commits (``before_commit``), the queued
rows are inserted under the chain lock with ids following the chain: PostgreSQL takes
``pg_advisory_xact_lock(CHAIN_LOCK)``, held until commit, then reads the last row; SQLite
serialises writers anyway. Taking the lock last, just before the commit, keeps the time other
officers wait short and cannot deadlock with the row locks the change itself took (those are
all held already). Two writers chaining onto the same row are impossible: the second waits for
the lock and reads the first one's row; and were the lock ever bypassed, the primary key and
the unique ``prev_hash`` make the database refuse the fork. A unit of work that reads the audit
trail after writing to it first writes its queued rows (``do_orm_execute``), so it sees them
(it then holds the chain lock from that read on; no service reads the trail after writing).
Savepoints: rows queued inside a savepoint that rolls back are dropped with it.

``at`` is when the change was made; ids are in commit order, so ``at`` may step back by the
length of a transaction from one row to the next. The chain cannot tell the newest rows were
removed all together (nothing follows them): ``verify`` prints the last hash, and a hash noted
earlier can be checked again (``expect_hash``). The hash has no secret key: someone who drops
the triggers and recomputes every later row passes the chain alone, not a noted hash.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table, event, insert, select, text
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction
from sqlalchemy.sql.util import find_tables

from guardian_desk.db.models import AuditEvent
from guardian_desk.domain.errors import ValidationError
from guardian_desk.i18n import _, ngettext
from guardian_desk.security.roles import Permission, requires

GENESIS = "0" * 64  # the prev_hash of the first row
CHAIN_LOCK = 0x6764_6175_6469_7401  # pg_advisory_xact_lock key: "gdaudit" + 1
HASHED = ("id", "at", "actor", "entity", "entity_id", "action", "before", "after", "prev_hash")
STATE_KEY = "guardian_desk.audit_chain"
MIN_EXPECT_LENGTH = 12  # hex digits of a noted hash that identify a row
_table: Table = AuditEvent.__table__  # type: ignore[assignment]  # core statements, no ORM
_sequence = itertools.count(1)  # queue order across sessions; only compared within one


def utc_text(at: datetime) -> str:
    """A timestamp as hashed: UTC ISO text with microseconds (what both backends keep)."""
    if at.tzinfo is None:
        raise ValueError("naive datetime in an audit row")
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def row_hash(row: dict[str, Any]) -> str:
    """sha256 over the row's values and its link, serialised canonically (sorted JSON)."""
    payload = {name: row[name] for name in HASHED}
    payload["at"] = utc_text(row["at"])
    serialised = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(serialised.encode("utf-8", "surrogatepass")).hexdigest()


# -- writing ---------------------------------------------------------------------------------


@dataclass
class _Queued:
    seq: int
    row: dict[str, Any]  # the values without id and hashes (given again if rewritten)
    event: AuditEvent | None  # what record() returned: gets its id and hashes when written


@dataclass
class _ChainState:
    """What one session's transaction has queued and written, and the chain's end it holds."""

    queue: list[_Queued] = field(default_factory=list)
    written: list[_Queued] = field(default_factory=list)
    marks: dict[SessionTransaction, tuple[int, int]] = field(default_factory=dict)
    tail: tuple[int, str] | None = None  # (id, hash) of the last row, read under the lock


def _state(session: Session) -> _ChainState:
    found = session.info.get(STATE_KEY)
    if found is None:
        found = session.info[STATE_KEY] = _ChainState()
    return found


def enqueue(session: Session, row: dict[str, Any], event: AuditEvent | None = None) -> None:
    """Queue one audit row (without id and hashes) for this unit of work's commit."""
    _state(session).queue.append(_Queued(next(_sequence), row, event))


def _lock_and_read_tail(session: Session) -> tuple[int, str]:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK})
    last = session.execute(
        select(_table.c.id, _table.c.hash).order_by(_table.c.id.desc()).limit(1)
    ).first()
    return (0, GENESIS) if last is None else (int(last.id), str(last.hash))


def write_pending(session: Session) -> int:
    """Insert the queued rows at the end of the chain (taking the chain lock); how many."""
    state = session.info.get(STATE_KEY)
    if state is None or not state.queue:
        return 0
    entries, state.queue = state.queue, []
    try:
        last_id, last_hash = state.tail or _lock_and_read_tail(session)
        rows = []
        for entry in entries:
            last_id += 1
            row = entry.row | {"id": last_id, "prev_hash": last_hash}
            row["hash"] = last_hash = row_hash(row)
            rows.append(row)
        session.execute(insert(_table), rows)
        if session.get_bind().dialect.name == "postgresql":  # keep the id default usable
            session.execute(
                text("SELECT setval(pg_get_serial_sequence('audit_events', 'id'), :last)"),
                {"last": last_id},
            )
    except BaseException:
        state.queue = entries + state.queue
        raise
    state.tail = (last_id, last_hash)
    state.written.extend(entries)
    for entry, row in zip(entries, rows, strict=True):
        if entry.event is not None:
            entry.event.id, entry.event.prev_hash = row["id"], row["prev_hash"]
            entry.event.hash = row["hash"]
    return len(rows)


@event.listens_for(Session, "before_commit")
def _write_before_commit(session: Session) -> None:
    if not session.in_nested_transaction():  # a savepoint released: the root commit writes
        write_pending(session)


def _reads_audit_trail(statement: Any) -> bool:
    return any(
        getattr(t, "name", None) == _table.name
        for t in find_tables(statement, check_columns=True, include_aliases=True)
    )


@event.listens_for(Session, "do_orm_execute")
def _write_before_reading(state: ORMExecuteState) -> None:
    chain = state.session.info.get(STATE_KEY)
    if chain is not None and chain.queue and _reads_audit_trail(state.statement):
        write_pending(state.session)


@event.listens_for(Session, "after_transaction_create")
def _savepoint_started(session: Session, transaction: SessionTransaction) -> None:
    if transaction.nested:
        chain = _state(session)
        chain.marks[transaction] = (next(_sequence), len(chain.written))


@event.listens_for(Session, "after_soft_rollback")
def _savepoint_rolled_back(session: Session, previous_transaction: SessionTransaction) -> None:
    """Drop what the savepoint queued; queue again what it wrote for the outer transaction."""
    chain = session.info.get(STATE_KEY)
    if chain is None or not previous_transaction.nested:
        return
    mark = chain.marks.pop(previous_transaction, None)
    if mark is None:
        return
    seq_mark, written_mark = mark
    undone = chain.written[written_mark:]
    del chain.written[written_mark:]
    chain.queue = sorted((e for e in undone + chain.queue if e.seq < seq_mark), key=lambda e: e.seq)
    if undone:
        chain.tail = None  # those rows are gone, and the lock may have gone with them


@event.listens_for(Session, "after_transaction_end")
def _transaction_ended(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(STATE_KEY, None)


# -- checking --------------------------------------------------------------------------------


@dataclass(frozen=True)
class BrokenLink:
    """The first place the chain does not hold: the row where it was found, and why."""

    row_id: int | None
    reason: str


@dataclass(frozen=True)
class VerifyReport:
    rows: int  # rows checked and intact (before the break, if any)
    last_id: int | None
    last_hash: str | None  # of the last intact row
    broken: BrokenLink | None = None

    @property
    def intact(self) -> bool:
        return self.broken is None

    def line(self) -> str:
        """The one line an officer reads."""
        if self.broken is None:
            if self.last_hash is None:
                return ngettext(
                    "Audit trail intact: {count} row.", "Audit trail intact: {count} rows.", 0
                ).format(count=0)
            # TRANSLATORS: {hash} is a long hexadecimal code the officer may note down.
            return ngettext(
                "Audit trail intact: {count} row, last hash {hash}.",
                "Audit trail intact: {count} rows, last hash {hash}.",
                self.rows,
            ).format(count=self.rows, hash=self.last_hash)
        if self.broken.row_id is None:
            # TRANSLATORS: {reason} says how the chain is broken; {count} rows are still intact.
            text = ngettext(
                "Audit trail broken ({reason}); {count} row before it is intact. "
                "Keep this database as it is and report it to your administrator.",
                "Audit trail broken ({reason}); {count} rows before it are intact. "
                "Keep this database as it is and report it to your administrator.",
                self.rows,
            )
        else:
            # TRANSLATORS: {row} is the audit row's number; {reason} says how the chain is
            # broken; {count} rows are still intact.
            text = ngettext(
                "Audit trail broken at row {row} ({reason}); {count} row before it is intact. "
                "Keep this database as it is and report it to your administrator.",
                "Audit trail broken at row {row} ({reason}); {count} rows before it are intact. "
                "Keep this database as it is and report it to your administrator.",
                self.rows,
            )
        return text.format(row=self.broken.row_id, reason=self.broken.reason, count=self.rows)


def _stream(session: Session, batch: int) -> Iterator[Any]:
    columns = [_table.c[name] for name in (*HASHED, "hash")]
    result = session.execute(
        select(*columns).order_by(_table.c.id).execution_options(yield_per=batch)
    )
    yield from result


def _link_problem(row: Any, prev_id: int | None, prev_hash: str) -> str | None:
    if row.prev_hash == prev_hash:
        return None
    if prev_id is None:
        # TRANSLATORS: {row} is an audit row's number.
        return _("the rows before row {row} are missing: it does not start the chain").format(
            row=row.id
        )
    if row.id == prev_id + 2:
        # TRANSLATORS: {missing}, {before} and {row} are audit rows' numbers.
        return _("row {missing} is missing: the chain jumps from {before} to {row}").format(
            missing=prev_id + 1, before=prev_id, row=row.id
        )
    if row.id > prev_id + 1:
        # TRANSLATORS: {first} to {last} are the missing audit rows' numbers; the chain jumps
        # from row {before} to row {row}.
        return _(
            "rows {first} to {last} are missing: the chain jumps from {before} to {row}"
        ).format(first=prev_id + 1, last=row.id - 1, before=prev_id, row=row.id)
    # TRANSLATORS: {row} and {before} are audit rows' numbers.
    return _("row {row} does not link to row {before}: one of them was changed").format(
        row=row.id, before=prev_id
    )


def noted_hash(value: str, field: str = "expect_hash") -> str:
    """A hash an officer noted (the full one, or its first 12+ hex digits), cleaned."""
    cleaned = value.strip().lower().rstrip(".…")
    if len(cleaned) < MIN_EXPECT_LENGTH or any(c not in "0123456789abcdef" for c in cleaned):
        raise ValidationError(
            field,
            value,
            ngettext(
                "is not a hash of at least {count} hex digit",
                "is not a hash of at least {count} hex digits",
                MIN_EXPECT_LENGTH,
            ).format(count=MIN_EXPECT_LENGTH),
        )
    return cleaned


@requires(Permission.READ_AUDIT)
def verify(session: Session, *, expect_hash: str | None = None, batch: int = 2000) -> VerifyReport:
    """Walk the trail in id order, streaming; stop at the first row that breaks the chain.

    ``expect_hash``: a hash printed by an earlier check (at least 12 hex digits); the trail
    must still hold that row, so rows removed from its end since then are found too.
    """
    wanted = "" if expect_hash is None else noted_hash(expect_hash)
    seen_wanted = False
    checked, prev_id, prev_hash = 0, None, GENESIS
    for row in _stream(session, batch):
        if row.hash is None or row.hash != row_hash(row._asdict()):
            # TRANSLATORS: {row} is an audit row's number.
            problem: str | None = _("row {row} was changed after it was written").format(row=row.id)
        else:
            problem = _link_problem(row, prev_id, prev_hash)
        if problem is not None:
            last = None if prev_id is None else prev_hash
            return VerifyReport(checked, prev_id, last, BrokenLink(row.id, problem))
        checked, prev_id, prev_hash = checked + 1, row.id, row.hash
        seen_wanted = seen_wanted or (bool(wanted) and row.hash.startswith(wanted))
    last_hash = None if prev_id is None else prev_hash
    if wanted and not seen_wanted:
        # TRANSLATORS: {hash} is the start of a hexadecimal code noted earlier.
        reason = _(
            "no row has the hash {hash}… noted earlier: rows were removed from its end or rewritten"
        ).format(hash=wanted[:16])
        return VerifyReport(checked, prev_id, last_hash, BrokenLink(None, reason))
    return VerifyReport(checked, prev_id, last_hash)
