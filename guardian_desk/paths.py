"""Where the app keeps its files, and where its bundled migrations and resources live."""

from __future__ import annotations

import errno
import os
from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "GuardianDesk"
# A source checkout (and an editable install) keeps the folders beside the package.
SOURCE_ROOT = Path(__file__).resolve().parent.parent


def _bundled(name: str) -> Path:
    """A folder shipped with the app: migrations, resources.

    A wheel, a per-user install and the frozen build carry it inside the package, where
    importlib.resources finds it (setup.py maps the source tree's top-level folders there);
    a source checkout keeps it at the top level.
    """
    packaged = resources.files("guardian_desk").joinpath(name)
    if packaged.is_dir():
        return Path(str(packaged))
    source = SOURCE_ROOT / name
    if source.is_dir():
        return source
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


def make_folder(path: Path) -> Path:
    """``path`` as a folder, made if missing. A file in its place is named as such: mkdir's
    own error ("already exists") would tell the officer to choose another name."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(path)) from None
    return path


def data_dir() -> Path:
    """The user's data folder; GUARDIAN_DESK_HOME overrides it (tests, portable installs)."""
    override = os.environ.get("GUARDIAN_DESK_HOME")
    return make_folder(
        Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, False))
    )


def log_dir() -> Path:
    override = os.environ.get("GUARDIAN_DESK_HOME")
    return make_folder(
        Path(override) / "logs" if override else Path(platformdirs.user_log_dir(APP_NAME, False))
    )


def backup_dir() -> Path:
    return make_folder(data_dir() / "backups")


def default_database_url() -> str:
    return f"sqlite:///{data_dir() / 'guardian-desk.sqlite3'}"
