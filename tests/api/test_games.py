"""A new game in the same lobby: same players and teams, the leaderboard starts again,
earlier rounds stay in the results, and every socket hears of it."""

from __future__ import annotations

import httpx

from tests.support.api import assert_error
from tests.support.game import make_game
from tests.support.server import ServerProcess
from tests.support.ws import Client


async def end_round(client: httpx.AsyncClient, host: dict[str, str], code: str) -> None:
    ended = await client.post(f"/api/admin/lobbies/{code}/rounds/current/end", headers=host)
    assert ended.status_code == 200, ended.text


async def test_a_new_game_keeps_the_players_and_teams_and_clears_the_board(
    client: httpx.AsyncClient, host: dict[str, str], server: ServerProcess
) -> None:
    game = await make_game(client, host, server.ws_url)
    await game.connect_all()
    screen = await Client.connect(server.ws_url)
    await screen.send({"type": "auth", "screen": game.code})
    await screen.expect("snapshot")
    try:
        await game.start()
        # Not while a round is running: the round would belong to no game.
        url = f"/api/admin/lobbies/{game.code}/games"
        assert_error(await client.post(url, headers=host), 409, "round_running")
        await end_round(client, host, game.code)
        before = await game.host_state()
        assert len(before["leaderboard"]) == 2

        response = await client.post(url, headers=host)
        assert response.status_code == 200, response.text
        assert response.json() == {"game": 2, "first_round": 2, "phase": "lobby"}

        # Every socket, the host's, the players' and the big screen's, hears it.
        for socket in [game.watcher, screen, *(p.ws for p in game.players)]:
            assert socket is not None
            event = await socket.expect("phase_changed", phase="lobby")
            assert event["game"] == 2 and event["leaderboard"] == []

        after = await game.host_state()
        assert after["lobby"]["phase"] == "lobby" and after["lobby"]["game"] == 2
        assert before["lobby"]["game"] == 1
        assert after["leaderboard"] == []
        assert after["teams"] == before["teams"]
        assert [(p["id"], p["team_id"]) for p in after["players"]] == [
            (p["id"], p["team_id"]) for p in before["players"]
        ]
        board_url = f"/api/admin/lobbies/{game.code}/leaderboard"
        assert (await client.get(board_url, headers=host)).json() == []

        # The new game's first round counts on; the old game's round stays on record.
        second = await game.start()
        assert second["number"] == 2
        await end_round(client, host, game.code)
        board = (await client.get(board_url, headers=host)).json()
        assert sorted(row["rounds_played"] for row in board) == [1, 1]
        results = (await client.get(f"/api/admin/lobbies/{game.code}/results", headers=host)).json()
        assert [r["number"] for r in results["rounds"]] == [1, 2]
    finally:
        await screen.close()
        await game.close_all()


async def test_a_new_game_is_the_host_s_alone(
    client: httpx.AsyncClient, host: dict[str, str], server: ServerProcess
) -> None:
    game = await make_game(client, host, server.ws_url)
    url = f"/api/admin/lobbies/{game.code}/games"
    assert_error(await client.post(url), 401)
    assert_error(await client.post(url, headers={"Authorization": "Bearer nope"}), 401)
    assert_error(await client.post("/api/admin/lobbies/ZZZZZZ/games", headers=host), 404)
    # From the waiting room, before any round, a new game is simply game 2.
    response = await client.post(url, headers=host)
    assert response.json() == {"game": 2, "first_round": 1, "phase": "lobby"}
