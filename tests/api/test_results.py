"""The host downloads a lobby's results as JSON and as CSV tables, and nobody else can."""

from __future__ import annotations

import csv
import io
from typing import Any

import httpx

from tests.support.api import assert_error, bearer
from tests.support.game import Game, make_game
from tests.support.server import ServerProcess


async def play_a_scored_round(client: httpx.AsyncClient, game: Game) -> dict[str, Any]:
    """Team one solves its whole ladder; team two takes a clue hint, guesses wrong
    (a word shaped like a spreadsheet formula) and solves nothing. Returns who did what."""
    await game.start(difficulty="easy")
    words = await game.answers(0)
    solver, helper = game.team(0)
    for rung in range(1, len(words) - 1):
        player = solver if rung % 2 else helper
        reply = await client.post(
            "/api/me/guess", json={"rung": rung, "word": words[rung]}, headers=bearer(player.token)
        )
        assert reply.json()["result"] == "correct", reply.text
    hinter, guesser = game.team(1)
    hint = await client.post(
        "/api/me/hint", json={"direction": "down", "level": 1}, headers=bearer(hinter.token)
    )
    assert hint.status_code == 200, hint.text
    wrong = await client.post(
        "/api/me/guess", json={"rung": 1, "word": "=SUM(A1)"}, headers=bearer(guesser.token)
    )
    assert wrong.json()["result"] == "incorrect", wrong.text
    ended = await client.post(
        f"/api/admin/lobbies/{game.code}/rounds/current/end", headers=game.host
    )
    assert ended.status_code == 200, ended.text
    return {
        "words": words,
        "solver": solver,
        "helper": helper,
        "hinter": hinter,
        "guesser": guesser,
        "summary": ended.json(),
    }


def table(response: httpx.Response) -> list[dict[str, str]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"].startswith("attachment; filename=")
    return list(csv.DictReader(io.StringIO(response.text)))


async def test_the_host_downloads_rounds_places_points_players_and_guesses(
    client: httpx.AsyncClient, host: dict[str, str], server: ServerProcess
) -> None:
    game = await make_game(client, host, server.ws_url)
    played = await play_a_scored_round(client, game)
    hidden_rungs = len(played["words"]) - 2
    first, second = game.teams[0], game.teams[1]

    response = await client.get(f"/api/admin/lobbies/{game.code}/results", headers=host)
    assert response.status_code == 200, response.text
    assert response.headers["content-disposition"] == (
        f'attachment; filename="raddle-{game.code}-results-'
        f'{response.json()["exported_at"][:10]}.json"'
    )
    results = response.json()
    assert results["code"] == game.code
    [round_] = results["rounds"]
    assert round_["number"] == 1 and round_["status"] == "ended" and round_["reason"] == "host"
    teams = {t["team_id"]: t for t in round_["teams"]}
    assert teams[first["id"]]["place"] == 1 and teams[first["id"]]["finished"] is True
    assert teams[first["id"]]["solved"] == hidden_rungs and teams[first["id"]]["hint_cost"] == 0
    assert teams[second["id"]]["place"] is None and teams[second["id"]]["hint_cost"] == 0.5
    assert teams[second["id"]]["wrong_guesses"] == 1
    # The same places and points as the summary everyone saw at the end of the round.
    summary = {t["team_id"]: t for t in played["summary"]["teams"]}
    for team_id, team in teams.items():
        assert (team["place"], team["points"]) == (
            summary[team_id]["place"],
            summary[team_id]["points"],
        )
    assert [(row["team_id"], row["points"]) for row in results["leaderboard"]] == [
        (first["id"], teams[first["id"]]["points"]),
        (second["id"], teams[second["id"]]["points"]),
    ]

    players = {p["name"]: p for p in results["players"]}
    solver, helper = played["solver"], played["helper"]
    assert players[solver.name]["correct"] + players[helper.name]["correct"] == hidden_rungs
    assert players[played["hinter"].name] | {"player_id": 0} == {
        "player_id": 0,
        "name": played["hinter"].name,
        "rounds": 1,
        "guesses": 0,
        "correct": 0,
        "wrong": 0,
        "hints": 1,
        "hint_cost": 0.5,
    }
    assert players[played["guesser"].name]["wrong"] == 1

    guesses = results["guesses"]
    assert len(guesses) == hidden_rungs + 1
    assert [g["word"] for g in guesses if g["result"] == "correct"] == played["words"][1:-1]
    assert guesses[-1] | {"at": ""} == {
        "round": 1,
        "team_id": second["id"],
        "team": second["name"],
        "player_id": played["guesser"].id,
        "player": played["guesser"].name,
        "rung": 1,
        "word": "=SUM(A1)",
        "result": "incorrect",
        "at": "",
    }

    # The CSV tables say the same, one row per team per round, per player, per guess.
    base = f"/api/admin/lobbies/{game.code}/results"
    rounds_csv = table(await client.get(f"{base}/rounds.csv", headers=host))
    assert [
        (r["round"], r["team"], r["place"], r["points"], r["hint_cost"]) for r in rounds_csv
    ] == [
        (
            "1",
            t["team"],
            "" if t["place"] is None else str(t["place"]),
            str(t["points"]),
            str(t["hint_cost"]),
        )
        for t in round_["teams"]
    ]
    players_csv = table(await client.get(f"{base}/players.csv", headers=host))
    assert {r["name"]: r["hint_cost"] for r in players_csv} == {
        p["name"]: str(p["hint_cost"]) for p in results["players"]
    }
    leaderboard_csv = table(await client.get(f"{base}/leaderboard.csv", headers=host))
    assert [r["team"] for r in leaderboard_csv] == [r["team"] for r in results["leaderboard"]]
    guesses_csv = table(await client.get(f"{base}/guesses.csv", headers=host))
    assert [r["word"] for r in guesses_csv[:-1]] == played["words"][1:-1]
    # A player's word that a spreadsheet would run as a formula is kept as text.
    assert guesses_csv[-1]["word"] == "'=SUM(A1)"


async def test_results_are_the_host_s_alone(
    client: httpx.AsyncClient, host: dict[str, str], server: ServerProcess
) -> None:
    game = await make_game(client, host, server.ws_url, teams=2, per_team=1)
    base = f"/api/admin/lobbies/{game.code}/results"
    assert_error(await client.get(base), 401)
    assert_error(await client.get(base, headers=bearer(game.players[0].token)), 401)
    assert_error(await client.get(f"{base}/guesses.csv"), 401)
    assert_error(await client.get("/api/admin/lobbies/ZZZZZZ/results", headers=host), 404)
    assert_error(await client.get(f"{base}/secrets.csv", headers=host), 422)
    # A lobby that has not played yet has empty tables with their headings.
    empty = await client.get(f"{base}/guesses.csv", headers=host)
    assert empty.text.splitlines() == ["round,team_id,team,player_id,player,rung,word,result,at"]
