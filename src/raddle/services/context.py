"""What every use case needs: the database, the clock, and where events go."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from raddle.config import Settings
from raddle.db.engine import Database
from raddle.db.repositories import events as event_log
from raddle.db.repositories import lobbies as lobby_rows
from raddle.limits import Limits
from raddle.services.events import CloseOrder, Event, Outbox
from raddle.services.readmodel import ReadModel

if TYPE_CHECKING:
    from raddle.puzzles.library import PuzzleLibrary

# How many recent events a lobby keeps for replay; older clients get a snapshot.
REPLAY_EVENTS = 512


class Publisher(Protocol):
    def publish(self, events: list[Event], lobby_list_changed: bool) -> None:
        """Hand committed events to the hub; must not wait for delivery."""


class NoPublisher:
    def publish(self, events: list[Event], lobby_list_changed: bool) -> None:
        return None


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class Change:
    """A write transaction that records the events it causes."""

    session: AsyncSession
    # The moment of this change, from the context's clock: stored events carry it, so
    # a lobby's last activity follows the same clock as every other rule.
    now: datetime = field(default_factory=utcnow)
    outbox: Outbox = field(default_factory=Outbox)

    async def emit(
        self,
        lobby_id: int,
        type_: str,
        views: dict[str, dict[str, Any]],
        *,
        close: CloseOrder | None = None,
        log: bool = True,
    ) -> Event:
        """Number an event in its lobby and keep it for replay, inside this transaction."""
        seq = await lobby_rows.next_seq(self.session, lobby_id)
        if log:
            await event_log.add(self.session, lobby_id, seq, type_, views, self.now)
            if seq % 64 == 0:
                await event_log.trim(self.session, lobby_id, seq - REPLAY_EVENTS)
        event = Event(lobby_id=lobby_id, seq=seq, type=type_, views=views, close=close)
        self.outbox.events.append(event)
        return event

    def lobby_list_changed(self) -> None:
        self.outbox.lobby_list_changed = True


@dataclass
class Context:
    settings: Settings
    db: Database
    publisher: Publisher = field(default_factory=NoPublisher)
    clock: Callable[[], datetime] = utcnow
    rng: random.Random = field(default_factory=random.SystemRandom)
    limits: Limits = field(default_factory=Limits)
    reads: ReadModel = field(default_factory=lambda: ReadModel(identities=False))

    @cached_property
    def puzzles(self) -> PuzzleLibrary:
        """Loaded on first use (YAML parsing included): the server starts sooner."""
        from raddle.puzzles.library import load_library

        return load_library(self.settings.puzzle_dirs)

    @asynccontextmanager
    async def change(self) -> AsyncIterator[Change]:
        """Run a write; its events are published only after the commit succeeds."""
        async with self.db.write() as session:
            change = Change(session, now=self.clock())
            yield change
        if change.outbox.events:
            self.reads.lobby_changed({event.lobby_id for event in change.outbox.events})
        if change.outbox.events or change.outbox.lobby_list_changed:
            self.publisher.publish(change.outbox.events, change.outbox.lobby_list_changed)
