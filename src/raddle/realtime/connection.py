"""One client socket: who it is, what it has seen, and a bounded queue with its own writer.

Most sockets are idle most of the time, and a frame usually goes straight to the
transport (realtime/direct.py), so the queue and its writer task exist only while
frames wait: a socket costs a few small objects, not a queue and a parked task.

A socket's life is a small state machine. The endpoint authenticates it first (the
first frame says who it is); the Connection made from that answer starts CATCHING_UP:

    CATCHING_UP --go_live--> LIVE --catching_up / a gap or a team change--> CATCHING_UP
    any state --the socket closes, fails or is aborted--> CLOSING (final)

Only the methods below move it; everything else reads.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from starlette.websockets import WebSocket

from raddle.metrics import METRICS
from raddle.realtime.protocol import encode
from raddle.services.kit.events import ADMIN, Event, EventView, view_for_player, view_for_screen
from raddle.views.snapshot import Role
from raddle.wire.close import CloseCode

log = logging.getLogger("raddle.realtime")

_ids = itertools.count(1)


class SocketState(StrEnum):
    CATCHING_UP = "catching_up"  # a snapshot or replay is being read; events wait
    LIVE = "live"  # events go out as they come, in seq order
    CLOSING = "closing"  # the socket is closing or gone; nothing more goes out


@dataclass(frozen=True, slots=True)
class _Close:
    code: int
    reason: str


class Connection:
    """A socket's state. Everything here runs on the event loop; nothing awaits a client
    except the writer task, so a slow client can only ever fill its own queue."""

    # Thousands of these live at once: no per-instance __dict__.
    __slots__ = (
        "_audience",
        "_close_code",
        "_direct",
        "_last_seq",
        "_on_resync_needed",
        "_pending",
        "_queue",
        "_queue_limit",
        "_state",
        "_team_id",
        "_writer",
        "_writes",
        "admin_token_hash",
        "id",
        "lobby_code",
        "lobby_id",
        "player_id",
        "role",
        "websocket",
    )

    def __init__(
        self,
        websocket: WebSocket,
        role: Role,
        lobby_id: int | None,
        *,
        queue_limit: int,
        lobby_code: str | None = None,
        player_id: int | None = None,
        admin_token_hash: str | None = None,
    ) -> None:
        self.id = next(_ids)
        self.websocket = websocket
        self.role = role
        self.lobby_id = lobby_id
        # The lobby's code as clients write it; None for the host's lobby list.
        self.lobby_code = lobby_code
        self.player_id = player_id
        # A host's socket lives only as long as the host's login session.
        self.admin_token_hash = admin_token_hash
        self._state = SocketState.CATCHING_UP
        self._team_id: int | None = None
        # The key of this socket's frame in an event's per-audience cache (see offer).
        self._audience = self._audience_for(None)
        self._last_seq = 0
        # While catching up, events wait here so none slips between snapshot and live.
        self._pending: list[Event] = []
        self._close_code: int | None = None
        # Frames (and at most one close) waiting for the writer; made when first needed.
        self._queue: deque[str | _Close] | None = None
        self._queue_limit = queue_limit
        # Whether the endpoint lets the writer run (until then frames only wait).
        self._writes = False
        # Runs only while the queue has frames or one is being sent; None otherwise.
        self._writer: asyncio.Task[None] | None = None
        self._on_resync_needed: Callable[[Connection], None] | None = None
        # Writes a frame straight to the socket when it can (realtime/direct.py); only
        # while no writer runs (nothing queued or being sent), so frames keep their order.
        self._direct: Callable[[str], bool] | None = None

    # -- state ---------------------------------------------------------------------

    @property
    def state(self) -> SocketState:
        return self._state

    @property
    def closed(self) -> bool:
        return self._state is SocketState.CLOSING

    @property
    def close_code(self) -> int | None:
        """The code the server closed the socket with, once it has."""
        return self._close_code

    @property
    def last_seq(self) -> int:
        """The last event this socket has been sent (or the snapshot's seq)."""
        return self._last_seq

    @property
    def team_id(self) -> int | None:
        """The player's team as the database last said; the audience of team events."""
        return self._team_id

    def write_directly_with(self, direct: Callable[[str], bool] | None) -> None:
        """A way to hand a frame to the socket's transport at once (None: none here)."""
        self._direct = direct

    def when_resync_needed(self, callback: Callable[[Connection], None]) -> None:
        """Who brings the socket up to date again after a gap or a change of teams."""
        self._on_resync_needed = callback

    def _closing(self) -> None:
        self._state = SocketState.CLOSING
        self._pending = []
        # Nothing more goes out: let go of the frames at once.
        self._queue = None

    # -- sending -------------------------------------------------------------------

    def start_writer(self) -> None:
        """Let queued frames go out: from now on a writer runs whenever frames wait."""
        self._writes = True
        self._wake_writer()

    def queued(self) -> list[str]:
        """The text frames waiting to be written, oldest first."""
        return [item for item in self._queue or () if isinstance(item, str)]

    @property
    def queue_size(self) -> int:
        """How many frames (a close included) wait to be written."""
        return len(self._queue) if self._queue is not None else 0

    def _wake_writer(self) -> None:
        if self._writes and self._writer is None and self._queue:
            self._writer = asyncio.get_running_loop().create_task(self._write())

    async def _write(self) -> None:
        queue = self._queue
        assert queue is not None
        try:
            while queue:
                item = queue.popleft()
                if isinstance(item, _Close):
                    await self._close_socket(item.code, item.reason)
                    return
                await self.websocket.send_text(item)
        except Exception as exc:  # the client went away mid-send; the reader notices too
            log.debug("socket writer stopped: %s", type(exc).__name__)
            self._closing()
        finally:
            # abort() may have put its own close task in our place; leave that one.
            if self._writer is asyncio.current_task():
                self._writer = None

    async def _close_socket(self, code: int, reason: str) -> None:
        self._closing()
        self._close_code = code
        with contextlib.suppress(Exception):
            await self.websocket.close(code=code, reason=reason[:120])

    def _enqueue(self, item: str | _Close) -> bool:
        """Queue a frame for the writer; False when the queue is full."""
        queue = self._queue
        if queue is None:
            queue = self._queue = deque()
        if len(queue) >= self._queue_limit:
            return False
        queue.append(item)
        self._wake_writer()
        return True

    def send(self, text: str) -> None:
        if self._state is SocketState.CLOSING:
            return
        if (
            self._direct is not None
            and self._writer is None
            and not self._queue
            and self._direct(text)
        ):
            return
        if not self._enqueue(text):
            log.info("dropping a slow socket", extra={"lobby_id": self.lobby_id})
            METRICS.overflows.inc()
            self.abort(CloseCode.SLOW, "Too slow to keep up; reconnect to catch up.")

    def close(self, code: int, reason: str) -> None:
        """Close after everything already queued has been sent: the state stays as it
        is until the writer reaches the close, so the frames before it still go out."""
        if self.closed:
            return
        if not self._enqueue(_Close(code, reason)):
            self.abort(code, reason)

    def abort(self, code: int, reason: str) -> None:
        """Close now, dropping what is queued."""
        if self.closed:
            return
        self._closing()
        if self._writer is not None:
            self._writer.cancel()
        self._writer = asyncio.get_running_loop().create_task(self._close_socket(code, reason))

    async def finish(self) -> None:
        """Stop the writer once the socket is done."""
        self._closing()
        if self._writer is not None and not self._writer.done():
            self._writer.cancel()
            with contextlib.suppress(BaseException):
                await self._writer

    # -- events --------------------------------------------------------------------
    #
    # A player's audience, `team_id`, is set only from the database: by the snapshot or
    # replay that makes the socket live; an event whose `teams` assignment moves the
    # player sends the socket back to catching up for the new team's snapshot.

    def catching_up(self) -> None:
        """A snapshot or replay is being read: hold events until it is queued."""
        if self._state is SocketState.LIVE:
            self._state = SocketState.CATCHING_UP

    def go_live(self, seq: int, team_id: int | None, replayed: list[Event] | None = None) -> None:
        """The state at `seq` has been queued (a snapshot), or will be by replaying the
        events after `seq`: deliver those, then what waited, in order."""
        if self.closed:
            return
        self._last_seq = seq
        self._team_id = team_id
        self._audience = self._audience_for(team_id)
        self._state = SocketState.LIVE
        waiting, self._pending = sorted(self._pending, key=lambda e: e.seq), []
        for event in [*(replayed or []), *waiting]:
            self.offer(event, {})

    def audience_view(self, event: Event) -> EventView | None:
        if self.role == "admin":
            return event.views.get(ADMIN)
        if self.role == "screen":
            return view_for_screen(event.views)
        return view_for_player(event.views, self.team_id)

    def audience_key(self) -> str:
        return self._audience

    def _audience_for(self, team_id: int | None) -> str:
        if self.role == "player":
            return f"p:{team_id}"
        return self.role

    def _team_changed_by(self, event: Event) -> bool:
        if self.role != "player" or event.teams is None or self.player_id not in event.teams:
            return False
        return event.teams[self.player_id] != self.team_id

    def offer(self, event: Event, encoded: dict[str, str]) -> None:
        """Queue an event for this client; `encoded` caches each audience's frame."""
        if self._state is SocketState.CLOSING:
            return
        if self._state is SocketState.CATCHING_UP:
            self._pending.append(event)
            return
        if event.seq <= self._last_seq:
            return
        if event.seq != self._last_seq + 1 or (
            event.teams is not None and self._team_changed_by(event)
        ):
            # A gap, or the player's team changed: the new team's ladder, guesses and
            # clues come with a fresh snapshot, never through the old audience's views.
            self._need_resync()
            return
        # Runs once per socket per event: the key is kept, not formatted each time.
        key = self._audience
        text = encoded.get(key)
        if text is None:
            view = self.audience_view(event) or {}
            text = encode({"type": event.type, "seq": event.seq, **view})
            encoded[key] = text
        self.send(text)
        self._last_seq = event.seq
        order = event.close
        if order is not None and (
            order.player_id is None or (self.role == "player" and order.player_id == self.player_id)
        ):
            self.close(order.code, order.reason)

    def _need_resync(self) -> None:
        self._state = SocketState.CATCHING_UP
        self._pending = []
        if self._on_resync_needed is not None:
            self._on_resync_needed(self)
