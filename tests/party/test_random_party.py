"""Random whole-room play against real servers: SQLite in one process, and
PostgreSQL with two processes sharing events through Redis.

`./rt test tests/party --long` plays for `RADDLE_PARTY_MINUTES` (default 30)
minutes per backend instead of the short budget every run has.
"""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis.stateful import run_state_machine_as_test

from tests.party.machine import Loop, PartyMachine, World
from tests.support.databases import database
from tests.support.server import ServerProcess

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture(params=["sqlite", "postgres-redis"])
def world(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[World]:
    backend = str(request.param)
    with database(backend.split("-")[0], tmp_path) as url:
        if backend == "sqlite":
            servers = [ServerProcess(url, tmp_path / "server.log")]
        else:
            env = {"RADDLE_REDIS_PREFIX": f"raddle-party-{secrets.token_hex(4)}"}
            servers = [
                ServerProcess(url, tmp_path / f"server{i}.log", redis_url=REDIS_URL, extra_env=env)
                for i in range(2)
            ]
        for server in servers:
            server.start()
        loop = Loop()
        world = World(servers, loop)
        try:
            world.open()
            yield world
            world.close()
        finally:
            loop.stop()
            for server in servers:
                server.stop()
        for server in servers:
            assert "Traceback" not in server.log_text(), server.log_text()[-4000:]


def play(world: World, examples: int, steps: int, shrink: bool) -> None:
    class Party(PartyMachine):
        pass

    Party.world = world
    run_state_machine_as_test(
        Party,
        settings=settings(
            max_examples=examples,
            stateful_step_count=steps,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
            # Shrinking replays steps against real servers: worth it on long runs only.
            phases=[p for p in Phase if shrink or p is not Phase.shrink],
        ),
    )


def test_a_random_party_keeps_every_room_right(
    world: World, request: pytest.FixtureRequest
) -> None:
    if request.config.getoption("--long"):
        until = time.monotonic() + 60 * float(os.environ.get("RADDLE_PARTY_MINUTES", "30"))
        while time.monotonic() < until:
            play(world, examples=10, steps=60, shrink=True)
    else:
        play(world, examples=6, steps=30, shrink=False)
    print(f"random party: {world.steps} steps in {world.rooms} rooms")
    assert world.steps > 0
