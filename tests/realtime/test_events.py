"""Every change reaches every screen as a numbered event carrying what the screen needs."""

from __future__ import annotations

import itertools
from typing import Any

from tests.realtime.conftest import Room
from tests.support.api import bearer
from tests.support.ws import Client, host_socket, player_socket


def seqs(client: Client) -> list[int]:
    return [f["seq"] for f in client.events()]


async def test_roster_changes_arrive_in_order_with_what_screens_need(room: Room) -> None:
    ana = await room.join("Ana")
    watcher = await host_socket(room.server.ws_url, room.host_token, room.code)
    player = await player_socket(room.server.ws_url, ana.token)
    start = (await watcher.expect("snapshot"))["seq"]
    await player.expect("snapshot")

    bo = await room.join("Bo")
    joined = await watcher.expect("player_joined")
    assert joined["player"]["name"] == "Bo"
    assert joined["player"]["id"] == bo.id and "players" not in joined

    teams = await room.client.post(
        f"/api/admin/lobbies/{room.code}/teams", json={"count": 2}, headers=room.host
    )
    changed = await watcher.expect("teams_changed")
    assert [t["name"] for t in changed["teams"]] == [t["name"] for t in teams.json()]
    team_id = teams.json()[0]["id"]
    await room.client.patch(
        f"/api/admin/teams/{team_id}", json={"name": "Quiz Whizzes"}, headers=room.host
    )
    renamed = await watcher.expect("team_renamed")
    assert renamed["name"] == "Quiz Whizzes" and renamed["team_id"] == team_id
    await room.client.put(
        f"/api/admin/players/{bo.id}/team",
        json={"team_id": team_id},
        headers=room.host,
    )
    moved = await watcher.expect("player_moved")
    assert moved["player_id"] == bo.id and moved["team_id"] == team_id
    await room.client.delete(f"/api/admin/teams/{team_id}", headers=room.host)
    removed = await watcher.expect("team_removed")
    assert all(p["team_id"] != team_id for p in removed["players"])
    await room.client.delete("/api/me", headers=bearer(bo.token))
    left = await watcher.expect("player_left")
    assert left["name"] == "Bo"

    got = seqs(watcher)
    assert got == list(range(start + 1, start + 1 + len(got)))
    await player.wait_seq(got[-1])
    # Ana sees every change in order. Those that changed her own team (dealt by "make
    # teams") come as a fresh snapshot of her new team's view instead of the event.
    frames = [f for f in player.frames if "seq" in f]
    for before, after in itertools.pairwise(frames):
        if after["type"] == "snapshot":
            assert after["seq"] >= before["seq"]
        else:
            assert after["seq"] == before["seq"] + 1, (before, after)
    assert frames[-1]["seq"] == got[-1]
    dealt = next(f for f in frames if f["type"] == "snapshot" and f["state"]["me"]["team_id"])
    assert dealt["seq"] >= changed["seq"]
    assert "teams_changed" not in [f["type"] for f in frames]
    assert "token" not in "".join(player.raw)
    await watcher.close()
    await player.close()


async def test_a_reconnecting_client_gets_what_it_missed(room: Room) -> None:
    ana = await room.join("Ana")
    first = await player_socket(room.server.ws_url, ana.token)
    seen = (await first.expect("snapshot"))["seq"]
    await first.expect("player_connected")
    seen += 1
    await first.close()
    for name in ("Bo", "Cy", "Di"):
        await room.join(name)
    again = await player_socket(room.server.ws_url, ana.token, last_seq=seen)
    await again.expect("welcome")
    replayed = [await again.expect("player_joined") for _ in range(3)]
    assert [r["player"]["name"] for r in replayed] == ["Bo", "Cy", "Di"]
    assert [r["seq"] for r in replayed] == [seen + 1, seen + 2, seen + 3]
    assert not [f for f in again.frames if f["type"] == "snapshot"]
    await again.close()


async def test_a_client_too_far_behind_gets_a_fresh_snapshot(room: Room) -> None:
    ana = await room.join("Ana")
    ahead = await player_socket(room.server.ws_url, ana.token, last_seq=10_000_000)
    assert (await ahead.expect("snapshot"))["state"]["me"]["name"] == "Ana"
    await ahead.close()
    behind = await player_socket(room.server.ws_url, ana.token, last_seq=-5)
    await behind.expect("snapshot")
    await behind.close()


async def test_resync_sends_a_fresh_snapshot(room: Room) -> None:
    ana = await room.join("Ana")
    client = await player_socket(room.server.ws_url, ana.token)
    await client.expect("snapshot")
    await room.join("Bo")
    await client.expect("player_joined")
    await client.send({"type": "resync"})
    fresh = await client.expect("snapshot")
    assert {p["name"] for p in fresh["state"]["players"]} == {"Ana", "Bo"}
    await client.close()


async def closes(client: Client) -> tuple[int | None, str | None]:
    return await client.closed(timeout=10)


async def test_kicked_left_and_deleted_close_with_their_own_codes(room: Room) -> None:
    kicked, left, stays = [await room.join(n) for n in ("Kim", "Lou", "Max")]
    sockets: dict[str, Any] = {}
    for name, who in (("kicked", kicked), ("left", left), ("stays", stays)):
        sockets[name] = await player_socket(room.server.ws_url, who.token)
        await sockets[name].expect("snapshot")
    watcher = await host_socket(room.server.ws_url, room.host_token, room.code)
    await watcher.expect("snapshot")

    await room.client.delete(f"/api/admin/players/{kicked.id}", headers=room.host)
    code, reason = await closes(sockets["kicked"])
    assert code == 4003 and reason
    await room.client.delete("/api/me", headers=bearer(left.token))
    assert (await closes(sockets["left"]))[0] == 4001
    await room.client.delete(f"/api/admin/lobbies/{room.code}", headers=room.host)
    deleted = await sockets["stays"].expect("lobby_deleted")
    assert deleted["code"] == room.code
    assert (await closes(sockets["stays"]))[0] == 4004
    assert (await closes(watcher))[0] == 4004
