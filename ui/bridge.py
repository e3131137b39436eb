"""The one way the UI reaches the core: a single worker thread, results back by signal.

Like Anki's CollectionOp: ``bridge.run(fn, on_success=...)`` runs ``fn(session, task)`` in one
unit of work on the worker (a single writer to SQLite), and calls ``on_success(result)`` on the
GUI thread. ``fn`` must return plain data, never ORM objects. Write operations emit
``data_changed`` so that views refresh.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

if TYPE_CHECKING:  # SQLAlchemy loads on the worker, after the window is up
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from guardian_desk.security.roles import SignedIn

log = logging.getLogger(__name__)


class Task:
    """What a running operation may use: report progress, see whether the officer cancelled."""

    def __init__(self, relay: _Relay) -> None:
        self._relay = relay
        self._cancelled = threading.Event()

    def progress(self, done: int, total: int) -> None:
        self._relay.progressed.emit(done, total)

    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def cancel(self) -> None:
        self._cancelled.set()


class _Relay(QObject):
    """Lives in the GUI thread; its signals carry the worker's news across threads."""

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as exc:  # reported to the GUI thread, never lost
            self._report(self._relay.failed, exc)
        else:
            self._report(self._relay.succeeded, result)

    @staticmethod
    def _report(signal: Any, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the window closed while this ran: nobody is left to tell
            log.info("a background result arrived after its window closed")


class CoreBridge(QObject):
    data_changed = Signal()
    busy_changed = Signal(bool)

    def __init__(
        self, url: str, account: SignedIn | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.url = url
        self.account = account  # who signed in; None: only the sign-in's own calls may run
        self.key: bytes | None = None  # an encrypted database's key, held while signed in
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(
            1
        )  # one writer: SQLite's rule, and an order we can reason about
        # Work that opens its own connections and must not queue behind the officer's (the
        # day's backup: SQLite's online backup API reads beside the worker's writes).
        self._beside = QThreadPool(self)
        self._beside.setMaxThreadCount(1)
        self._engine: Engine | None = None
        self._factory: sessionmaker[Session] | None = None
        self._live: set[_Relay] = set()
        self._live_beside: set[_Relay] = set()
        # Reads a page waits for (a registry's rows) run on a reader of their own: they never
        # queue behind the home page's figures or a long report (SQLite in WAL mode and
        # PostgreSQL both serve a reader beside the writer).
        self._reader = QThreadPool(self)
        self._reader.setMaxThreadCount(1)
        self._factory_lock = threading.Lock()

    def _session_factory(self) -> sessionmaker[Session]:
        # Created lazily on the worker (or the reader), after the database has been prepared.
        with self._factory_lock:
            if self._factory is None:
                from guardian_desk.db.engine import make_engine, make_session_factory

                actor = self.account.username if self.account is not None else "signing-in"
                self._engine = make_engine(self.url, actor=actor, key=self.key)
                self._factory = make_session_factory(self._engine)
            return self._factory

    def engine(self) -> Engine:
        """The engine the units of work run on (made on first use, on any thread)."""
        self._session_factory()
        assert self._engine is not None
        return self._engine

    def set_account(self, account: SignedIn | None, *, key: bytes | object | None = ...) -> None:
        """Who the next units of work act for (the server sees the new name on new sessions)
        and, on an encrypted database, the key they open it with (dropped on sign-out)."""
        self.account = account
        if key is not ...:
            self.key = key  # type: ignore[assignment]

        def fresh_engine(_task: Task) -> None:  # on the worker, which owns the connections
            self._reader.waitForDone(60_000)  # no read of the account before is still running
            with self._factory_lock:
                if self._engine is not None:
                    self._engine.dispose()
                self._engine = None
                self._factory = None

        self.call(fresh_engine)

    def call(
        self,
        fn: Callable[[Task], Any],
        *,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
        reader: bool = False,
    ) -> Task:
        """Run ``fn(task)`` on the worker with no session (opening, backups, files); with
        ``reader``, on the reader thread instead (reads only: see ``run``)."""
        relay = _Relay()
        task = Task(relay)
        self._live.add(relay)
        self.busy_changed.emit(True)

        def finish() -> None:
            self._live.discard(relay)
            self.busy_changed.emit(bool(self._live))

        @Slot(object)
        def succeeded(result: Any) -> None:
            finish()
            if on_success is not None:
                on_success(result)

        @Slot(object)
        def failed(error: BaseException) -> None:
            finish()
            if on_failure is not None:
                on_failure(error)
            else:  # the app's error boundary (ui/errors.py) explains it and logs no message
                raise error

        relay.succeeded.connect(succeeded)
        relay.failed.connect(failed)
        if on_progress is not None:
            relay.progressed.connect(on_progress)
        (self._reader if reader else self._pool).start(_Job(lambda: fn(task), relay))
        return task

    def run(
        self,
        fn: Callable[[Session, Task], Any],
        *,
        writes: bool = False,
        anonymous: bool = False,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
        reader: bool = False,
    ) -> Task:
        """Run ``fn(session, task)`` in one unit of work on the worker, for the signed-in
        account. Only the way in (set-up, sign-in: ``anonymous``) runs before an account has
        signed in; anything else is refused then, in the core's own words.

        ``reader``: a read a page is waiting for runs on the reader thread, beside whatever
        the worker is doing; it may see the database as it was before a write still queued
        (the write's ``data_changed`` then reloads it). Never for writes."""
        if reader and writes:
            raise ValueError("writes run on the worker, in order")
        account = self.account

        def work(task: Task) -> Any:
            from guardian_desk.db.engine import session_scope

            if account is None and not anonymous:
                from guardian_desk.domain.errors import PermissionDenied
                from guardian_desk.i18n import _

                raise PermissionDenied(_("Sign in first; nothing was read or changed."))
            with session_scope(self._session_factory(), writes=writes, account=account) as session:
                return fn(session, task)

        def succeeded(result: Any) -> None:
            if writes and not anonymous:
                self.data_changed.emit()
            if on_success is not None:
                on_success(result)

        return self.call(
            work,
            on_success=succeeded,
            on_failure=on_failure,
            on_progress=on_progress,
            reader=reader,
        )

    def beside(
        self,
        fn: Callable[[], Any],
        *,
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
    ) -> None:
        """Run ``fn()`` on a thread of its own, beside the worker (no session, no busy sign:
        the officer keeps working); the outcome comes back on the GUI thread."""
        relay = _Relay()
        self._live_beside.add(relay)

        @Slot(object)
        def succeeded(result: Any) -> None:
            self._live_beside.discard(relay)
            on_success(result)

        @Slot(object)
        def failed(error: BaseException) -> None:
            self._live_beside.discard(relay)
            on_failure(error)

        relay.succeeded.connect(succeeded)
        relay.failed.connect(failed)
        self._beside.start(_Job(fn, relay))

    def connect_ahead(self) -> None:
        """On a PostgreSQL server, open the worker's and the reader's connections on a thread
        of their own while the worker checks the database: their round trips (about a dozen
        each, SQLAlchemy's first look at the server included) then overlap the worker's
        Python instead of following it. A failure here is left to the worker's own call."""
        if self.account is None or not self.url.startswith("postgresql"):
            return

        def connect() -> None:
            self._session_factory()
            # Python first, while the worker waits for the server's answers to its check.
            from ui.core_calls import import_first_screens

            import_first_screens()
            engine = self._engine
            if engine is not None:
                with engine.connect(), engine.connect():
                    pass

        def failed(error: BaseException) -> None:
            log.info("connecting ahead failed (%s)", type(error).__name__)

        self.beside(connect, on_success=lambda _result: None, on_failure=failed)

    def wait(self, msecs: int = 30_000) -> bool:
        return all(p.waitForDone(msecs) for p in (self._pool, self._reader, self._beside))

    def shutdown(self) -> None:
        self._pool.waitForDone(60_000)
        self._reader.waitForDone(60_000)
        self._beside.waitForDone(60_000)  # a backup half written would be removed next time
        if self._engine is not None:
            self._engine.dispose()
