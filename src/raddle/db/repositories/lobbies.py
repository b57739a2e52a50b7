"""Queries on lobbies."""

from __future__ import annotations

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from raddle.db.tables import Lobby, Player


async def by_code(session: AsyncSession, code: str) -> Lobby | None:
    result = await session.execute(select(Lobby).where(Lobby.code == code))
    return result.scalar_one_or_none()


async def by_id(session: AsyncSession, lobby_id: int) -> Lobby | None:
    return await session.get(Lobby, lobby_id)


async def add(session: AsyncSession, code: str, name: str) -> Lobby:
    lobby = Lobby(code=code, name=name, phase="lobby", seq=0)
    session.add(lobby)
    await session.flush()
    return lobby


async def set_switches(session: AsyncSession, lobby: Lobby, **switches: bool) -> None:
    """Set any of the host's switches: locked, family_friendly, code_hidden."""
    allowed = {"locked", "family_friendly", "code_hidden"}
    values = {k: v for k, v in switches.items() if k in allowed}
    if values:
        await session.execute(update(Lobby).where(Lobby.id == lobby.id).values(**values))


async def newest_first(session: AsyncSession) -> list[tuple[Lobby, int]]:
    """Every lobby with its number of players."""
    counts = select(Player.lobby_id, func.count().label("n")).group_by(Player.lobby_id).subquery()
    result = await session.execute(
        select(Lobby, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.lobby_id == Lobby.id)
        .order_by(Lobby.created_at.desc(), Lobby.id.desc())
    )
    return [(lobby, int(n)) for lobby, n in result.all()]


async def count(session: AsyncSession) -> int:
    return int((await session.execute(select(func.count()).select_from(Lobby))).scalar_one())


async def remove(session: AsyncSession, lobby_id: int) -> None:
    await session.execute(delete(Lobby).where(Lobby.id == lobby_id))


async def lock(session: AsyncSession, lobby_id: int) -> Lobby | None:
    """Take the lobby's row lock, the first lock of every write in a lobby.

    One order (the lobby, then its rows) means no two writers can deadlock, and the
    lock orders concurrent game writes so each sees the ones before it. FOR NO KEY
    UPDATE leaves inserts of child rows (their foreign key checks) unblocked. SQLite's
    write transactions are serial already.
    """
    result = await session.execute(
        select(Lobby)
        .where(Lobby.id == lobby_id)
        .with_for_update(key_share=True)
        .execution_options(populate_existing=True)
    )
    return result.scalar_one_or_none()


async def next_seq(session: AsyncSession, lobby_id: int) -> int:
    """Hand out the lobby's next event number; the row lock orders concurrent writers."""
    result = await session.execute(
        update(Lobby).where(Lobby.id == lobby_id).values(seq=Lobby.seq + 1).returning(Lobby.seq)
    )
    return int(result.scalar_one())


async def current_seq(session: AsyncSession, lobby_id: int) -> int | None:
    result = await session.execute(select(Lobby.seq).where(Lobby.id == lobby_id))
    value = result.scalar_one_or_none()
    return None if value is None else int(value)
