"""Connections that never finish their request, idle ones, and too many from one address."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator

import pytest

from tests.support.server import ServerProcess, serving

DEADLINE = 30.0  # far beyond the server's 1 s: a busy machine must not fail these


@pytest.fixture(scope="module")
def timed_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    env = {
        "RADDLE_HEADER_TIMEOUT_SECONDS": "1",
        "RADDLE_KEEP_ALIVE_SECONDS": "1",
        "RADDLE_MAX_CONNECTIONS_PER_ADDRESS": "20",
    }
    with serving(tmp_path_factory.mktemp("timeouts"), env) as server:
        yield server


@contextlib.asynccontextmanager
async def connection(
    server: ServerProcess,
) -> AsyncIterator[tuple[asyncio.StreamReader, asyncio.StreamWriter]]:
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    try:
        yield reader, writer
    finally:
        writer.close()
        with contextlib.suppress(Exception):
            await writer.wait_closed()


async def closed_by_server(reader: asyncio.StreamReader) -> bytes:
    """Everything the server sent until it closed the connection."""
    return await asyncio.wait_for(reader.read(), DEADLINE)


async def test_a_request_whose_headers_never_end_is_closed(timed_server: ServerProcess) -> None:
    async with connection(timed_server) as (reader, writer):
        writer.write(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        await writer.drain()
        assert b"200" not in await closed_by_server(reader)


async def test_a_connection_that_sends_nothing_is_closed(timed_server: ServerProcess) -> None:
    async with connection(timed_server) as (reader, _):
        assert await closed_by_server(reader) == b""


async def test_an_idle_keep_alive_connection_is_closed(timed_server: ServerProcess) -> None:
    async with connection(timed_server) as (reader, writer):
        writer.write(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        await writer.drain()
        assert b"200 OK" in await closed_by_server(reader)


async def test_a_socket_upgrade_that_never_finishes_is_closed(timed_server: ServerProcess) -> None:
    async with connection(timed_server) as (reader, writer):
        writer.write(
            b"GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
            b"Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
        )
        await writer.drain()
        assert b"101" not in await closed_by_server(reader)


async def test_slow_clients_do_not_keep_others_out(timed_server: ServerProcess) -> None:
    async with contextlib.AsyncExitStack() as stack:
        slow = [await stack.enter_async_context(connection(timed_server)) for _ in range(20)]
        # The address's connections are all taken: one more is closed at once.
        async with connection(timed_server) as (reader, writer):
            writer.write(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            with contextlib.suppress(ConnectionError):
                await writer.drain()
            with contextlib.suppress(ConnectionError):
                assert b"200" not in await closed_by_server(reader)
        # Once the slow ones are dropped, requests are served again.
        for reader, _ in slow:
            await closed_by_server(reader)
    async with connection(timed_server) as (reader, writer):
        writer.write(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        await writer.drain()
        assert b"200 OK" in await closed_by_server(reader)
