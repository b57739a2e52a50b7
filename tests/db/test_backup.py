"""Backups taken while a round is being played restore into a fresh server with the
lobby, its rounds, guesses and leaderboard intact: `raddle backup`/`raddle restore` on
SQLite, pg_dump/pg_restore on PostgreSQL (the commands the README gives)."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support.api import bearer
from tests.support.databases import postgres_database, sqlite_database
from tests.support.game import Game, make_game
from tests.support.server import ADMIN_PASSWORD, ServerProcess

pytestmark = pytest.mark.timeout(180)


def raddle(*args: str | Path, database_url: str) -> subprocess.CompletedProcess[str]:
    """The `raddle` command as an operator runs it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RADDLE_")}
    env["RADDLE_DATABASE_URL"] = database_url
    return subprocess.run(
        [sys.executable, "-m", "raddle.cli", *map(str, args)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def sqlite_backup(source_url: str, file: Path) -> Callable[[], None]:
    def take() -> None:
        made = raddle("backup", file, database_url=source_url)
        assert made.returncode == 0, made.stderr
        assert "backed up" in made.stdout

    return take


def sqlite_restore(file: Path, target_url: str) -> None:
    restored = raddle("restore", file, database_url=target_url)
    assert restored.returncode == 0, restored.stderr


def pg_backup(source_url: str, file: Path) -> Callable[[], None]:
    def take() -> None:
        subprocess.run(
            ["pg_dump", "--format=custom", "--file", str(file), "--dbname", source_url],
            check=True,
            capture_output=True,
            timeout=120,
        )

    return take


def pg_restore(file: Path, target_url: str) -> None:
    subprocess.run(
        ["pg_restore", "--no-owner", "--exit-on-error", "--dbname", target_url, str(file)],
        check=True,
        capture_output=True,
        timeout=120,
    )


async def play_during(game: Game, backup: Callable[[], None]) -> list[str]:
    """Two players keep guessing wrong words, all different, before, during and after
    the backup; the words answered before it began."""
    words = (f"miss{a}{b}{c}" for a in "abcdefgh" for b in "abcdefgh" for c in "abcdefgh")

    async def guess_twice() -> None:
        for index in (0, 1):
            reply = await game.client.post(
                "/api/me/guess",
                json={"rung": 1, "word": next(words)},
                headers=bearer(game.team(index)[0].token),
            )
            assert reply.status_code == 200 and reply.json()["result"] == "incorrect", reply.text

    for _ in range(10):
        await guess_twice()
    answered = [g["word"] for g in await guess_log(game)]
    taking = asyncio.create_task(asyncio.to_thread(backup))
    while not taking.done():
        await guess_twice()
    await taking
    for _ in range(10):
        await guess_twice()
    return answered


async def guess_log(game: Game) -> list[dict[str, Any]]:
    response = await game.client.get(
        f"/api/admin/lobbies/{game.code}/rounds/2/guesses", headers=game.host
    )
    assert response.status_code == 200, response.text
    return list(response.json())


async def record(http: httpx.AsyncClient, game: Game) -> dict[str, Any]:
    """What a restore must bring back: the lobby, rounds, guesses and leaderboard."""
    base = f"/api/admin/lobbies/{game.code}"
    state = (await http.get(base, headers=game.host)).json()
    return {
        "players": sorted((p["id"], p["name"], p["team_id"]) for p in state["players"]),
        "teams": sorted((t["id"], t["name"]) for t in state["teams"]),
        "phase": state["lobby"]["phase"],
        "round": (state["round"]["number"], state["round"]["status"]),
        "summaries": (await http.get(f"{base}/rounds", headers=game.host)).json(),
        "leaderboard": (await http.get(f"{base}/leaderboard", headers=game.host)).json(),
        "guesses": await guess_log(game),
    }


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def two_databases(backend: str, tmp_path: Path) -> Iterator[tuple[str, str]]:
    with ExitStack() as stack:
        if backend == "sqlite":
            yield (
                stack.enter_context(sqlite_database(tmp_path)),
                stack.enter_context(sqlite_database(tmp_path)),
            )
        else:
            yield stack.enter_context(postgres_database()), stack.enter_context(postgres_database())


async def test_a_backup_taken_during_play_restores_into_a_fresh_server(
    backend: str, two_databases: tuple[str, str], tmp_path: Path
) -> None:
    if backend == "postgres" and not shutil.which("pg_dump"):
        pytest.skip("pg_dump is not installed")
    live_url, fresh_url = two_databases
    file = tmp_path / ("raddle.backup" if backend == "sqlite" else "raddle.dump")
    take = sqlite_backup(live_url, file) if backend == "sqlite" else pg_backup(live_url, file)
    live = ServerProcess(live_url, tmp_path / "live.log")
    await asyncio.to_thread(live.start)
    try:
        async with httpx.AsyncClient(base_url=live.url, timeout=20) as http:
            login = await http.post("/api/admin/session", json={"password": ADMIN_PASSWORD})
            host = bearer(login.json()["token"])
            game = await make_game(http, host, live.ws_url)
            # Round one is played and scored: team one solves a rung, the host ends it.
            await game.start(difficulty="easy")
            words = await game.answers(0)
            await http.post(
                "/api/me/guess",
                json={"rung": 1, "word": words[1]},
                headers=bearer(game.team(0)[0].token),
            )
            await http.post(f"/api/admin/lobbies/{game.code}/rounds/current/end", headers=host)
            # Round two is under way while the backup is taken.
            await game.start(difficulty="easy")
            before = await play_during(game, take)
            original = await record(http, game)
    finally:
        await asyncio.to_thread(live.stop)

    (sqlite_restore if backend == "sqlite" else pg_restore)(file, fresh_url)
    fresh = ServerProcess(fresh_url, tmp_path / "fresh.log")
    await asyncio.to_thread(fresh.start)
    try:
        async with httpx.AsyncClient(base_url=fresh.url, timeout=20) as http:
            game.client = http
            restored = await record(http, game)  # the host's session came back too
            # The same lobby, teams, players, scored round and leaderboard...
            for key in ("players", "teams", "phase", "round", "summaries", "leaderboard"):
                assert restored[key] == original[key], key
            # ...and round two as it stood at one moment during the backup: every guess
            # answered before it began, then an unbroken run of the ones that followed.
            guessed = [g["word"] for g in restored["guesses"]]
            assert guessed == [g["word"] for g in original["guesses"]][: len(guessed)]
            assert set(before) <= set(guessed)
            # The players carry on where they were.
            player = game.team(0)[0]
            again = await http.post(
                "/api/me/guess",
                json={"rung": 1, "word": "after the restore"},
                headers=bearer(player.token),
            )
            assert again.status_code == 200 and again.json()["result"] == "incorrect"
    finally:
        await asyncio.to_thread(fresh.stop)


def test_restore_keeps_a_database_that_has_lobbies_unless_told_to_replace_it(
    tmp_path: Path,
) -> None:
    with sqlite_database(tmp_path) as first, sqlite_database(tmp_path) as second:
        for url in (first, second):
            server = ServerProcess(url, tmp_path / "server.log").start()
            try:
                login = httpx.post(
                    f"{server.url}/api/admin/session",
                    json={"password": ADMIN_PASSWORD},
                )
                host = bearer(login.json()["token"])
                httpx.post(f"{server.url}/api/admin/lobbies", json={}, headers=host)
            finally:
                server.stop()
        file = tmp_path / "first.backup"
        assert raddle("backup", file, database_url=first).returncode == 0
        refused = raddle("restore", file, database_url=second)
        assert refused.returncode == 2 and "--replace" in refused.stderr
        replaced = raddle("restore", file, "--replace", database_url=second)
        assert replaced.returncode == 0, replaced.stderr
    not_sqlite = raddle("backup", file, database_url="postgresql://postgres@127.0.0.1/x")
    assert not_sqlite.returncode == 2 and "pg_dump" in not_sqlite.stderr
    broken = tmp_path / "broken.backup"
    broken.write_bytes(b"not a database at all" * 100)
    unusable = raddle("restore", broken, database_url=f"sqlite:///{tmp_path / 'new.db'}")
    assert unusable.returncode == 2 and "not a usable SQLite database" in unusable.stderr
