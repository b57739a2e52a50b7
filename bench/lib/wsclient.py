"""A thin, low-overhead WebSocket load client on the `websockets` library.

Each `Sock` authenticates as a player (or screen/host), waits for `welcome` and the
first `snapshot`, then a reader task hands every frame to a callback with the
arrival time. Frames are not JSON-decoded on the hot path: the type, seq and ref are
read from the frame's first bytes (the server writes `type` first, then `seq` or
`ref`), which keeps the client cheap enough to watch 1,000-10,000 sockets on one core.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

HEAD = re.compile(rb'^\{"type":"([a-z_]+)"(?:,"seq":(\d+)|,"ref":"([^"]*)")?')

OnFrame = Callable[["Sock", bytes, bytes, int | None, bytes | None, float], None]


def head(frame: bytes) -> tuple[bytes, int | None, bytes | None]:
    m = HEAD.match(frame[:160])
    if m is None:
        return b"", None, None
    kind, seq, ref = m.groups()
    return kind, (int(seq) if seq is not None else None), ref


@dataclass(eq=False)
class Sock:
    index: int
    ws: ClientConnection
    player_id: int | None = None
    snapshot_seq: int = 0
    snapshot: dict[str, Any] | None = None
    reader: asyncio.Task[None] | None = None
    closed_code: int | None = None
    frames: int = 0
    bytes: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    async def send(self, message: dict[str, Any]) -> float:
        data = orjson.dumps(message).decode()
        t = time.perf_counter()
        await self.ws.send(data)
        return t

    def start_reader(self, on_frame: OnFrame) -> None:
        self.reader = asyncio.get_running_loop().create_task(self._read(on_frame))

    async def _read(self, on_frame: OnFrame) -> None:
        try:
            while True:
                data = await self.ws.recv(decode=False)
                now = time.perf_counter()
                if isinstance(data, str):  # pragma: no cover - decode=False gives bytes
                    data = data.encode()
                self.frames += 1
                self.bytes += len(data)
                kind, seq, ref = head(data)
                on_frame(self, data, kind, seq, ref, now)
        except ConnectionClosed as exc:
            self.closed_code = exc.rcvd.code if exc.rcvd is not None else 1006
        except asyncio.CancelledError:
            raise

    async def close(self) -> None:
        if self.reader is not None:
            self.reader.cancel()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.ws.close(), 2.0)


async def open_sock(
    index: int,
    ws_url: str,
    auth: dict[str, Any],
    *,
    compression: str | None,
    want_snapshot: bool = True,
    keep_snapshot: bool = False,
    timeout: float = 15.0,
) -> Sock:
    """Open, authenticate (well inside the server's 5 s), wait for welcome (+ snapshot)."""
    ws = await connect(
        ws_url,
        compression=compression,
        ping_interval=None,  # the server pings; the library answers
        close_timeout=2,
        open_timeout=timeout,
        max_size=32 * 1024 * 1024,
        max_queue=64,
        proxy=None,
    )
    sock = Sock(index, ws)
    await ws.send(orjson.dumps(auth).decode())
    async with asyncio.timeout(timeout):
        welcome = orjson.loads(await ws.recv(decode=False))
        if welcome.get("type") != "welcome":
            raise RuntimeError(f"expected welcome, got {welcome}")
        sock.player_id = welcome.get("player_id")
        if want_snapshot:
            while True:
                frame = await ws.recv(decode=False)
                kind, seq, _ = head(frame)
                if kind == b"snapshot":
                    sock.snapshot_seq = int(seq or 0)
                    if keep_snapshot:
                        sock.snapshot = orjson.loads(frame)["state"]
                    break
    return sock


async def open_many(
    ws_url: str,
    auths: Sequence[dict[str, Any]],
    *,
    compression: str | None,
    concurrency: int = 20,
    keep_snapshot: bool = False,
    deadline_s: float = 300.0,
    want_snapshot: bool = True,
) -> tuple[list[Sock], list[float], list[str]]:
    """Open sockets with bounded concurrency; (sockets, seconds-to-snapshot each, errors)."""
    sem = asyncio.Semaphore(concurrency)
    times: list[float] = []
    errors: list[str] = []
    socks: list[Sock | None] = [None] * len(auths)
    stop_at = time.monotonic() + deadline_s

    async def one(i: int, auth: dict[str, Any]) -> None:
        async with sem:
            if time.monotonic() > stop_at:
                errors.append("deadline")
                return
            t0 = time.perf_counter()
            try:
                socks[i] = await open_sock(
                    i,
                    ws_url,
                    auth,
                    compression=compression,
                    keep_snapshot=keep_snapshot,
                    want_snapshot=want_snapshot,
                )
                times.append(time.perf_counter() - t0)
            except Exception as exc:
                errors.append(f"{type(exc).__name__}: {str(exc)[:80]}")

    await asyncio.gather(*(one(i, a) for i, a in enumerate(auths)))
    return [s for s in socks if s is not None], times, errors


async def close_all(socks: Sequence[Sock], concurrency: int = 200) -> None:
    sem = asyncio.Semaphore(concurrency)

    async def one(s: Sock) -> None:
        async with sem:
            await s.close()

    await asyncio.gather(*(one(s) for s in socks))
