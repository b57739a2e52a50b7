"""A game table for fault tests: a host, players on teams, their sockets and all they saw.

A `Seat` keeps the frames of every connection it has had, so that a test can check the
whole stream across a crash: the seq numbers continue exactly where they left off, or a
snapshot takes over.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx

from tests.faults.tracking import last_seq, round_trip, seq_breaks
from tests.support.databases import database
from tests.support.game import Game, log_in, make_game
from tests.support.server import ServerProcess
from tests.support.ws import Client, host_socket, player_socket


@dataclass
class Seat:
    """A player (or the host watching the lobby) and every frame its sockets received."""

    name: str
    token: str
    code: str
    player_id: int | None = None
    team_id: int | None = None
    client: Client | None = None
    past: list[dict[str, Any]] = field(default_factory=list)
    connections: int = 0

    @property
    def is_host(self) -> bool:
        return self.player_id is None

    def frames(self) -> list[dict[str, Any]]:
        return [*self.past, *(self.client.frames if self.client else [])]

    def count(self, kind: str) -> int:
        return sum(1 for f in self.frames() if f.get("type") == kind)

    def last_seq(self) -> int | None:
        return last_seq(self.frames())

    async def connect(self, ws_url: str, *, resume: bool = False) -> Client:
        """Open a socket; with `resume`, send the last seq seen (a reconnect)."""
        if self.client is not None:
            self.past.extend(self.client.frames)
        auth: dict[str, Any] = {}
        if resume and self.last_seq() is not None:
            auth["last_seq"] = self.last_seq()
        if self.is_host:
            self.client = await host_socket(ws_url, self.token, self.code, **auth)
        else:
            self.client = await player_socket(ws_url, self.token, **auth)
        self.connections += 1
        await self.client.expect("welcome", timeout=10)
        if not resume:
            await self.client.expect("snapshot", timeout=10)
        # The replay (or snapshot) is queued before the socket reads; a pong means it is in.
        await round_trip(self.client, f"{self.name}-{self.connections}", timeout=10)
        return self.client

    def resumed_with(self) -> str:
        """What the latest connection got first: 'replay' of missed events, or 'snapshot'."""
        assert self.client is not None
        numbered = [f for f in self.client.frames if isinstance(f.get("seq"), int)]
        if not numbered:
            return "nothing missed"
        return "snapshot" if numbered[0]["type"] == "snapshot" else "replay"

    def breaks(self) -> list[str]:
        return seq_breaks(self.frames())

    async def close(self) -> None:
        if self.client is not None:
            await self.client.close()


@dataclass
class Table:
    """A game (see `tests.support.game`) with a seat for each player and the host."""

    game: Game
    seats: list[Seat]
    watcher: Seat

    @property
    def http(self) -> httpx.AsyncClient:
        return self.game.client

    @property
    def host(self) -> dict[str, str]:
        return self.game.host

    @property
    def code(self) -> str:
        return self.game.code

    @property
    def everyone(self) -> list[Seat]:
        return [*self.seats, self.watcher]

    def seat(self, name: str) -> Seat:
        return next(s for s in self.seats if s.name == name)

    @classmethod
    async def open(cls, http: httpx.AsyncClient, base: str, names: list[str]) -> Table:
        """Log in, make a lobby, seat the players and deal them into two teams."""
        game = await make_game(http, await log_in(http, base), names=names, base=base)
        seats = [Seat(p.name, p.token, game.code, p.id, p.team_id) for p in game.players]
        return cls(game, seats, Seat("host", game.host_token, game.code))

    async def connect_all(self, ws_url: str) -> None:
        for seat in self.everyone:
            await seat.connect(ws_url)

    def teammates(self, team_id: int) -> list[Seat]:
        return [s for s in self.seats if s.team_id == team_id]

    def team_ids(self) -> list[int]:
        return sorted({s.team_id for s in self.seats if s.team_id is not None})

    async def close(self) -> None:
        for seat in self.everyone:
            await seat.close()


async def guess(seat: Seat, rung: int, word: str) -> dict[str, Any]:
    """A guess over the seat's socket; the `guess_result`."""
    assert seat.client is not None
    ref = f"{seat.name}-{rung}-{word}-{time.monotonic()}"
    await seat.client.send({"type": "guess", "ref": ref, "rung": rung, "word": word})
    return await seat.client.expect("guess_result", timeout=10, ref=ref)


def epoch(iso: str) -> float:
    """Seconds since the epoch of a server time like 2026-11-26T22:47:25.123Z."""
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp()


# The players of every fault scenario: two teams of two.
NAMES = ["Ana", "Bo", "Cy", "Di"]


async def start_server(server: ServerProcess) -> float:
    """Start (or restart) the process; how long until it answered /api/health."""
    started = time.monotonic()
    await asyncio.to_thread(server.start)
    return time.monotonic() - started


@asynccontextmanager
async def served(kind: str, folder: Path) -> AsyncIterator[tuple[ServerProcess, httpx.AsyncClient]]:
    """One server on a fresh `kind` database, and a client for it; stopped afterwards."""
    with database(kind, folder) as url:
        server = ServerProcess(url, folder / "server.log")
        await start_server(server)
        try:
            async with httpx.AsyncClient(base_url=server.url, timeout=20) as http:
                yield server, http
        finally:
            await asyncio.to_thread(server.stop)
