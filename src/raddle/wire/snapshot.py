"""Everything one client may see of a lobby at one moment."""

from __future__ import annotations

from pydantic import Field

from raddle.wire.base import Wire, absent_when_none
from raddle.wire.lobby import Lobby
from raddle.wire.player import Player
from raddle.wire.round import RoundSummary, RoundView
from raddle.wire.team import LeaderboardRow, Team


class LobbySnapshot(Wire):
    """A lobby as one audience sees it: the socket's snapshot, the host's and the big
    screen's view over HTTP. `me` is there for players only."""

    lobby: Lobby
    teams: list[Team]
    players: list[Player]
    round: RoundView | None = Field(
        default=None, description="the current round (or the last, after it)"
    )
    leaderboard: list[LeaderboardRow] = Field(default_factory=list)
    last_summary: RoundSummary | None = None
    me: Player | None = absent_when_none("the player this socket belongs to")
