"""Shared fixtures: a real server per database backend, and HTTP clients for it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from tests.support.databases import database
from tests.support.server import ADMIN_PASSWORD, ServerProcess

BACKENDS = ["sqlite", "postgres"]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--long", action="store_true", default=False, help="run the ten-minute soak variant"
    )


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="session")
def server(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    folder = tmp_path_factory.mktemp(f"server-{backend}")
    with database(backend, folder) as url:
        process = ServerProcess(url, folder / "server.log").start()
        try:
            yield process
        finally:
            process.stop()


@pytest.fixture
async def client(server: ServerProcess) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=server.url, timeout=20.0) as http:
        yield http


@pytest.fixture
async def host(client: httpx.AsyncClient) -> dict[str, str]:
    """Authorization headers of a logged-in host."""
    response = await client.post("/api/admin/session", json={"password": ADMIN_PASSWORD})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['token']}"}


@pytest.fixture
async def lobby(client: httpx.AsyncClient, host: dict[str, str]) -> dict[str, object]:
    response = await client.post("/api/admin/lobbies", json={}, headers=host)
    assert response.status_code == 201, response.text
    return dict(response.json())
