"""Where the app keeps its files, and where its bundled migrations and resources live."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "GuardianDesk"
_SOURCE_ROOT = Path(__file__).resolve().parent.parent
_INSTALLED_SHARE = Path(sys.prefix) / "share" / "guardian-desk"


def _bundled(name: str) -> Path:
    """A top-level folder of the source tree, or its installed copy under <prefix>/share."""
    for root in (_SOURCE_ROOT, _INSTALLED_SHARE):
        candidate = root / name
        if candidate.is_dir():
            return candidate
    from guardian_desk.i18n import _

    # TRANSLATORS: {name} is a folder's name (migrations, resources): keep it as it is.
    raise FileNotFoundError(
        _("Guardian Desk's {name} folder is missing from the installation").format(name=name)
    )


def migrations_dir() -> Path:
    """GUARDIAN_DESK_MIGRATIONS overrides it (tests that rehearse a future migration)."""
    override = os.environ.get("GUARDIAN_DESK_MIGRATIONS")
    return Path(override) if override else _bundled("migrations")


def resources_dir() -> Path:
    return _bundled("resources")


def data_dir() -> Path:
    """The user's data folder; GUARDIAN_DESK_HOME overrides it (tests, portable installs)."""
    override = os.environ.get("GUARDIAN_DESK_HOME")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    override = os.environ.get("GUARDIAN_DESK_HOME")
    path = Path(override) / "logs" if override else Path(platformdirs.user_log_dir(APP_NAME, False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def backup_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_url() -> str:
    return f"sqlite:///{data_dir() / 'guardian-desk.sqlite3'}"
