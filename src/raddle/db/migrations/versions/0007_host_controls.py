"""host controls and name safety: lobby lock, family-friendly mode, hidden code;
bans; players' join address and look-alike name key

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


# SQLite recreates a table to add a constraint: keep it AUTOINCREMENT (see 0004).
KEEP_IDS = {"sqlite_autoincrement": True}


def upgrade() -> None:
    with op.batch_alter_table("lobbies", table_kwargs=KEEP_IDS) as batch_op:
        for column in ("locked", "family_friendly", "code_hidden"):
            batch_op.add_column(
                sa.Column(column, sa.Boolean(), nullable=False, server_default=sa.false())
            )
    with op.batch_alter_table("players", table_kwargs=KEEP_IDS) as batch_op:
        batch_op.add_column(sa.Column("address", sa.String(length=64), nullable=True))
        # Rows from before have none; NULLs never collide in a unique constraint.
        batch_op.add_column(sa.Column("name_lookalike", sa.String(length=96), nullable=True))
        batch_op.create_unique_constraint("uq_player_lookalike", ["lobby_id", "name_lookalike"])
        batch_op.create_index("ix_players_address", ["lobby_id", "address"], unique=False)
    op.create_table(
        "lobby_bans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lobby_id", sa.Integer(), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=True),
        sa.Column("name_lookalike", sa.String(length=96), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["lobby_id"], ["lobbies.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_lobby_bans_lobby_id", "lobby_bans", ["lobby_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_lobby_bans_lobby_id", table_name="lobby_bans")
    op.drop_table("lobby_bans")
    with op.batch_alter_table("players", table_kwargs=KEEP_IDS) as batch_op:
        batch_op.drop_index("ix_players_address")
        batch_op.drop_constraint("uq_player_lookalike", type_="unique")
        batch_op.drop_column("name_lookalike")
        batch_op.drop_column("address")
    with op.batch_alter_table("lobbies", table_kwargs=KEEP_IDS) as batch_op:
        for column in ("code_hidden", "family_friendly", "locked"):
            batch_op.drop_column(column)
