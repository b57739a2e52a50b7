"""The schema comes from the migrations, and the server knows the newest one."""

from __future__ import annotations

from pathlib import Path

from alembic.script import ScriptDirectory

from raddle.db.migrate import HEAD, alembic_config


def test_the_head_constant_names_the_newest_migration(tmp_path: Path) -> None:
    scripts = ScriptDirectory.from_config(alembic_config(f"sqlite:///{tmp_path}/x.db"))
    assert scripts.get_heads() == [HEAD]
