"""Queries on players."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from sqlalchemy import BindParameter, Table, bindparam, delete, exists, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from raddle.db.engine import is_serial
from raddle.db.tables import LobbyBan, Player
from raddle.game.names import name_key, name_lookalike

# Set on a session whose transaction changed who is on which team: the events it
# emits then carry the new assignment (see services.kit.context.Change.emit).
_TEAMS_CHANGED = "teams_changed"


def mark_teams_changed(session: AsyncSession) -> None:
    session.info[_TEAMS_CHANGED] = True


def teams_changed(session: AsyncSession) -> bool:
    return bool(session.info.get(_TEAMS_CHANGED))


async def assignment(session: AsyncSession, lobby_id: int) -> dict[int, int | None]:
    """Who is on which team: player id -> team id (None: waiting to be placed)."""
    result = await session.execute(
        select(Player.id, Player.team_id).where(Player.lobby_id == lobby_id)
    )
    return {int(pid): None if tid is None else int(tid) for pid, tid in result.all()}


# Built once: every snapshot and roster reads it.
_IN_LOBBY = select(Player).where(Player.lobby_id == bindparam("lobby_id")).order_by(Player.id)


async def in_lobby(session: AsyncSession, lobby_id: int) -> list[Player]:
    result = await session.execute(_IN_LOBBY, {"lobby_id": lobby_id})
    return list(result.scalars())


async def count_in_lobby(session: AsyncSession, lobby_id: int) -> int:
    result = await session.execute(
        select(func.count()).select_from(Player).where(Player.lobby_id == lobby_id)
    )
    return int(result.scalar_one())


async def by_id(session: AsyncSession, player_id: int, *, fresh: bool = False) -> Player | None:
    """`fresh` reads the row again (after a lock) instead of the session's copy; in a
    serial transaction (SQLite) the copy was read under the lock already."""
    return await session.get(Player, player_id, populate_existing=fresh and not is_serial(session))


async def by_token_hash(session: AsyncSession, token_hash: str) -> Player | None:
    result = await session.execute(select(Player).where(Player.token_hash == token_hash))
    return result.scalar_one_or_none()


_players = cast(Table, Player.__table__)
_bans = cast(Table, LobbyBan.__table__)
_lobby: BindParameter[int] = bindparam("lobby_id")
_address: BindParameter[str] = bindparam("address")
_lookalike: BindParameter[str] = bindparam("lookalike")
# Everything a join checks about the lobby's people, in one statement built once: how
# many players, how many from this address, whether the name (or a look-alike) is in
# use, whether this address or name is banned.
_JOIN_CHECKS = select(
    select(func.count())
    .select_from(_players)
    .where(_players.c.lobby_id == _lobby)
    .scalar_subquery(),
    select(func.count())
    .select_from(_players)
    .where(_players.c.lobby_id == _lobby, _players.c.address == _address)
    .scalar_subquery(),
    exists().where(
        _players.c.lobby_id == _lobby,
        (_players.c.name_key == bindparam("name_key")) | (_players.c.name_lookalike == _lookalike),
    ),
    exists().where(
        _bans.c.lobby_id == _lobby,
        (_bans.c.address == _address) | (_bans.c.name_lookalike == _lookalike),
    ),
)
_ADD = insert(_players).returning(_players.c.id, _players.c.joined_at)


@dataclass(frozen=True, slots=True)
class JoinChecks:
    players: int
    from_address: int
    name_in_use: bool
    banned: bool


async def join_checks(session: AsyncSession, lobby_id: int, name: str, address: str) -> JoinChecks:
    """What decides whether `name` may join from `address`: see `JoinChecks`."""
    result = await session.execute(
        _JOIN_CHECKS,
        {
            "lobby_id": lobby_id,
            "address": address,
            "name_key": name_key(name),
            "lookalike": name_lookalike(name),
        },
    )
    players, from_address, in_use, banned = result.one()
    return JoinChecks(int(players), int(from_address), bool(in_use), bool(banned))


async def add(
    session: AsyncSession, lobby_id: int, name: str, token_hash: str, address: str | None = None
) -> Player:
    """Insert a player; the unique name constraints raise IntegrityError for a taken name
    (or one that looks the same). A Core INSERT: the returned row is not in the session."""
    values = {
        "lobby_id": lobby_id,
        "name": name,
        "name_key": name_key(name),
        "name_lookalike": name_lookalike(name),
        "token_hash": token_hash,
        "ready": False,
        "connected": False,
        "address": address,
    }
    result = await session.execute(_ADD, values)
    player_id, joined_at = result.one()
    return Player(id=player_id, team_id=None, seen_until=None, joined_at=joined_at, **values)


async def remove(session: AsyncSession, player_id: int) -> None:
    await session.execute(delete(Player).where(Player.id == player_id))
    mark_teams_changed(session)


async def set_team(session: AsyncSession, player: Player, team_id: int | None) -> None:
    await session.execute(update(Player).where(Player.id == player.id).values(team_id=team_id))
    mark_teams_changed(session)


async def set_teams(session: AsyncSession, assignments: Mapping[int, int | None]) -> None:
    # In id order, as every multi-row write here, so two writers never wait on each other.
    for player_id, team_id in sorted(assignments.items()):
        await session.execute(update(Player).where(Player.id == player_id).values(team_id=team_id))
    mark_teams_changed(session)


async def set_ready(session: AsyncSession, player: Player, ready: bool) -> None:
    await session.execute(update(Player).where(Player.id == player.id).values(ready=ready))


async def clear_ready(session: AsyncSession, lobby_id: int) -> None:
    await session.execute(update(Player).where(Player.lobby_id == lobby_id).values(ready=False))


async def name_in_use(session: AsyncSession, lobby_id: int, name: str) -> bool:
    """Whether someone in the lobby has this name, or one that looks the same."""
    result = await session.execute(
        select(Player.id)
        .where(
            Player.lobby_id == lobby_id,
            (Player.name_key == name_key(name)) | (Player.name_lookalike == name_lookalike(name)),
        )
        .limit(1)
    )
    return result.scalar_one_or_none() is not None


async def count_from_address(session: AsyncSession, lobby_id: int, address: str) -> int:
    result = await session.execute(
        select(func.count())
        .select_from(Player)
        .where(Player.lobby_id == lobby_id, Player.address == address)
    )
    return int(result.scalar_one())


async def vouch(session: AsyncSession, player_ids: list[int], until: datetime) -> None:
    """Extend the presence of players whose sockets are open."""
    if not player_ids:
        return
    # Lock in id order first (PostgreSQL locks rows as the sorted scan returns them),
    # as every multi-row write here does, so two writers never wait on each other.
    await session.execute(
        select(Player.id).where(Player.id.in_(player_ids)).order_by(Player.id).with_for_update()
    )
    await session.execute(update(Player).where(Player.id.in_(player_ids)).values(seen_until=until))


async def mark_connected(session: AsyncSession, player_id: int, until: datetime) -> bool:
    """Vouch for a player; True when this newly makes them connected (to be announced)."""
    newly = await session.execute(
        update(Player)
        .where(Player.id == player_id, Player.connected.is_(False))
        .values(connected=True, seen_until=until)
        .returning(Player.id)
    )
    if newly.scalar_one_or_none() is not None:
        return True
    await vouch(session, [player_id], until)
    return False


async def disconnected_among(session: AsyncSession, player_ids: list[int]) -> list[tuple[int, int]]:
    """(player id, lobby id) of these players that the room sees as disconnected."""
    result = await session.execute(
        select(Player.id, Player.lobby_id).where(
            Player.id.in_(player_ids), Player.connected.is_(False)
        )
    )
    return [(int(pid), int(lid)) for pid, lid in result.all()]


async def lobbies_with_expired(session: AsyncSession, now: datetime) -> list[int]:
    """Lobbies where some player's presence ran out (a hint: the claim decides)."""
    result = await session.execute(
        select(Player.lobby_id)
        .where(Player.connected.is_(True), Player.seen_until < now)
        .distinct()
    )
    return [int(lobby_id) for lobby_id in result.scalars()]


async def claim_expired(session: AsyncSession, lobby_id: int, now: datetime) -> list[int]:
    """Mark the lobby's players whose presence ran out as disconnected; their ids.

    The conditional UPDATE is the claim: however many processes sweep at once,
    each disconnect is announced by exactly one of them.
    """
    result = await session.execute(
        update(Player)
        .where(Player.lobby_id == lobby_id, Player.connected.is_(True), Player.seen_until < now)
        .values(connected=False)
        .returning(Player.id)
    )
    return sorted(int(pid) for pid in result.scalars())
