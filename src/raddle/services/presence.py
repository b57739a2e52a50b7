"""Presence: a player is connected while a socket vouches for them, plus a grace period.

Sockets vouch for their players in the database (`players.seen_until`), so every
server process sees the same presence and a crashed process's players simply
expire. Announcing a change is claimed by a conditional UPDATE, so it happens once.
"""

from __future__ import annotations

from datetime import timedelta

from raddle.db.repositories import players as player_rows
from raddle.services.context import Context, retried
from raddle.services.players import player_event
from raddle.wire.events import EventType, PlayerPresence

# How long one heartbeat vouches for an open socket; heartbeats come more often.
VOUCH_SECONDS = 30.0
HEARTBEAT_SECONDS = 10.0


@retried
async def socket_opened(ctx: Context, lobby_id: int, player_id: int) -> None:
    until = ctx.clock() + timedelta(seconds=VOUCH_SECONDS)
    async with ctx.change() as change:
        await change.lock_lobby(lobby_id)
        if await player_rows.mark_connected(change.session, player_id, until):
            await player_event(
                change, lobby_id, EventType.PLAYER_CONNECTED, PlayerPresence(player_id=player_id)
            )


@retried
async def last_socket_closed(ctx: Context, player_id: int) -> None:
    """Start the grace period; the sweeper announces the disconnect if nobody returns."""
    until = ctx.clock() + timedelta(seconds=ctx.settings.presence_grace_seconds)
    async with ctx.change() as change:
        await player_rows.vouch(change.session, [player_id], until)


async def heartbeat(ctx: Context, player_ids: list[int]) -> None:
    """Vouch for the players with sockets here, and announce again any of them the
    room was told had gone: another process may have ended their presence while a
    socket here still stood (a reload that landed here before the old socket's end
    was noticed there)."""
    if not player_ids:
        return
    await _vouch(ctx, player_ids)
    async with ctx.db.read() as session:
        gone = await player_rows.disconnected_among(session, player_ids)
    for player_id, lobby_id in gone:
        await socket_opened(ctx, lobby_id, player_id)


@retried
async def _vouch(ctx: Context, player_ids: list[int]) -> None:
    until = ctx.clock() + timedelta(seconds=VOUCH_SECONDS)
    async with ctx.change() as change:
        await player_rows.vouch(change.session, player_ids, until)


async def sweep(ctx: Context) -> int:
    """Announce every disconnect whose grace has run out; how many there were."""
    async with ctx.db.read() as session:
        lobby_ids = await player_rows.lobbies_with_expired(session, ctx.clock())
    return sum([await _sweep_lobby(ctx, lobby_id) for lobby_id in lobby_ids])


@retried
async def _sweep_lobby(ctx: Context, lobby_id: int) -> int:
    async with ctx.change() as change:
        await change.lock_lobby(lobby_id)
        expired = await player_rows.claim_expired(change.session, lobby_id, ctx.clock())
        for player_id in expired:
            await player_event(
                change,
                lobby_id,
                EventType.PLAYER_DISCONNECTED,
                PlayerPresence(player_id=player_id),
            )
    return len(expired)
