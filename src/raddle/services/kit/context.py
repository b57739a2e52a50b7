"""What every use case needs: the database, the clock, and where events go."""

from __future__ import annotations

import asyncio
import functools
import logging
import random
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from typing import TYPE_CHECKING, ParamSpec, Protocol, TypeVar

from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from raddle.config import Settings
from raddle.db import tables
from raddle.db.engine import Database
from raddle.db.repositories import events as event_log
from raddle.db.repositories import lobbies as lobby_rows
from raddle.db.repositories import players as player_rows
from raddle.limits import Limits
from raddle.services.kit.events import CloseOrder, Event, EventView, Outbox, assignment_to_json
from raddle.services.kit.readmodel import ReadModel
from raddle.services.kit.shelf import SnapshotShelf
from raddle.wire.events import EVENT_BODIES, EventBody, EventType

if TYPE_CHECKING:
    from raddle.puzzles.library import PuzzleLibrary

log = logging.getLogger("raddle.services")

# How many recent events a lobby keeps for replay; older clients get a snapshot.
REPLAY_EVENTS = 512
# PostgreSQL's answers when two transactions cannot both go on: deadlock detected,
# serialization failure. The lobby-first lock order should leave none; if one
# happens anyway, the use case runs again from the start.
CONTENTION_STATES = {"40P01", "40001"}
CONTENTION_ATTEMPTS = 4

P = ParamSpec("P")
R = TypeVar("R")


class Contention(Exception):
    """The database gave up on a transaction in favour of another; try it again."""


def is_contention(exc: DBAPIError) -> bool:
    state = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
    return state in CONTENTION_STATES


def retried(use_case: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R]]:
    """Run a write use case again, a bounded number of times, when it lost a race
    the database settled by aborting it. Each attempt is a whole new transaction."""

    @functools.wraps(use_case)
    async def run(*args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(1, CONTENTION_ATTEMPTS + 1):
            try:
                return await use_case(*args, **kwargs)
            except Contention:
                if attempt == CONTENTION_ATTEMPTS:
                    raise
                log.warning("transaction contention; retrying %s", use_case.__name__)
                await asyncio.sleep(random.uniform(0.005, 0.03) * attempt)
        raise AssertionError("unreachable")

    return run


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
    locked: set[int] = field(default_factory=set)

    async def lock_lobby(self, lobby_id: int) -> tables.Lobby | None:
        """Take the lobby's row lock; every write in a lobby takes it before any other,
        so locks are always taken in one order and writers cannot deadlock."""
        lobby = await lobby_rows.lock(self.session, lobby_id)
        self.locked.add(lobby_id)
        return lobby

    async def emit(
        self,
        lobby_id: int,
        type_: EventType,
        views: Mapping[str, EventBody],
        *,
        close: CloseOrder | None = None,
        log: bool = True,
    ) -> Event:
        """Number an event in its lobby and keep it for replay, inside this transaction.

        `views` maps each audience to the event's body as it sees it; each body is
        turned into JSON once here, however many audiences and sockets share it.
        When the transaction changed who is on which team, the event carries the new
        assignment, read from the database here, whatever kind of event it is.
        """
        if lobby_id not in self.locked:
            raise RuntimeError("a change must lock its lobby before anything else")
        bodies = EVENT_BODIES[type_]
        dumped: dict[int, EventView] = {}
        wire_views: dict[str, EventView] = {}
        for audience, body in views.items():
            if not isinstance(body, bodies):
                raise TypeError(f"a {type_} event carries {bodies}, not {type(body).__name__}")
            if id(body) not in dumped:
                dumped[id(body)] = body.model_dump(mode="json")
            wire_views[audience] = dumped[id(body)]
        seq = await lobby_rows.next_seq(self.session, lobby_id)
        teams = (
            await player_rows.assignment(self.session, lobby_id)
            if player_rows.teams_changed(self.session)
            else None
        )
        if log:
            await event_log.add(
                self.session,
                lobby_id,
                seq,
                type_.value,
                wire_views,
                assignment_to_json(teams),
                self.now,
            )
            if seq % 64 == 0:
                await event_log.trim(self.session, lobby_id, seq - REPLAY_EVENTS)
        event = Event(
            lobby_id=lobby_id, seq=seq, type=type_.value, views=wire_views, close=close, teams=teams
        )
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
    snapshots: SnapshotShelf = field(default_factory=SnapshotShelf)

    @cached_property
    def puzzles(self) -> PuzzleLibrary:
        """Loaded on first use (YAML parsing included): the server starts sooner."""
        from raddle.puzzles.library import load_library

        return load_library(self.settings.puzzle_dirs)

    @asynccontextmanager
    async def change(self) -> AsyncIterator[Change]:
        """Run a write; its events are published only after the commit succeeds."""
        change: Change | None = None

        def committed() -> None:
            # Before the session closes (which lets other tasks read): no reader here
            # may find the committed state while the caches still show the last one.
            assert change is not None
            if change.outbox.events:
                self.reads.lobby_changed({event.lobby_id for event in change.outbox.events})
                for event in change.outbox.events:
                    self.snapshots.advance(event)

        try:
            async with self.db.write(committed) as session:
                change = Change(session, now=self.clock())
                yield change
        except DBAPIError as exc:
            if is_contention(exc):
                raise Contention(str(exc.orig)) from exc
            raise
        if change.outbox.events or change.outbox.lobby_list_changed:
            self.publisher.publish(change.outbox.events, change.outbox.lobby_list_changed)
