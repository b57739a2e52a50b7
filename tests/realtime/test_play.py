"""Solving together over sockets: guesses seen live, first answer wins, hints, finishing."""

from __future__ import annotations

import httpx

from tests.support.api import bearer, join
from tests.support.game import Game, make_game
from tests.support.server import ServerProcess
from tests.support.ws import Client, player_socket


async def started(
    client: httpx.AsyncClient, host: dict[str, str], server: ServerProcess, **options: object
) -> Game:
    game = await make_game(client, host, server.ws_url)
    await game.connect_all()
    await game.start(**options)
    for player in game.players:
        await player.ws.expect("round_started")
    return game


async def test_teammates_see_every_guess_and_other_teams_only_progress(
    client: httpx.AsyncClient, host: dict[str, str], server: ServerProcess
) -> None:
    game = await started(client, host, server, difficulty="easy")
    ana, bo = game.team(0)
    rival = game.team(1)[0]
    words = await game.answers(0)

    await ana.ws.send({"type": "guess", "ref": "1", "rung": 1, "word": "NOPE"})
    reply = await ana.ws.expect("guess_result")
    assert reply == {
        "type": "guess_result",
        "ref": "1",
        "result": "incorrect",
        "rung": 1,
        "word": "NOPE",
        "_seen": True,
    }
    seen = await bo.ws.expect("guess")
    assert seen["guess"]["player_name"] == ana.name and seen["guess"]["word"] == "NOPE"
    other = await rival.ws.expect("guess")
    assert set(other) - {"_seen"} == {"type", "seq", "team_id"}

    await ana.ws.send({"type": "guess", "ref": "2", "rung": 1, "word": words[1]})
    assert (await ana.ws.expect("guess_result"))["result"] == "correct"
    solved = await bo.ws.expect("rung_solved")
    assert solved["word"] == words[1] and solved["solved_by"]["name"] == ana.name
    assert solved["ladder"]["rungs"][1]["word"] == words[1]
    assert solved["ladder"]["frontier"]["down"] == 2
    progress = await rival.ws.expect("rung_solved")
    assert progress["solved"] == 1 and "word" not in progress and "ladder" not in progress

    # A later guess for the same rung learns who got there first.
    await bo.ws.send({"type": "guess", "ref": "3", "rung": 1, "word": words[1]})
    late = await bo.ws.expect("guess_result")
    assert late["result"] == "already_solved" and late["solved_by"]["id"] == ana.id
    # Rungs beyond both frontiers cannot be guessed yet.
    if len(words) > 5:
        await bo.ws.send({"type": "guess", "ref": "4", "rung": 3, "word": words[3]})
        assert (await bo.ws.expect("guess_result"))["result"] == "not_frontier"
    await game.close_all()


async def test_teams_solve_from_both_ends_and_finish_in_order(
    client: httpx.AsyncClient, host: dict[str, str], server: ServerProcess
) -> None:
    game = await started(client, host, server, difficulty="easy")
    first, second = game.team(0)[0], game.team(1)[0]
    down, up = await game.answers(0), await game.answers(1)
    for rung in range(1, len(down) - 1):
        await first.ws.send({"type": "guess", "rung": rung, "word": down[rung]})
        assert (await first.ws.expect("guess_result"))["result"] == "correct"
    finished = await second.ws.expect("team_finished")
    assert finished["place"] == 1 and finished["team_id"] == first.team_id
    # A finished team watches; there is nothing left to solve.
    await first.ws.send({"type": "guess", "ref": "x", "rung": 1, "word": down[1]})
    assert (await first.ws.expect("guess_result", ref="x"))["result"] == "already_solved"
    await first.ws.send({"type": "hint", "ref": "h", "direction": "down", "level": 1})
    assert (await first.ws.expect("error", ref="h"))["code"] == "team_finished"
    for rung in range(len(up) - 2, 0, -1):
        await second.ws.send({"type": "guess", "rung": rung, "word": up[rung]})
        assert (await second.ws.expect("guess_result"))["result"] == "correct"
    ended = await first.ws.expect("round_ended")
    summary = ended["summary"]
    assert summary["reason"] == "all_finished"
    places = {t["team_id"]: (t["place"], t["points"]) for t in summary["teams"]}
    assert places == {first.team_id: (1, 2.0), second.team_id: (2, 1.0)}
    assert ended["leaderboard"][0]["team_id"] == first.team_id
    assert ended["leaderboard"][0]["rounds_won"] == 1
    assert {a["key"] for a in summary["awards"]}
    await game.close_all()


