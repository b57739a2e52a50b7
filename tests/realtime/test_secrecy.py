"""Players are never sent an answer they have not revealed while the round runs; the host
sees them all. Once it ends, everyone sees every ladder whole."""

from __future__ import annotations

import re

import httpx

from tests.support.game import make_game
from tests.support.server import ServerProcess


def before_the_end(frames: list[str]) -> list[str]:
    """The frames a player had before the round ended."""
    ended = next(i for i, frame in enumerate(frames) if '"type":"round_ended"' in frame)
    return frames[:ended]


def mentions(frames: list[str], word: str) -> bool:
    # Answers travel in capitals; a capitalised run that is exactly the word is a leak.
    pattern = re.compile(r"(?<![A-Z0-9])" + re.escape(word) + r"(?![A-Z0-9])")
    return any(pattern.search(frame) for frame in frames)


async def test_no_frame_to_a_player_holds_a_hidden_answer(
    client: httpx.AsyncClient, host: dict[str, str], server: ServerProcess
) -> None:
    game = await make_game(client, host, server.ws_url, teams=3, per_team=2)
    await game.connect_all()
    await game.start(mode="different", difficulty="hard")
    state = await game.host_state()
    ladders = {
        int(team_id): [r["word"] for r in ladder["rungs"]]
        for team_id, ladder in state["round"]["ladders"].items()
    }

    # Each team plays a little: some right answers, a wrong one, a clue hint, a word hint.
    for index in range(3):
        ana, bo = game.team(index)
        words = ladders[ana.team]
        await ana.ws.send({"type": "guess", "rung": 1, "word": words[1]})
        await ana.ws.expect("guess_result")
        await bo.ws.send({"type": "guess", "rung": len(words) - 2, "word": "GUESSWORK"})
        await bo.ws.expect("guess_result")
        await bo.ws.send({"type": "hint", "direction": "up", "level": 1})
        await bo.ws.expect("hint_result")
        if index == 0:
            await ana.ws.send({"type": "hint", "direction": "down", "level": 2})
            await ana.ws.expect("hint_result")
        await bo.ws.send({"type": "resync"})
        await bo.ws.expect("snapshot")
    await client.post(f"/api/admin/lobbies/{game.code}/rounds/current/end", headers=host)
    for player in game.players:
        await player.ws.expect("round_ended")

    final = await game.host_state()
    for player in game.players:
        own = ladders[player.team]
        ladder = final["round"]["ladders"][str(player.team_id)]
        revealed = {
            r["word"] for r in ladder["rungs"] if r["solved_by"] or r["index"] in (0, len(own) - 1)
        }
        hidden = {w for words in ladders.values() for w in words} - revealed
        running = before_the_end(player.ws.raw)
        leaked = [w for w in hidden if mentions(running, w)]
        assert not leaked, (player.name, leaked)
        # And the player did see their own revealed words.
        assert all(mentions(running, w) for w in revealed)
        # The end of the round gave every answer of every team.
        assert all(mentions(player.ws.raw, w) for words in ladders.values() for w in words)

    # The host's socket had every answer of every ladder.
    assert game.watcher is not None
    for words in ladders.values():
        assert all(mentions(game.watcher.raw, w) for w in words)
    await game.close_all()
