"""Redis and PostgreSQL going away and coming back: the server recovers on its own."""

from __future__ import annotations

import asyncio
import secrets
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.game import host_with_lobby, log_in, open_game
from tests.support.server import ServerProcess, two_servers
from tests.support.services import PrivatePostgres, PrivateRedis
from tests.support.ws import host_socket


@pytest.fixture
def private_postgres() -> Iterator[PrivatePostgres]:
    cluster = PrivatePostgres().create()
    try:
        yield cluster
    finally:
        cluster.destroy()


async def test_a_redis_restart_mid_game_heals_within_seconds(
    private_postgres: PrivatePostgres, tmp_path: Path
) -> None:
    redis = PrivateRedis().start()
    prefix = f"outage-{secrets.token_hex(3)}"
    try:
        with two_servers(private_postgres.url, redis.url, tmp_path, prefix) as (one, two):
            async with httpx.AsyncClient(timeout=20) as http:
                game = await open_game(http, await log_in(http, one.url), base=one.url)
                token, code = game.host_token, game.code
                watcher = await host_socket(two.ws_url, token, code)
                await watcher.expect("snapshot")

                redis.kill()
                joined = await http.post(
                    f"{one.url}/api/lobbies/{code}/players", json={"name": "During Outage"}
                )
                assert joined.status_code == 201  # the database is the truth; Redis is a pipe
                down = await http.get(f"{one.url}/api/health")
                assert down.status_code == 503

                redis.start()  # on the same port
                started = time.monotonic()
                names: set[str] = set()
                while time.monotonic() - started < 15 and "During Outage" not in names:
                    await asyncio.sleep(0.1)
                    for frame in watcher.frames:
                        if frame["type"] == "snapshot":
                            names |= {p["name"] for p in frame["state"]["players"]}
                        elif frame["type"] == "player_joined":
                            names.add(frame["player"]["name"])
                recovered = time.monotonic() - started
                assert "During Outage" in names, watcher.frames[-3:]
                print(f"recovered {recovered:.2f} s after Redis came back")
                # The order of events was never broken: seq only grows between snapshots.
                last = 0
                for frame in watcher.frames:
                    if frame["type"] == "snapshot":
                        last = frame["seq"]
                    elif "seq" in frame:
                        assert frame["seq"] == last + 1
                        last = frame["seq"]
                assert (await http.get(f"{one.url}/api/health")).status_code == 200
                await watcher.close()
    finally:
        redis.kill()


async def test_a_postgres_restart_gives_503s_then_recovers_without_a_server_restart(
    private_postgres: PrivatePostgres, tmp_path: Path
) -> None:
    server = ServerProcess(private_postgres.url, tmp_path / "server.log").start()
    try:
        async with httpx.AsyncClient(base_url=server.url, timeout=20) as http:
            _, code = await host_with_lobby(http)

            private_postgres.stop()
            health = await http.get("/api/health")
            assert health.status_code == 503 and health.json()["code"] == "unavailable"
            refused = await http.post(f"/api/lobbies/{code}/players", json={"name": "Patient"})
            assert refused.status_code == 503 and refused.json()["code"] == "unavailable"

            private_postgres.start()
            started = time.monotonic()
            while time.monotonic() - started < 20:
                if (await http.get("/api/health")).status_code == 200:
                    break
                await asyncio.sleep(0.2)
            print(f"healthy {time.monotonic() - started:.2f} s after PostgreSQL came back")
            joined = await http.post(f"/api/lobbies/{code}/players", json={"name": "Patient"})
            assert joined.status_code == 201, joined.text
        assert server.process is not None and server.process.poll() is None
    finally:
        server.stop()
