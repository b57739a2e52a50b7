"""The live side of one server process: sockets, the hub, presence upkeep."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from functools import cached_property
from typing import Any

from raddle.realtime.connection import Connection
from raddle.realtime.direct import Gathered
from raddle.realtime.fanout import Fanout
from raddle.realtime.hub import Hub, HubListener, make_hub
from raddle.realtime.protocol import FrameError, encode_frame, reply_frame
from raddle.realtime.seats import RENEW_SECONDS, SocketSeats
from raddle.services import admin_auth, lobbies, play, players, presence, rounds
from raddle.services.kit.context import Context
from raddle.views import snapshot as snapshots
from raddle.views.snapshot import Replay, Viewer
from raddle.wire.close import CloseCode
from raddle.wire.events import (
    AckFrame,
    EventType,
    LobbiesFrame,
    PongFrame,
    SnapshotFrame,
)
from raddle.wire.messages import (
    AuthMessage,
    ClientMessage,
    GuessMessage,
    HintMessage,
    MessageType,
    PingMessage,
    ReadyMessage,
    ResyncMessage,
)

log = logging.getLogger("raddle.realtime")

SWEEP_SECONDS = 2.0
COUNTDOWN_POLL_SECONDS = 0.25
DASHBOARD_DEBOUNCE_SECONDS = 0.1


class Realtime:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.fanout = Fanout(
            lambda lobby, after, upto: snapshots.logged_events(ctx, lobby, after, upto)
        )
        redis_url = ctx.settings.redis_url
        self.hub: Hub = make_hub(
            self.fanout,
            ctx.settings,
            HubListener(
                lobby_list_changed=self._lobby_list_changed,
                reconnected=self._resync_everyone,
                remote_change=ctx.reads.lobby_changed,
            ),
        )
        self._tasks: list[asyncio.Task[None]] = []
        # Frames handed to this server's sockets in one turn of the loop (direct.py).
        self.gathered = Gathered()
        self._dashboard_timer: asyncio.TimerHandle | None = None
        self._sockets_per_player: dict[int, int] = {}
        # Open sockets per client address, shared by every process through Redis.
        self.sockets = SocketSeats(
            ctx.settings.max_sockets_per_address, redis_url, ctx.settings.redis_prefix
        )

    async def start(self) -> None:
        await self.hub.start()
        loop = asyncio.get_running_loop()
        self._tasks = [loop.create_task(self._upkeep()), loop.create_task(self._countdowns())]

    async def stop(self) -> None:
        for connection in self.fanout.connections():
            connection.abort(CloseCode.RESTART, "The server is restarting; reconnect shortly.")
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(BaseException):
                await task
        await self.hub.stop()
        await self.sockets.close()

    # -- sockets -------------------------------------------------------------------

    async def attach(self, connection: Connection, last_seq: int | None) -> None:
        """Register a socket, then bring it up to date (snapshot or replay)."""
        connection.when_resync_needed(self._schedule_resync)
        if self.fanout.add(connection) and connection.lobby_id is not None:
            await self.hub.listen(connection.lobby_id)
        if connection.lobby_id is None:
            connection.send(encode_frame(await self.lobbies_message()))
            connection.go_live(0, None)
            return
        await self.bring_up_to_date(connection, last_seq)
        if connection.player_id is not None:
            count = self._sockets_per_player.get(connection.player_id, 0) + 1
            self._sockets_per_player[connection.player_id] = count
            await presence.socket_opened(self.ctx, connection.lobby_id, connection.player_id)

    async def detach(self, connection: Connection) -> None:
        if self.fanout.remove(connection) and connection.lobby_id is not None:
            await self.hub.unlisten(connection.lobby_id)
        player_id = connection.player_id
        if player_id is not None and player_id in self._sockets_per_player:
            remaining = self._sockets_per_player[player_id] - 1
            if remaining > 0:
                self._sockets_per_player[player_id] = remaining
            else:
                del self._sockets_per_player[player_id]
                with contextlib.suppress(Exception):
                    await presence.last_socket_closed(self.ctx, player_id)
        await connection.finish()

    async def bring_up_to_date(self, connection: Connection, last_seq: int | None = None) -> None:
        assert connection.lobby_id is not None
        viewer = Viewer(connection.role, connection.lobby_id, connection.player_id)
        connection.catching_up()
        if last_seq is not None:
            result = await snapshots.catch_up(self.ctx, viewer, last_seq)
        else:
            result = await snapshots.lobby_snapshot(self.ctx, viewer)
        if isinstance(result, Replay):
            connection.go_live(last_seq or 0, result.team_id, result.events)
            return
        connection.send(encode_frame(SnapshotFrame(seq=result.seq, state=result.state)))
        connection.go_live(result.seq, result.team_id)

    def _resync_everyone(self) -> None:
        """After missing events (a hub outage), every socket here gets a fresh snapshot
        and the read model starts afresh."""
        self.ctx.reads.clear()
        for connection in self.fanout.connections():
            if connection.lobby_id is not None and not connection.closed:
                connection.catching_up()
                self._schedule_resync(connection)
        self._lobby_list_changed()

    def _schedule_resync(self, connection: Connection) -> None:
        asyncio.get_running_loop().create_task(self._resync(connection))

    async def _resync(self, connection: Connection) -> None:
        try:
            await self.bring_up_to_date(connection)
        except Exception as exc:
            log.info("resync failed: %s", type(exc).__name__)
            connection.close(CloseCode.LOBBY_GONE, "This lobby or player is gone.")

    # -- the host's lobby list -----------------------------------------------------------

    def _lobby_list_changed(self) -> None:
        if not self.fanout.dashboards or self._dashboard_timer is not None:
            return
        self._dashboard_timer = asyncio.get_running_loop().call_later(
            DASHBOARD_DEBOUNCE_SECONDS, self._refresh_dashboards
        )

    def _refresh_dashboards(self) -> None:
        self._dashboard_timer = None
        asyncio.get_running_loop().create_task(self._send_dashboards())

    async def _send_dashboards(self) -> None:
        try:
            self.fanout.broadcast_dashboards(encode_frame(await self.lobbies_message()))
        except Exception:
            log.exception("could not refresh the lobby list")

    async def lobbies_message(self) -> LobbiesFrame:
        return LobbiesFrame(lobbies=await lobbies.list_lobbies(self.ctx))

    # -- countdowns -------------------------------------------------------------------

    async def _countdowns(self) -> None:
        """End rounds whose countdown ran out; every process looks, one wins each."""
        while True:
            await asyncio.sleep(COUNTDOWN_POLL_SECONDS)
            try:
                await rounds.end_due_rounds(self.ctx)
            except Exception as exc:
                log.warning("countdown check failed: %s", type(exc).__name__)

    # -- presence upkeep -------------------------------------------------------------

    async def _upkeep(self) -> None:
        ticks = 0
        sweep_every = min(SWEEP_SECONDS, self.ctx.settings.presence_grace_seconds / 2)
        while True:
            await asyncio.sleep(sweep_every)
            ticks += 1
            try:
                if ticks % round(presence.HEARTBEAT_SECONDS / sweep_every) == 0:
                    await presence.heartbeat(self.ctx, list(self._sockets_per_player))
                if ticks % max(1, round(RENEW_SECONDS / sweep_every)) == 0:
                    await self.sockets.renew()
                await presence.sweep(self.ctx)
                await self._close_logged_out_hosts()
            except Exception as exc:
                log.warning("presence upkeep failed: %s", type(exc).__name__)

    async def _close_logged_out_hosts(self) -> None:
        """A host's sockets end with the login session (logged out or expired),
        whichever process the logout went through."""
        hosts = [c for c in self.fanout.connections() if c.admin_token_hash is not None]
        if not hosts:
            return
        valid = await admin_auth.valid_sessions(self.ctx, {c.admin_token_hash for c in hosts})
        for connection in hosts:
            if connection.admin_token_hash not in valid:
                connection.close(CloseCode.UNAUTHORIZED, "Your host session ended; log in again.")

    # -- what clients send ----------------------------------------------------------

    async def handle(self, connection: Connection, message: ClientMessage) -> None:
        """Act on one message of an authenticated socket, by its type."""
        await self._handlers[message.type](connection, message)

    @cached_property
    def _handlers(self) -> dict[MessageType, Handler]:
        return {
            MessageType.AUTH: self._auth,
            MessageType.PING: self._ping,
            MessageType.RESYNC: self._resync_asked,
            MessageType.READY: self._ready,
            MessageType.GUESS: self._guess,
            MessageType.HINT: self._hint,
        }

    async def _auth(self, connection: Connection, message: AuthMessage) -> None:
        raise FrameError("bad_frame", "Already authenticated.", message.ref)

    async def _ping(self, connection: Connection, message: PingMessage) -> None:
        connection.send(encode_frame(PongFrame(ref=message.ref)))

    async def _resync_asked(self, connection: Connection, message: ResyncMessage) -> None:
        if connection.lobby_id is None:
            connection.send(encode_frame(await self.lobbies_message()))
        else:
            await self.bring_up_to_date(connection)

    async def _ready(self, connection: Connection, message: ReadyMessage) -> None:
        await players.set_ready(self.ctx, _player(connection, message.ref), message.ready)
        connection.send(encode_frame(AckFrame(ref=message.ref)))

    async def _guess(self, connection: Connection, message: GuessMessage) -> None:
        reply = await play.submit_guess(self.ctx, _player(connection, message.ref), message)
        connection.send(reply_frame(EventType.GUESS_RESULT, message.ref, reply))

    async def _hint(self, connection: Connection, message: HintMessage) -> None:
        reply = await play.take_hint(self.ctx, _player(connection, message.ref), message)
        connection.send(reply_frame(EventType.HINT_RESULT, message.ref, reply))


# A handler takes the message of its own type (the table pairs them).
Handler = Callable[[Connection, Any], Awaitable[None]]


def _player(connection: Connection, ref: str | None) -> int:
    """The player behind a socket that may play; hosts and big screens only watch."""
    if connection.role != "player" or connection.player_id is None:
        raise FrameError("read_only", "Only players can do that.", ref)
    return connection.player_id
