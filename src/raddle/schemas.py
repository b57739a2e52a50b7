"""The wire shapes of the public contract, shared by REST answers and WebSocket events."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer


def iso_utc(value: datetime) -> str:
    """ISO-8601 in UTC with milliseconds and a Z, e.g. 2026-11-26T22:47:25.123Z."""
    return (
        value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"
    )


Timestamp = Annotated[datetime, PlainSerializer(iso_utc, return_type=str, when_used="json")]


class Wire(BaseModel):
    model_config = ConfigDict(frozen=True)


class Lobby(Wire):
    code: str
    name: str
    phase: str
    created_at: Timestamp
    player_count: int
    team_count: int = 0
    locked: bool = False
    family_friendly: bool = False
    code_hidden: bool = False
    # Which game the lobby is on ("New game, same players" counts on from 1).
    game: int = 1


class LobbySummary(Wire):
    """What anyone with the code may see."""

    code: str
    name: str
    phase: str
    player_count: int
    locked: bool = False


class LobbySwitches(Wire):
    """The host's switches of a lobby; a change names only the switches it sets."""

    locked: bool | None = Field(default=None, description="no new players may join")
    family_friendly: bool | None = Field(
        default=None, description="player and team names pass a word filter"
    )
    code_hidden: bool | None = Field(
        default=None, description="the big screen hides the code, link and QR code"
    )


class Player(Wire):
    id: int
    name: str
    team_id: int | None
    connected: bool
    ready: bool = False


class Team(Wire):
    id: int
    name: str
    player_ids: list[int]


class LobbySnapshot(Wire):
    """The host's view of a lobby: the same state as the socket's snapshot."""

    lobby: Lobby
    teams: list[Team]
    players: list[Player]
    round: dict[str, Any] | None = Field(
        default=None, description="the current round (or the last, after it), with answers"
    )
    leaderboard: list[dict[str, Any]] = Field(default_factory=list)
    last_summary: dict[str, Any] | None = None


class JoinResult(Wire):
    player: Player
    token: str = Field(description="The player's secret; send it as a bearer token.")


class Me(Wire):
    player: Player
    lobby: Lobby


class AdminToken(Wire):
    token: str
    expires_at: Timestamp


class Health(Wire):
    status: str
    version: str


class ErrorBody(Wire):
    detail: str
    code: str


class NewGame(Wire):
    """A new game in the same lobby: same players and teams, a fresh leaderboard."""

    game: int = Field(description="the game's number in this lobby, from 1")
    first_round: int = Field(description="the number its first round will have")
    phase: str
