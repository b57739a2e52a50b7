"""One client socket: who it is, what it has seen, and a bounded queue with its own writer."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.websockets import WebSocket

from raddle.metrics import METRICS
from raddle.realtime.protocol import CLOSE_SLOW, encode
from raddle.services.events import ADMIN, Event, view_for_player, view_for_screen
from raddle.services.snapshots import Role

log = logging.getLogger("raddle.realtime")

QUEUE_LIMIT = 512
_ids = itertools.count(1)


@dataclass(frozen=True, slots=True)
class _Close:
    code: int
    reason: str


class Connection:
    """A socket's state. Everything here runs on the event loop; nothing awaits a client
    except the writer task, so a slow client can only ever fill its own queue."""

    def __init__(
        self,
        websocket: WebSocket,
        role: Role,
        lobby_id: int | None,
        player_id: int | None = None,
        queue_limit: int = QUEUE_LIMIT,
        admin_token_hash: str | None = None,
    ) -> None:
        self.id = next(_ids)
        self.websocket = websocket
        self.role = role
        self.lobby_id = lobby_id
        self.player_id = player_id
        # A host's socket lives only as long as the host's login session.
        self.admin_token_hash = admin_token_hash
        self.team_id: int | None = None
        self.last_seq = 0
        # Until the first snapshot is queued, events wait here so none slips between.
        self.ready = False
        self.pending: list[Event] = []
        self.closed = False
        self.close_code: int | None = None
        self.queue: asyncio.Queue[str | _Close] = asyncio.Queue(maxsize=queue_limit)
        self.writer: asyncio.Task[None] | None = None
        # Writes a frame straight to the socket when it can (realtime/wire.py); only
        # while nothing is queued or being sent, so frames keep their order.
        self.direct: Callable[[str], bool] | None = None
        self.sending = False
        self.on_resync_needed: Callable[[Connection], None] | None = None

    # -- sending -------------------------------------------------------------------

    def start_writer(self) -> None:
        self.writer = asyncio.get_running_loop().create_task(self._write())

    async def _write(self) -> None:
        try:
            while True:
                item = await self.queue.get()
                if isinstance(item, _Close):
                    await self._close_socket(item.code, item.reason)
                    return
                self.sending = True
                await self.websocket.send_text(item)
                self.sending = False
        except Exception as exc:  # the client went away mid-send; the reader notices too
            log.debug("socket writer stopped: %s", type(exc).__name__)
            self.closed = True

    async def _close_socket(self, code: int, reason: str) -> None:
        self.closed = True
        self.close_code = code
        with contextlib.suppress(Exception):
            await self.websocket.close(code=code, reason=reason[:120])

    def send(self, text: str) -> None:
        if self.closed:
            return
        if (
            self.direct is not None
            and not self.sending
            and self.queue.empty()
            and self.direct(text)
        ):
            return
        try:
            self.queue.put_nowait(text)
        except asyncio.QueueFull:
            log.info("dropping a slow socket", extra={"lobby_id": self.lobby_id})
            METRICS.overflows.inc()
            self.abort(CLOSE_SLOW, "Too slow to keep up; reconnect to catch up.")

    def send_message(self, message: dict[str, Any]) -> None:
        self.send(encode(message))

    def close(self, code: int, reason: str) -> None:
        """Close after everything already queued has been sent."""
        if self.closed:
            return
        try:
            self.queue.put_nowait(_Close(code, reason))
        except asyncio.QueueFull:
            self.abort(code, reason)

    def abort(self, code: int, reason: str) -> None:
        """Close now, dropping what is queued."""
        if self.closed:
            return
        self.closed = True
        if self.writer is not None:
            self.writer.cancel()
        self.writer = asyncio.get_running_loop().create_task(self._close_socket(code, reason))

    async def finish(self) -> None:
        """Stop the writer once the socket is done."""
        self.closed = True
        if self.writer is not None and not self.writer.done():
            self.writer.cancel()
            with contextlib.suppress(BaseException):
                await self.writer

    # -- events --------------------------------------------------------------------
    #
    # A socket is either live (`ready`: events go out as they come, in seq order) or
    # catching up (events wait in `pending` until a snapshot or replay is queued).
    # A player's audience, `team_id`, is set only from the database: by the snapshot
    # or replay that makes the socket live, then by each event's `teams` assignment.

    def catching_up(self) -> None:
        """A snapshot or replay is being read: hold events until it is queued."""
        self.ready = False

    def go_live(self, seq: int, team_id: int | None, replayed: list[Event] | None = None) -> None:
        """The state at `seq` has been queued (a snapshot), or will be by replaying the
        events after `seq`: deliver those, then what waited, in order."""
        self.last_seq = seq
        self.team_id = team_id
        self.ready = True
        waiting, self.pending = sorted(self.pending, key=lambda e: e.seq), []
        for event in [*(replayed or []), *waiting]:
            self.offer(event, {})

    def audience_view(self, event: Event) -> dict[str, Any] | None:
        if self.role == "admin":
            return event.views.get(ADMIN)
        if self.role == "screen":
            return view_for_screen(event.views)
        return view_for_player(event.views, self.team_id)

    def audience_key(self) -> str:
        if self.role == "player":
            return f"p:{self.team_id}"
        return self.role

    def _team_changed_by(self, event: Event) -> bool:
        if self.role != "player" or event.teams is None or self.player_id not in event.teams:
            return False
        return event.teams[self.player_id] != self.team_id

    def offer(self, event: Event, encoded: dict[str, str]) -> None:
        """Queue an event for this client; `encoded` caches each audience's frame."""
        if self.closed:
            return
        if not self.ready:
            self.pending.append(event)
            return
        if event.seq <= self.last_seq:
            return
        if event.seq != self.last_seq + 1 or self._team_changed_by(event):
            # A gap, or the player's team changed: the new team's ladder, guesses and
            # clues come with a fresh snapshot, never through the old audience's views.
            self._need_resync()
            return
        key = self.audience_key()
        text = encoded.get(key)
        if text is None:
            view = self.audience_view(event) or {}
            text = encode({"type": event.type, "seq": event.seq, **view})
            encoded[key] = text
        self.send(text)
        self.last_seq = event.seq
        order = event.close
        if order is not None and (
            order.player_id is None or (self.role == "player" and order.player_id == self.player_id)
        ):
            self.close(order.code, order.reason)

    def _need_resync(self) -> None:
        self.ready = False
        self.pending = []
        if self.on_resync_needed is not None:
            self.on_resync_needed(self)
