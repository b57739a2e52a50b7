"""A player is connected while a socket is open; a quick reload does not flicker."""

from __future__ import annotations

import asyncio

from tests.realtime.conftest import Room
from tests.support.api import snapshot
from tests.support.ws import host_socket, player_socket

GRACE = 1.5  # the test server's RADDLE_PRESENCE_GRACE_SECONDS


async def test_connect_reload_and_disconnect(room: Room) -> None:
    ana = await room.join("Ana")
    pid = ana.id
    watcher = await host_socket(room.server.ws_url, room.host_token, room.code)
    await watcher.expect("snapshot")

    first = await player_socket(room.server.ws_url, ana.token)
    await first.expect("snapshot")
    connected = await watcher.expect("player_connected")
    assert connected["player_id"] == pid
    assert "players" not in connected  # one player's change carries only that player
    assert (await snapshot(room.client, room.host, room.code))["players"][0]["connected"] is True

    # A reload: the old socket closes and a new one opens within the grace period.
    await first.close()
    await asyncio.sleep(GRACE / 3)
    second = await player_socket(room.server.ws_url, ana.token)
    await second.expect("snapshot")
    await asyncio.sleep(GRACE * 2.5)
    assert not [f for f in watcher.frames if f["type"] == "player_disconnected"]

    # Two tabs: closing one keeps the player connected.
    third = await player_socket(room.server.ws_url, ana.token)
    await third.expect("snapshot")
    await third.close()
    await asyncio.sleep(GRACE * 2.5)
    assert not [f for f in watcher.frames if f["type"] == "player_disconnected"]

    await second.close()
    gone = await watcher.expect("player_disconnected", timeout=GRACE * 4)
    assert gone["player_id"] == pid

    assert (await snapshot(room.client, room.host, room.code))["players"][0]["connected"] is False
    await watcher.close()
