"""A WebSocket test client that records every frame it receives."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import websockets
from websockets.asyncio.client import ClientConnection


class Client:
    """One socket: `expect` waits for a frame of a type; `frames` keeps them all."""

    def __init__(self, socket: ClientConnection) -> None:
        self.socket = socket
        self.frames: list[dict[str, Any]] = []
        self.raw: list[str] = []
        self._new = asyncio.Condition()
        self._reader = asyncio.get_running_loop().create_task(self._read())
        self.close_code: int | None = None
        self.close_reason: str | None = None

    @classmethod
    async def connect(cls, url: str, **kwargs: Any) -> Client:
        socket = await websockets.connect(url, max_size=2**22, **kwargs)
        return cls(socket)

    async def _read(self) -> None:
        try:
            async for message in self.socket:
                text = message if isinstance(message, str) else message.decode()
                self.raw.append(text)
                async with self._new:
                    self.frames.append(json.loads(text))
                    self._new.notify_all()
        except websockets.ConnectionClosed:
            pass
        finally:
            self.close_code = self.socket.close_code
            self.close_reason = self.socket.close_reason
            async with self._new:
                self._new.notify_all()

    @property
    def ended(self) -> bool:
        """The socket has closed (and every frame it brought has been read)."""
        return self._reader.done()

    async def send(self, message: dict[str, Any] | str | bytes) -> None:
        if isinstance(message, dict):
            message = json.dumps(message)
        await self.socket.send(message)

    async def expect(self, kind: str, timeout: float = 5.0, **match: Any) -> dict[str, Any]:
        """The first frame of `kind` (matching the given fields) not consumed before."""

        async def find() -> dict[str, Any]:
            async with self._new:
                while True:
                    for frame in self.frames:
                        fits = all(frame.get(k) == v for k, v in match.items())
                        if frame.get("type") == kind and not frame.get("_seen") and fits:
                            frame["_seen"] = True
                            return frame
                    if self._reader.done():
                        raise AssertionError(
                            f"socket closed ({self.close_code} {self.close_reason}) "
                            f"before a {kind!r} frame; got {[f.get('type') for f in self.frames]}"
                        )
                    await self._new.wait()

        return await asyncio.wait_for(find(), timeout)

    async def wait_seq(self, seq: int, timeout: float = 5.0) -> None:
        """Wait until an event numbered `seq` (or later) has arrived."""

        async def reached() -> None:
            async with self._new:
                while not any(f.get("seq", -1) >= seq for f in self.frames):
                    if self._reader.done():
                        raise AssertionError(f"socket closed before seq {seq}")
                    await self._new.wait()

        await asyncio.wait_for(reached(), timeout)

    async def closed(self, timeout: float = 5.0) -> tuple[int | None, str | None]:
        await asyncio.wait_for(asyncio.shield(self._reader), timeout)
        return self.close_code, self.close_reason

    def events(self) -> list[dict[str, Any]]:
        return [f for f in self.frames if "seq" in f and f.get("type") != "snapshot"]

    async def close(self) -> None:
        await self.socket.close()
        await asyncio.gather(self._reader, return_exceptions=True)


async def player_socket(url: str, token: str, **auth: Any) -> Client:
    client = await Client.connect(url)
    await client.send({"type": "auth", "token": token, **auth})
    return client


async def host_socket(url: str, token: str, lobby: str | None = None, **auth: Any) -> Client:
    client = await Client.connect(url)
    frame: dict[str, Any] = {"type": "auth", "token": token, **auth}
    if lobby is not None:
        frame["lobby"] = lobby
    await client.send(frame)
    return client
