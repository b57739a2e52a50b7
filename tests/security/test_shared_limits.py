"""With Redis, the limits hold across server processes: a client spreading its requests
over four processes gets no more than from one."""

from __future__ import annotations

import asyncio
import secrets
import time
from pathlib import Path

import httpx
import pytest
import websockets

from raddle.limits import LOGIN
from tests.support.databases import REDIS_URL, postgres_database
from tests.support.game import host_with_lobby
from tests.support.server import ServerProcess
from tests.support.ws import Client


async def test_login_attempts_are_counted_across_processes(tmp_path: Path) -> None:
    env = {
        "RADDLE_REDIS_PREFIX": f"raddle-test-{secrets.token_hex(4)}",
        "RADDLE_RATE_LIMIT_SCALE": "1",
    }
    with postgres_database() as url:
        servers = [
            ServerProcess(url, tmp_path / f"{n}.log", redis_url=REDIS_URL, extra_env=env).start()
            for n in ("one", "two")
        ]
        try:
            async with httpx.AsyncClient(timeout=20) as http:
                statuses = []
                for attempt in range(LOGIN.amount + 4):
                    server = servers[attempt % 2]
                    response = await http.post(
                        f"{server.url}/api/admin/session", json={"password": "guess"}
                    )
                    statuses.append(response.status_code)
        finally:
            for server in servers:
                server.stop()
    # One process alone would have allowed LOGIN.amount attempts on each.
    assert statuses[: LOGIN.amount] == [401] * LOGIN.amount
    assert statuses[LOGIN.amount :] == [429] * 4


async def test_open_sockets_per_address_are_counted_across_processes(tmp_path: Path) -> None:
    env = {
        "RADDLE_REDIS_PREFIX": f"raddle-test-{secrets.token_hex(4)}",
        "RADDLE_MAX_SOCKETS_PER_ADDRESS": "3",
    }
    with postgres_database() as url:
        one, two = (
            ServerProcess(url, tmp_path / f"{n}.log", redis_url=REDIS_URL, extra_env=env).start()
            for n in ("one", "two")
        )
        try:
            async with httpx.AsyncClient(base_url=one.url, timeout=20) as http:
                _, code = await host_with_lobby(http)

            async def screen(server: ServerProcess) -> Client:
                socket = await Client.connect(server.ws_url)
                await socket.send({"type": "auth", "screen": code})
                await socket.expect("snapshot", timeout=15)
                return socket

            held = [await screen(one), await screen(one), await screen(two)]
            for server in (one, two):
                with pytest.raises(websockets.InvalidStatus) as refused:
                    await Client.connect(server.ws_url)
                assert refused.value.response.status_code == 403
            # A socket closed on one process frees a place on the other.
            await held.pop(0).close()
            deadline = time.monotonic() + 30
            while True:
                try:
                    held.append(await screen(two))
                    break
                except websockets.InvalidStatus:
                    assert time.monotonic() < deadline, "the closed socket's place was never freed"
                    await asyncio.sleep(0.2)
            for socket in held:
                await socket.close()
        finally:
            one.stop()
            two.stop()
