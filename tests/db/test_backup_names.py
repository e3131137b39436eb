"""Backup clean-up and the daily backup know their own names and nothing else."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from guardian_desk.db.migrate import backups_of, prepare_database, prune_backups
from tests.db.data import add_future_migration

ADD_COLUMN = """
with op.batch_alter_table("children") as b:
    b.add_column(sa.Column("x", sa.String(10), nullable=True))
"""


def stamp(moment: datetime) -> str:
    return f"{moment:%Y%m%d-%H%M%S-%f}"


def make_backups(folder: Path, stem: str, count: int, start: datetime) -> list[Path]:
    made = []
    for n in range(count):
        path = folder / f"{stem}-{stamp(start + timedelta(minutes=n))}.sqlite3"
        path.write_bytes(b"backup")
        made.append(path)
    return made


def test_pruning_office_keeps_office_old_and_strangers(tmp_path: Path) -> None:
    start = datetime(2026, 1, 1, 9, 0)
    ours = make_backups(tmp_path, "office", 25, start)
    other_stem = make_backups(tmp_path, "office-old", 25, start)
    strangers = [
        tmp_path / "office-notes.txt",
        tmp_path / "office-20260101-xx.sqlite3",
        tmp_path / "office-20261399-000000-000000.sqlite3",  # no such date
        tmp_path / f"office-{stamp(start)}.sqlite3.partial",  # an unfinished one
        tmp_path / f"office-{stamp(start)}-copy.sqlite3",
    ]
    for path in strangers:
        path.write_bytes(b"x")

    prune_backups(tmp_path, "office", keep=20)

    assert [p.exists() for p in ours] == [False] * 5 + [True] * 20
    assert all(p.exists() for p in other_stem + strangers)
    assert [p for _, p in backups_of(tmp_path, "office")] == ours[5:]


def test_the_backup_just_made_is_never_pruned(tmp_path: Path) -> None:
    # The clock was set back: older backups carry later times than the one just made.
    later = make_backups(tmp_path, "office", 3, datetime(2030, 1, 1))
    just_made = make_backups(tmp_path, "office", 1, datetime(2026, 1, 1))[0]

    prune_backups(tmp_path, "office", keep=1, just_made=just_made)
    assert just_made.exists()
    prune_backups(tmp_path, "office", keep=0)
    assert later[-1].exists()  # keep=0 still keeps the newest


def test_upgrade_keeps_its_backup_beside_many_of_another_stem(
    sqlite_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: pruning `office-*` deleted the backup just made and kept those of office-old."""
    backups = tmp_path / "backups"
    backups.mkdir()
    others = make_backups(backups, "office-old", 25, datetime(2026, 1, 1))
    add_future_migration(tmp_path, monkeypatch, ADD_COLUMN)

    prepare_database(sqlite_db, backup_folder=backups)

    [made] = [p for _, p in backups_of(backups, "office")]
    assert made.stat().st_size > 0
    assert all(p.exists() for p in others)


def test_a_leftover_partial_does_not_count_as_todays_backup(sqlite_db: str, tmp_path: Path) -> None:
    """Before: the glob `office-<today>-*` took an unfinished `.partial` for the daily backup."""
    backups = tmp_path / "backups"
    backups.mkdir()
    now = datetime.combine(date.today(), datetime.min.time())
    (backups / f"office-{stamp(now)}.sqlite3.partial").write_bytes(b"")
    (backups / f"office-old-{stamp(now)}.sqlite3").write_bytes(b"other")

    prepare_database(sqlite_db, backup_folder=backups, daily_backup=True)

    [(taken, made)] = backups_of(backups, "office")
    assert taken.date() == date.today() and made.stat().st_size > 0
    prepare_database(sqlite_db, backup_folder=backups, daily_backup=True)
    assert len(backups_of(backups, "office")) == 1  # once a day
