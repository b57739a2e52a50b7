"""A team, its progress in a round, and its standing in the lobby."""

from __future__ import annotations

from pydantic import Field

from raddle.wire.base import Timestamp, Wire


class Team(Wire):
    id: int
    name: str
    player_ids: list[int]


class TeamProgress(Wire):
    """How far a team is in the running round, as everyone may see it."""

    team_id: int | None
    name: str
    puzzle: str = Field(description="the puzzle's title: in `different` mode, whose is whose")
    solved: int
    total: int
    progress: float
    finished_at: Timestamp | None
    place: int | None


class LeaderboardRow(Wire):
    """A team's standing over every ended round of the lobby; a removed team has no id."""

    team_id: int | None
    name: str
    points: float
    rounds_won: int
    rounds_played: int
