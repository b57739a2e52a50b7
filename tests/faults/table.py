"""A game table for fault tests: a host, players on teams, their sockets and all they saw.

A `Seat` keeps the frames of every connection it has had, so that a test can check the
whole stream across a crash: the seq numbers continue exactly where they left off, or a
snapshot takes over.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import httpx

from tests.faults.tracking import last_seq, round_trip, seq_breaks
from tests.support.api import bearer
from tests.support.server import ADMIN_PASSWORD
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
    http: httpx.AsyncClient
    host: dict[str, str]
    code: str
    seats: list[Seat]
    watcher: Seat

    @property
    def everyone(self) -> list[Seat]:
        return [*self.seats, self.watcher]

    def seat(self, name: str) -> Seat:
        return next(s for s in self.seats if s.name == name)

    @classmethod
    async def open(cls, http: httpx.AsyncClient, base: str, names: list[str]) -> Table:
        """Log in, make a lobby, seat the players and deal them into two teams."""
        login = await http.post(f"{base}/api/admin/session", json={"password": ADMIN_PASSWORD})
        assert login.status_code == 200, login.text
        token = login.json()["token"]
        host = bearer(token)
        made = await http.post(f"{base}/api/admin/lobbies", json={}, headers=host)
        assert made.status_code == 201, made.text
        code = made.json()["code"]
        seats = []
        for name in names:
            joined = await http.post(f"{base}/api/lobbies/{code}/players", json={"name": name})
            assert joined.status_code == 201, joined.text
            body = joined.json()
            seats.append(Seat(name, body["token"], code, player_id=body["player"]["id"]))
        teams = await http.post(
            f"{base}/api/admin/lobbies/{code}/teams", json={"count": 2}, headers=host
        )
        assert teams.status_code == 201, teams.text
        for team in teams.json():
            for seat in seats:
                if seat.player_id in team["player_ids"]:
                    seat.team_id = team["id"]
        assert all(seat.team_id for seat in seats), teams.json()
        return cls(http, host, code, seats, Seat("host", token, code))

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
