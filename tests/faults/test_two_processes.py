"""Two processes (PostgreSQL + Redis) share a lobby mid-round; one is killed with kill -9.

Its clients reconnect to the other with their last seq and carry on: they get exactly
what they missed, their guesses still count, and everyone's events stay gap-free. The
killed process comes back; when the countdown runs out, with both processes watching the
deadline, the round ends once.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from pathlib import Path

import httpx
import pytest

from tests.faults.table import NAMES, Seat, Table, epoch, guess, start_server
from tests.faults.tracking import round_trip
from tests.support.api import bearer
from tests.support.databases import REDIS_URL, postgres_database
from tests.support.server import ServerProcess

COUNTDOWN_SECONDS = 10
ON_TIME = 1.5

pytestmark = pytest.mark.timeout(120)


async def test_a_killed_process_s_clients_carry_on_at_the_other_and_the_countdown_fires_once(
    tmp_path: Path,
) -> None:
    env = {"RADDLE_REDIS_PREFIX": f"raddle-faults-{secrets.token_hex(4)}"}
    with postgres_database() as url:
        one = ServerProcess(url, tmp_path / "one.log", redis_url=REDIS_URL, extra_env=env)
        two = ServerProcess(url, tmp_path / "two.log", redis_url=REDIS_URL, extra_env=env)
        await start_server(one)  # one at a time: the first applies the migrations
        await start_server(two)
        try:
            async with httpx.AsyncClient(timeout=20) as http:
                await _scenario(one, two, http)
        finally:
            await asyncio.to_thread(one.stop)
            await asyncio.to_thread(two.stop)
        for server in (one, two):
            assert "Exception in ASGI application" not in server.log_text()


async def _scenario(one: ServerProcess, two: ServerProcess, http: httpx.AsyncClient) -> None:
    table = await Table.open(http, one.url, NAMES)
    team_a, team_b = table.team_ids()
    a1, a2 = table.teammates(team_a)
    b1, b2 = table.teammates(team_b)
    watcher_one = Seat("host on one", table.watcher.token, table.code)
    on_one = [a1, b1, watcher_one]
    on_two = [a2, b2, table.watcher]
    everyone = [*on_one, *on_two]
    for seat in on_one:
        await seat.connect(one.ws_url)
    for seat in on_two:
        await seat.connect(two.ws_url)

    ladders = (await table.game.start())["ladders"]
    timer = await http.post(
        f"{two.url}/api/admin/lobbies/{table.code}/rounds/current/timer",
        json={"seconds": COUNTDOWN_SECONDS},
        headers=table.host,
    )
    assert timer.status_code == 200, timer.text
    ends_at = epoch(timer.json()["ends_at"])

    # A rung solved through each process.
    down = ladders[str(team_a)]["frontier"]["down"]
    up = ladders[str(team_b)]["frontier"]["up"]
    assert (await guess(a1, down, ladders[str(team_a)]["rungs"][down]["word"]))[
        "result"
    ] == "correct"
    assert (await guess(b2, up, ladders[str(team_b)]["rungs"][up]["word"]))["result"] == "correct"
    for seat in everyone:
        assert seat.client is not None
        await seat.client.expect("rung_solved", timeout=5)
        await seat.client.expect("rung_solved", timeout=5)

    # kill -9 process one; its clients go to process two with their last seq.
    killed = time.monotonic()
    await asyncio.to_thread(one.kill)
    for seat in on_one:
        assert seat.client is not None
        code, _ = await seat.client.closed(timeout=5)
        assert code == 1006, (seat.name, code)
    missed = await http.post(
        f"{two.url}/api/me/guess",
        json={"rung": down + 1, "word": "zzzz"},
        headers=bearer(a2.token),
    )
    assert missed.status_code == 200 and missed.json()["result"] == "incorrect", missed.text
    for seat in on_one:
        await seat.connect(two.ws_url, resume=True)
    failover = time.monotonic() - killed
    resumed = {seat.name: seat.resumed_with() for seat in on_one}
    for seat in on_one:
        assert resumed[seat.name] in ("replay", "snapshot"), resumed
        assert not seat.breaks(), (seat.name, seat.breaks())

    # They carry on at process two: guesses count and reach everyone, in order.
    next_down, next_up = down + 1, up - 1
    assert (await guess(a1, next_down, ladders[str(team_a)]["rungs"][next_down]["word"]))[
        "result"
    ] == "correct"
    assert (await guess(b1, next_up, ladders[str(team_b)]["rungs"][next_up]["word"]))[
        "result"
    ] == "correct"
    for seat in everyone:
        assert seat.client is not None
        for team in (team_a, team_b):
            assert (await seat.client.expect("rung_solved", timeout=5))["team_id"] == team
        assert not seat.breaks(), (seat.name, seat.breaks())

    # Process one comes back on its port; the host's first watcher goes back to it.
    restart = await start_server(one)
    await watcher_one.connect(one.ws_url, resume=True)
    print(
        f"\ntwo processes: clients of the killed one were back at the other and up to date "
        f"{failover:.2f} s after the kill (resumed with {resumed}); "
        f"the killed one restarted in {restart:.2f} s"
    )
    assert time.time() < ends_at - 1, "the countdown must still be running with both up"

    # The countdown fires once across both processes, on time.
    lateness = {}
    for seat in everyone:
        assert seat.client is not None
        wait = max(0.0, ends_at - time.time()) + ON_TIME + 1.0
        ended = await seat.client.expect("round_ended", timeout=wait)
        lateness[seat.name] = round(time.time() - ends_at, 3)
        assert ended["summary"]["reason"] == "timer"
    print(f"two processes: round_ended arrived {lateness} s after ends_at")
    assert all(abs(late) <= ON_TIME for late in lateness.values()), lateness
    await asyncio.sleep(1.5)
    for seat in everyone:
        assert seat.count("round_ended") == 1, (seat.name, seat.count("round_ended"))
        assert not seat.breaks(), (seat.name, seat.breaks())
        assert seat.client is not None
        await round_trip(seat.client, "end")
    for server in (one, two):
        summaries = await http.get(
            f"{server.url}/api/admin/lobbies/{table.code}/rounds", headers=table.host
        )
        assert [s["reason"] for s in summaries.json()] == ["timer"], summaries.text
        teams = {t["team_id"]: t["solved"] for t in summaries.json()[0]["teams"]}
        assert teams == {team_a: 2, team_b: 2}, teams
    for seat in everyone:
        await seat.close()
