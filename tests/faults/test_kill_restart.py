"""A server killed mid-round (kill -9) or stopped (SIGTERM) comes back with nothing lost.

The database is the truth: a restarted process on the same database and port serves the
same lobby, every client that reconnects with its last seq gets exactly the events it
missed (or a snapshot), no correct guess is lost, and a countdown set before the crash
still ends the round on time, once.
"""

from __future__ import annotations

import asyncio
import signal
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.faults.table import NAMES, Seat, Table, epoch, guess, served, start_server
from tests.faults.tracking import round_trip
from tests.support.api import bearer
from tests.support.server import ServerProcess

COUNTDOWN_SECONDS = 20
ON_TIME = 1.5  # how far from `ends_at` the round may end
EXIT_SECONDS = 6.0  # a SIGTERMed process is gone within this

pytestmark = pytest.mark.timeout(120)


def solved_rungs(state: dict[str, Any], seat: Seat) -> dict[int, tuple[str, int | None]]:
    """Rung -> (word, solver id) for what a snapshot shows as solved in the seat's view."""
    round_ = state["round"]
    if seat.is_host:
        ladders = list(round_["ladders"].values())
    else:
        ladders = [round_["ladder"]] if round_["ladder"] else []
    shown = {}
    for ladder in ladders:
        for rung in ladder["rungs"]:
            if rung["solved_by"] is not None:
                key = ladder["team_id"] * 1000 + rung["index"]
                shown[key] = (rung["word"], rung["solved_by"]["id"])
    return shown


Served = tuple[str, ServerProcess, httpx.AsyncClient]


@pytest.fixture(params=["sqlite", "postgres"])
async def fresh(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Served]:
    """A server on a new database of each kind; its log shows no failed request."""
    kind = str(request.param)
    async with served(kind, tmp_path) as (server, http):
        yield kind, server, http
    assert "Exception in ASGI application" not in server.log_text()


async def test_a_killed_server_keeps_every_solved_rung_and_its_countdown_fires_once(
    fresh: Served,
) -> None:
    await _kill_mid_round(*fresh)


