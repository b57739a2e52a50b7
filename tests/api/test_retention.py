"""Lobbies idle longer than RADDLE_RETENTION_DAYS go, with everything in them; the server
deletes them by itself, in batches. The server's clock is moved forward, not waited for."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from raddle.config import async_database_url
from tests.support.api import bearer, join
from tests.support.databases import database
from tests.support.game import make_game
from tests.support.server import ADMIN_PASSWORD, ServerProcess

DAY = 86_400
OLD_LOBBIES = 13  # more than one batch of ten

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
async def idle_server(backend: str, tmp_path: Path) -> AsyncIterator[ServerProcess]:
    with database(backend, tmp_path) as url:
        server = ServerProcess(
            url,
            tmp_path / "server.log",
            extra_env={"RADDLE_RETENTION_DAYS": "7", "RADDLE_RETENTION_CHECK_SECONDS": "0.2"},
        )
        await asyncio.to_thread(server.start)
        try:
            yield server
        finally:
            await asyncio.to_thread(server.stop)


async def log_in(http: httpx.AsyncClient) -> dict[str, str]:
    """A fresh host session (moving the clock on by days expires the old one)."""
    response = await http.post("/api/admin/session", json={"password": ADMIN_PASSWORD})
    assert response.status_code == 200, response.text
    return bearer(response.json()["token"])


async def advance(http: httpx.AsyncClient, days: float) -> None:
    moved = await http.post("/api/testing/clock", json={"advance_seconds": days * DAY})
    assert moved.status_code == 200, moved.text


async def new_lobby(http: httpx.AsyncClient, host: dict[str, str]) -> str:
    made = await http.post("/api/admin/lobbies", json={}, headers=host)
    assert made.status_code == 201, made.text
    return str(made.json()["code"])


async def row_counts(database_url: str) -> dict[str, int]:
    engine = create_async_engine(async_database_url(database_url))
    tables = ["lobbies", "teams", "players", "rounds", "round_teams", "rungs", "guesses"]
    try:
        async with engine.connect() as connection:
            counts = {}
            for table in [*tables, "hints", "lobby_events"]:
                result = await connection.execute(text(f"SELECT count(*) FROM {table}"))
                counts[table] = int(result.scalar_one())
            return counts
    finally:
        await engine.dispose()


async def test_lobbies_idle_past_the_retention_time_are_deleted_with_everything_in_them(
    idle_server: ServerProcess,
) -> None:
    async with httpx.AsyncClient(base_url=idle_server.url, timeout=20) as http:
        host = await log_in(http)
        # Day 0: a lobby that plays a round (teams, players, guesses, a hint), and more.
        game = await make_game(http, host, idle_server.ws_url)
        await game.start(difficulty="easy")
        words = await game.answers(0)
        player = game.team(0)[0]
        for word in (words[1], "nope"):
            await http.post(
                "/api/me/guess", json={"rung": 1, "word": word}, headers=bearer(player.token)
            )
        hint = await http.post(
            "/api/me/hint",
            json={"direction": "up", "level": 2},
            headers=bearer(game.team(1)[0].token),
        )
        assert hint.status_code == 200, hint.text
        old = [game.code] + [await new_lobby(http, host) for _ in range(OLD_LOBBIES - 1)]
        kept_busy = await new_lobby(http, host)

        # Day 4: a new lobby, and someone joins the busy one.
        await advance(http, 4)
        host = await log_in(http)
        kept_new = await new_lobby(http, host)
        await join(http, kept_busy, "Late Lark")

        # Day 8: the day-0 lobbies have been idle for eight days, the others for four.
        await advance(http, 4)
        host = await log_in(http)
        deadline = time.monotonic() + 60
        while True:
            gone = [
                code for code in old if (await http.get(f"/api/lobbies/{code}")).status_code == 404
            ]
            if len(gone) == len(old) or time.monotonic() > deadline:
                break
            await asyncio.sleep(0.2)
        assert gone == old
        for code in (kept_busy, kept_new):
            assert (await http.get(f"/api/lobbies/{code}")).status_code == 200, code
        listed = (await http.get("/api/admin/lobbies", headers=host)).json()
        assert sorted(lobby["code"] for lobby in listed) == sorted([kept_busy, kept_new])
        # The deleted players' tokens open nothing any more.
        assert (await http.get("/api/me", headers=bearer(player.token))).status_code == 401

    # Nothing of the deleted lobbies is left behind in any table.
    counts = await row_counts(idle_server.database_url)
    assert counts | {"lobby_events": 0} == {
        "lobbies": 2,
        "teams": 0,
        "players": 1,
        "rounds": 0,
        "round_teams": 0,
        "rungs": 0,
        "guesses": 0,
        "hints": 0,
        "lobby_events": 0,
    }
    # The server did it by itself, ten lobbies at a time.
    purges = [
        record
        for record in (
            json.loads(line) for line in idle_server.log_text().splitlines() if line.startswith("{")
        )
        if record.get("msg") == "deleted idle lobbies"
    ]
    assert sum(record["lobbies"] for record in purges) == OLD_LOBBIES
    assert max(record["batches"] for record in purges) >= 2
