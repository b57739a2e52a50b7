"""With Redis, the limits hold across server processes: a client spreading its requests
over four processes gets no more than from one."""

from __future__ import annotations

import secrets
from pathlib import Path

import httpx

from raddle.limits import LOGIN
from tests.support.databases import REDIS_URL, postgres_database
from tests.support.server import ServerProcess


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
