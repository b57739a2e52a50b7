"""A socket must prove who it is in its first frame, within five seconds."""

from __future__ import annotations

import asyncio
import time

import pytest
import websockets

from tests.realtime.conftest import Room
from tests.support.ws import Client, host_socket, player_socket


async def test_a_wrong_token_is_closed_with_4401(room: Room) -> None:
    client = await player_socket(room.server.ws_url, "not-a-token")
    code, reason = await client.closed()
    assert code == 4401 and reason


async def test_a_first_frame_that_is_not_auth_is_closed_with_4401(room: Room) -> None:
    for first in ({"type": "ping"}, "garbage", {"type": "auth"}, {"type": "auth", "token": 5}):
        client = await Client.connect(room.server.ws_url)
        await client.send(first)
        code, _ = await client.closed()
        assert code == 4401


async def test_silence_is_closed_with_4401_after_five_seconds(room: Room) -> None:
    client = await Client.connect(room.server.ws_url)
    started = time.monotonic()
    code, reason = await client.closed(timeout=10)
    assert code == 4401 and "5 seconds" in (reason or "")
    assert 4.5 <= time.monotonic() - started < 9


async def test_a_player_is_welcomed_with_a_snapshot_of_the_lobby(room: Room) -> None:
    ana = await room.join("Ana")
    await room.join("Bo")
    client = await player_socket(room.server.ws_url, ana.token)
    welcome = await client.expect("welcome")
    assert welcome["role"] == "player" and welcome["player_id"] == ana.id
    assert welcome["lobby"] == room.code
    snapshot = await client.expect("snapshot")
    state = snapshot["state"]
    assert state["lobby"]["code"] == room.code
    assert state["me"]["name"] == "Ana"
    assert sorted(p["name"] for p in state["players"]) == ["Ana", "Bo"]
    assert isinstance(snapshot["seq"], int)
    assert "token" not in "".join(client.raw)
    await client.close()


async def test_a_host_watches_one_lobby_or_the_lobby_list(room: Room) -> None:
    watcher = await host_socket(room.server.ws_url, room.host_token, room.code.lower())
    assert (await watcher.expect("welcome"))["role"] == "admin"
    assert (await watcher.expect("snapshot"))["state"]["lobby"]["code"] == room.code
    dashboard = await host_socket(room.server.ws_url, room.host_token)
    listing = await dashboard.expect("lobbies")
    assert room.code in [lobby["code"] for lobby in listing["lobbies"]]
    created = await room.client.post(
        "/api/admin/lobbies", json={"name": "Late Night"}, headers=room.host
    )
    update = await dashboard.expect("lobbies")
    assert created.json()["code"] in [lobby["code"] for lobby in update["lobbies"]]
    await watcher.close()
    await dashboard.close()


async def test_a_host_token_with_an_unknown_lobby_is_refused(room: Room) -> None:
    client = await host_socket(room.server.ws_url, room.host_token, "ZZZZZZ")
    code, _ = await client.closed()
    assert code == 4401


async def test_the_big_screen_watches_by_code_without_a_token(room: Room) -> None:
    client = await Client.connect(room.server.ws_url)
    await client.send({"type": "auth", "screen": room.code})
    assert (await client.expect("welcome"))["role"] == "screen"
    await client.expect("snapshot")
    await client.send({"type": "guess", "rung": 1, "word": "X", "ref": "g"})
    error = await client.expect("error")
    assert error["code"] == "read_only" and error["ref"] == "g"
    await client.close()


async def test_a_foreign_origin_is_refused_and_our_own_accepted(room: Room) -> None:
    with pytest.raises(websockets.InvalidStatus) as refused:
        await Client.connect(room.server.ws_url, origin="https://evil.example")
    assert refused.value.response.status_code == 403
    own = await Client.connect(room.server.ws_url, origin=room.server.url)
    await own.send({"type": "auth", "screen": room.code})
    await own.expect("snapshot")
    await own.close()


async def test_tokens_never_travel_in_the_url(room: Room) -> None:
    ana = await room.join("Ana")
    client = await Client.connect(f"{room.server.ws_url}?token={ana.token}")
    await asyncio.sleep(0.2)
    code, _ = await client.closed(timeout=10)
    assert code == 4401
