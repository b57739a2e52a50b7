"""rounds

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "rounds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lobby_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("mode", sa.String(length=16), nullable=False),
        sa.Column("hints_enabled", sa.Boolean(), nullable=False),
        sa.Column("hint_cost_clue", sa.Float(), nullable=False),
        sa.Column("hint_cost_word", sa.Float(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("end_reason", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(["lobby_id"], ["lobbies.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("lobby_id", "number", name="uq_round_number"),
    )
    with op.batch_alter_table("rounds", schema=None) as batch_op:
        batch_op.create_index("ix_rounds_deadline", ["status", "ends_at"], unique=False)

    op.create_table(
        "round_teams",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("team_name", sa.String(length=40), nullable=False),
        sa.Column("puzzle_slug", sa.String(length=80), nullable=False),
        sa.Column("puzzle_title", sa.String(length=120), nullable=False),
        sa.Column("difficulty", sa.String(length=16), nullable=False),
        sa.Column("words", sa.JSON(), nullable=False),
        sa.Column("clues", sa.JSON(), nullable=False),
        sa.Column("clue_seed", sa.String(length=32), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("place", sa.Integer(), nullable=True),
        sa.Column("hint_cost", sa.Float(), nullable=False),
        sa.Column("points", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(["round_id"], ["rounds.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("round_id", "team_id", name="uq_round_team"),
    )
    with op.batch_alter_table("round_teams", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_round_teams_round_id"), ["round_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_round_teams_team_id"), ["team_id"], unique=False)

    op.create_table(
        "guesses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_team_id", sa.Integer(), nullable=False),
        sa.Column("player_id", sa.Integer(), nullable=False),
        sa.Column("player_name", sa.String(length=24), nullable=False),
        sa.Column("rung", sa.Integer(), nullable=False),
        sa.Column("word", sa.String(length=64), nullable=False),
        sa.Column("result", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["round_team_id"], ["round_teams.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("guesses", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_guesses_round_team_id"), ["round_team_id"], unique=False
        )

    op.create_table(
        "hints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_team_id", sa.Integer(), nullable=False),
        sa.Column("player_id", sa.Integer(), nullable=False),
        sa.Column("player_name", sa.String(length=24), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("rung", sa.Integer(), nullable=False),
        sa.Column("direction", sa.String(length=8), nullable=False),
        sa.Column("cost", sa.Float(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["round_team_id"], ["round_teams.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("hints", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_hints_round_team_id"), ["round_team_id"], unique=False)

    op.create_table(
        "rungs",
        sa.Column("round_team_id", sa.Integer(), nullable=False),
        sa.Column("index", sa.Integer(), nullable=False),
        sa.Column("solved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("solved_by", sa.Integer(), nullable=True),
        sa.Column("solved_by_name", sa.String(length=24), nullable=True),
        sa.Column("by_hint", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["round_team_id"], ["round_teams.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("round_team_id", "index"),
    )


def downgrade() -> None:

    op.drop_table("rungs")
    with op.batch_alter_table("hints", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hints_round_team_id"))

    op.drop_table("hints")
    with op.batch_alter_table("guesses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_guesses_round_team_id"))

    op.drop_table("guesses")
    with op.batch_alter_table("round_teams", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_round_teams_team_id"))
        batch_op.drop_index(batch_op.f("ix_round_teams_round_id"))

    op.drop_table("round_teams")
    with op.batch_alter_table("rounds", schema=None) as batch_op:
        batch_op.drop_index("ix_rounds_deadline")

    op.drop_table("rounds")
