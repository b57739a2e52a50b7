"""A player, and what joining and "who am I" answer."""

from __future__ import annotations

from pydantic import Field

from raddle.wire.base import Wire
from raddle.wire.lobby import Lobby


class Player(Wire):
    id: int
    name: str
    team_id: int | None
    connected: bool
    ready: bool = False


class JoinResult(Wire):
    player: Player
    token: str = Field(description="The player's secret; send it as a bearer token.")


class Me(Wire):
    player: Player
    lobby: Lobby


class ReadyBody(Wire):
    ready: bool


class SolvedBy(Wire):
    """Who solved a rung."""

    id: int | None
    name: str | None
