"""Two server processes on PostgreSQL + Redis serve one lobby as if they were one."""

from __future__ import annotations

import asyncio
import secrets
from pathlib import Path

import httpx

from tests.support.api import bearer
from tests.support.databases import REDIS_URL, postgres_database
from tests.support.game import log_in, open_game
from tests.support.server import ServerProcess, two_servers
from tests.support.ws import host_socket, player_socket


async def test_events_cross_processes_with_gap_free_seq(tmp_path: Path) -> None:
    prefix = f"raddle-test-{secrets.token_hex(4)}"
    with postgres_database() as url, two_servers(url, REDIS_URL, tmp_path, prefix) as (one, two):
        await _scenario(one, two)


async def _scenario(one: ServerProcess, two: ServerProcess) -> None:
    async with httpx.AsyncClient(timeout=20) as http:
        game = await open_game(http, await log_in(http, one.url), base=two.url)
        token, code = game.host_token, game.code
        ana = await game.via(one.url).join("Ana")

        # Ana's own socket first, announced, so the host's snapshot comes after it.
        on_two = await player_socket(two.ws_url, ana.token)
        await on_two.expect("snapshot")
        await on_two.expect("player_connected")
        on_one = await host_socket(one.ws_url, token, code)
        start = (await on_one.expect("snapshot"))["seq"]

        # Changes made through both processes, concurrently.
        names = [f"Guest {i}" for i in range(12)]
        await asyncio.gather(
            *(
                http.post(f"{(one, two)[i % 2].url}/api/lobbies/{code}/players", json={"name": n})
                for i, n in enumerate(names)
            )
        )
        await http.post(
            f"{two.url}/api/admin/lobbies/{code}/teams", json={"count": 3}, headers=bearer(token)
        )
        final = start + len(names) + 1  # the joins, the teams
        await on_one.wait_seq(final, timeout=15)
        await on_two.wait_seq(final, timeout=15)
        assert [f["seq"] for f in on_one.events()] == list(range(start + 1, final + 1))
        # Ana sees every join; being dealt into a team reaches her as a fresh snapshot.
        joins = [f["seq"] for f in on_two.events() if f["seq"] > start]
        assert joins[: len(names)] == list(range(start + 1, final)), joins
        dealt = [f for f in on_two.frames if f["type"] == "snapshot" and f["seq"] >= final]
        assert dealt and dealt[0]["state"]["me"]["team_id"] is not None
        joined = {f["player"]["name"] for f in on_two.events() if f["type"] == "player_joined"}
        assert joined == set(names)

        # A kick through process one closes the player's socket on process two.
        await http.delete(f"{one.url}/api/admin/players/{ana.id}", headers=bearer(token))
        code_, _ = await on_two.closed(timeout=10)
        assert code_ == 4003
        await on_one.close()


async def test_a_reload_onto_the_other_process_leaves_the_player_connected(
    tmp_path: Path,
) -> None:
    """The new socket opens on one process before the other notices the old one
    closed: the room may briefly see the player go, and must see them back."""
    prefix = f"raddle-test-{secrets.token_hex(4)}"
    with postgres_database() as url, two_servers(url, REDIS_URL, tmp_path, prefix) as (one, two):
        async with httpx.AsyncClient(timeout=20) as http:
            game = await open_game(http, await log_in(http, one.url), base=one.url)
            token, code = game.host_token, game.code
            ana = await game.join("Ana")
            old = await player_socket(one.ws_url, ana.token)
            await old.expect("snapshot")
            new = await player_socket(two.ws_url, ana.token)
            await new.expect("snapshot")
            await old.close()  # noticed after the new socket was already open
            watcher = await host_socket(one.ws_url, token, code)

            async def connected() -> bool:
                snapshot = await http.get(
                    f"{two.url}/api/admin/lobbies/{code}", headers=bearer(token)
                )
                return bool(snapshot.json()["players"][0]["connected"])

            # Past the grace period and a heartbeat: the room sees Ana connected.
            await asyncio.sleep(12)
            deadline = asyncio.get_running_loop().time() + 20
            while not await connected():
                assert asyncio.get_running_loop().time() < deadline
                await asyncio.sleep(0.5)
            await new.close()
            await watcher.close()