async def _kill_mid_round(kind: str, server: ServerProcess, http: httpx.AsyncClient) -> None:
    table = await Table.open(http, server.url, NAMES)
    await table.connect_all(server.ws_url)

    started = await table.game.start(time_limit_seconds=COUNTDOWN_SECONDS)
    ends_at = epoch(started["ends_at"])
    ladders = started["ladders"]
    for seat in table.everyone:
        assert seat.client is not None
        await seat.client.expect("round_started", timeout=5)

    # Two rungs solved: the first going down for one team, the first going up for the other.
    solved: dict[int, tuple[str, int | None]] = {}
    for team_id, side in zip(table.team_ids(), ("down", "up"), strict=True):
        ladder = ladders[str(team_id)]
        rung = ladder["frontier"][side]
        word = ladder["rungs"][rung]["word"]
        solver = table.teammates(team_id)[0]
        result = await guess(solver, rung, word.lower())
        assert result["result"] == "correct", result
        solved[team_id * 1000 + rung] = (word, solver.player_id)
    watcher = table.watcher.client
    assert watcher is not None
    await watcher.expect("rung_solved", timeout=5)
    last_event = (await watcher.expect("rung_solved", timeout=5))["seq"]
    for seat in table.everyone:
        assert seat.client is not None
        await seat.client.wait_seq(last_event)

    # kill -9, then the same database on the same port.
    killed = time.monotonic()
    await asyncio.to_thread(server.kill)
    for seat in table.everyone:
        assert seat.client is not None
        code, _ = await seat.client.closed(timeout=5)
        assert code == 1006, (seat.name, code)  # no close frame from a dead process
    restart = await start_server(server)

    # While the sockets are away: a wrong guess and a newcomer, for them to catch up on.
    first_team = table.team_ids()[0]
    wrong = await http.post(
        "/api/me/guess",
        json={"rung": ladders[str(first_team)]["frontier"]["down"] + 1, "word": "zzzz"},
        headers=bearer(table.teammates(first_team)[0].token),
    )
    assert wrong.status_code == 200 and wrong.json()["result"] == "incorrect", wrong.text
    newcomer = await http.post(f"/api/lobbies/{table.code}/players", json={"name": "Eve"})
    assert newcomer.status_code == 201, newcomer.text

    for seat in table.everyone:
        await seat.connect(server.ws_url, resume=True)
    back = time.monotonic() - killed
    resumed = {seat.name: seat.resumed_with() for seat in table.everyone}
    print(
        f"\nkill -9 [{kind}]: restarted in {restart:.2f} s; all {len(table.everyone)} clients "
        f"back and up to date {back:.2f} s after the kill; resumed with {resumed}"
    )

    # Each stream goes on where it stopped: the missed events in order, or a snapshot.
    for seat in table.everyone:
        assert resumed[seat.name] in ("replay", "snapshot"), resumed
        assert not seat.breaks(), (seat.name, seat.breaks())
        assert seat.count("round_ended") == 0, seat.name
        assert seat.client is not None
        if resumed[seat.name] == "replay":
            joined = await seat.client.expect("player_joined", timeout=1)
            assert joined["player"]["name"] == "Eve"

    # No correct guess is lost: fresh snapshots show both rungs, solved by the right people.
    for seat in table.everyone:
        assert seat.client is not None
        await seat.client.send({"type": "resync"})
        state = (await seat.client.expect("snapshot", timeout=5))["state"]
        assert state["round"]["status"] == "running"
        assert [t["solved"] for t in state["round"]["teams"]] == [1, 1], state["round"]["teams"]
        shown = solved_rungs(state, seat)
        expected = {
            key: value
            for key, value in solved.items()
            if seat.is_host or key // 1000 == seat.team_id
        }
        assert shown == expected, (seat.name, shown, expected)
    for key, (word, solver_id) in solved.items():
        team_id, rung = divmod(key, 1000)
        teammate = table.teammates(team_id)[-1]
        again = await http.post(
            "/api/me/guess", json={"rung": rung, "word": word}, headers=bearer(teammate.token)
        )
        assert again.status_code == 200, again.text
        assert again.json()["result"] == "already_solved"
        assert again.json()["solved_by"]["id"] == solver_id

    # The countdown set before the crash ends the round on time, once, for everyone.
    arrivals: dict[str, float] = {}
    for seat in table.everyone:
        assert seat.client is not None
        wait = max(0.0, ends_at - time.time()) + ON_TIME + 1.0
        ended = await seat.client.expect("round_ended", timeout=wait)
        arrivals[seat.name] = time.time()
        assert ended["summary"]["reason"] == "timer", ended["summary"]
    lateness = {name: round(at - ends_at, 3) for name, at in arrivals.items()}
    print(f"countdown [{kind}]: round_ended arrived {lateness} s after ends_at")
    assert all(abs(late) <= ON_TIME for late in lateness.values()), lateness
    await asyncio.sleep(1.5)  # six more countdown polls: a second firing would show
    for seat in table.everyone:
        assert seat.count("round_ended") == 1, (seat.name, seat.count("round_ended"))
        assert not seat.breaks(), (seat.name, seat.breaks())
    summaries = await http.get(f"/api/admin/lobbies/{table.code}/rounds", headers=table.host)
    assert summaries.status_code == 200, summaries.text
    assert [s["reason"] for s in summaries.json()] == ["timer"]
    correct = {p["player_id"]: p["correct"] for p in summaries.json()[0]["players"]}
    for _word, solver_id in solved.values():
        assert correct[solver_id] == 1, correct
    await table.close()


async def test_sigterm_closes_sockets_with_1012_and_they_come_back(fresh: Served) -> None:
    await _stop_mid_round(*fresh)


async def _stop_mid_round(kind: str, server: ServerProcess, http: httpx.AsyncClient) -> None:
    table = await Table.open(http, server.url, NAMES)
    await table.connect_all(server.ws_url)
    ladders = (await table.game.start())["ladders"]

    stopping = time.monotonic()
    exit_code = await asyncio.to_thread(server.stop)
    exited = time.monotonic() - stopping
    closes = {}
    for seat in table.everyone:
        assert seat.client is not None
        closes[seat.name] = await seat.client.closed(timeout=1)
    print(f"\nSIGTERM [{kind}]: exited with {exit_code} in {exited:.2f} s; closes {closes}")
    # uvicorn re-raises the signal once it has shut down cleanly, so -15 is a clean exit too.
    assert exit_code in (0, -signal.SIGTERM), exit_code
    assert "Application shutdown complete" in server.log_text()
    assert exited <= EXIT_SECONDS
    assert all(code == 1012 for code, _ in closes.values()), closes

    restart = await start_server(server)
    reconnecting = time.monotonic()
    for seat in table.everyone:
        await seat.connect(server.ws_url, resume=True)
    print(
        f"SIGTERM [{kind}]: restarted in {restart:.2f} s, clients back in "
        f"{time.monotonic() - reconnecting:.2f} s"
    )

    # The round goes on: a guess on the restarted server reaches everyone, in order.
    team_id = table.team_ids()[0]
    ladder = ladders[str(team_id)]
    rung = ladder["frontier"]["down"]
    result = await guess(table.teammates(team_id)[0], rung, ladder["rungs"][rung]["word"])
    assert result["result"] == "correct", result
    for seat in table.everyone:
        assert seat.client is not None
        solved = await seat.client.expect("rung_solved", timeout=5)
        assert solved["team_id"] == team_id
        await round_trip(seat.client, "after")
        assert not seat.breaks(), (seat.name, seat.breaks())
    await table.close()
