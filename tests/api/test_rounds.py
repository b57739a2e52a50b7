"""The host starts rounds with options, ends them, and reads results and the leaderboard."""

from __future__ import annotations

import asyncio

import httpx

from tests.support.api import assert_error, bearer, join
from tests.support.game import Game, make_game
from tests.support.server import ServerProcess


async def running_game(
    client: httpx.AsyncClient, host: dict[str, str], server: ServerProcess
) -> Game:
    """Two teams of two with a round under way."""
    game = await make_game(client, host, server.ws_url)
    await game.start()
    return game


async def test_a_round_needs_players_on_teams(
    client: httpx.AsyncClient, host: dict[str, str], lobby: dict[str, str]
) -> None:
    url = f"/api/admin/lobbies/{lobby['code']}/rounds"
    assert_error(await client.post(url, json={"force": True}, headers=host), 409, "no_teams")
    await join(client, lobby["code"], "Alone")
    await client.post(
        f"/api/admin/lobbies/{lobby['code']}/teams", json={"name": "Empty"}, headers=host
    )
    assert_error(await client.post(url, json={"force": True}, headers=host), 409, "no_teams")


async def test_players_not_ready_hold_the_start_unless_forced(
    client: httpx.AsyncClient, host: dict[str, str], server: ServerProcess
) -> None:
    game = await make_game(client, host, server.ws_url)
    url = f"/api/admin/lobbies/{game.code}/rounds"
    waiting = await client.post(url, json={}, headers=host)
    assert_error(waiting, 409, "not_ready")
    assert game.players[0].name in waiting.json()["detail"]
    for player in game.players:
        await client.put("/api/me/ready", json={"ready": True}, headers=bearer(player.token))
    started = await client.post(url, json={}, headers=host)
    assert started.status_code == 201, started.text
    # Readiness is for one round: everyone starts the next one not ready.
    state = await game.host_state()
    assert not any(p["ready"] for p in state["players"])
    assert_error(await client.post(url, json={"force": True}, headers=host), 409, "round_running")


async def test_the_host_sees_every_ladder_with_its_answers(
    client: httpx.AsyncClient, host: dict[str, str], server: ServerProcess
) -> None:
    game = await make_game(client, host, server.ws_url, teams=3, per_team=1)
    round_ = await game.start(difficulty="easy", time_limit_seconds=600, hints=False)
    assert round_["status"] == "running" and round_["number"] == 1
    assert round_["hints"] is False and round_["ends_at"].endswith("Z")
    assert set(round_["ladders"]) == {str(t["id"]) for t in game.teams}
    for ladder in round_["ladders"].values():
        assert ladder["puzzle"]["difficulty"] == "easy"
        assert all(rung["word"] for rung in ladder["rungs"])
        assert 5 <= len(ladder["rungs"]) <= 7
        assert len(ladder["clues"]["steps"]) == len(ladder["rungs"]) - 1
    state = await game.host_state()
    assert state["lobby"]["phase"] == "playing"
    assert state["round"]["ladders"] == round_["ladders"]


async def test_a_chosen_puzzle_goes_to_every_team(
    client: httpx.AsyncClient, host: dict[str, str], server: ServerProcess
) -> None:
    puzzles = (await client.get("/api/admin/puzzles", headers=host)).json()
    assert {"easy", "medium", "hard"} <= {p["difficulty"] for p in puzzles}
    assert "tutorial" not in {p["slug"] for p in puzzles}
    chosen = next(p for p in puzzles if p["difficulty"] == "hard")
    game = await make_game(client, host, server.ws_url)
    round_ = await game.start(puzzle=chosen["slug"], mode="different")
    assert {ladder["puzzle"]["slug"] for ladder in round_["ladders"].values()} == {chosen["slug"]}
    other = await make_game(client, host, server.ws_url)
    response = await client.post(
        f"/api/admin/lobbies/{other.code}/rounds",
        json={"puzzle": "no-such-ladder", "force": True},
        headers=host,
    )
    assert_error(response, 404, "puzzle_not_found")


async def test_different_mode_deals_distinct_puzzles_of_similar_length(
    client: httpx.AsyncClient, host: dict[str, str], server: ServerProcess
) -> None:
    game = await make_game(client, host, server.ws_url, teams=4, per_team=1)
    round_ = await game.start(mode="different", difficulty="medium")
    ladders = list(round_["ladders"].values())
    assert len({ladder["puzzle"]["slug"] for ladder in ladders}) == 4
    lengths = [len(ladder["rungs"]) for ladder in ladders]
    assert max(lengths) - min(lengths) <= 2


