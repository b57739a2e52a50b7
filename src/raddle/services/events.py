"""Lobby events: what changed, as each audience may see it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from raddle.wire.close import CloseCode

# Audiences. A player reads the view for their team when the event has one,
# else the players' view; the big screen reads its own view, else the players'.
ADMIN = "admin"
PLAYERS = "players"
SCREEN = "screen"


# An event's body for one audience in JSON's shape: built as a model of
# raddle.wire.events and dumped once (Change.emit), then kept in the lobby's log and
# sent through Redis as JSON, and encoded per socket as it is, without validating it
# again per recipient.
EventView = dict[str, Any]


def team_audience(team_id: int) -> str:
    return f"team:{team_id}"


@dataclass(frozen=True, slots=True)
class Event:
    """One lobby event, numbered by `seq` within its lobby.

    `views` maps an audience to the fields that audience receives (besides
    `type` and `seq`). `close` asks the server to close some sockets after
    delivering it: a player id, or "lobby" for everyone. `teams` is who is on which
    team once the event's transaction committed, on every event of a transaction
    that changed it: a player's audience is always read from the latest one.
    """

    lobby_id: int
    seq: int
    type: str
    views: dict[str, EventView]
    close: CloseOrder | None = None
    teams: Assignment | None = None


# Player id -> team id (None: waiting to be placed).
Assignment = dict[int, int | None]


def assignment_to_json(teams: Assignment | None) -> dict[str, int | None] | None:
    return None if teams is None else {str(player): team for player, team in teams.items()}


def assignment_from_json(raw: dict[str, int | None] | None) -> Assignment | None:
    return None if raw is None else {int(player): team for player, team in raw.items()}


@dataclass(frozen=True, slots=True)
class CloseOrder:
    code: CloseCode | int  # an int once it has crossed the hub
    reason: str
    player_id: int | None = None  # None: every socket of the lobby


def view_for_player(views: dict[str, EventView], team_id: int | None) -> EventView | None:
    if team_id is not None:
        team_view = views.get(team_audience(team_id))
        if team_view is not None:
            return team_view
    return views.get(PLAYERS)


def view_for_screen(views: dict[str, EventView]) -> EventView | None:
    return views.get(SCREEN, views.get(PLAYERS))


@dataclass(slots=True)
class Outbox:
    """Events written by one transaction, published once it has committed."""

    events: list[Event] = field(default_factory=list)
    lobby_list_changed: bool = False