async def test_hints_point_at_the_clue_then_give_the_word_at_a_cost(
    client: httpx.AsyncClient, host: dict[str, str], server: ServerProcess
) -> None:
    game = await started(client, host, server, difficulty="medium")
    ana, bo = game.team(0)
    words = await game.answers(0)
    ladder = (await game.host_state())["round"]["ladders"][str(ana.team_id)]
    last = len(words) - 1

    await ana.ws.send({"type": "hint", "ref": "h1", "direction": "up", "level": 1})
    clue = await ana.ws.expect("hint_result")
    step = next(s for s in ladder["clues"]["steps"] if s["key"] == clue["clue_key"])
    assert clue["rung"] == last - 1 and step["step"] == last - 1
    taken = await bo.ws.expect("hint_taken")
    assert taken["hint"]["player_name"] == ana.name and taken["cost"] == 0.5

    # Asking again for the same clue costs nothing more.
    await bo.ws.send({"type": "hint", "ref": "h2", "direction": "up", "level": 1})
    assert (await bo.ws.expect("hint_result"))["clue_key"] == clue["clue_key"]

    await bo.ws.send({"type": "hint", "ref": "h3", "direction": "down", "level": 2})
    word = await bo.ws.expect("hint_result")
    assert word["word"] == words[1] and word["rung"] == 1
    revealed = await ana.ws.expect("rung_solved")
    assert revealed["rung"] == 1 and revealed["ladder"]["rungs"][1]["by_hint"] is True

    summary = (
        await client.post(f"/api/admin/lobbies/{game.code}/rounds/current/end", headers=host)
    ).json()
    team = next(t for t in summary["teams"] if t["team_id"] == ana.team_id)
    assert team["hints"] == 2 and team["hint_cost"] == 1.5
    await game.close_all()


async def test_hints_can_be_switched_off(
    client: httpx.AsyncClient, host: dict[str, str], server: ServerProcess
) -> None:
    game = await started(client, host, server, hints=False)
    player = game.players[0]
    await player.ws.send({"type": "hint", "ref": "h", "direction": "down", "level": 1})
    assert (await player.ws.expect("error", ref="h"))["code"] == "hints_off"
    await game.close_all()


async def test_a_moved_player_takes_up_the_new_teams_ladder_at_once(
    client: httpx.AsyncClient, host: dict[str, str], server: ServerProcess
) -> None:
    game = await started(client, host, server, mode="different")
    mover = game.team(0)[0]
    target = game.teams[1]["id"]
    await client.put(f"/api/admin/players/{mover.id}/team", json={"team_id": target}, headers=host)
    # The move itself reaches the mover as a fresh snapshot of the new team's view.
    fresh = await mover.ws.expect("snapshot")
    assert fresh["state"]["me"]["team_id"] == target
    assert fresh["state"]["round"]["ladder"]["team_id"] == target
    assert "player_moved" not in [f["type"] for f in mover.ws.frames]
    words = await game.answers(1)
    await mover.ws.send({"type": "guess", "ref": "m", "rung": 1, "word": words[1]})
    assert (await mover.ws.expect("guess_result", ref="m"))["result"] == "correct"
    await game.close_all()


async def test_a_latecomer_waits_then_plays_once_placed(
    client: httpx.AsyncClient, host: dict[str, str], server: ServerProcess
) -> None:
    game = await started(client, host, server)
    late = await join(client, game.code, "Late Larry")
    socket = await player_socket(server.ws_url, late["token"])
    waiting = await socket.expect("snapshot")
    assert waiting["state"]["round"]["status"] == "running"
    assert waiting["state"]["round"]["ladder"] is None
    await client.put(
        f"/api/admin/players/{late['player']['id']}/team",
        json={"team_id": game.teams[0]["id"]},
        headers=host,
    )
    placed = await socket.expect("snapshot")
    assert placed["state"]["round"]["ladder"]["team_id"] == game.teams[0]["id"]
    await socket.close()
    await game.close_all()


async def test_a_reload_mid_round_comes_back_to_the_same_ladder(
    client: httpx.AsyncClient, host: dict[str, str], server: ServerProcess
) -> None:
    game = await started(client, host, server)
    ana = game.team(0)[0]
    words = await game.answers(0)
    await ana.ws.send({"type": "guess", "rung": 1, "word": words[1]})
    await ana.ws.expect("guess_result")
    await ana.ws.close()
    again = await player_socket(server.ws_url, ana.token)
    state = (await again.expect("snapshot"))["state"]
    assert state["round"]["ladder"]["rungs"][1]["word"] == words[1]
    assert state["round"]["ladder"]["frontier"]["down"] == 2
    await again.close()
    ana.socket = None
    await game.close_all()


async def test_the_big_screen_follows_without_answers(
    client: httpx.AsyncClient, host: dict[str, str], server: ServerProcess
) -> None:
    game = await make_game(client, host, server.ws_url)
    screen = await Client.connect(server.ws_url)
    await screen.send({"type": "auth", "screen": game.code})
    await screen.expect("snapshot")
    await game.start()
    started_ = await screen.expect("round_started")
    assert "ladder" not in started_["round"] and "ladders" not in started_["round"]
    words = await game.answers(0)
    player = game.team(0)[0]
    await client.post(
        "/api/me/guess", json={"rung": 1, "word": words[1]}, headers=bearer(player.token)
    )
    progress = await screen.expect("rung_solved")
    assert progress["solved"] == 1 and words[1] not in "".join(screen.raw)
    await screen.close()


async def test_a_new_round_clears_everyones_ready_mark_on_every_screen(
    client: httpx.AsyncClient, host: dict[str, str], server: ServerProcess
) -> None:
    game = await make_game(client, host, server.ws_url)
    await game.connect_all()
    for player in game.players:
        await player.ws.send({"type": "ready", "ready": True, "ref": "r"})
        await player.ws.expect("ack", ref="r")
    await game.start(force=False)
    started_ = await game.players[0].ws.expect("round_started")
    assert [p["ready"] for p in started_["players"]] == [False] * len(game.players)
    await game.close_all()