async def test_puzzles_are_not_dealt_twice_in_a_lobby(
    client: httpx.AsyncClient, host: dict[str, str], server: ServerProcess
) -> None:
    game = await make_game(client, host, server.ws_url, teams=2, per_team=1)
    seen = []
    for _ in range(4):
        round_ = await game.start(difficulty="easy")
        seen.append(next(iter(round_["ladders"].values()))["puzzle"]["slug"])
        end = await client.post(f"/api/admin/lobbies/{game.code}/rounds/current/end", headers=host)
        assert end.status_code == 200
    assert len(set(seen)) == 4


async def test_the_host_ends_a_round_and_it_is_scored(
    client: httpx.AsyncClient, host: dict[str, str], server: ServerProcess
) -> None:
    game = await make_game(client, host, server.ws_url)
    await game.start(difficulty="easy")
    words = await game.answers(0)
    solver = game.team(0)[0]
    reply = await client.post(
        "/api/me/guess", json={"rung": 1, "word": words[1].lower()}, headers=bearer(solver.token)
    )
    assert reply.json()["result"] == "correct"
    summary = (
        await client.post(f"/api/admin/lobbies/{game.code}/rounds/current/end", headers=host)
    ).json()
    assert summary["reason"] == "host"
    by_team = {t["team_id"]: t for t in summary["teams"]}
    ahead, behind = by_team[game.teams[0]["id"]], by_team[game.teams[1]["id"]]
    assert ahead["solved"] == 1 and behind["solved"] == 0
    assert not ahead["finished"] and ahead["place"] is None
    # Nobody finished: every share is below one point, and progress earns more.
    assert 0 < ahead["points"] < 1 and behind["points"] == 0
    assert summary["players"] == [
        {
            "player_id": solver.id,
            "name": solver.name,
            "team_id": solver.team_id,
            "correct": 1,
            "wrong": 0,
            "hints": 0,
        }
    ]
    state = await game.host_state()
    assert state["lobby"]["phase"] == "results"
    assert_error(
        await client.post(f"/api/admin/lobbies/{game.code}/rounds/current/end", headers=host),
        409,
        "no_round",
    )
    history = (await client.get(f"/api/admin/lobbies/{game.code}/rounds", headers=host)).json()
    assert [s["round_id"] for s in history] == [summary["round_id"]]
    board = (await client.get(f"/api/admin/lobbies/{game.code}/leaderboard", headers=host)).json()
    assert board[0]["team_id"] == game.teams[0]["id"] and board[0]["rounds_won"] == 0


async def test_the_leaderboard_names_a_renamed_team_by_its_new_name(
    client: httpx.AsyncClient, host: dict[str, str], server: ServerProcess
) -> None:
    game = await make_game(client, host, server.ws_url)
    await game.start(difficulty="easy")
    await client.post(f"/api/admin/lobbies/{game.code}/rounds/current/end", headers=host)
    team_id = game.teams[0]["id"]
    renamed = await client.patch(
        f"/api/admin/teams/{team_id}", json={"name": "Night Owls"}, headers=host
    )
    assert renamed.status_code == 200
    board = (await client.get(f"/api/admin/lobbies/{game.code}/leaderboard", headers=host)).json()
    assert next(row for row in board if row["team_id"] == team_id)["name"] == "Night Owls"


async def test_a_player_kicked_and_let_back_in_is_listed_once(
    client: httpx.AsyncClient, host: dict[str, str], server: ServerProcess
) -> None:
    game = await make_game(client, host, server.ws_url)
    await game.start(difficulty="easy")
    player = game.team(0)[0]
    await client.post(
        "/api/me/guess", json={"rung": 1, "word": "FIRSTGO"}, headers=bearer(player.token)
    )
    kicked = await client.delete(f"/api/admin/players/{player.id}", headers=host)
    assert kicked.status_code == 204
    back = await join(client, game.code, player.name)
    moved = await client.put(
        f"/api/admin/players/{back['player']['id']}/team",
        json={"team_id": player.team_id},
        headers=host,
    )
    assert moved.status_code == 200
    await client.post(
        "/api/me/guess", json={"rung": 1, "word": "SECONDGO"}, headers=bearer(back["token"])
    )
    summary = (
        await client.post(f"/api/admin/lobbies/{game.code}/rounds/current/end", headers=host)
    ).json()
    rows = [row for row in summary["players"] if row["name"] == player.name]
    assert len(rows) == 1 and rows[0]["wrong"] == 2


