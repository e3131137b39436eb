"""Long solver calls in a process of their own, so that the window keeps answering.

OR-Tools' min-cost flow holds Python's lock for the whole of its solve (its bindings do not
release it; measured: a thread ticking every 20 ms ticked once during a 1.7 s solve). A bulk
run's worker thread then stopped the window too: 6.7 s with no event handled on the GUI
thread while 5,000 children at an office cap of 4 were planned (a flow over 8.9 million
arcs). A flow that large is solved here instead, in a process started for it
(``multiprocessing``, "spawn": no copy of the app's threads and locks; the frozen bundle's
entry points call ``freeze_support``). The calling thread waits on a pipe without the lock
and calls ``waiting`` every ``TICK`` seconds with the share of the time expected already
run, which moves the progress bar and may raise to stop (the process is then ended).
Smaller flows, and calls no one watches (the tests, a script), are solved in the calling
process as before. As with every "spawn" process, the program's main script is imported
again in it: a script that plans in bulk with a progress callback must keep its work under
``if __name__ == "__main__"`` (the app's entry points all do).

One process serves a whole run (started at its first large call, ended with the run): it
starts and imports OR-Tools in about 0.4 s, once; a call's arrays go through the pipe at
about 1 GB/s (the 8.9 million arcs in 0.3 s, against an 8 s solve). A call goes beside when
it is expected to take ``BESIDE_SECONDS`` or more (the caller's estimate).
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from multiprocessing.connection import Connection
from typing import Any

from guardian_desk.domain.errors import GuardianDeskError
from guardian_desk.i18n import _

log = logging.getLogger(__name__)

BESIDE_SECONDS = 0.5  # a call expected to take this long or more is solved beside
TICK = 0.25  # seconds between two calls of ``waiting``


class SolverProcessFailed(GuardianDeskError):
    """The solver's process ended without an answer (out of memory, killed): one line for
    the officer, who can plan again; nothing was proposed."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "the plan's solver stopped before it answered (the computer may be short of "
                "memory); nothing was proposed"
            )
        )


class _Solver:
    """The process serving a watched run's large calls, started at the first."""

    def __init__(self, waiting: Callable[[float], None]) -> None:
        self.waiting = waiting
        self.process: Any = None
        self.pipe: Connection | None = None

    def call(self, fn: Callable[..., Any], args: tuple[Any, ...], expected: float) -> Any:
        if self.pipe is None:
            context = multiprocessing.get_context("spawn")
            self.pipe, theirs = context.Pipe()
            self.process = context.Process(
                target=_serve, args=(theirs,), name="guardian-desk solver", daemon=True
            )
            self.process.start()
            theirs.close()
        pipe, began = self.pipe, time.monotonic()
        try:
            pipe.send((fn, args))
            while not pipe.poll(TICK):
                if not self.process.is_alive():
                    log.warning("the solver's process ended (%s)", self.process.exitcode)
                    raise SolverProcessFailed
                self.waiting((time.monotonic() - began) / max(expected, TICK))
            failed, answer = pipe.recv()
        except EOFError:
            self.stop(kill=True)
            raise SolverProcessFailed from None
        except BaseException:
            self.stop(kill=True)  # stopped by the officer, or failed here: not needed now
            raise
        if failed:
            raise answer
        return answer

    def stop(self, *, kill: bool = False) -> None:
        """End the process: at once (``kill``), or once it has read that the run is over."""
        if self.pipe is not None:
            self.pipe.close()
            self.pipe = None
        if self.process is not None:
            if not kill:
                self.process.join(5)
            if self.process.is_alive():
                self.process.kill()
            self.process.join()
            self.process = None


# The solver of the run someone watches (bulk_match with a progress bar), if any.
_solver: ContextVar[_Solver | None] = ContextVar("solver", default=None)


@contextmanager
def watched(waiting: Callable[[float], None]) -> Iterator[None]:
    """Large solver calls made inside this block run in a process of their own, and call
    ``waiting`` with the share of their expected time run (more than 1 when they take
    longer) while the caller waits; ``waiting`` may raise to stop the call."""
    solver = _Solver(waiting)
    token = _solver.set(solver)
    try:
        yield
    finally:
        _solver.reset(token)
        solver.stop()


def run(fn: Callable[..., Any], args: tuple[Any, ...], *, expected: float) -> Any:
    """``fn(*args)``, expected to take ``expected`` seconds here: beside, when that is long
    and someone is watching; else here. ``fn``: a module-level function (the process
    imports it by name)."""
    solver = _solver.get()
    if solver is None or expected < BESIDE_SECONDS:
        return fn(*args)
    return solver.call(fn, args, expected)


def _serve(connection: Connection) -> None:
    """The solver's process: calls until the run closes the pipe, each answered with its
    value or its exception."""
    while True:
        try:
            fn, args = connection.recv()
        except EOFError:
            return
        try:
            answer: tuple[bool, Any] = (False, fn(*args))
        except Exception as error:  # raised again in the caller, as if solved there
            answer = (True, error)
        connection.send(answer)
