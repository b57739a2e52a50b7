"""Abuse limits: brute force, join and guess floods are refused with 429; caps with 409."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from raddle.errors import TooMany
from raddle.limits import PLAY, READY, Limits
from tests.support.api import assert_error, bearer
from tests.support.databases import sqlite_database
from tests.support.game import make_game
from tests.support.server import ADMIN_PASSWORD, ServerProcess


@pytest.fixture
async def strict(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    """A server with the production limits and small caps."""
    with sqlite_database(tmp_path) as url:
        server = ServerProcess(
            url,
            tmp_path / "server.log",
            extra_env={
                "RADDLE_RATE_LIMIT_SCALE": "1",
                "RADDLE_MAX_PLAYERS_PER_LOBBY": "45",
                "RADDLE_MAX_LOBBIES": "3",
            },
        ).start()
        try:
            async with httpx.AsyncClient(base_url=server.url) as client:
                yield client
        finally:
            server.stop()


async def test_login_brute_force_is_slowed_with_retry_after(strict: httpx.AsyncClient) -> None:
    statuses = []
    for _ in range(15):
        response = await strict.post("/api/admin/session", json={"password": "guess"})
        statuses.append(response.status_code)
    assert statuses[:10] == [401] * 10
    assert statuses[-1] == 429
    assert int(response.headers["Retry-After"]) >= 1
    assert_error(response, 429, "rate_limited")


async def test_join_floods_and_full_lobbies_are_refused(strict: httpx.AsyncClient) -> None:
    token = (await strict.post("/api/admin/session", json={"password": ADMIN_PASSWORD})).json()[
        "token"
    ]
    code = (await strict.post("/api/admin/lobbies", json={}, headers=bearer(token))).json()["code"]
    # All at once, as a flood comes: the window (40 per address per 8 s) fills.
    answers = await asyncio.gather(
        *(
            strict.post(f"/api/lobbies/{code}/players", json={"name": f"Flood {i}"})
            for i in range(60)
        )
    )
    statuses = [a.status_code for a in answers]
    assert statuses.count(201) >= 40 and 429 in statuses
    assert statuses.count(201) <= 45  # the lobby cap
    # The cap answers 409 once the rate allows asking again.
    full = [
        (await strict.post(f"/api/lobbies/{code}/players", json={"name": f"More {i}"})).status_code
        for i in range(3)
    ]
    assert set(full) <= {409, 429}


async def test_a_server_runs_a_bounded_number_of_lobbies(strict: httpx.AsyncClient) -> None:
    token = (await strict.post("/api/admin/session", json={"password": ADMIN_PASSWORD})).json()[
        "token"
    ]
    for _ in range(3):
        await strict.post("/api/admin/lobbies", json={}, headers=bearer(token))
    response = await strict.post("/api/admin/lobbies", json={}, headers=bearer(token))
    assert_error(response, 409, "too_many_lobbies")


async def test_a_window_refuses_past_its_amount_per_key() -> None:
    limits = Limits()
    for _ in range(READY.amount):
        await limits.ready(7)
    with pytest.raises(TooMany) as refused:
        await limits.ready(7)
    assert 1 <= refused.value.retry_after <= READY.seconds
    await limits.ready(8)  # keys do not share a window


async def test_the_scale_multiplies_every_amount_and_off_means_off() -> None:
    scaled = Limits(scale=3)
    for _ in range(READY.amount * 3):
        await scaled.ready(1)
    with pytest.raises(TooMany):
        await scaled.ready(1)
    off = Limits(enabled=False)
    for _ in range(READY.amount * 5):
        await off.ready(1)


async def test_a_process_keeps_limiting_when_redis_is_away() -> None:
    # Nothing listens on port 9: the shared store fails and this process counts alone.
    limits = Limits(redis_url="redis://127.0.0.1:9/0")
    assert limits.shared
    for _ in range(READY.amount):
        await limits.ready(1)
    with pytest.raises(TooMany):
        await limits.ready(1)


async def test_a_player_flooding_guesses_is_slowed(strict: httpx.AsyncClient) -> None:
    token = (await strict.post("/api/admin/session", json={"password": ADMIN_PASSWORD})).json()[
        "token"
    ]
    game = await make_game(strict, bearer(token), "ws://unused")
    await game.start()
    player = game.players[0]
    answers = await asyncio.gather(
        *(
            strict.post(
                "/api/me/guess", json={"rung": 1, "word": f"W{i}"}, headers=bearer(player.token)
            )
            for i in range(50)
        )
    )
    statuses = [a.status_code for a in answers]
    assert set(statuses) == {200, 429}
    assert statuses.count(200) >= PLAY.amount
    # A teammate is not slowed by it.
    other = game.players[1]
    response = await strict.post(
        "/api/me/guess", json={"rung": 1, "word": "fine"}, headers=bearer(other.token)
    )
    assert response.status_code == 200
