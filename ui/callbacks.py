"""Bridge callbacks that outlive nothing: a window closed meanwhile gets no result."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject


def alive(owner: QObject, fn: Callable[..., None]) -> Callable[..., None]:
    """A bridge callback that does nothing once ``owner`` has been closed and deleted."""

    def call(*args: Any) -> None:
        if shiboken6.isValid(owner):
            fn(*args)

    return call
