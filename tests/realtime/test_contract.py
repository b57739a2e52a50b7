"""Every frame a socket receives in a whole game is one of the contract's models, to the
key: read into its model and written out again, it is the same JSON, and it matches
the socket's JSON Schema (the one the web app's types come from). Each begins with its
type, then its seq or ref."""

from __future__ import annotations

from typing import Any

import httpx
import jsonschema_rs
from pydantic import TypeAdapter

from raddle.wire import EventType, ServerEvent, socket_json_schema
from tests.realtime.test_play import started
from tests.support.api import bearer
from tests.support.server import ServerProcess
from tests.support.ws import Client

server_event: TypeAdapter[Any] = TypeAdapter(ServerEvent)


def check_frames(frames: list[dict[str, Any]], validator: Any) -> set[str]:
    seen = set()
    for frame in frames:
        sent = {key: value for key, value in frame.items() if key != "_seen"}
        # A frame's head routes it: its type, then its seq (events) or the ref of the
        # message it answers (replies), so a reader needs only the first bytes.
        head = [key for key in ("seq", "ref") if key in sent][:1]
        if sent["type"] != "error":
            assert list(sent)[: 1 + len(head)] == ["type", *head], list(sent)
        model = server_event.validate_python(sent)
        assert model.model_dump(mode="json") == sent, sent["type"]
        validator.validate(sent)
        seen.add(sent["type"])
    return seen


async def test_a_whole_round_is_sent_as_the_contract_says(
    client: httpx.AsyncClient, host: dict[str, str], server: ServerProcess
) -> None:
    screen = None
    game = await started(client, host, server, difficulty="easy")
    try:
        screen = await Client.connect(server.ws_url)
        await screen.send({"type": "auth", "screen": game.code})
        await screen.expect("snapshot")
        ana, bo = game.team(0)
        down = await game.answers(0)
        await ana.ws.send({"type": "ping", "ref": "p"})
        await ana.ws.expect("pong", ref="p")
        await ana.ws.send({"type": "guess", "ref": "wrong", "rung": 1, "word": "NOPE"})
        await ana.ws.expect("guess_result", ref="wrong")
        await ana.ws.send({"type": "hint", "ref": "clue", "direction": "down", "level": 1})
        await ana.ws.expect("hint_result", ref="clue")
        await bo.ws.send({"type": "hint", "ref": "word", "direction": "down", "level": 2})
        await bo.ws.expect("hint_result", ref="word")
        await ana.ws.send({"type": "guess", "ref": "late", "rung": 1, "word": down[1]})
        await ana.ws.expect("guess_result", ref="late")
        await ana.ws.send({"type": "guess", "ref": "far", "rung": len(down) - 3, "word": "X"})
        await ana.ws.expect("guess_result", ref="far")
        await ana.ws.send({"type": "guess", "ref": 7, "rung": 99, "word": "X"})
        await ana.ws.expect("error", ref="7")
        for rung in range(2, len(down) - 1):
            await ana.ws.send({"type": "guess", "rung": rung, "word": down[rung]})
            assert (await ana.ws.expect("guess_result"))["result"] == "correct"
        assert game.watcher is not None
        await game.watcher.expect("team_finished")
        timer = await client.post(
            f"/api/admin/lobbies/{game.code}/rounds/current/timer",
            json={"seconds": 600},
            headers=host,
        )
        assert timer.status_code == 200, timer.text
        ended = await client.post(
            f"/api/admin/lobbies/{game.code}/rounds/current/end", headers=host
        )
        assert ended.status_code == 200, ended.text
        for player in game.players:
            await player.ws.expect("round_ended")
        await screen.expect("round_ended")
        await ana.ws.send({"type": "resync", "ref": "again"})
        await ana.ws.expect("snapshot")
        await client.put("/api/me/ready", json={"ready": True}, headers=bearer(bo.token))
        await bo.ws.send({"type": "ready", "ready": False, "ref": "r"})
        await bo.ws.expect("ack", ref="r")
        await ana.ws.expect("player_ready")

        document = socket_json_schema()
        document.pop("anyOf")
        validator = jsonschema_rs.Draft202012Validator({**document, "$ref": "#/$defs/ServerEvent"})
        seen: set[str] = set()
        sockets = [p.ws for p in game.players] + [screen, game.watcher]
        for socket in sockets:
            seen |= check_frames(socket.frames, validator)
        expected = {
            EventType.WELCOME,
            EventType.SNAPSHOT,
            EventType.ROUND_STARTED,
            EventType.GUESS,
            EventType.RUNG_SOLVED,
            EventType.HINT_TAKEN,
            EventType.TEAM_FINISHED,
            EventType.TIMER_STARTED,
            EventType.ROUND_ENDED,
            EventType.PLAYER_READY,
            EventType.PONG,
            EventType.ACK,
            EventType.ERROR,
            EventType.GUESS_RESULT,
            EventType.HINT_RESULT,
        }
        assert expected <= seen, expected - seen
    finally:
        if screen is not None:
            await screen.close()
        await game.close_all()
