"""Delivering a lobby's events, in seq order, to this process's sockets."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from raddle.realtime.connection import Connection
from raddle.services.kit.events import Event

log = logging.getLogger("raddle.realtime")

# How long an event that arrived ahead of its predecessor waits for it before the
# missing ones are read back from the event log.
GAP_WAIT_SECONDS = 0.15

LoadEvents = Callable[[int, int, int], Awaitable[list[Event]]]


class _LobbyOrder:
    __slots__ = ("expected", "held", "timer")

    def __init__(self) -> None:
        self.expected: int | None = None
        self.held: dict[int, Event] = {}
        self.timer: asyncio.TimerHandle | None = None


class Fanout:
    """The sockets of each lobby in this process, and the order events reach them in.

    Commits and publishes may finish out of order (two writers, or two processes), so
    an event ahead of its predecessor is held briefly; if the gap does not close by
    itself, the missing events are read from the lobby's event log.
    """

    def __init__(self, load_events: LoadEvents) -> None:
        self.load_events = load_events
        self.lobbies: dict[int, set[Connection]] = {}
        self.dashboards: set[Connection] = set()
        self._order: dict[int, _LobbyOrder] = {}
        self.delivered = 0
        self.frames = 0

    # -- who listens ---------------------------------------------------------------

    def add(self, connection: Connection) -> bool:
        """Register a socket; True when it is the first of its lobby here."""
        if connection.lobby_id is None:
            self.dashboards.add(connection)
            return False
        listeners = self.lobbies.setdefault(connection.lobby_id, set())
        listeners.add(connection)
        return len(listeners) == 1

    def remove(self, connection: Connection) -> bool:
        """Forget a socket; True when its lobby has no sockets left here."""
        if connection.lobby_id is None:
            self.dashboards.discard(connection)
            return False
        listeners = self.lobbies.get(connection.lobby_id)
        if listeners is None:
            return False
        listeners.discard(connection)
        if listeners:
            return False
        del self.lobbies[connection.lobby_id]
        order = self._order.pop(connection.lobby_id, None)
        if order is not None and order.timer is not None:
            order.timer.cancel()
        return True

    def connections(self) -> list[Connection]:
        return [c for group in self.lobbies.values() for c in group] + list(self.dashboards)

    def players_here(self) -> list[int]:
        return sorted(
            {c.player_id for g in self.lobbies.values() for c in g if c.player_id is not None}
        )

    # -- delivery ------------------------------------------------------------------

    def deliver(self, event: Event) -> None:
        if event.lobby_id not in self.lobbies:
            return
        order = self._order.setdefault(event.lobby_id, _LobbyOrder())
        if order.expected is None:
            order.expected = event.seq
        if event.seq < order.expected:
            return  # already delivered
        if event.seq > order.expected:
            order.held[event.seq] = event
            if order.timer is None:
                order.timer = asyncio.get_running_loop().call_later(
                    GAP_WAIT_SECONDS, self._fill_gap, event.lobby_id
                )
            return
        self._dispatch(event)
        order.expected = event.seq + 1
        self._release(event.lobby_id, order)

    def _release(self, lobby_id: int, order: _LobbyOrder) -> None:
        while order.expected in order.held:
            event = order.held.pop(order.expected)
            self._dispatch(event)
            order.expected = event.seq + 1
        if not order.held and order.timer is not None:
            order.timer.cancel()
            order.timer = None

    def _fill_gap(self, lobby_id: int) -> None:
        order = self._order.get(lobby_id)
        if order is None:
            return
        order.timer = None
        if order.held and order.expected is not None:
            asyncio.get_running_loop().create_task(self._read_back(lobby_id, order))

    async def _read_back(self, lobby_id: int, order: _LobbyOrder) -> None:
        start = order.expected
        if start is None or not order.held:
            return
        upto = min(order.held)
        try:
            missing = await self.load_events(lobby_id, start - 1, upto - 1)
        except Exception:
            log.exception("could not read back missing events")
            missing = []
        for event in missing:
            if order.expected is not None and event.seq == order.expected:
                self._dispatch(event)
                order.expected = event.seq + 1
        if order.held and order.expected is not None and order.expected < min(order.held):
            # Gone from the log (never logged, or trimmed): skip ahead; sockets that
            # notice the gap ask for a fresh snapshot themselves.
            order.expected = min(order.held)
        self._release(lobby_id, order)

    def _dispatch(self, event: Event) -> None:
        encoded: dict[str, str] = {}
        listeners = list(self.lobbies.get(event.lobby_id, ()))
        for connection in listeners:
            connection.offer(event, encoded)
        self.delivered += 1
        self.frames += len(listeners)

    def broadcast_dashboards(self, text: str) -> None:
        for connection in list(self.dashboards):
            connection.send(text)
