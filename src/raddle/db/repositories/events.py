"""Queries on the per-lobby event log that reconnecting clients replay."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from raddle.db.tables import LobbyEvent

_ADD = insert(cast(Table, LobbyEvent.__table__))


async def add(
    session: AsyncSession,
    lobby_id: int,
    seq: int,
    type_: str,
    views: dict[str, Any],
    teams: dict[str, int | None] | None,
    created_at: datetime,
) -> None:
    # A Core INSERT built once: nothing reads the row back in this transaction.
    await session.execute(
        _ADD,
        {
            "lobby_id": lobby_id,
            "seq": seq,
            "type": type_,
            "views": views,
            "teams": teams,
            "created_at": created_at,
        },
    )


async def after(session: AsyncSession, lobby_id: int, seq: int, limit: int) -> list[LobbyEvent]:
    result = await session.execute(
        select(LobbyEvent)
        .where(LobbyEvent.lobby_id == lobby_id, LobbyEvent.seq > seq)
        .order_by(LobbyEvent.seq)
        .limit(limit)
    )
    return list(result.scalars())


async def trim(session: AsyncSession, lobby_id: int, keep_from_seq: int) -> None:
    await session.execute(
        delete(LobbyEvent).where(LobbyEvent.lobby_id == lobby_id, LobbyEvent.seq < keep_from_seq)
    )
