"""Logs have one line per request and never a password, token or Authorization header."""

from __future__ import annotations

import asyncio
import json

import httpx

from tests.support.api import bearer, join
from tests.support.server import ADMIN_PASSWORD, ServerProcess


async def test_no_secret_reaches_the_log(server: ServerProcess, client: httpx.AsyncClient) -> None:
    login = await client.post("/api/admin/session", json={"password": ADMIN_PASSWORD})
    admin_token = login.json()["token"]
    await client.post("/api/admin/session", json={"password": "wrong " + ADMIN_PASSWORD})
    lobby = (await client.post("/api/admin/lobbies", json={}, headers=bearer(admin_token))).json()
    player = await join(client, lobby["code"], "Secretive")
    await client.get("/api/me", headers=bearer(player["token"]))
    await client.get("/api/me", headers=bearer(player["token"] + "x"))
    await client.delete("/api/admin/session", headers=bearer(admin_token))

    log = server.log_text()
    for secret in (ADMIN_PASSWORD, admin_token, player["token"]):
        assert secret not in log
    assert "Bearer " not in log
    assert "authorization" not in log.lower()


async def test_each_request_writes_one_structured_line(
    server: ServerProcess, client: httpx.AsyncClient
) -> None:
    response = await client.get("/api/health")
    request_id = response.headers["x-request-id"]
    lines: list[dict[str, object]] = []
    for _ in range(100):  # the line is written just after the response leaves
        lines = [json.loads(line) for line in server.log_text().splitlines() if request_id in line]
        if lines:
            break
        await asyncio.sleep(0.02)
    assert len(lines) == 1
    line = lines[0]
    assert line["method"] == "GET" and line["path"] == "/api/health" and line["status"] == 200
    assert isinstance(line["duration_ms"], float)
