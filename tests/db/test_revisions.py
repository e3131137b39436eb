"""Opening a database reads the revisions from the scripts' text; Alembic agrees."""

from __future__ import annotations

import shutil
from pathlib import Path

from alembic.script import ScriptDirectory

from guardian_desk.db.revisions import read_revisions
from guardian_desk.paths import migrations_dir


def test_the_text_reader_agrees_with_alembic_on_the_shipped_scripts() -> None:
    script = ScriptDirectory(str(migrations_dir()))
    read = read_revisions(migrations_dir())
    assert read is not None
    assert read.head == script.get_current_head()
    assert read.known == {rev.revision for rev in script.walk_revisions()}


def test_a_script_it_cannot_follow_leaves_the_answer_to_alembic(tmp_path: Path) -> None:
    folder = tmp_path / "migrations"
    shutil.copytree(migrations_dir(), folder)
    odd = folder / "versions" / "9999_odd.py"
    odd.write_text('revision = make_revision()\ndown_revision = "d1bc2d3e4f5a"\n')
    assert read_revisions(folder) is None


def test_two_heads_are_not_guessed(tmp_path: Path) -> None:
    folder = tmp_path / "migrations"
    shutil.copytree(migrations_dir(), folder)
    (folder / "versions" / "9999_branch.py").write_text(
        'revision: str = "ffff00000001"\ndown_revision: str | None = "8df77cac6d46"\n'
    )
    assert read_revisions(folder) is None


def test_opening_a_current_database_does_not_import_alembic(tmp_path: Path) -> None:
    """Alembic (0.3 s) loads only when a database needs an upgrade."""
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'office.sqlite3'}"
    opening = (
        "import sys; from guardian_desk.db.migrate import prepare_database; "
        f"prepare_database({url!r}); print('alembic' in sys.modules)"
    )

    def opened() -> str:
        run = subprocess.run([sys.executable, "-c", opening], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        return run.stdout.strip()

    assert opened() == "True"  # a new file: created by the migrations
    assert opened() == "False"  # then opened as it is
