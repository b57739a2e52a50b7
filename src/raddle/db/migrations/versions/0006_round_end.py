"""round end for everyone: transform labels, place points, message refs

Ladders keep the puzzle's transform labels, so every team's whole ladder can be shown
when a round ends, and the place points before hints, so a score reads as a sum.
Guesses and hints keep the client's ref, so a message re-sent is judged once.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("round_teams") as batch_op:
        batch_op.add_column(sa.Column("transforms", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("place_points", sa.Float(), nullable=True))
    for table in ("guesses", "hints"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column("ref", sa.String(length=64), nullable=True))
            batch_op.create_index(f"ix_{table}_ref", ["player_id", "ref"], unique=False)


def downgrade() -> None:
    for table in ("guesses", "hints"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_index(f"ix_{table}_ref")
            batch_op.drop_column("ref")
    with op.batch_alter_table("round_teams") as batch_op:
        batch_op.drop_column("place_points")
        batch_op.drop_column("transforms")
