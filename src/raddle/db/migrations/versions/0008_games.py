"""games in a lobby: the lobby's game number and the first round of that game

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


# SQLite recreates a table to add a column in batch mode: keep it AUTOINCREMENT (see 0004).
KEEP_IDS = {"sqlite_autoincrement": True}


def upgrade() -> None:
    with op.batch_alter_table("lobbies", table_kwargs=KEEP_IDS) as batch_op:
        batch_op.add_column(sa.Column("game", sa.Integer(), nullable=False, server_default="1"))
        batch_op.add_column(
            sa.Column("game_first_round", sa.Integer(), nullable=False, server_default="1")
        )


def downgrade() -> None:
    with op.batch_alter_table("lobbies", table_kwargs=KEEP_IDS) as batch_op:
        batch_op.drop_column("game_first_round")
        batch_op.drop_column("game")
