"""Which names the server answers to, which pages may open its sockets, and whose
forwarded address it believes."""

from __future__ import annotations

import asyncio
import base64
import os
import time
from collections.abc import Iterator

import httpx
import pytest
import websockets

from tests.security.conftest import host_and_lobby, join_from, visitor
from tests.support.api import assert_error
from tests.support.server import ServerProcess, serving
from tests.support.ws import Client


async def handshake(server: ServerProcess, host: str, origin: str | None) -> bytes:
    """Send a socket upgrade with these Host and Origin headers; the status line back."""
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    key = base64.b64encode(os.urandom(16))
    lines = [
        b"GET /ws HTTP/1.1",
        b"Host: " + host.encode(),
        b"Upgrade: websocket",
        b"Connection: Upgrade",
        b"Sec-WebSocket-Version: 13",
        b"Sec-WebSocket-Key: " + key,
    ]
    if origin is not None:
        lines.append(b"Origin: " + origin.encode())
    writer.write(b"\r\n".join(lines) + b"\r\n\r\n")
    await writer.drain()
    status = await asyncio.wait_for(reader.readline(), 30)
    writer.close()
    return status


async def test_a_rebound_name_cannot_open_a_socket(strict_server: ServerProcess) -> None:
    # A page on evil.example whose name now points at this server (DNS rebinding):
    # Host and Origin agree with each other, but the name is not this server's.
    status = await handshake(strict_server, "evil.example", "https://evil.example")
    assert b" 403 " in status
    own = f"127.0.0.1:{strict_server.port}"
    assert b" 101 " in await handshake(strict_server, own, f"http://{own}")
    assert b" 101 " in await handshake(strict_server, "localhost", "http://localhost")


async def test_an_origin_must_match_the_scheme_too(strict_server: ServerProcess) -> None:
    own = f"127.0.0.1:{strict_server.port}"
    # This socket arrived over plain ws: a page served over https is another origin.
    assert b" 403 " in await handshake(strict_server, own, f"https://{own}")


async def test_http_for_an_unknown_name_is_refused(strict: httpx.AsyncClient) -> None:
    response = await strict.get("/api/lobbies/ABCDEF", headers={"Host": "evil.example"})
    assert_error(response, 400, "bad_host")
    page = await strict.get("/host", headers={"Host": "evil.example"})
    assert_error(page, 400, "bad_host")
    assert (await strict.get("/host", headers={"Host": "localhost:1"})).status_code == 200


@pytest.fixture(scope="module")
def named_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """Configured with its public names, behind no trusted proxy."""
    env = {
        "RADDLE_ALLOWED_HOSTS": "game.example.org,*.party.example",
        "RADDLE_RATE_LIMIT_SCALE": "1",
    }
    with serving(tmp_path_factory.mktemp("named"), env) as server:
        yield server


async def test_configured_names_are_the_only_ones_answered(named_server: ServerProcess) -> None:
    async with httpx.AsyncClient(base_url=named_server.url) as client:
        for name, status in [
            ("game.example.org", 200),
            ("tv.party.example", 200),
            ("127.0.0.1", 400),
            ("evil.example", 400),
        ]:
            response = await client.get("/host", headers={"Host": name})
            assert response.status_code == status, name
        # Probes by address still see the health check.
        assert (await client.get("/api/health")).status_code == 200
    assert b" 101 " in await handshake(named_server, "game.example.org", "http://game.example.org")
    assert b" 403 " in await handshake(named_server, "evil.example", None)


async def test_forwarded_addresses_count_only_from_trusted_proxies(
    named_server: ServerProcess,
) -> None:
    # Not a trusted proxy: a made-up X-Forwarded-For does not buy fresh login attempts.
    async with httpx.AsyncClient(
        base_url=named_server.url, headers={"Host": "game.example.org"}
    ) as client:
        statuses = []
        for i in range(12):
            response = await client.post(
                "/api/admin/session",
                json={"password": "wrong"},
                headers={"X-Forwarded-For": f"203.0.113.{i}"},
            )
            statuses.append(response.status_code)
    assert statuses[:10] == [401] * 10 and statuses[-1] == 429


async def test_open_sockets_per_address_are_capped(
    strict: httpx.AsyncClient, strict_server: ServerProcess
) -> None:
    _, code = await host_and_lobby(strict)
    ana = (await join_from(strict, code, "Ana", visitor())).json()
    address = {"X-Forwarded-For": "192.0.2.77"}
    sockets = []
    for _ in range(3):
        socket = await Client.connect(strict_server.ws_url, additional_headers=address)
        await socket.send({"type": "auth", "token": ana["token"]})
        await socket.expect("snapshot")
        sockets.append(socket)
    with pytest.raises(websockets.InvalidStatus) as refused:
        await Client.connect(strict_server.ws_url, additional_headers=address)
    assert refused.value.response.status_code == 403
    # Another address is not held back by it.
    other = await Client.connect(strict_server.ws_url, additional_headers=visitor())
    await other.close()
    # A closed socket frees its place (the server notices the close on its own time).
    await sockets.pop().close()
    deadline = time.monotonic() + 30
    while True:
        try:
            again = await Client.connect(strict_server.ws_url, additional_headers=address)
            break
        except websockets.InvalidStatus:
            assert time.monotonic() < deadline, "the closed socket's place was never freed"
            await asyncio.sleep(0.2)
    await again.close()
    for socket in sockets:
        await socket.close()
