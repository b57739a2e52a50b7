"""A thin, low-overhead WebSocket load client on the `websockets` library.

Each `Sock` authenticates as a player (or screen/host), waits for `welcome` and the
first `snapshot`, then a reader task hands every frame to a callback with the
arrival time. Frames are not JSON-decoded on the hot path: the type, seq and ref are
read from the frame's first bytes (the server writes `type` first, then `seq` or
`ref`), which keeps the client cheap enough to watch 1,000-10,000 sockets on one core.
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import re
import time
from collections import defaultdict
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


# -- raw counting reader --------------------------------------------------------------
#
# The `websockets` reader costs tens of microseconds per frame (a task wake-up, the
# frame parser, a queue), which at 1,000 sockets makes the client, not the server, the
# bound of a fan-out measurement. After the handshake the socket's transport can be
# handed to a plain asyncio Protocol that only walks the frame headers (2-10 bytes:
# server frames are unmasked) and reads the type and seq of the last text frame of
# each chunk it receives; frames of one chunk arrived at the same moment, so the
# socket's arrival time of seq s is the time of the first chunk whose last seq >= s.


class SeqBoard:
    """How many raw sockets have reached each seq, and who waits for all of them."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.reached: dict[int, int] = defaultdict(int)
        self.waiters: dict[int, asyncio.Event] = {}
        self.kinds: dict[int, bytes] = {}
        self.sizes: dict[bytes, int] = {}
        self.newest = 0

    def advance(self, old: int, new: int) -> None:
        reached = self.reached
        for seq in range(old + 1, new + 1):
            count = reached[seq] + 1
            reached[seq] = count
            if count >= self.n:
                waiter = self.waiters.get(seq)
                if waiter is not None:
                    waiter.set()
        if new > self.newest:
            self.newest = new

    async def wait(self, seq: int, timeout: float) -> bool:
        if self.reached.get(seq, 0) >= self.n:
            return True
        waiter = self.waiters.setdefault(seq, asyncio.Event())
        try:
            await asyncio.wait_for(waiter.wait(), timeout)
            return True
        except TimeoutError:
            return False


class RawReader(asyncio.Protocol):
    """Counts a socket's frames from their headers; answers pings; notes closes."""

    def __init__(self, sock: Sock, board: SeqBoard, seq: int) -> None:
        self.sock = sock
        self.board = board
        self.seq = seq  # the newest seq this socket has received
        self.marks_seq: list[int] = []  # (seq, time) of each chunk that raised `seq`
        self.marks_t: list[float] = []
        self.buf = b""
        self.transport: asyncio.Transport | None = None
        self.closing = False

    def data_received(self, data: bytes) -> None:
        now = time.perf_counter()
        if self.buf:
            data = self.buf + data
        size_all = len(data)
        i = 0
        texts = 0
        last_text = -1
        last_end = 0
        while size_all - i >= 2:
            b1 = data[i + 1] & 0x7F
            if b1 < 126:
                start = i + 2
                size = b1
            elif b1 == 126:
                if size_all - i < 4:
                    break
                start = i + 4
                size = int.from_bytes(data[i + 2 : i + 4], "big")
            else:
                if size_all - i < 10:
                    break
                start = i + 10
                size = int.from_bytes(data[i + 2 : i + 10], "big")
            end = start + size
            if end > size_all:
                break
            op = data[i] & 0x0F
            if op == 1:
                texts += 1
                last_text = start
                last_end = end
            elif op == 9 and self.transport is not None:  # ping: pong with a zero mask
                self.transport.write(bytes((0x8A, 0x80 | size)) + b"\0\0\0\0" + data[start:end])
            elif op == 8:
                self.sock.closed_code = int.from_bytes(data[start : start + 2], "big") or 1005
            i = end
        self.buf = data[i:] if i < size_all else b""
        if not texts:
            return
        self.sock.frames += texts
        self.sock.bytes += size_all - len(self.buf)
        m = HEAD.match(data[last_text : min(last_end, last_text + 160)])
        if m is None or m.group(2) is None:
            return
        seq = int(m.group(2))
        board = self.board
        if seq not in board.kinds:
            board.kinds[seq] = m.group(1)
            board.sizes[m.group(1)] = last_end - last_text
        if seq > self.seq:
            board.advance(self.seq, seq)
            self.seq = seq
            self.marks_seq.append(seq)
            self.marks_t.append(now)

    def arrival(self, seq: int) -> float | None:
        """When this socket received `seq` (None: not yet)."""
        k = bisect.bisect_left(self.marks_seq, seq)
        return self.marks_t[k] if k < len(self.marks_t) else None

    def connection_lost(self, exc: Exception | None) -> None:
        if self.sock.closed_code is None and not self.closing:
            self.sock.closed_code = 1006


def go_raw(sock: Sock, board: SeqBoard, seq: int) -> RawReader | None:
    """Hand the socket's transport to a RawReader; None when it cannot be (compression
    negotiated, or the socket is gone). Call only while the server sends nothing to it:
    bytes the library has already read are not seen again."""
    ws = sock.ws
    if ws.protocol.extensions or ws.transport is None or ws.transport.is_closing():
        return None
    if sock.reader is not None:
        sock.reader.cancel()
        sock.reader = None
    reader = RawReader(sock, board, seq)
    transport = ws.transport
    reader.transport = transport
    transport.set_protocol(reader)
    with contextlib.suppress(Exception):
        transport.resume_reading()  # the library may have paused it (its queue was full)
    sock.extra["raw"] = reader
    return reader


def close_raw(readers: Sequence[RawReader]) -> None:
    for r in readers:
        r.closing = True
        if r.transport is not None:
            r.transport.close()
