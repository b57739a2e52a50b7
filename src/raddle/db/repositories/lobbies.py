"""Queries on lobbies."""

from __future__ import annotations

from datetime import datetime
from typing import cast

from sqlalchemy import ColumnElement, Table, bindparam, delete, exists, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from raddle.db.engine import is_serial
from raddle.db.tables import Lobby, LobbyEvent, Player

# Built once: every join and many reads start here.
_BY_CODE = select(Lobby).where(Lobby.code == bindparam("code"))


async def by_code(session: AsyncSession, code: str) -> Lobby | None:
    result = await session.execute(_BY_CODE, {"code": code})
    return result.scalar_one_or_none()


async def by_id(session: AsyncSession, lobby_id: int) -> Lobby | None:
    return await session.get(Lobby, lobby_id)


async def add(session: AsyncSession, code: str, name: str, created_at: datetime) -> Lobby:
    lobby = Lobby(code=code, name=name, phase="lobby", seq=0, created_at=created_at)
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
    write transactions are serial already: the lobby as this transaction loaded it
    is current, and only read when it was not loaded yet.
    """
    if is_serial(session):
        return await session.get(Lobby, lobby_id)
    result = await session.execute(
        select(Lobby)
        .where(Lobby.id == lobby_id)
        .with_for_update(key_share=True)
        .execution_options(populate_existing=True)
    )
    return result.scalar_one_or_none()


# Built once: the most frequent write of all (every event) skips statement building and
# the ORM's bookkeeping (no session object holds a seq that anything reads back).
_lobbies = cast(Table, Lobby.__table__)
_NEXT_SEQ = (
    update(_lobbies)
    .where(_lobbies.c.id == bindparam("lobby_id"))
    .values(seq=_lobbies.c.seq + 1)
    .returning(_lobbies.c.seq)
)


async def next_seq(session: AsyncSession, lobby_id: int) -> int:
    """Hand out the lobby's next event number; the row lock orders concurrent writers."""
    result = await session.execute(_NEXT_SEQ, {"lobby_id": lobby_id})
    return int(result.scalar_one())


async def current_seq(session: AsyncSession, lobby_id: int) -> int | None:
    result = await session.execute(select(Lobby.seq).where(Lobby.id == lobby_id))
    value = result.scalar_one_or_none()
    return None if value is None else int(value)


def _idle_since(cutoff: datetime) -> ColumnElement[bool]:
    """Nothing has happened in the lobby since `cutoff`: it was made before, no event
    of it was stored after, and no socket has vouched for any of its players since."""
    recent_event = exists().where(LobbyEvent.lobby_id == Lobby.id, LobbyEvent.created_at >= cutoff)
    recent_player = exists().where(
        Player.lobby_id == Lobby.id,
        (Player.seen_until >= cutoff) | (Player.joined_at >= cutoff),
    )
    return (Lobby.created_at < cutoff) & ~recent_event & ~recent_player


async def claim_idle(session: AsyncSession, cutoff: datetime, limit: int) -> list[tuple[int, str]]:
    """Up to `limit` lobbies idle since `cutoff`, as (id, code), oldest first, locked
    (on PostgreSQL) until the transaction ends: every change to a lobby updates its
    row first (its seq), so none can slip in between this and the deletion."""
    result = await session.execute(
        select(Lobby.id, Lobby.code)
        .where(_idle_since(cutoff))
        .order_by(Lobby.id)
        .limit(limit)
        .with_for_update(of=Lobby, skip_locked=True)
    )
    return [(int(lobby_id), str(code)) for lobby_id, code in result.all()]


async def remove_many(session: AsyncSession, lobby_ids: list[int]) -> None:
    """Delete lobbies; the database cascades to their teams, players, rounds, ladders,
    guesses, hints and events."""
    if lobby_ids:
        await session.execute(
            delete(Lobby)
            .where(Lobby.id.in_(lobby_ids))
            .execution_options(synchronize_session=False)
        )


async def set_game(session: AsyncSession, lobby: Lobby, game: int, first_round: int) -> None:
    """Record which game the lobby is playing and the number of its first round."""
    lobby.game = game
    lobby.game_first_round = first_round
    await session.flush()
