"""Queries on lobby bans."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from raddle.db.tables import LobbyBan


async def add(
    session: AsyncSession, lobby_id: int, address: str | None, name_lookalike: str | None
) -> None:
    session.add(LobbyBan(lobby_id=lobby_id, address=address, name_lookalike=name_lookalike))
    await session.flush()


async def is_banned(
    session: AsyncSession, lobby_id: int, address: str, name_lookalike: str
) -> bool:
    """Whether a join from `address` under a name with this look-alike key is barred."""
    result = await session.execute(
        select(LobbyBan.id)
        .where(
            LobbyBan.lobby_id == lobby_id,
            or_(LobbyBan.address == address, LobbyBan.name_lookalike == name_lookalike),
        )
        .limit(1)
    )
    return result.scalar_one_or_none() is not None
