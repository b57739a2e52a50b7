"""Use cases of a lobby as a whole: create, list, look at, delete."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from raddle import wire
from raddle.db import tables
from raddle.db.repositories import lobbies as lobby_rows
from raddle.db.repositories import players as player_rows
from raddle.errors import Conflict, NotFound
from raddle.game.names import clean_lobby_name, fun_lobby_name, new_code, normalise_code
from raddle.limits import LOOKUP_MISSES
from raddle.services.kit.context import Change, Context, retried
from raddle.services.kit.events import ADMIN, PLAYERS, CloseOrder
from raddle.services.kit.guard import checked_name
from raddle.views import lobby as views
from raddle.views.snapshot import Viewer, lobby_snapshot, snapshot_of
from raddle.wire.close import CloseCode
from raddle.wire.events import EventType, LobbyDeleted

CODE_ATTEMPTS = 20


def unknown_lobby(code: str) -> NotFound:
    return NotFound(f"There is no lobby with the code {code!r}.", "lobby_not_found")


async def require_lobby(session: AsyncSession, code: str) -> tables.Lobby:
    normalised = normalise_code(code)
    lobby = await lobby_rows.by_code(session, normalised) if normalised else None
    if lobby is None:
        raise unknown_lobby(code[:12])
    return lobby


async def locked_lobby(change: Change, code: str) -> tables.Lobby:
    """The lobby with this code, its row lock taken (the first lock of every write)."""
    lobby = await require_lobby(change.session, code)
    await change.lock_lobby(lobby.id)
    return lobby


@retried
async def create_lobby(ctx: Context, name: str | None) -> wire.Lobby:
    lobby_name = checked_name(clean_lobby_name, name) if name is not None else None
    for _ in range(CODE_ATTEMPTS):
        try:
            async with ctx.change() as change:
                if await lobby_rows.count(change.session) >= ctx.settings.max_lobbies:
                    raise Conflict(
                        "This server already runs as many lobbies as it may; delete old ones.",
                        "too_many_lobbies",
                    )
                lobby = await lobby_rows.add(
                    change.session,
                    new_code(ctx.rng),
                    lobby_name or fun_lobby_name(ctx.rng),
                    change.now,
                )
                change.lobby_list_changed()
            return views.lobby(lobby, 0)
        except IntegrityError:
            continue  # the code was taken by a live lobby: draw another
    raise RuntimeError("could not find a free lobby code")


async def list_lobbies(ctx: Context) -> list[wire.Lobby]:
    async with ctx.db.read() as session:
        return [views.lobby(row, n) for row, n in await lobby_rows.newest_first(session)]


async def _looked_up(ctx: Context, session: AsyncSession, code: str, address: str) -> tables.Lobby:
    """A lobby anyone may look up by its code. Unknown codes count against the asker's
    address: trying codes is how a stranger would find a lobby."""
    await ctx.limits.refuse_if_exhausted(LOOKUP_MISSES, address)
    try:
        return await require_lobby(session, code)
    except NotFound:
        await ctx.limits.check(LOOKUP_MISSES, address)
        raise


async def summary(ctx: Context, code: str, address: str) -> wire.LobbySummary:
    """What a player sees before joining."""
    generation = ctx.reads.generation
    async with ctx.db.read() as session:
        lobby = await _looked_up(ctx, session, code, address)
        count = await player_rows.count_in_lobby(session, lobby.id)
    result = wire.LobbySummary(
        code=lobby.code, name=lobby.name, phase=lobby.phase, player_count=count, locked=lobby.locked
    )
    ctx.reads.keep_summary(lobby.code, lobby.id, result.model_dump_json().encode(), generation)
    return result


async def snapshot(ctx: Context, code: str) -> wire.LobbySnapshot:
    # One snapshot transaction: the lobby found by its code is the one the snapshot shows.
    async with ctx.db.snapshot() as session:
        lobby = await require_lobby(session, code)
        viewer = Viewer("admin", lobby.id)
        return (await snapshot_of(session, lobby, viewer, ctx.snapshots)).state


async def screen_state(ctx: Context, code: str, address: str) -> wire.LobbySnapshot:
    """What the big screen shows: teams and progress, never answers while a round runs."""
    async with ctx.db.read() as session:
        lobby = await _looked_up(ctx, session, code, address)
    return (await lobby_snapshot(ctx, Viewer("screen", lobby.id))).state


@retried
async def delete_lobby(ctx: Context, code: str) -> None:
    async with ctx.change() as change:
        lobby = await locked_lobby(change, code)
        await announce_deleted(change, lobby.id, lobby.code, "The host closed this lobby.")
        await lobby_rows.remove(change.session, lobby.id)
        change.lobby_list_changed()


async def announce_deleted(change: Change, lobby_id: int, code: str, reason: str) -> None:
    """Tell everyone watching that the lobby is gone and close their sockets; every
    process drops what it kept of the lobby when it hears."""
    data = LobbyDeleted(code=code)
    # Not logged for replay: the log goes with the lobby.
    await change.emit(
        lobby_id,
        EventType.LOBBY_DELETED,
        {ADMIN: data, PLAYERS: data},
        close=CloseOrder(CloseCode.LOBBY_GONE, reason),
        log=False,
    )


@retried
async def set_switches(ctx: Context, code: str, switches: wire.LobbySwitches) -> wire.Lobby:
    """The host locks the lobby, turns the word filter on or off, hides the code."""
    async with ctx.change() as change:
        lobby = await locked_lobby(change, code)
        values = switches.model_dump(exclude_none=True)
        await lobby_rows.set_switches(change.session, lobby, **values)
        state = wire.LobbyState(
            locked=lobby.locked,
            family_friendly=lobby.family_friendly,
            code_hidden=lobby.code_hidden,
        )
        await change.emit(lobby.id, EventType.LOBBY_UPDATED, {ADMIN: state, PLAYERS: state})
        change.lobby_list_changed()
        count = await player_rows.count_in_lobby(change.session, lobby.id)
    return views.lobby(lobby, count)
