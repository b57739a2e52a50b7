"""The wire shapes of the public contract, by their old import path; they live in
`raddle.wire`, one module per part of the game."""

from __future__ import annotations

from raddle.wire.base import ErrorBody, Health, Timestamp, Wire, iso_utc
from raddle.wire.lobby import AdminToken, Lobby, LobbyState, LobbySummary, LobbySwitches
from raddle.wire.player import JoinResult, Me, Player
from raddle.wire.snapshot import LobbySnapshot
from raddle.wire.team import Team

__all__ = [
    "AdminToken",
    "ErrorBody",
    "Health",
    "JoinResult",
    "Lobby",
    "LobbySnapshot",
    "LobbyState",
    "LobbySummary",
    "LobbySwitches",
    "Me",
    "Player",
    "Team",
    "Timestamp",
    "Wire",
    "iso_utc",
]
