"""Python's cyclic garbage collector, held off while the app starts (issue 16).

On the way to the first screen the app creates some 140,000 objects that live as long as it
does (the modules, the schema's mappings, CLDR data), and the collector walked them again
and again: three full passes and some 400 younger ones, 0.18-0.25 s of a 1.1-1.3 s start
at 20,000 children, measured with ``gc.callbacks`` (docs/performance.md, "The collector
held off at start"). Reference counting still frees what the start drops; what it leaves in
cycles was about 1,100 objects at the end of a measured start.

The collector is let go once the first screen is filled (``release``, from the main window),
or after ``RELEASE_AFTER`` seconds whatever happens (a sign-in page waiting for the officer,
a database that failed to open). Everything made until then is frozen out of later passes
(``gc.freeze``: a full pass otherwise took 50 ms in the middle of a registry's search); the
few cycles left by the start are kept with it rather than paying a full pass on the GUI
thread to find them.
"""

from __future__ import annotations

import gc
import threading

RELEASE_AFTER = 10.0  # seconds: a start that has not filled its first screen by then

_lock = threading.Lock()
_held = False


def hold() -> None:
    """Hold the collector off for the start (the app's and the bench's entry points only)."""
    global _held
    with _lock:
        if _held or not gc.isenabled():
            return
        gc.disable()
        _held = True
    timer = threading.Timer(RELEASE_AFTER, release)
    timer.daemon = True
    timer.start()


def release() -> None:
    """Freeze what the start made out of later passes and let the collector run again."""
    global _held
    with _lock:
        gc.freeze()
        if _held:
            gc.enable()
            _held = False
