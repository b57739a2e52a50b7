"""The hub: how committed events reach every process that has sockets for their lobby.

`MemoryHub` serves one process. `RedisHub` publishes each event on its lobby's Redis
channel; a process subscribes to a lobby's channel only while it has sockets there.
Both are a `Hub`; `make_hub` picks one from the settings.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import orjson

from raddle.config import Settings
from raddle.realtime.fanout import Fanout
from raddle.services.kit.events import (
    CloseOrder,
    Event,
    assignment_from_json,
    assignment_to_json,
)

log = logging.getLogger("raddle.realtime")


@dataclass(frozen=True)
class HubListener:
    """What a hub tells the rest of its process."""

    # The host's lobby list may read differently now.
    lobby_list_changed: Callable[[], None]
    # The subscription came back from an outage: events published meanwhile by other
    # processes never arrived here.
    reconnected: Callable[[], None]
    # Another process committed changes to these lobbies.
    remote_change: Callable[[set[int]], None]


class Hub(Protocol):
    """How this process hands committed events on, and hears those of the others."""

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    def publish(self, events: list[Event], lobby_list_changed: bool) -> None:
        """Deliver committed events to every process with sockets in their lobbies;
        must not wait for the delivery."""

    async def listen(self, lobby_id: int) -> None:
        """This process has sockets in the lobby: deliver its events here."""

    async def unlisten(self, lobby_id: int) -> None:
        """This process has no sockets left in the lobby."""


def make_hub(fanout: Fanout, settings: Settings, listener: HubListener) -> Hub:
    """Redis when it is configured (several processes), otherwise this process alone."""
    if settings.redis_url:
        return RedisHub(fanout, settings.redis_url, settings.redis_prefix, listener)
    return MemoryHub(fanout, listener)


def event_to_wire(event: Event) -> bytes:
    close = event.close
    return orjson.dumps(
        {
            "l": event.lobby_id,
            "s": event.seq,
            "t": event.type,
            "v": event.views,
            "c": None if close is None else [close.code, close.reason, close.player_id],
            "a": assignment_to_json(event.teams),
        }
    )


def event_from_wire(data: bytes | str) -> Event:
    raw: dict[str, Any] = orjson.loads(data)
    close = raw.get("c")
    return Event(
        lobby_id=int(raw["l"]),
        seq=int(raw["s"]),
        type=str(raw["t"]),
        views=raw["v"],
        close=None if close is None else CloseOrder(int(close[0]), str(close[1]), close[2]),
        teams=assignment_from_json(raw.get("a")),
    )


class MemoryHub:
    """One process: events go straight to this process's sockets. Nothing is missed and
    no other process makes changes, so only the lobby list is ever announced."""

    def __init__(self, fanout: Fanout, listener: HubListener) -> None:
        self.fanout = fanout
        self.listener = listener

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None

    def publish(self, events: list[Event], lobby_list_changed: bool) -> None:
        # Delivered on the next loop turn: the request that caused the events returns
        # without waiting for any socket.
        loop = asyncio.get_running_loop()
        for event in events:
            loop.call_soon(self.fanout.deliver, event)
        if lobby_list_changed:
            loop.call_soon(self.listener.lobby_list_changed)

    async def listen(self, lobby_id: int) -> None:
        return None

    async def unlisten(self, lobby_id: int) -> None:
        return None


class RedisHub:
    """Many processes: every event travels through its lobby's Redis channel."""

    def __init__(self, fanout: Fanout, url: str, prefix: str, listener: HubListener) -> None:
        from redis.asyncio import Redis

        self.fanout = fanout
        self.prefix = prefix
        self.listener = listener
        # Every process hears of every change here (lobby ids only), to drop what its
        # read model holds for those lobbies, and whether the lobby list changed.
        self.lobby_list_channel = f"{prefix}:changes"
        self.redis = Redis.from_url(url, health_check_interval=15)
        self.pubsub = self.redis.pubsub(ignore_subscribe_messages=True)
        self._outbox: asyncio.Queue[tuple[str, bytes]] = asyncio.Queue()
        self._tasks: list[asyncio.Task[None]] = []
        self._listening: set[int] = set()

    async def start(self) -> None:
        await self.pubsub.subscribe(self.lobby_list_channel)
        loop = asyncio.get_running_loop()
        self._tasks = [loop.create_task(self._send_loop()), loop.create_task(self._read_loop())]

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(BaseException):
                await task
        with contextlib.suppress(Exception):
            await self.pubsub.aclose()  # type: ignore[no-untyped-call]
        with contextlib.suppress(Exception):
            await self.redis.aclose()

    def lobby_channel(self, lobby_id: int) -> str:
        return f"{self.prefix}:lobby:{lobby_id}"

    async def ping(self) -> None:
        await self.redis.ping()

    def publish(self, events: list[Event], lobby_list_changed: bool) -> None:
        # One sender task keeps this process's events in commit order on the wire.
        for event in events:
            self._outbox.put_nowait((self.lobby_channel(event.lobby_id), event_to_wire(event)))
        changed = sorted({event.lobby_id for event in events})
        if changed or lobby_list_changed:
            notice = orjson.dumps({"ids": changed, "list": lobby_list_changed})
            self._outbox.put_nowait((self.lobby_list_channel, notice))

    async def _send_loop(self) -> None:
        while True:
            channel, payload = await self._outbox.get()
            while True:
                try:
                    await self.redis.publish(channel, payload)
                    break
                except Exception:
                    log.warning("Redis publish failed; retrying")
                    await asyncio.sleep(0.5)

    async def _read_loop(self) -> None:
        while True:
            try:
                message = await self.pubsub.get_message(timeout=1.0)
            except Exception:
                log.warning("Redis subscription failed; resubscribing")
                await asyncio.sleep(0.5)
                if await self._resubscribe():
                    self.listener.reconnected()
                continue
            if message is None or message.get("type") != "message":
                continue
            channel = message["channel"]
            channel = channel.decode() if isinstance(channel, bytes) else channel
            if channel == self.lobby_list_channel:
                self._changes(message["data"])
                continue
            try:
                event = event_from_wire(message["data"])
            except (ValueError, KeyError, TypeError):
                log.warning("ignoring a malformed hub message")
                continue
            self.fanout.deliver(event)

    def _changes(self, data: bytes | str) -> None:
        try:
            notice = orjson.loads(data)
            ids = {int(i) for i in notice["ids"]}
            list_changed = bool(notice["list"])
        except (ValueError, KeyError, TypeError):
            log.warning("ignoring a malformed change notice")
            return
        if ids:
            self.listener.remote_change(ids)
        if list_changed:
            self.listener.lobby_list_changed()

    async def _resubscribe(self) -> bool:
        try:
            await self.pubsub.subscribe(
                self.lobby_list_channel, *(self.lobby_channel(i) for i in self._listening)
            )
        except Exception:
            return False
        return True

    async def listen(self, lobby_id: int) -> None:
        self._listening.add(lobby_id)
        await self.pubsub.subscribe(self.lobby_channel(lobby_id))

    async def unlisten(self, lobby_id: int) -> None:
        self._listening.discard(lobby_id)
        with contextlib.suppress(Exception):
            await self.pubsub.unsubscribe(self.lobby_channel(lobby_id))
