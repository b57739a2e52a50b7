"""Writing event frames straight to a socket's transport, encoded once for everyone.

Through ASGI, each frame to each socket costs a queue hand-off to the socket's writer
task, Starlette's and the middlewares' send wrappers, and uvicorn building the
WebSocket frame again from the text: about 25 µs per socket per event, 25 ms for one
event to 1,000 sockets. A server frame is not masked and, without compression, is the
same bytes for every socket that gets the same text; so the frame is built once per
text and written to each transport as it is.

This is taken only when it cannot change what the client receives or in what order:
the connection is uvicorn's websockets (sans-I/O) protocol with no extension
negotiated (no permessage-deflate), the handshake is done, nothing is closing, the
transport is not asking us to wait (flow control), and nothing is queued for the
socket's writer (the caller checks this). Otherwise the frame goes the ASGI way.

A write is one `send()` system call, and on loopback or a busy link that call is most
of a frame's cost; so frames are gathered per socket and written together once the
loop has run what is ready (`loop.call_soon`): the frames of every event delivered in
one turn of the loop go out in one write per socket, in the order they were offered.
The socket's writer task, when one is needed later, is scheduled after that flush, so
frames never overtake one another.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

RAW_SEND = "raddle.raw_send"
# Frames of the last few texts: one event has one text per audience, and every socket
# of a lobby is offered an event before the next event is encoded. Large texts (a
# snapshot, sent to one socket) are framed each time instead of held here.
_FRAME_CACHE_SIZE = 64
_FRAME_CACHE_MAX_TEXT = 16 * 1024
_frames: dict[str, bytes] = {}


def frame_of(text: str) -> bytes:
    """The unmasked, unfragmented WebSocket text frame carrying `text`."""
    frame = _frames.get(text) if len(text) <= _FRAME_CACHE_MAX_TEXT else None
    if frame is not None:
        return frame
    payload = text.encode()
    size = len(payload)
    if size < 126:
        head = bytes((0x81, size))
    elif size < 1 << 16:
        head = bytes((0x81, 126)) + size.to_bytes(2, "big")
    else:
        head = bytes((0x81, 127)) + size.to_bytes(8, "big")
    frame = head + payload
    if len(text) <= _FRAME_CACHE_MAX_TEXT:
        if len(_frames) >= _FRAME_CACHE_SIZE:
            _frames.clear()
        _frames[text] = frame
    return frame


class Gathered:
    """The frames offered to this server's sockets in this turn of the loop, written at
    its end (one per server: `Realtime.gathered`)."""

    def __init__(self) -> None:
        self._frames: dict[Any, list[bytes]] = {}

    def add(self, protocol: Any, frame: bytes) -> None:
        frames = self._frames.get(protocol)
        if frames is not None:
            frames.append(frame)
            return
        if not self._frames:
            asyncio.get_running_loop().call_soon(self.flush)
        self._frames[protocol] = [frame]

    def flush(self) -> None:
        gathered, self._frames = self._frames, {}
        for protocol, frames in gathered.items():
            transport = protocol.transport
            if protocol.disconnected or protocol.close_sent or transport.is_closing():
                continue  # the socket went away meanwhile; its reader finds out
            transport.write(frames[0] if len(frames) == 1 else b"".join(frames))


def direct_writer(scope: Scope, gathered: Gathered) -> Callable[[str], bool] | None:
    """A function that hands a text frame to this socket's transport (through
    `gathered`) and says whether it did, or None when this server's socket protocol is
    not one it can write to."""
    protocol: Any = getattr(scope.get(RAW_SEND), "__self__", None)
    if protocol is None or type(protocol).__name__ != "WebSocketsSansIOProtocol":
        return None
    if not all(
        hasattr(protocol, name)
        for name in ("transport", "writable", "conn", "close_sent", "disconnected")
    ):
        return None

    # The handshake, and with it the extensions, are settled once: after that only
    # the checks that can change are made, once per frame.
    plain = False

    def write(text: str) -> bool:
        nonlocal plain
        if not plain:
            if not protocol.handshake_complete or protocol.conn.extensions:
                return False
            plain = True
        if protocol.disconnected or protocol.close_sent or not protocol.writable.is_set():
            return False
        if protocol.transport.is_closing():
            return False
        gathered.add(protocol, frame_of(text))
        return True

    return write


class KeepRawSend:
    """Outermost middleware: keeps the server's own `send` of each WebSocket in its
    scope, for `direct_writer`. Changes nothing else."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    def __call__(self, scope: Scope, receive: Receive, send: Send) -> Awaitable[None]:
        # A plain function, not a coroutine: it hands on the inner app's awaitable, so
        # this layer keeps no frame for a socket's life.
        if scope["type"] == "websocket":
            scope[RAW_SEND] = send
        return self.app(scope, receive, send)
