"""presence: players.connected and players.seen_until

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("players") as batch_op:
        batch_op.add_column(
            sa.Column("connected", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("seen_until", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index("ix_players_connected", ["connected", "seen_until"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("players") as batch_op:
        batch_op.drop_index("ix_players_connected")
        batch_op.drop_column("seen_until")
        batch_op.drop_column("connected")
