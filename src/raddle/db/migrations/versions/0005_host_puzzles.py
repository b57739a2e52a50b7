"""host puzzles, hidden puzzles, author and note of dealt ladders

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "host_puzzles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("title", sa.String(length=120), nullable=False),
        sa.Column("difficulty", sa.String(length=16), nullable=False),
        sa.Column("format", sa.String(length=8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("slug"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "hidden_puzzles",
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("hidden_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("slug"),
    )
    with op.batch_alter_table("round_teams", schema=None) as batch_op:
        batch_op.add_column(sa.Column("puzzle_author", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("puzzle_note", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("round_teams", schema=None) as batch_op:
        batch_op.drop_column("puzzle_note")
        batch_op.drop_column("puzzle_author")
    op.drop_table("hidden_puzzles")
    op.drop_table("host_puzzles")
