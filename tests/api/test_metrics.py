"""/metrics serves Prometheus text when switched on, and exists only then."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.support.api import bearer
from tests.support.databases import sqlite_database
from tests.support.server import ADMIN_PASSWORD, ServerProcess
from tests.support.ws import player_socket


async def test_metrics_count_requests_sockets_and_events(tmp_path: Path) -> None:
    with sqlite_database(tmp_path) as url:
        server = ServerProcess(url, tmp_path / "log", extra_env={"RADDLE_METRICS": "true"}).start()
        try:
            async with httpx.AsyncClient(base_url=server.url) as http:
                token = (
                    await http.post("/api/admin/session", json={"password": ADMIN_PASSWORD})
                ).json()["token"]
                code = (
                    await http.post("/api/admin/lobbies", json={}, headers=bearer(token))
                ).json()["code"]
                joined = (
                    await http.post(f"/api/lobbies/{code}/players", json={"name": "Metric Mo"})
                ).json()
                socket = await player_socket(server.ws_url, joined["token"])
                await socket.expect("snapshot")
                await socket.expect("player_connected")
                text = (await http.get("/metrics")).text
                await socket.close()
        finally:
            server.stop()
    joins = 'method="POST",route="/api/lobbies/{code}/players",status="2xx"'
    assert f"raddle_http_requests_total{{{joins}}} 1.0" in text
    assert "raddle_http_request_seconds_bucket" in text
    assert "raddle_ws_open_sockets 1" in text
    assert "raddle_events_delivered_total" in text and "raddle_db_statement_seconds_count" in text
    assert code not in text and joined["token"] not in text and token not in text


async def test_metrics_are_off_by_default(client: httpx.AsyncClient) -> None:
    response = await client.get("/metrics")
    assert "raddle_http_requests_total" not in response.text
