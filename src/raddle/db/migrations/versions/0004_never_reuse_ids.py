"""never reuse ids; lobby_events.teams

SQLite hands the highest id out again after a delete unless a table is declared
AUTOINCREMENT, and ids reach clients (events, tokens, stats, awards); batch mode
recreates each table with the flag. PostgreSQL's sequences never reuse ids.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# Parents before children, so every foreign key names a table that exists.
TABLES = [
    "lobbies",
    "teams",
    "players",
    "admin_sessions",
    "rounds",
    "round_teams",
    "guesses",
    "hints",
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in TABLES:
            with op.batch_alter_table(
                table, recreate="always", table_kwargs={"sqlite_autoincrement": True}
            ):
                pass
    with op.batch_alter_table("lobby_events") as batch_op:
        batch_op.add_column(sa.Column("teams", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("lobby_events") as batch_op:
        batch_op.drop_column("teams")
