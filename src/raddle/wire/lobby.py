"""A lobby as lists and screens show it, and the host's switches."""

from __future__ import annotations

from pydantic import Field

from raddle.wire.base import Timestamp, Wire


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


class LobbyState(Wire):
    """The switches of a lobby, as a change of them is announced."""

    locked: bool
    family_friendly: bool
    code_hidden: bool


class AdminToken(Wire):
    token: str
    expires_at: Timestamp
