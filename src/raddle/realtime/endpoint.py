"""The /ws endpoint: origin check, first-frame auth, then the client's messages."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from starlette.websockets import WebSocket, WebSocketDisconnect

from raddle.db.repositories import lobbies as lobby_rows
from raddle.errors import GameError
from raddle.game.names import normalise_code
from raddle.limits import LOOKUP_MISSES, TokenBucket
from raddle.net import same_origin
from raddle.realtime.connection import Connection
from raddle.realtime.protocol import (
    AUTH_SECONDS,
    CLOSE_FLOOD,
    CLOSE_ORIGIN,
    CLOSE_TOO_MANY,
    CLOSE_TRY_AGAIN,
    FrameError,
    encode,
    error_frame,
    parse,
)
from raddle.realtime.server import Realtime
from raddle.realtime.wire import direct_writer
from raddle.schemas import iso_utc
from raddle.services import admin_auth, players
from raddle.services.context import Context
from raddle.services.events import CLOSE_UNAUTHORIZED
from raddle.tokens import hash_token

log = logging.getLogger("raddle.realtime")

MESSAGES_PER_SECOND = 20.0
MESSAGE_BURST = 40.0
# Refusals tolerated before a flooding client is disconnected.
FLOOD_STRIKES = 20


class AuthFailed(Exception):
    pass


def origin_allowed(websocket: WebSocket, allowed: list[str]) -> bool:
    """Browsers send Origin; it must be this server, reached with the same scheme
    (https pages open wss sockets), or a configured origin. The Host it is compared
    with has already passed the allowed-hosts check, so a rebound name cannot pose as
    this server.

    Clients that are not browsers send none and are let through: Origin protects
    browser users' credentials from other sites, not the server from scripts.
    """
    origin = websocket.headers.get("origin")
    if origin is None:
        return True
    host = websocket.headers.get("host", "")
    if same_origin(origin, host, websocket.url.scheme):
        return True
    return origin.rstrip("/").lower() in {o.lower() for o in allowed}


def client_address(websocket: WebSocket) -> str:
    return websocket.client.host if websocket.client else "unknown"


async def serve(websocket: WebSocket) -> None:
    ctx: Context = websocket.app.state.context
    realtime: Realtime = websocket.app.state.realtime
    if not origin_allowed(websocket, ctx.settings.cors_origins):
        await websocket.close(code=CLOSE_ORIGIN, reason="This origin may not connect.")
        return
    address = client_address(websocket)
    seat = await realtime.sockets.take(address)
    if seat is None:
        await websocket.close(code=CLOSE_TOO_MANY, reason="Too many open sockets from here.")
        return
    try:
        await _serve(websocket, ctx, realtime)
    finally:
        await realtime.sockets.give_back(address, seat)


async def _serve(websocket: WebSocket, ctx: Context, realtime: Realtime) -> None:
    await websocket.accept()
    try:
        connection, last_seq = await _authenticate(websocket, ctx)
    except AuthFailed as exc:
        with contextlib.suppress(Exception):
            await websocket.close(code=CLOSE_UNAUTHORIZED, reason=str(exc)[:120])
        return
    except WebSocketDisconnect:
        return
    connection.direct = direct_writer(websocket.scope)
    connection.start_writer()
    try:
        connection.send_message(_welcome(connection, websocket))
        try:
            await realtime.attach(connection, last_seq)
        except GameError as exc:
            connection.close(CLOSE_UNAUTHORIZED, exc.detail)
            return
        except Exception:
            log.exception("could not bring a socket up to date")
            connection.close(CLOSE_TRY_AGAIN, "The server could not load this lobby; reconnect.")
            return
        await _read_loop(websocket, connection, realtime)
    finally:
        await realtime.detach(connection)


def _welcome(connection: Connection, websocket: WebSocket) -> dict[str, Any]:
    from datetime import UTC, datetime

    welcome: dict[str, Any] = {
        "type": "welcome",
        "role": connection.role,
        "lobby": websocket.scope.get("raddle_lobby_code"),
        "server_time": iso_utc(datetime.now(UTC)),
    }
    if connection.player_id is not None:
        welcome["player_id"] = connection.player_id
    return welcome


async def _authenticate(websocket: WebSocket, ctx: Context) -> tuple[Connection, int | None]:
    try:
        async with asyncio.timeout(AUTH_SECONDS):
            message = await websocket.receive()
    except TimeoutError:
        raise AuthFailed("No auth frame within 5 seconds.") from None
    if message["type"] == "websocket.disconnect":
        raise WebSocketDisconnect(message.get("code", 1000))
    try:
        frame = parse(message.get("text"), message.get("bytes"))
    except FrameError as exc:
        raise AuthFailed(exc.detail) from None
    if frame["type"] != "auth":
        raise AuthFailed("The first frame must be an auth frame.")
    last_seq = frame.get("last_seq")
    if last_seq is not None and (isinstance(last_seq, bool) or not isinstance(last_seq, int)):
        raise AuthFailed("'last_seq' must be a whole number.")
    limit = ctx.settings.ws_queue_limit
    token = frame.get("token")
    screen = frame.get("screen")
    lobby_code = frame.get("lobby")
    if isinstance(screen, str):
        lobby = await _lobby_by_code(ctx, screen, client_address(websocket))
        websocket.scope["raddle_lobby_code"] = lobby[1]
        return Connection(websocket, "screen", lobby[0], queue_limit=limit), last_seq
    if not isinstance(token, str) or not token or len(token) > 256:
        raise AuthFailed("Send a player or host token.")
    if await admin_auth.is_admin(ctx, token):
        session = hash_token(token)
        if lobby_code is None:
            host = Connection(websocket, "admin", None, queue_limit=limit, admin_token_hash=session)
            return host, None
        if not isinstance(lobby_code, str):
            raise AuthFailed("'lobby' must be a lobby code.")
        lobby = await _lobby_by_code(ctx, lobby_code, None)
        websocket.scope["raddle_lobby_code"] = lobby[1]
        host = Connection(websocket, "admin", lobby[0], queue_limit=limit, admin_token_hash=session)
        return host, last_seq
    try:
        who = await players.identify(ctx, token)
    except GameError:
        raise AuthFailed("This token is not valid (any more).") from None
    websocket.scope["raddle_lobby_code"] = who.lobby.code
    return Connection(websocket, "player", who.lobby.id, who.player.id, limit), last_seq


async def _lobby_by_code(ctx: Context, raw: str, address: str | None) -> tuple[int, str]:
    """The lobby a big screen or host names. A big screen needs no credentials, so its
    misses count against its address like unknown codes looked up over HTTP."""
    if address is not None and await ctx.limits.exhausted(LOOKUP_MISSES, address):
        raise AuthFailed("Too many unknown lobby codes from here; wait.")
    code = normalise_code(raw[:16])
    if code is not None:
        async with ctx.db.read() as session:
            lobby = await lobby_rows.by_code(session, code)
        if lobby is not None:
            return lobby.id, lobby.code
    if address is not None:
        with contextlib.suppress(GameError):
            await ctx.limits.check(LOOKUP_MISSES, address)
    raise AuthFailed("There is no lobby with that code.")


async def _read_loop(websocket: WebSocket, connection: Connection, realtime: Realtime) -> None:
    bucket = TokenBucket(MESSAGES_PER_SECOND, MESSAGE_BURST)
    strikes = 0
    while not connection.closed:
        message = await websocket.receive()
        if message["type"] == "websocket.disconnect":
            return
        if not bucket.take():
            strikes += 1
            if strikes > FLOOD_STRIKES:
                connection.close(CLOSE_FLOOD, "Too many messages.")
                return
            connection.send(error_frame("rate_limited", "Slow down: too many messages."))
            continue
        frame: dict[str, Any] = {}
        try:
            frame = parse(message.get("text"), message.get("bytes"))
            await _handle(frame, connection, realtime)
        except FrameError as exc:
            connection.send(error_frame(exc.code, exc.detail, exc.ref))
        except GameError as exc:
            connection.send(error_frame(exc.code, exc.detail, frame.get("ref")))
        except Exception:
            # A fault of ours must not cost the player their connection.
            log.exception("unhandled error on a socket message")
            connection.send(
                error_frame(
                    "internal_error", "Something went wrong on the server.", frame.get("ref")
                )
            )


async def _handle(frame: dict[str, Any], connection: Connection, realtime: Realtime) -> None:
    kind = frame["type"]
    ref = frame.get("ref")
    ctx = realtime.ctx
    if kind == "ping":
        connection.send(encode({"type": "pong", "ref": ref}))
    elif kind == "resync":
        if connection.lobby_id is None:
            connection.send_message(await realtime.lobbies_message())
        else:
            await realtime.bring_up_to_date(connection)
    elif kind == "auth":
        raise FrameError("bad_frame", "Already authenticated.", ref)
    elif connection.role != "player" or connection.player_id is None:
        raise FrameError("read_only", "Only players can do that.", ref)
    elif kind == "ready":
        ready = frame.get("ready")
        if not isinstance(ready, bool):
            raise FrameError("bad_frame", "'ready' must be true or false.", ref)
        await players.set_ready(ctx, connection.player_id, ready)
        connection.send(encode({"type": "ack", "ref": ref}))
    elif kind in ("guess", "hint"):
        await realtime.play(connection, kind, frame)
    else:  # pragma: no cover - parse() admits only known types
        raise FrameError("unknown_type", "Unknown message type.", ref)
