"""Lobbies, players and tokens live in the database: a restarted server knows them all."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.support.api import bearer
from tests.support.databases import database
from tests.support.server import ADMIN_PASSWORD, ServerProcess


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
async def test_a_restart_loses_nothing(kind: str, tmp_path: Path) -> None:
    with database(kind, tmp_path) as url:
        server = ServerProcess(url, tmp_path / "server.log").start()
        try:
            async with httpx.AsyncClient(base_url=server.url) as client:
                login = await client.post("/api/admin/session", json={"password": ADMIN_PASSWORD})
                host = bearer(login.json()["token"])
                lobby = (await client.post("/api/admin/lobbies", json={}, headers=host)).json()
                await client.post(
                    f"/api/admin/lobbies/{lobby['code']}/teams", json={"count": 2}, headers=host
                )
                ana = (
                    await client.post(f"/api/lobbies/{lobby['code']}/players", json={"name": "Ana"})
                ).json()
                before = (
                    await client.get(f"/api/admin/lobbies/{lobby['code']}", headers=host)
                ).json()
            server.kill()
            server.start()
            async with httpx.AsyncClient(base_url=server.url) as client:
                after = (
                    await client.get(f"/api/admin/lobbies/{lobby['code']}", headers=host)
                ).json()
                me = await client.get("/api/me", headers=bearer(ana["token"]))
            assert after == before
            assert me.status_code == 200
            assert me.json()["player"]["name"] == "Ana"
        finally:
            server.stop()
