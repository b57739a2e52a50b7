"""Turning rows into the wire shapes every audience sees."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from raddle import wire
from raddle.db import tables
from raddle.db.repositories import players as player_rows
from raddle.db.repositories import teams as team_rows


def lobby(row: tables.Lobby, player_count: int, team_count: int = 0) -> wire.Lobby:
    return wire.Lobby(
        code=row.code,
        name=row.name,
        phase=row.phase,
        created_at=row.created_at,
        player_count=player_count,
        team_count=team_count,
        locked=row.locked,
        family_friendly=row.family_friendly,
        code_hidden=row.code_hidden,
        game=row.game,
    )


def player(row: tables.Player) -> wire.Player:
    return wire.Player(
        id=row.id, name=row.name, team_id=row.team_id, connected=row.connected, ready=row.ready
    )


def team(row: tables.Team, members: list[tables.Player]) -> wire.Team:
    return wire.Team(id=row.id, name=row.name, player_ids=[p.id for p in members])


class Roster:
    """The lobby's teams and players as loaded in one transaction."""

    def __init__(self, teams: list[tables.Team], players: list[tables.Player]) -> None:
        self.team_rows = teams
        self.player_rows = players

    @property
    def teams(self) -> list[wire.Team]:
        return [team(t, [p for p in self.player_rows if p.team_id == t.id]) for t in self.team_rows]

    @property
    def players(self) -> list[wire.Player]:
        return [player(p) for p in self.player_rows]


async def load_roster(session: AsyncSession, lobby_id: int) -> Roster:
    return Roster(
        await team_rows.in_lobby(session, lobby_id), await player_rows.in_lobby(session, lobby_id)
    )