async def test_a_countdown_ends_the_round(
    client: httpx.AsyncClient, host: dict[str, str], server: ServerProcess
) -> None:
    game = await running_game(client, host, server)
    timer = await client.post(
        f"/api/admin/lobbies/{game.code}/rounds/current/timer", json={"seconds": 1}, headers=host
    )
    assert timer.status_code == 200 and timer.json()["ends_at"].endswith("Z")
    for _ in range(60):
        await asyncio.sleep(0.1)
        if (await game.host_state())["lobby"]["phase"] == "results":
            break
    summary = (await client.get(f"/api/admin/lobbies/{game.code}/rounds", headers=host)).json()[-1]
    assert summary["reason"] == "timer"
    assert_error(
        await client.post(
            f"/api/admin/lobbies/{game.code}/rounds/current/timer",
            json={"seconds": 5},
            headers=host,
        ),
        409,
        "no_round",
    )


async def test_the_lobby_goes_back_from_results_to_the_lobby(
    client: httpx.AsyncClient, host: dict[str, str], server: ServerProcess
) -> None:
    game = await running_game(client, host, server)
    await client.post(f"/api/admin/lobbies/{game.code}/rounds/current/end", headers=host)
    back = await client.post(
        f"/api/admin/lobbies/{game.code}/phase", json={"phase": "lobby"}, headers=host
    )
    assert back.status_code == 204
    state = await game.host_state()
    assert state["lobby"]["phase"] == "lobby" and state["round"] is None
    assert len(state["leaderboard"]) == 2


async def test_guessing_outside_a_round_or_team_is_refused(
    client: httpx.AsyncClient, host: dict[str, str], server: ServerProcess
) -> None:
    game = await make_game(client, host, server.ws_url)
    player = game.players[0]
    guess = {"rung": 1, "word": "anything"}
    assert_error(
        await client.post("/api/me/guess", json=guess, headers=bearer(player.token)),
        409,
        "no_round",
    )
    await game.start()
    late = await join(client, game.code, "Latecomer")
    assert_error(
        await client.post("/api/me/guess", json=guess, headers=bearer(late["token"])),
        409,
        "not_on_team",
    )
    assert_error(
        await client.post(
            "/api/me/guess", json={"rung": 99, "word": "x"}, headers=bearer(player.token)
        ),
        422,
    )
    assert_error(
        await client.post(
            "/api/me/guess", json={"rung": 1, "word": "!!!"}, headers=bearer(player.token)
        ),
        422,
        "bad_guess",
    )
    assert_error(
        await client.post(
            "/api/me/hint", json={"direction": "sideways", "level": 1}, headers=bearer(player.token)
        ),
        422,
    )


async def test_the_guess_log_keeps_every_guess(
    client: httpx.AsyncClient, host: dict[str, str], server: ServerProcess
) -> None:
    game = await running_game(client, host, server)
    words = await game.answers(0)
    player = game.team(0)[0]
    for word in ("WRONG", words[1]):
        await client.post(
            "/api/me/guess", json={"rung": 1, "word": word}, headers=bearer(player.token)
        )
    log = (
        await client.get(f"/api/admin/lobbies/{game.code}/rounds/1/guesses", headers=host)
    ).json()
    assert [(g["word"], g["result"], g["player_id"]) for g in log] == [
        ("WRONG", "incorrect", player.id),
        (words[1], "correct", player.id),
    ]
    assert_error(
        await client.get(f"/api/admin/lobbies/{game.code}/rounds/9/guesses", headers=host), 404
    )


async def test_the_big_screen_view_has_progress_and_no_answers(
    client: httpx.AsyncClient, host: dict[str, str], server: ServerProcess
) -> None:
    game = await running_game(client, host, server)
    words = await game.answers(0) + await game.answers(1)
    response = await client.get(f"/api/screen/{game.code.lower()}")
    assert response.status_code == 200
    screen = response.json()
    assert len(screen["round"]["teams"]) == 2
    assert "ladder" not in screen["round"] and "ladders" not in screen["round"]
    for word in words[1:-1]:
        assert f'"{word}"' not in response.text
    assert_error(await client.get("/api/screen/QQQQQQ"), 404)


async def test_the_tutorial_ladder_is_public(client: httpx.AsyncClient) -> None:
    tutorial = (await client.get("/api/tutorial")).json()
    assert tutorial["title"] and 5 <= len(tutorial["rungs"]) <= 7
    assert tutorial["rungs"][-1]["clue"] is None
