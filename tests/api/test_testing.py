"""The reset endpoint wipes everything; it and the clock exist only in testing mode."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.support.api import assert_error, bearer, join
from tests.support.databases import sqlite_database
from tests.support.server import ServerProcess


async def test_reset_wipes_all_data(client: httpx.AsyncClient, host: dict[str, str]) -> None:
    lobby = (await client.post("/api/admin/lobbies", json={}, headers=host)).json()
    player = await join(client, lobby["code"], "Temp")
    assert (await client.delete("/api/testing/reset")).status_code == 204
    assert_error(await client.get(f"/api/lobbies/{lobby['code']}"), 404)
    assert_error(await client.get("/api/me", headers=bearer(player["token"])), 401)
    assert_error(await client.get("/api/admin/lobbies", headers=host), 401)


async def test_reset_and_the_clock_do_not_exist_outside_testing_mode(tmp_path: Path) -> None:
    with sqlite_database(tmp_path) as url:
        server = ServerProcess(url, tmp_path / "log", extra_env={"RADDLE_TESTING": "false"}).start()
        try:
            async with httpx.AsyncClient(base_url=server.url) as client:
                assert_error(await client.delete("/api/testing/reset"), 404)
                moved = await client.post("/api/testing/clock", json={"advance_seconds": 86_400})
                assert_error(moved, 404)
        finally:
            server.stop()
