"""The /ws endpoint: origin check, first-frame auth, then the client's messages."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import UTC, datetime

from starlette.websockets import WebSocket, WebSocketDisconnect

from raddle.db.repositories import lobbies as lobby_rows
from raddle.errors import GameError
from raddle.game.names import normalise_code
from raddle.limits import LOOKUP_MISSES, TokenBucket
from raddle.net import same_origin
from raddle.realtime.connection import Connection
from raddle.realtime.direct import direct_writer
from raddle.realtime.protocol import AUTH_SECONDS, FrameError, encode_frame, error_frame, parse
from raddle.realtime.server import Realtime
from raddle.services import admin_auth, players
from raddle.services.kit.context import Context
from raddle.tokens import hash_token
from raddle.wire.close import CloseCode
from raddle.wire.events import WelcomeFrame
from raddle.wire.messages import AuthMessage

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
        await websocket.close(code=CloseCode.ORIGIN, reason="This origin may not connect.")
        return
    address = client_address(websocket)
    seat = await realtime.sockets.take(address)
    if seat is None:
        await websocket.close(code=CloseCode.TOO_MANY, reason="Too many open sockets from here.")
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
            await websocket.close(code=CloseCode.UNAUTHORIZED, reason=str(exc)[:120])
        return
    except WebSocketDisconnect:
        return
    connection.write_directly_with(direct_writer(websocket.scope, realtime.gathered))
    connection.start_writer()
    try:
        connection.send(encode_frame(_welcome(connection)))
        try:
            await realtime.attach(connection, last_seq)
        except GameError as exc:
            connection.close(CloseCode.UNAUTHORIZED, exc.detail)
            return
        except Exception:
            log.exception("could not bring a socket up to date")
            connection.close(
                CloseCode.TRY_AGAIN, "The server could not load this lobby; reconnect."
            )
            return
        await _read_loop(websocket, connection, realtime)
    finally:
        await realtime.detach(connection)


def _welcome(connection: Connection) -> WelcomeFrame:
    return WelcomeFrame(
        role=connection.role,
        lobby=connection.lobby_code,
        server_time=datetime.now(UTC),
        player_id=connection.player_id,
    )


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
    if not isinstance(frame, AuthMessage):
        raise AuthFailed("The first frame must be an auth frame.")
    last_seq = frame.last_seq
    limit = ctx.settings.ws_queue_limit
    token, screen, lobby_code = frame.token, frame.screen, frame.lobby
    if screen is not None:
        lobby_id, code = await _lobby_by_code(ctx, screen, client_address(websocket))
        screen_socket = Connection(
            websocket, "screen", lobby_id, queue_limit=limit, lobby_code=code
        )
        return screen_socket, last_seq
    if not token:
        raise AuthFailed("Send a player or host token.")
    if await admin_auth.is_admin(ctx, token):
        session = hash_token(token)
        if lobby_code is None:
            host = Connection(websocket, "admin", None, queue_limit=limit, admin_token_hash=session)
            return host, None
        lobby_id, code = await _lobby_by_code(ctx, lobby_code, None)
        host = Connection(
            websocket,
            "admin",
            lobby_id,
            queue_limit=limit,
            lobby_code=code,
            admin_token_hash=session,
        )
        return host, last_seq
    try:
        who = await players.identify(ctx, token)
    except GameError:
        raise AuthFailed("This token is not valid (any more).") from None
    player = Connection(
        websocket,
        "player",
        who.lobby.id,
        queue_limit=limit,
        lobby_code=who.lobby.code,
        player_id=who.player.id,
    )
    return player, last_seq


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
                connection.close(CloseCode.FLOOD, "Too many messages.")
                return
            connection.send(error_frame("rate_limited", "Slow down: too many messages."))
            continue
        ref: str | None = None
        try:
            frame = parse(message.get("text"), message.get("bytes"))
            ref = frame.ref
            await realtime.handle(connection, frame)
        except FrameError as exc:
            connection.send(error_frame(exc.code, exc.detail, exc.ref))
        except GameError as exc:
            connection.send(error_frame(exc.code, exc.detail, ref))
        except Exception:
            # A fault of ours must not cost the player their connection.
            log.exception("unhandled error on a socket message")
            connection.send(
                error_frame("internal_error", "Something went wrong on the server.", ref)
            )
