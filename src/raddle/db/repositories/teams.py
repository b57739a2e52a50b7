"""Queries on teams."""

from __future__ import annotations

from sqlalchemy import bindparam, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from raddle.db.repositories import players as player_rows
from raddle.db.tables import Team
from raddle.game.names import name_key

# Built once: every snapshot and roster reads it.
_IN_LOBBY = select(Team).where(Team.lobby_id == bindparam("lobby_id")).order_by(Team.id)


async def in_lobby(session: AsyncSession, lobby_id: int) -> list[Team]:
    result = await session.execute(_IN_LOBBY, {"lobby_id": lobby_id})
    return list(result.scalars())


async def by_id(session: AsyncSession, team_id: int, *, fresh: bool = False) -> Team | None:
    """`fresh` reads the row again (after a lock) instead of the session's copy."""
    return await session.get(Team, team_id, populate_existing=fresh)


async def count_in_lobby(session: AsyncSession, lobby_id: int) -> int:
    result = await session.execute(
        select(func.count()).select_from(Team).where(Team.lobby_id == lobby_id)
    )
    return int(result.scalar_one())


async def add(session: AsyncSession, lobby_id: int, name: str) -> Team:
    team = Team(lobby_id=lobby_id, name=name, name_key=name_key(name))
    session.add(team)
    await session.flush()
    return team


async def rename(session: AsyncSession, team: Team, name: str) -> None:
    team.name = name
    team.name_key = name_key(name)
    await session.flush()


async def remove(session: AsyncSession, team_id: int) -> None:
    """Remove a team; its players' team_id becomes NULL (the foreign key says so)."""
    await session.execute(delete(Team).where(Team.id == team_id))
    player_rows.mark_teams_changed(session)
