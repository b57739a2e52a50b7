"""Use cases of a player: join, who am I, leave, be moved, be kicked, get ready."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from raddle import wire
from raddle.db import tables
from raddle.db.repositories import bans as ban_rows
from raddle.db.repositories import lobbies as lobby_rows
from raddle.db.repositories import players as player_rows
from raddle.db.repositories import teams as team_rows
from raddle.errors import Conflict, Forbidden, NotFound, Unauthorized
from raddle.game.names import clean_player_name, name_lookalike
from raddle.game.wordfilter import is_unfriendly
from raddle.services.kit.context import Change, Context, retried
from raddle.services.kit.events import ADMIN, PLAYERS, CloseOrder
from raddle.services.kit.guard import checked_name, unfriendly_name
from raddle.services.lobbies import locked_lobby
from raddle.tokens import hash_token, new_token
from raddle.views import lobby as views
from raddle.wire.close import CloseCode
from raddle.wire.events import (
    EventBody,
    EventType,
    PlayerGone,
    PlayerJoined,
    PlayerMoved,
    PlayerReady,
    Roster,
)


@dataclass(frozen=True)
class Identity:
    """A player as their token proves them to be."""

    player: tables.Player
    lobby: tables.Lobby


def name_taken(name: str) -> Conflict:
    return Conflict(
        f"Someone in this lobby is already called {name!r} (or a name that looks the same).",
        "name_taken",
    )


async def roster_event(
    change: Change,
    lobby_id: int,
    type_: EventType,
    body: Callable[[list[wire.Team], list[wire.Player]], EventBody] | None = None,
) -> views.Roster:
    """Emit a change of teams with the whole roster, so every screen can redraw from it;
    `body` makes the event's body from the teams and players (the roster alone without)."""
    roster = await views.load_roster(change.session, lobby_id)
    teams, players = roster.teams, roster.players
    payload = body(teams, players) if body else Roster(teams=teams, players=players)
    await change.emit(lobby_id, type_, {ADMIN: payload, PLAYERS: payload})
    return roster


async def player_event(change: Change, lobby_id: int, type_: EventType, body: EventBody) -> None:
    """Emit a change of one player with just that player's part: these come often
    (joins, ready marks, presence) and must not cost the size of the lobby."""
    await change.emit(lobby_id, type_, {ADMIN: body, PLAYERS: body})


@retried
async def join_lobby(
    ctx: Context, code: str, raw_name: str, address: str = "unknown"
) -> wire.JoinResult:
    name = checked_name(clean_player_name, raw_name)
    token = new_token()
    try:
        async with ctx.change() as change:
            session = change.session
            lobby = await locked_lobby(change, code)
            if lobby.locked:
                raise Forbidden("The host has locked this lobby: no new players.", "lobby_locked")
            checks = await player_rows.join_checks(session, lobby.id, name, address)
            if checks.banned:
                raise Forbidden("The host has removed you from this lobby.", "banned")
            if lobby.family_friendly and is_unfriendly(name):
                raise unfriendly_name("name")
            if checks.players >= ctx.settings.max_players_per_lobby:
                raise Conflict("This lobby is full.", "lobby_full")
            if checks.from_address >= ctx.settings.max_players_per_address:
                raise Conflict(
                    "Too many players in this lobby have joined from here.", "too_many_from_here"
                )
            if checks.name_in_use:
                raise name_taken(name)
            player = await player_rows.add(session, lobby.id, name, hash_token(token), address)
            joined = views.player(player)
            await player_event(
                change, lobby.id, EventType.PLAYER_JOINED, PlayerJoined(player=joined)
            )
            change.lobby_list_changed()
    except IntegrityError as exc:
        # Two joins raced past the check: the unique constraint decided.
        raise name_taken(name) from exc
    return wire.JoinResult(player=joined, token=token)


async def identify(ctx: Context, token: str) -> Identity:
    async with ctx.db.read() as session:
        return await _identify(session, token)


