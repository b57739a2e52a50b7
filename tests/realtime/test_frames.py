"""Bad frames get an error frame, floods get refused then closed; the room carries on."""

from __future__ import annotations

import asyncio

from tests.realtime.conftest import Room
from tests.support.ws import player_socket


async def test_malformed_and_unknown_frames_are_answered_with_errors(room: Room) -> None:
    ana = await room.join("Ana")
    client = await player_socket(room.server.ws_url, ana.token)
    await client.expect("snapshot")
    cases = [
        ("{not json", "bad_json"),
        ("[1, 2, 3]", "bad_frame"),
        ('{"type": "dance", "ref": "r1"}', "unknown_type"),
        ('{"type": 7}', "unknown_type"),
        ('{"type": "ready", "ready": "yes"}', "bad_frame"),
        ('{"type": "ping", "ref": {"deep": [1]}}', "bad_frame"),
        ('{"type": "auth", "token": "again"}', "bad_frame"),
    ]
    for frame, code in cases:
        await client.send(frame)
        error = await client.expect("error")
        assert error["code"] == code, (frame, error)
        assert error["detail"]
    await client.send(b"\x00\x01binary")
    assert (await client.expect("error"))["code"] == "bad_frame"
    await client.send({"type": "ping", "ref": "still-alive"})
    assert (await client.expect("pong"))["ref"] == "still-alive"
    await client.close()


async def test_frames_over_four_kilobytes_are_refused(room: Room) -> None:
    ana = await room.join("Ana")
    client = await player_socket(room.server.ws_url, ana.token)
    await client.expect("snapshot")
    await client.send({"type": "guess", "rung": 1, "word": "A" * 5000, "ref": "big"})
    assert (await client.expect("error"))["code"] == "too_large"
    await client.send({"type": "ping", "ref": "after"})
    await client.expect("pong", ref="after")
    await client.close()


async def test_ref_is_echoed_in_replies(room: Room) -> None:
    ana = await room.join("Ana")
    client = await player_socket(room.server.ws_url, ana.token)
    await client.expect("snapshot")
    await client.send({"type": "ping", "ref": 42})
    assert (await client.expect("pong"))["ref"] == "42"
    await client.send({"type": "ready", "ready": True, "ref": "r"})
    assert (await client.expect("ack"))["ref"] == "r"
    event = await client.expect("player_ready")
    assert event["player_id"] == ana.id and event["ready"] is True
    await client.close()


async def test_a_flood_is_refused_then_closed_without_hurting_the_room(room: Room) -> None:
    flooder = await room.join("Flood")
    calm = await room.join("Calm")
    noisy = await player_socket(room.server.ws_url, flooder.token)
    quiet = await player_socket(room.server.ws_url, calm.token)
    await noisy.expect("snapshot")
    await quiet.expect("snapshot")
    for i in range(200):
        try:
            await noisy.send({"type": "ping", "ref": str(i)})
        except Exception:
            break
    code, reason = await noisy.closed(timeout=10)
    assert code == 4008 and reason
    assert any(f.get("code") == "rate_limited" for f in noisy.frames)
    await quiet.send({"type": "ping", "ref": "fine"})
    await quiet.expect("pong", ref="fine")
    await asyncio.sleep(0)
    await quiet.close()
