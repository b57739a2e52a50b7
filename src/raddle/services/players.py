"""Use cases of a player: join, who am I, leave, be moved, be kicked, get ready."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from raddle import schemas
from raddle.db import tables
from raddle.db.repositories import lobbies as lobby_rows
from raddle.db.repositories import players as player_rows
from raddle.db.repositories import teams as team_rows
from raddle.errors import Conflict, NotFound, Unauthorized
from raddle.game.names import clean_player_name, name_key
from raddle.services import views
from raddle.services.context import Change, Context, retried
from raddle.services.events import ADMIN, CLOSE_KICKED, CLOSE_LEFT, PLAYERS, CloseOrder
from raddle.services.guard import checked_name
from raddle.services.lobbies import locked_lobby
from raddle.tokens import hash_token, new_token


@dataclass(frozen=True)
class Identity:
    """A player as their token proves them to be."""

    player: tables.Player
    lobby: tables.Lobby


def name_taken(name: str) -> Conflict:
    return Conflict(f"Someone in this lobby is already called {name!r}.", "name_taken")


async def roster_event(change: Change, lobby_id: int, type_: str, **data: object) -> views.Roster:
    """Emit a change of teams with the whole roster, so every screen can redraw from it."""
    roster = await views.load_roster(change.session, lobby_id)
    payload = {**data, **roster.wire()}
    await change.emit(lobby_id, type_, {ADMIN: payload, PLAYERS: payload})
    return roster


async def player_event(change: Change, lobby_id: int, type_: str, **data: object) -> None:
    """Emit a change of one player with just that player's part: these come often
    (joins, ready marks, presence) and must not cost the size of the lobby."""
    await change.emit(lobby_id, type_, {ADMIN: data, PLAYERS: data})


@retried
async def join_lobby(ctx: Context, code: str, raw_name: str) -> schemas.JoinResult:
    name = checked_name(clean_player_name, raw_name)
    token = new_token()
    try:
        async with ctx.change() as change:
            lobby = await locked_lobby(change, code)
            if await player_rows.count_in_lobby(change.session, lobby.id) >= (
                ctx.settings.max_players_per_lobby
            ):
                raise Conflict("This lobby is full.", "lobby_full")
            if await player_rows.name_in_use(change.session, lobby.id, name_key(name)):
                raise name_taken(name)
            player = await player_rows.add(change.session, lobby.id, name, hash_token(token))
            wire = views.player(player)
            await player_event(
                change, lobby.id, "player_joined", player=wire.model_dump(mode="json")
            )
            change.lobby_list_changed()
    except IntegrityError as exc:
        # Two joins raced past the check: the unique constraint decided.
        raise name_taken(name) from exc
    return schemas.JoinResult(player=wire, token=token)


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


async def me(ctx: Context, token: str) -> schemas.Me:
    generation = ctx.reads.generation
    async with ctx.db.read() as session:
        who = await _identify(session, token)
        count = await player_rows.count_in_lobby(session, who.lobby.id)
        team_count = await team_rows.count_in_lobby(session, who.lobby.id)
    result = schemas.Me(
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
        await _remove(change, player, "player_left", CLOSE_LEFT, "You left the lobby.")


@retried
async def kick(ctx: Context, player_id: int) -> None:
    async with ctx.change() as change:
        player = await _locked_player(change, player_id)
        await _remove(
            change,
            player,
            "player_kicked",
            CLOSE_KICKED,
            "The host removed you from the lobby.",
        )


async def _remove(
    change: Change, player: tables.Player, type_: str, code: int, reason: str
) -> None:
    lobby_id = player.lobby_id
    await player_rows.remove(change.session, player.id)
    payload = {"player_id": player.id, "name": player.name}
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
async def move(ctx: Context, player_id: int, team_id: int | None) -> schemas.Player:
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
            change, player.lobby_id, "player_moved", player_id=player.id, team_id=team_id
        )
    return views.player(player)


@retried
async def set_ready(ctx: Context, player_id: int, ready: bool) -> schemas.Player:
    async with ctx.change() as change:
        player = await _locked_player(change, player_id)
        await player_rows.set_ready(change.session, player, ready)
        await player_event(
            change, player.lobby_id, "player_ready", player_id=player.id, ready=ready
        )
    return views.player(player)
