"""Every socket follows its player through every host action on teams.

A player's audience (which team's views they get) is read from the database after
each change, never remembered from an older one: phones opened before teams were
made, latecomers dealt in, removed and re-created teams, reconnects across a move.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.realtime.conftest import Room
from tests.support.api import bearer, join
from tests.support.databases import postgres_database
from tests.support.game import log_in, open_game
from tests.support.player_view import PlayerView
from tests.support.server import ADMIN_PASSWORD, ServerProcess
from tests.support.ws import Client, host_socket, player_socket

DEADLINE = 20.0


async def team_of(client: httpx.AsyncClient, token: str) -> int | None:
    me = await client.get("/api/me", headers=bearer(token))
    assert me.status_code == 200, me.text
    team_id: int | None = me.json()["player"]["team_id"]
    return team_id


async def ladder_team(socket: Client, round_id: int) -> int | None:
    """The team whose ladder this socket shows for the round, once it shows one."""
    view = PlayerView()

    async def shown() -> int | None:
        while True:
            view.feed(socket.frames)
            round_ = view.state.get("round") if view.state else None
            if round_ and round_["id"] == round_id and round_["ladder"] is not None:
                team_id: int = round_["ladder"]["team_id"]
                return team_id
            await asyncio.sleep(0.05)

    return await asyncio.wait_for(shown(), DEADLINE)


def other_teams_views(socket: Client, team_id: int) -> list[dict[str, Any]]:
    """Frames that carried another team's ladder, words or guesses to this socket."""
    leaked = []
    for frame in socket.frames:
        round_ = frame.get("round") or (frame.get("state") or {}).get("round")
        ladder = round_.get("ladder") if round_ else None
        own_ladder = ladder is None or ladder["team_id"] == team_id
        other_team = frame.get("team_id") not in (None, team_id)
        if not own_ladder or (other_team and {"word", "guess", "ladder", "hint"} & set(frame)):
            leaked.append(frame)
    return leaked


async def test_phones_open_before_teams_are_made_show_their_ladder_at_round_start(
    room: Room,
) -> None:
    phones = [await room.join(f"Phone {i}") for i in range(6)]
    sockets = [await player_socket(room.server.ws_url, p.token) for p in phones]
    screen = await Client.connect(room.server.ws_url)
    await screen.send({"type": "auth", "screen": room.code})
    for socket in sockets:
        await socket.expect("snapshot")

    await room.deal_teams(2)
    host_round = await room.start(mode="different")

    for phone, socket in zip(phones, sockets, strict=True):
        team_id = await team_of(room.client, phone.token)
        assert team_id is not None
        assert await ladder_team(socket, host_round["id"]) == team_id
        assert other_teams_views(socket, team_id) == []
    for socket in [*sockets, screen]:
        await socket.close()


async def test_a_latecomer_dealt_in_by_make_teams_plays_the_next_round(room: Room) -> None:
    first = [await room.join(name) for name in ("Ana", "Bo", "Cy", "Di")]
    await room.deal_teams(2)
    await room.start()
    await room.end()
    late = await room.join("Late Lu")
    socket = await player_socket(room.server.ws_url, late.token)
    waiting = await socket.expect("snapshot")
    assert waiting["state"]["me"]["team_id"] is None

    await room.deal_teams(2)  # "make teams & deal waiting players"
    second = await room.start()
    team_id = await team_of(room.client, late.token)
    assert team_id is not None
    assert await ladder_team(socket, second["id"]) == team_id
    words = [r["word"] for r in second["ladders"][str(team_id)]["rungs"]]
    await socket.send({"type": "guess", "ref": "late", "rung": 1, "word": words[1]})
    assert (await socket.expect("guess_result", ref="late"))["result"] == "correct"
    await socket.close()
    assert len(first) == 4


async def test_a_team_made_after_one_is_removed_never_takes_its_id_or_its_views(
    room: Room,
) -> None:
    """The host removes M's team, adds a team and deals M elsewhere: M hears only
    their new team, and the old team's words are no answer for M's guesses."""
    names = ["Mo", "Ana", "Bo", "Cy", "Di", "Ed"]
    joined = {name: await room.join(name) for name in names}
    teams = await room.deal_teams(3)
    mo = joined["Mo"]
    socket = await player_socket(room.server.ws_url, mo.token)
    await socket.expect("snapshot")
    old_team = await team_of(room.client, mo.token)
    assert old_team is not None

    removed = await room.client.delete(f"/api/admin/teams/{old_team}", headers=room.host)
    assert removed.status_code == 204, removed.text
    added = await room.client.post(
        f"/api/admin/lobbies/{room.code}/teams", json={"name": "Newcomers"}, headers=room.host
    )
    assert added.status_code == 201, added.text
    new_team = next(t["id"] for t in added.json() if t["name"] == "Newcomers")
    assert new_team > max(t["id"] for t in teams)
    target = next(t["id"] for t in teams if t["id"] != old_team)
    moved = await room.client.put(
        f"/api/admin/players/{mo.id}/team",
        json={"team_id": target},
        headers=room.host,
    )
    assert moved.status_code == 200, moved.text
    # Put someone on the new team too, so it gets a ladder of its own.
    someone = next(p for n, p in joined.items() if n != "Mo")
    await room.client.put(
        f"/api/admin/players/{someone.id}/team",
        json={"team_id": new_team},
        headers=room.host,
    )

    host_round = await room.start(mode="different")
    assert await ladder_team(socket, host_round["id"]) == target
    assert other_teams_views(socket, target) == []
    new_words = [r["word"] for r in host_round["ladders"][str(new_team)]["rungs"]]
    own_words = [r["word"] for r in host_round["ladders"][str(target)]["rungs"]]
    if new_words[1] != own_words[1]:
        await socket.send({"type": "guess", "ref": "x", "rung": 1, "word": new_words[1]})
        assert (await socket.expect("guess_result", ref="x"))["result"] == "incorrect"
    await socket.close()


