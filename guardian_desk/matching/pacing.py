"""The bulk run's progress, per mille, moving on while a solver call says nothing.

OR-Tools' min-cost flow reports nothing until it returns, and one call can take most of a
run: the flow over the safely pruned arcs of 5,000 children at an office cap of 4 took 8 s
of 14 (8.9 million arcs), and the bar stood at 42 % the whole time. While such a call runs
(in its own process, ``beside``), the bar moves on by the share of its expected time run,
up to ``SHORT_OF`` of the way to the stage's end: it never claims a stage done before it is.
"""

from __future__ import annotations

from collections.abc import Callable

SHORT_OF = 0.9  # the share of the way to the stage's end a solver call may move the bar


class Bar:
    """Progress per mille that only moves forward."""

    def __init__(self, report: Callable[[int], None] | None) -> None:
        self._report = report
        self._shown = False
        self.done = 0
        self._start = self._end = 0

    def to(self, done: int) -> None:
        """Report ``done`` (never less than what was reported before)."""
        if self._shown and done <= self.done:
            return
        self._shown, self.done = True, done
        if self._report is not None:
            self._report(done)

    def stage(self, end: int) -> None:
        """The work from here on ends at ``end`` (what ``drift`` moves toward)."""
        self._start, self._end = self.done, end

    def drift(self, share: float) -> None:
        """A solver call of this stage has run ``share`` of its expected time."""
        span = self._end - self._start
        self.to(self._start + int(span * SHORT_OF * min(1.0, max(0.0, share))))
