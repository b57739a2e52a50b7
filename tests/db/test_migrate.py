"""The schema comes from the migrations, and the server knows the newest one."""

from __future__ import annotations

from pathlib import Path

from alembic.script import ScriptDirectory

from raddle.db.migrate import HEAD, alembic_config


def test_the_head_constant_names_the_newest_migration(tmp_path: Path) -> None:
    scripts = ScriptDirectory.from_config(alembic_config(f"sqlite:///{tmp_path}/x.db"))
    assert scripts.get_heads() == [HEAD]


def test_upgrading_keeps_every_row_and_ids_are_never_handed_out_again(tmp_path: Path) -> None:
    """A database made before ids were protected keeps its lobbies, teams and players;
    after the upgrade a removed player's id does not come back."""
    import sqlite3

    from alembic import command

    path = tmp_path / "old.db"
    config = alembic_config(f"sqlite:///{path}")
    command.upgrade(config, "0003")
    with sqlite3.connect(path) as db:
        db.execute(
            "INSERT INTO lobbies (id, code, name, phase, seq, created_at)"
            " VALUES (1, 'ABC234', 'Old Lobby', 'lobby', 3, '2026-01-01 00:00:00')"
        )
        db.execute(
            "INSERT INTO teams (id, lobby_id, name, name_key, created_at)"
            " VALUES (1, 1, 'Owls', 'owls', '2026-01-01 00:00:00')"
        )
        for pid in (1, 2):
            db.execute(
                "INSERT INTO players (id, lobby_id, team_id, name, name_key, token_hash, ready,"
                " connected, joined_at) VALUES (?, 1, 1, ?, ?, ?, 0, 0, '2026-01-01 00:00:00')",
                (pid, f"P{pid}", f"p{pid}", f"hash{pid}"),
            )
    command.upgrade(config, "head")
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA foreign_keys=ON")
        rows = db.execute("SELECT id, team_id, name FROM players ORDER BY id").fetchall()
        assert rows == [(1, 1, "P1"), (2, 1, "P2")]
        assert db.execute("SELECT name FROM teams").fetchall() == [("Owls",)]
        db.execute("DELETE FROM players WHERE id = 2")
        db.execute(
            "INSERT INTO players (lobby_id, name, name_key, token_hash, ready, connected,"
            " joined_at) VALUES (1, 'P3', 'p3', 'hash3', 0, 0, '2026-01-01 00:00:00')"
        )
        newest = db.execute("SELECT max(id) FROM players").fetchone()[0]
        assert newest == 3
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
