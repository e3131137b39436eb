"""Run a few lines in a fresh interpreter from the project's root: what a start imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def printed_by(code: str) -> str:
    """What ``code`` printed, run by a new Python with this project importable."""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return done.stdout