async def _identify(session: AsyncSession, token: str) -> Identity:
    player = await player_rows.by_token_hash(session, hash_token(token))
    if player is None:
        raise Unauthorized("This player token is not valid (any more).", "bad_token")
    lobby = await lobby_rows.by_id(session, player.lobby_id)
    if lobby is None:
        raise Unauthorized("This player's lobby is gone.", "bad_token")
    return Identity(player, lobby)


async def me(ctx: Context, token: str) -> wire.Me:
    generation = ctx.reads.generation
    async with ctx.db.read() as session:
        who = await _identify(session, token)
        count = await player_rows.count_in_lobby(session, who.lobby.id)
        team_count = await team_rows.count_in_lobby(session, who.lobby.id)
    result = wire.Me(
        player=views.player(who.player),
        lobby=views.lobby(who.lobby, count, team_count),
    )
    body = result.model_dump_json().encode()
    ctx.reads.keep_identity(who.player.token_hash, who.lobby.id, body, generation)
    return result


@retried
async def leave(ctx: Context, token: str) -> None:
    async with ctx.change() as change:
        who = await _identify(change.session, token)
        player = await _locked_player(change, who.player.id)
        await _remove(change, player, EventType.PLAYER_LEFT, CloseCode.LEFT, "You left the lobby.")


@retried
async def kick(ctx: Context, player_id: int, ban: bool = False) -> None:
    """Remove a player; with `ban`, also for good: no new join under a name that looks
    the same, nor from their address when nobody else in the lobby shares it (at a
    venue where everyone shares one address, that would bar the whole room)."""
    async with ctx.change() as change:
        player = await _locked_player(change, player_id)
        if ban:
            address = player.address
            if address is not None and (
                await player_rows.count_from_address(change.session, player.lobby_id, address) > 1
            ):
                address = None
            await ban_rows.add(
                change.session, player.lobby_id, address, name_lookalike(player.name)
            )
        await _remove(
            change,
            player,
            EventType.PLAYER_KICKED,
            CloseCode.KICKED,
            "The host removed you from the lobby.",
        )


async def _remove(
    change: Change, player: tables.Player, type_: EventType, code: CloseCode, reason: str
) -> None:
    lobby_id = player.lobby_id
    await player_rows.remove(change.session, player.id)
    # With the team they were on, so teammates can be told who left them.
    payload = PlayerGone(player_id=player.id, name=player.name, team_id=player.team_id)
    await change.emit(
        lobby_id,
        type_,
        {ADMIN: payload, PLAYERS: payload},
        close=CloseOrder(code, reason, player_id=player.id),
    )
    change.lobby_list_changed()


async def _locked_player(change: Change, player_id: int) -> tables.Player:
    """The player, their lobby's row lock taken first and the row read again under it."""
    player = await player_rows.by_id(change.session, player_id)
    if player is not None:
        await change.lock_lobby(player.lobby_id)
        player = await player_rows.by_id(change.session, player_id, fresh=True)
    if player is None:
        raise NotFound(f"There is no player with id {player_id}.", "player_not_found")
    return player


@retried
async def move(ctx: Context, player_id: int, team_id: int | None) -> wire.Player:
    """Put a player on a team (or on none). Mid-round, the player takes up the new team's ladder."""
    async with ctx.change() as change:
        player = await _locked_player(change, player_id)
        if team_id is not None:
            team = await team_rows.by_id(change.session, team_id)
            if team is None or team.lobby_id != player.lobby_id:
                raise NotFound(
                    f"There is no team with id {team_id} in this lobby.", "team_not_found"
                )
        await player_rows.set_team(change.session, player, team_id)
        await player_event(
            change,
            player.lobby_id,
            EventType.PLAYER_MOVED,
            PlayerMoved(player_id=player.id, team_id=team_id),
        )
    return views.player(player)


@retried
async def set_ready(ctx: Context, player_id: int, ready: bool) -> wire.Player:
    # Every mark is an event to the whole room: one player must not flood it.
    await ctx.limits.ready(player_id)
    async with ctx.change() as change:
        player = await _locked_player(change, player_id)
        await player_rows.set_ready(change.session, player, ready)
        await player_event(
            change,
            player.lobby_id,
            EventType.PLAYER_READY,
            PlayerReady(player_id=player.id, ready=ready),
        )
    return views.player(player)