async def test_ids_are_never_handed_out_twice(room: Room) -> None:
    ana = await room.join("Ana")
    kicked = await room.client.delete(f"/api/admin/players/{ana.id}", headers=room.host)
    assert kicked.status_code == 204, kicked.text
    bo = await room.join("Bo")
    assert bo.id > ana.id

    teams = await room.deal_teams(2)
    last = max(t["id"] for t in teams)
    await room.client.delete(f"/api/admin/teams/{last}", headers=room.host)
    again = await room.client.post(
        f"/api/admin/lobbies/{room.code}/teams", json={"count": 2}, headers=room.host
    )
    assert again.status_code == 201, again.text
    assert max(t["id"] for t in again.json()) > last

    gone = await room.client.delete(f"/api/admin/lobbies/{room.code}", headers=room.host)
    assert gone.status_code == 204, gone.text
    fresh = await room.client.post("/api/admin/lobbies", json={}, headers=room.host)
    assert fresh.status_code == 201
    cy = await join(room.client, fresh.json()["code"], "Cy")
    assert cy["player"]["id"] > bo.id


async def test_a_reconnect_across_a_team_change_gets_a_snapshot_not_old_views(
    room: Room,
) -> None:
    names = ["Ana", "Bo", "Cy", "Di"]
    joined = {name: await room.join(name) for name in names}
    teams = await room.deal_teams(2)
    await room.start(mode="different")
    ana = joined["Ana"]
    socket = await player_socket(room.server.ws_url, ana.token)
    seen = (await socket.expect("snapshot"))["seq"]
    await socket.close()

    before = await team_of(room.client, ana.token)
    target = next(t["id"] for t in teams if t["id"] != before)
    await room.client.put(
        f"/api/admin/players/{ana.id}/team",
        json={"team_id": target},
        headers=room.host,
    )
    back = await player_socket(room.server.ws_url, ana.token, last_seq=seen)
    fresh = await back.expect("snapshot")
    assert fresh["state"]["me"]["team_id"] == target
    assert fresh["state"]["round"]["ladder"]["team_id"] == target
    assert next(f["type"] for f in back.frames if "seq" in f) == "snapshot"
    await back.close()


async def test_a_hosts_sockets_close_when_the_host_logs_out(room: Room) -> None:
    login = await room.client.post("/api/admin/session", json={"password": ADMIN_PASSWORD})
    token = login.json()["token"]
    watching = await host_socket(room.server.ws_url, token, room.code)
    dashboard = await host_socket(room.server.ws_url, token)
    await watching.expect("snapshot")
    await dashboard.expect("lobbies")

    out = await room.client.delete("/api/admin/session", headers=bearer(token))
    assert out.status_code == 204, out.text
    assert (await watching.closed(timeout=DEADLINE))[0] == 4401
    assert (await dashboard.closed(timeout=DEADLINE))[0] == 4401
    # The other host session goes on.
    still = await host_socket(room.server.ws_url, room.host_token, room.code)
    await still.expect("snapshot")
    await still.close()


@pytest.mark.parametrize("repeat", range(2))
async def test_forty_phones_connecting_while_the_host_deals_and_starts_never_deadlock(
    tmp_path: Path, repeat: int
) -> None:
    with postgres_database() as url:
        server = ServerProcess(url, tmp_path / "server.log").start()
        try:
            await _storm(server)
        finally:
            server.stop()
        log = server.log_text()
    assert "Deadlock" not in log and "deadlock" not in log
    assert "contention" not in log


async def _storm(server: ServerProcess) -> None:
    async with httpx.AsyncClient(base_url=server.url, timeout=30) as client:
        host = await log_in(client)
        code = (await open_game(client, host)).code
        phones = await asyncio.gather(*(join(client, code, f"Phone {i}") for i in range(40)))
        screen = await Client.connect(server.ws_url)

        async def open_phone(token: str) -> Client:
            return await player_socket(server.ws_url, token)

        async def host_acts() -> None:
            made = await client.post(
                f"/api/admin/lobbies/{code}/teams", json={"count": 4}, headers=host
            )
            assert made.status_code == 201, made.text
            started = await client.post(
                f"/api/admin/lobbies/{code}/rounds", json={"force": True}, headers=host
            )
            assert started.status_code == 201, started.text

        opened, _, _ = await asyncio.gather(
            asyncio.gather(*(open_phone(p["token"]) for p in phones)),
            host_acts(),
            screen.send({"type": "auth", "screen": code}),
        )
        round_id = (await client.get(f"/api/admin/lobbies/{code}", headers=host)).json()["round"][
            "id"
        ]
        for phone, socket in zip(phones, opened, strict=True):
            team_id = await team_of(client, phone["token"])
            assert await ladder_team(socket, round_id) == team_id
        for socket in [*opened, screen]:
            assert socket.close_code is None, (socket.close_code, socket.close_reason)
            await socket.close()
