"""A client that stops reading is dropped when its queue overflows; nobody else waits."""

from __future__ import annotations

import asyncio
import socket
import time
from pathlib import Path

import httpx

from tests.support.api import bearer
from tests.support.databases import sqlite_database
from tests.support.game import log_in, open_game
from tests.support.server import ServerProcess
from tests.support.ws import Client


async def test_a_slow_socket_is_dropped_and_the_room_keeps_pace(tmp_path: Path) -> None:
    with sqlite_database(tmp_path) as url:
        server = ServerProcess(
            url, tmp_path / "server.log", extra_env={"RADDLE_WS_QUEUE_LIMIT": "8"}
        ).start()
        try:
            await _scenario(server)
        finally:
            server.stop()


async def _scenario(server: ServerProcess) -> None:
    async with httpx.AsyncClient(base_url=server.url, timeout=20) as http:
        game = await open_game(http, await log_in(http))
        token, code = game.host_token, game.code
        for i in range(80):
            await game.join(f"Long-named player no {i:03d}"[:24])

        # The slow client: a tiny receive buffer, and it never reads. The kernel still
        # buffers a few megabytes on loopback, so the room makes that much traffic.
        raw = socket.socket()
        raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 2048)
        raw.connect(("127.0.0.1", server.port))
        slow = await Client.connect(server.ws_url, sock=raw, max_queue=1)
        slow._reader.cancel()  # stop consuming: frames now pile up on the server
        await slow.socket.send(f'{{"type":"auth","token":"{token}","lobby":"{code}"}}')

        fast = await Client.connect(server.ws_url)
        await fast.send({"type": "auth", "token": token, "lobby": code})
        start = (await fast.expect("snapshot"))["seq"]

        # Renaming a team sends the whole roster of 80 players: megabytes in all.
        team = (
            await http.post(
                f"/api/admin/lobbies/{code}/teams",
                json={"name": "Renamed 0"},
                headers=bearer(token),
            )
        ).json()[0]
        renames = 400
        started = time.monotonic()
        for i in range(1, renames + 1):
            await http.patch(
                f"/api/admin/teams/{team['id']}",
                json={"name": f"Renamed {i}"},
                headers=bearer(token),
            )
        last = start + 1 + renames  # the new team, then every rename
        await fast.wait_seq(last, timeout=30)
        elapsed = time.monotonic() - started
        seqs = [f["seq"] for f in fast.events()]
        assert seqs == list(range(start + 1, last + 1))

        # The server gave up on the slow socket rather than buffering for it.
        for _ in range(100):
            if "dropping a slow socket" in server.log_text():
                break
            await asyncio.sleep(0.05)
        assert "dropping a slow socket" in server.log_text()
        assert elapsed < 30
        await fast.close()
        # Through its transport, so the event loop forgets the socket: closing `raw`
        # itself would leave the loop holding a descriptor number that gets reused.
        slow.socket.transport.abort()
