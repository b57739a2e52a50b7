"""Many teammates guessing at once: every correct answer sticks exactly once, and the
replies, the stored guess log and the events every client saw tell the same story."""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any

import httpx

from tests.support.game import make_game
from tests.support.server import ServerProcess


async def test_concurrent_guesses_agree_everywhere(
    client: httpx.AsyncClient, host: dict[str, str], server: ServerProcess
) -> None:
    game = await make_game(client, host, server.ws_url, teams=2, per_team=5)
    await game.connect_all()
    await game.start(difficulty="hard")
    team = game.team(0)
    words = await game.answers(0)
    replies: list[dict[str, Any]] = []
    sent = 0

    async def guess(player: Any, ref: str, rung: int, word: str) -> None:
        await player.ws.send({"type": "guess", "ref": ref, "rung": rung, "word": word})
        replies.append(
            {**(await player.ws.expect("guess_result", ref=ref, timeout=20)), "player": player.id}
        )

    top, bottom = 1, len(words) - 2
    wave = 0
    while top <= bottom:
        wave += 1
        shots = []
        for i, player in enumerate(team):
            # Everyone races for the top rung and the bottom rung, and some miss.
            shots.append(guess(player, f"{wave}-{i}-d", top, words[top].lower()))
            if bottom != top:
                shots.append(guess(player, f"{wave}-{i}-u", bottom, words[bottom]))
            if i % 2:
                shots.append(guess(player, f"{wave}-{i}-x", top, f"WRONG{wave}{i}"))
        sent += len(shots)
        await asyncio.gather(*shots)
        top, bottom = top + 1, bottom - 1
    assert sent >= 50

    # Every hidden rung was won by exactly one correct reply; the rest learned who won it.
    correct = Counter(r["rung"] for r in replies if r["result"] == "correct")
    assert correct == Counter(range(1, len(words) - 1))
    assert {r["result"] for r in replies} <= {"correct", "incorrect", "already_solved"}

    # The stored guess log matches the replies one for one.
    log = (
        await client.get(f"/api/admin/lobbies/{game.code}/rounds/1/guesses", headers=host)
    ).json()
    logged = Counter((g["player_id"], g["rung"], g["result"]) for g in log)
    answered = Counter(
        (r["player"], r["rung"], r["result"])
        for r in replies
        if r["result"] in ("correct", "incorrect")
    )
    assert logged == answered

    # Every client saw the same guesses, in log order, with gap-free seq.
    expected = [(g["player_id"], g["rung"], g["word"], g["result"]) for g in log]
    for player in team:
        await player.ws.wait_seq(
            max(f["seq"] for f in game.watcher.events()) if game.watcher else 0
        )
    for player in team:
        events = player.ws.events()
        seqs = [e["seq"] for e in events]
        assert seqs == list(range(seqs[0], seqs[0] + len(seqs)))
        shown = [
            (e["guess"]["player_id"], e["guess"]["rung"], e["guess"]["word"], e["guess"]["result"])
            for e in events
            if e["type"] in ("guess", "rung_solved") and e.get("guess")
        ]
        assert shown == expected
        assert sorted(e["rung"] for e in events if e["type"] == "rung_solved") == list(
            range(1, len(words) - 1)
        )

    # The final state is the whole ladder, finished first.
    state = await game.host_state()
    ladder = state["round"]["ladders"][str(team[0].team_id)]
    assert all(r["solved_by"] for r in ladder["rungs"][1:-1])
    assert ladder["place"] == 1
    await game.close_all()
