"""A server with the production limits and small caps, behind a trusted proxy (the test
client itself), so that each test can come from addresses of its own."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from tests.support.api import bearer
from tests.support.server import ADMIN_PASSWORD, ServerProcess, serving

STRICT_ENV = {
    "RADDLE_RATE_LIMIT_SCALE": "1",
    "RADDLE_MAX_PLAYERS_PER_ADDRESS": "5",
    "RADDLE_MAX_SOCKETS_PER_ADDRESS": "3",
    "RADDLE_TRUSTED_PROXIES": "127.0.0.1",
}
_addresses = (f"198.51.100.{n}" for n in itertools.count(1))


def visitor() -> dict[str, str]:
    """Headers of a request forwarded by the trusted proxy for an address of its own."""
    return {"X-Forwarded-For": next(_addresses)}


@pytest.fixture(scope="module")
def strict_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    with serving(tmp_path_factory.mktemp("strict"), STRICT_ENV) as server:
        yield server


@pytest.fixture
async def strict(strict_server: ServerProcess) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=strict_server.url, timeout=20) as client:
        yield client


async def host_and_lobby(client: httpx.AsyncClient) -> tuple[dict[str, str], str]:
    """A logged-in host (from an address of its own) and a new lobby's code."""
    login = await client.post(
        "/api/admin/session", json={"password": ADMIN_PASSWORD}, headers=visitor()
    )
    assert login.status_code == 200, login.text
    host = bearer(login.json()["token"])
    made = await client.post("/api/admin/lobbies", json={}, headers=host)
    assert made.status_code == 201, made.text
    return host, str(made.json()["code"])


async def join_from(
    client: httpx.AsyncClient, code: str, name: str, address: dict[str, str]
) -> httpx.Response:
    return await client.post(f"/api/lobbies/{code}/players", json={"name": name}, headers=address)
