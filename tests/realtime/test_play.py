"""Solving together over sockets: guesses seen live, first answer wins, hints, finishing."""

from __future__ import annotations

import httpx

from raddle.puzzles.library import load_library
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
    assert taken["hint"]["player_name"] == ana.name and taken["cost"] == 0.10

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
    # A clue (10 %) and a word (25 %): the team keeps 65 % of what its place earned.
    assert team["hints"] == 2 and team["hint_share"] == 0.35
    assert team["points"] == round(team["place_points"] * 0.65, 2)
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
    # Its feed learns which rung and how, without the word.
    assert progress["rung"] == 1 and progress["by_hint"] is False
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


async def test_a_guess_sent_twice_under_one_ref_is_judged_once(
    client: httpx.AsyncClient, host: dict[str, str], server: ServerProcess
) -> None:
    game = await started(client, host, server, difficulty="easy")
    ana, bo = game.team(0)
    words = await game.answers(0)

    # A wrong guess re-sent after a lost connection is one public wrong guess, not two.
    for _ in range(2):
        await ana.ws.send({"type": "guess", "ref": "g-wrong", "rung": 1, "word": "NOPE"})
        reply = await ana.ws.expect("guess_result", ref="g-wrong")
        assert reply["result"] == "incorrect" and reply["word"] == "NOPE"
    # A right one re-sent still reads as the player's own solve.
    for _ in range(2):
        await ana.ws.send({"type": "guess", "ref": "g-right", "rung": 1, "word": words[1]})
        reply = await ana.ws.expect("guess_result", ref="g-right")
        assert reply == {**reply, "result": "correct", "rung": 1, "word": words[1]}
    # The same holds over HTTP, with the ref in the body.
    for _ in range(2):
        sent = await client.post(
            "/api/me/guess",
            json={"rung": 2, "word": "WRONGWAY", "ref": "h-wrong"},
            headers=bearer(bo.token),
        )
        assert sent.status_code == 200 and sent.json()["result"] == "incorrect"

    log = (
        await client.get(f"/api/admin/lobbies/{game.code}/rounds/1/guesses", headers=host)
    ).json()
    assert [(g["player_name"], g["word"]) for g in log] == [
        (ana.name, "NOPE"),
        (ana.name, words[1]),
        (bo.name, "WRONGWAY"),
    ]
    # A new ref is a new guess.
    await ana.ws.send({"type": "guess", "ref": "g-again", "rung": 2, "word": "NOPE"})
    assert (await ana.ws.expect("guess_result", ref="g-again"))["result"] == "incorrect"
    await game.close_all()


async def test_a_hint_sent_twice_under_one_ref_is_taken_once(
    client: httpx.AsyncClient, host: dict[str, str], server: ServerProcess
) -> None:
    game = await started(client, host, server, difficulty="medium")
    ana = game.team(0)[0]
    words = await game.answers(0)

    # The word hint reveals rung 1; its copy must not move on to rung 2 and charge again.
    for _ in range(2):
        await ana.ws.send({"type": "hint", "ref": "w1", "direction": "down", "level": 2})
        reply = await ana.ws.expect("hint_result", ref="w1")
        assert reply["rung"] == 1 and reply["word"] == words[1]
    sent = [
        await client.post(
            "/api/me/hint",
            json={"direction": "up", "level": 1, "ref": "c1"},
            headers=bearer(ana.token),
        )
        for _ in range(2)
    ]
    assert sent[0].json() == sent[1].json()

    summary = (
        await client.post(f"/api/admin/lobbies/{game.code}/rounds/current/end", headers=host)
    ).json()
    team = next(t for t in summary["teams"] if t["team_id"] == ana.team_id)
    assert team["hints"] == 2 and team["hint_share"] == 0.35
    await game.close_all()


async def test_when_a_round_ends_everyone_sees_every_ladder_whole(
    client: httpx.AsyncClient, host: dict[str, str], server: ServerProcess
) -> None:
    # A bundled ladder with labelled steps (the shared server may also hold hosts' own).
    labelled = next(p for p in load_library().by_difficulty("easy") if any(p.transforms))
    game = await started(client, host, server, puzzle=labelled.slug)
    answers = {game.teams[i]["id"]: await game.answers(i) for i in range(2)}
    host_round = (await game.host_state())["round"]
    ana = game.team(0)[0]
    await ana.ws.send({"type": "guess", "rung": 1, "word": answers[ana.team_id][1]})
    await ana.ws.expect("guess_result")

    await client.post(f"/api/admin/lobbies/{game.code}/rounds/current/end", headers=host)
    for player in game.players:
        ladders = (await player.ws.expect("round_ended"))["summary"]["ladders"]
        assert {ladder["team_id"] for ladder in ladders} == set(answers)
        for ladder in ladders:
            words = answers[ladder["team_id"]]
            assert [rung["word"] for rung in ladder["rungs"]] == words
            dealt = host_round["ladders"][str(ladder["team_id"])]
            assert ladder["puzzle"]["title"] == dealt["puzzle"]["title"]
            # Every clue, with both its words filled in and how the step works.
            assert len(ladder["steps"]) == len(words) - 1
            for step in ladder["steps"]:
                assert "<>" not in step["text"] and "{}" not in step["text"]
            # How each step works, as the puzzle's file labels it.
            puzzle = load_library().get(dealt["puzzle"]["slug"])
            assert puzzle is not None
            assert [step["transform"] for step in ladder["steps"]] == list(puzzle.transforms)
        mine = next(ladder for ladder in ladders if ladder["team_id"] == ana.team_id)
        assert mine["rungs"][1]["solved_by"]["name"] == ana.name
        assert mine["rungs"][0]["given"] and not mine["rungs"][1]["given"]
    # A phone that reloads gets the same from its snapshot.
    again = await player_socket(server.ws_url, game.players[-1].token)
    snapshot = await again.expect("snapshot")
    assert len(snapshot["state"]["last_summary"]["ladders"]) == 2
    await again.close()
    await game.close_all()


async def test_a_ref_that_cannot_be_kept_is_refused_plainly(
    client: httpx.AsyncClient, host: dict[str, str], server: ServerProcess
) -> None:
    """A ref is stored to judge a re-sent guess once: text a database cannot keep
    (a NUL, a lone surrogate) is a clear refusal, never a server error."""
    game = await started(client, host, server)
    ana = game.team(0)[0]
    await ana.ws.send('{"type": "guess", "ref": "a\\u0000b", "rung": 1, "word": "PIE"}')
    refused = await ana.ws.expect("error")
    assert refused["code"] == "bad_ref"
    for ref in ("a\\u0000b", "\\ud800", "x" * 65):
        answer = await client.post(
            "/api/me/guess",
            content=f'{{"rung": 1, "word": "PIE", "ref": "{ref}"}}',
            headers={**bearer(ana.token), "Content-Type": "application/json"},
        )
        assert answer.status_code == 422, answer.text
    await game.close_all()
