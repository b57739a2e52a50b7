"""Setting up a game through the API: a lobby, teams of players, a running round."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx

from tests.support.api import bearer, join
from tests.support.ws import Client, host_socket, player_socket


@dataclass
class Player:
    id: int
    name: str
    token: str
    team_id: int | None = None
    socket: Client | None = None

    @property
    def ws(self) -> Client:
        assert self.socket is not None
        return self.socket


@dataclass
class Game:
    client: httpx.AsyncClient
    host: dict[str, str]
    code: str
    ws_url: str
    players: list[Player] = field(default_factory=list)
    teams: list[dict[str, Any]] = field(default_factory=list)
    watcher: Client | None = None

    def team(self, index: int) -> list[Player]:
        team_id = self.teams[index]["id"]
        return [p for p in self.players if p.team_id == team_id]

    async def host_state(self) -> dict[str, Any]:
        response = await self.client.get(f"/api/admin/lobbies/{self.code}", headers=self.host)
        assert response.status_code == 200, response.text
        return dict(response.json())

    async def start(self, **options: Any) -> dict[str, Any]:
        options.setdefault("force", True)
        response = await self.client.post(
            f"/api/admin/lobbies/{self.code}/rounds", json=options, headers=self.host
        )
        assert response.status_code == 201, response.text
        return dict(response.json())

    async def answers(self, team_index: int) -> list[str]:
        """The words of a team's ladder, from the host's view of the running round."""
        round_ = (await self.host_state())["round"]
        ladder = round_["ladders"][str(self.teams[team_index]["id"])]
        return [rung["word"] for rung in ladder["rungs"]]

    async def connect_all(self) -> None:
        for player in self.players:
            player.socket = await player_socket(self.ws_url, player.token)
            await player.socket.expect("snapshot")
        self.watcher = await host_socket(self.ws_url, self.host["Authorization"][7:], self.code)
        await self.watcher.expect("snapshot")

    async def close_all(self) -> None:
        for player in self.players:
            if player.socket is not None:
                await player.socket.close()
        if self.watcher is not None:
            await self.watcher.close()


async def make_game(
    client: httpx.AsyncClient,
    host: dict[str, str],
    ws_url: str,
    *,
    teams: int = 2,
    per_team: int = 2,
) -> Game:
    code = (await client.post("/api/admin/lobbies", json={}, headers=host)).json()["code"]
    game = Game(client, host, code, ws_url)
    for i in range(teams * per_team):
        joined = await join(client, code, f"Player {i + 1}")
        game.players.append(
            Player(joined["player"]["id"], joined["player"]["name"], joined["token"])
        )
    made = await client.post(
        f"/api/admin/lobbies/{code}/teams", json={"count": teams}, headers=host
    )
    assert made.status_code == 201, made.text
    game.teams = made.json()
    for player in game.players:
        me = await client.get("/api/me", headers=bearer(player.token))
        player.team_id = me.json()["player"]["team_id"]
    return game
