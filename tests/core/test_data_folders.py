"""The data, logs and backups folders: a file where a folder should be is named as such."""

from __future__ import annotations

from pathlib import Path

import pytest

from guardian_desk import paths
from guardian_desk.faults import explain


def test_a_file_where_the_backups_folder_should_be_is_named_as_such(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GUARDIAN_DESK_HOME", str(tmp_path))
    (tmp_path / "backups").write_text("not a folder")
    with pytest.raises(NotADirectoryError) as raised:
        paths.backup_dir()
    message = explain(raised.value).message
    assert message == f"{tmp_path / 'backups'}: part of this path is a file, not a folder."
    assert (tmp_path / "backups").read_text() == "not a folder"  # left as it was


def test_missing_folders_are_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GUARDIAN_DESK_HOME", str(tmp_path / "new" / "home"))
    assert paths.backup_dir() == tmp_path / "new" / "home" / "backups"
    assert paths.log_dir().is_dir() and paths.data_dir().is_dir()
