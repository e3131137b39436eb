"""An older revision of this checkout in a git worktree, for benches that run it beside."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def revision_tree(revision: str) -> Iterator[Path]:
    """``revision`` checked out in a temporary worktree (removed afterwards); a revision
    git does not know ends the bench with one line saying so."""
    known = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if known.returncode != 0:
        sys.exit(f"--before {revision}: git knows no such revision in {ROOT}")
    tree = Path(tempfile.mkdtemp(prefix="gd-before-")) / "tree"
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), revision],
        check=True, capture_output=True,
    )  # fmt: skip
    try:
        yield tree
    finally:
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False
        )
