"""Setting up a game through the API: the host's login, a lobby, players dealt into teams,
a running round, and everyone's sockets.

Every suite that needs a game at a table builds it here. `base` is for a client without
a base URL (a test that talks to several servers, or to one through a proxy).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import httpx

from tests.support.api import bearer
from tests.support.server import ADMIN_PASSWORD
from tests.support.ws import Client, host_socket, player_socket


async def log_in(http: httpx.AsyncClient, base: str = "") -> dict[str, str]:
    """The host's authorization headers."""
    login = await http.post(f"{base}/api/admin/session", json={"password": ADMIN_PASSWORD})
    assert login.status_code == 200, login.text
    return bearer(str(login.json()["token"]))


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

    @property
    def team(self) -> int:
        """The player's team, for a player dealt into one."""
        assert self.team_id is not None, f"{self.name} is on no team"
        return self.team_id


@dataclass
class Game:
    client: httpx.AsyncClient
    host: dict[str, str]
    code: str
    ws_url: str = ""
    players: list[Player] = field(default_factory=list)
    teams: list[dict[str, Any]] = field(default_factory=list)
    watcher: Client | None = None
    base: str = ""

    @property
    def host_token(self) -> str:
        return self.host["Authorization"].removeprefix("Bearer ")

    def via(self, base: str) -> Game:
        """The same game (its players too) reached through another server process."""
        return replace(self, base=base)

    def team(self, index: int) -> list[Player]:
        team_id = self.teams[index]["id"]
        return [p for p in self.players if p.team_id == team_id]

    async def join(self, name: str) -> Player:
        """A player joins the lobby (and this game's list of players)."""
        response = await self.client.post(
            f"{self.base}/api/lobbies/{self.code}/players", json={"name": name}
        )
        assert response.status_code == 201, response.text
        body = response.json()
        player = Player(body["player"]["id"], body["player"]["name"], body["token"])
        self.players.append(player)
        return player

    async def deal_teams(self, count: int) -> list[dict[str, Any]]:
        """The host makes `count` teams and deals everyone into them."""
        made = await self.client.post(
            f"{self.base}/api/admin/lobbies/{self.code}/teams",
            json={"count": count},
            headers=self.host,
        )
        assert made.status_code == 201, made.text
        self.teams = list(made.json())
        team_of = {pid: team["id"] for team in self.teams for pid in team["player_ids"]}
        for player in self.players:
            player.team_id = team_of.get(player.id)
        return self.teams

    async def host_state(self) -> dict[str, Any]:
        response = await self.client.get(
            f"{self.base}/api/admin/lobbies/{self.code}", headers=self.host
        )
        assert response.status_code == 200, response.text
        return dict(response.json())

    async def start(self, **options: Any) -> dict[str, Any]:
        options.setdefault("force", True)
        response = await self.client.post(
            f"{self.base}/api/admin/lobbies/{self.code}/rounds", json=options, headers=self.host
        )
        assert response.status_code == 201, response.text
        return dict(response.json())

    async def end(self) -> dict[str, Any]:
        response = await self.client.post(
            f"{self.base}/api/admin/lobbies/{self.code}/rounds/current/end", headers=self.host
        )
        assert response.status_code == 200, response.text
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
        self.watcher = await host_socket(self.ws_url, self.host_token, self.code)
        await self.watcher.expect("snapshot")

    async def close_all(self) -> None:
        for player in self.players:
            if player.socket is not None:
                await player.socket.close()
        if self.watcher is not None:
            await self.watcher.close()


async def open_game(
    client: httpx.AsyncClient, host: dict[str, str], ws_url: str = "", *, base: str = ""
) -> Game:
    """A new lobby with nobody in it yet."""
    made = await client.post(f"{base}/api/admin/lobbies", json={}, headers=host)
    assert made.status_code == 201, made.text
    return Game(client, host, str(made.json()["code"]), ws_url, base=base)


async def host_with_lobby(client: httpx.AsyncClient) -> tuple[str, str]:
    """Log in as the host and create a lobby: (host token, lobby code)."""
    game = await open_game(client, await log_in(client))
    return game.host_token, game.code


async def make_game(
    client: httpx.AsyncClient,
    host: dict[str, str],
    ws_url: str = "",
    *,
    teams: int = 2,
    per_team: int = 2,
    names: list[str] | None = None,
    base: str = "",
) -> Game:
    """A lobby whose players (`names`, or `teams` x `per_team` numbered ones) are dealt
    into `teams` teams."""
    game = await open_game(client, host, ws_url, base=base)
    for name in names or [f"Player {i + 1}" for i in range(teams * per_team)]:
        await game.join(name)
    await game.deal_teams(teams)
    assert all(p.team_id is not None for p in game.players), game.teams
    return game
