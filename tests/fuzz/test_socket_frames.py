"""Hypothesis throws odd frames at live sockets: every one is answered, nobody else notices.

A round runs in a lobby; two fuzzing players (three sockets each), a host and a big screen
receive the frames, round-robin, each kept under the server's 20 messages/s. After every
frame a ping with a fresh `ref` follows as a fence: whatever the server answered to the
frame arrives before the fence's pong, and it must hold at least one reply (`error`,
`pong`, `snapshot`, `ack`, `guess_result`, `hint_result`). Meanwhile a calm player of the
other team and a host watcher keep answering pings and receive every lobby event in order,
the host renames a team now and then so that there are events to receive, and the server
stays healthy. A flood is refused with `rate_limited` errors and closed with 4008.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from tests.faults.tracking import Throttle, round_trip, seq_breaks
from tests.support.api import bearer, join
from tests.support.game import Game
from tests.support.server import ServerProcess
from tests.support.ws import Client, host_socket, player_socket

EXAMPLES = 200
MAX_FRAME = 4096
REPLIES = {"error", "pong", "snapshot", "ack", "guess_result", "hint_result", "lobbies"}
ERROR_CODES = {
    "bad_json",
    "bad_frame",
    "unknown_type",
    "too_large",
    "rate_limited",
    "not_on_team",
    "no_round",
    "hints_off",
    "team_finished",
    "read_only",
    "bad_guess",
    "bad_rung",
    "bad_hint",
    "bad_ref",
    "already_solved",
}
CLIENT_TYPES = ["auth", "ping", "resync", "guess", "hint", "ready"]
ODD = [
    "\u202e",  # right-to-left override
    "\u200f",  # right-to-left mark
    "\u200b",  # zero-width space
    "\u200d",  # zero-width joiner
    "\ufeff",  # byte-order mark
    "\u0301",  # a combining accent with nothing to sit on
    "\u0000",
    "\u001b[31m",
    "\ud800",  # lone surrogates: only as JSON escapes, which orjson refuses
    "\udfff",
    "\U0001f469\u200d\U0001f469\u200d\U0001f467",  # a family emoji
    "\U0001f3f3\ufe0f\u200d\U0001f308",
    "\u05e9\u05dc\u05d5\u05dd",  # Hebrew
    "\u0645\u0631\u062d\u0628\u0627",  # Arabic
    "e\u0301",
    "\ufb01",  # the "fi" ligature, NFKD-folds to two letters
    "\u00df",
    "TEA",
    "",
    " ",
]


@dataclass(frozen=True)
class Frame:
    """One frame to send: text (JSON or not) or bytes, and what it was meant to probe."""

    payload: str | bytes
    probe: str
    message: Any = None

    def __repr__(self) -> str:
        shown = self.payload if len(self.payload) < 300 else self.payload[:300]
        return f"Frame({self.probe}, {len(self.payload)} long: {shown!r})"


# -- the strategy ------------------------------------------------------------------


odd_text = st.one_of(
    st.text(max_size=24),
    st.sampled_from(ODD),
    st.lists(st.sampled_from(ODD), max_size=6).map("".join),
)
numbers = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([0, -1, 1, 2, 3, 99, 100, 101, 2**31, 2**53 + 1, 2**63, -(2**63) - 1]),
    st.floats(allow_nan=False, allow_infinity=False),
)
leaves = st.one_of(st.none(), st.booleans(), numbers, odd_text)
values = st.recursive(
    leaves,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(odd_text, inner, max_size=4),
    max_leaves=12,
)


PLAUSIBLE: dict[str, st.SearchStrategy[Any]] = {
    "rung": st.one_of(st.integers(min_value=-2, max_value=15), st.integers(-3, 120)),
    "word": odd_text,
    "direction": st.sampled_from(["down", "up", "DOWN", "sideways", ""]),
    "level": st.sampled_from([1, 2, 0, 3, 1.0, "1", True]),
    "ready": st.sampled_from([True, False, 1, 0, "true", None]),
    "ref": st.one_of(st.text(max_size=70), st.integers(), st.sampled_from(ODD)),
    "last_seq": numbers,
    "token": odd_text,
    "lobby": odd_text,
    "screen": odd_text,
}
FIELDS = {
    "guess": ["rung", "word"],
    "hint": ["direction", "level"],
    "ready": ["ready"],
    "auth": ["token", "lobby", "last_seq"],
    "ping": [],
    "resync": [],
}

# Mostly the frames that do something, so that guesses, hints and ready really run.
KINDS = ["guess", "guess", "guess", "hint", "hint", "ready", "ping", "resync", "auth"]


@st.composite
def typed_messages(draw: st.DrawFn) -> dict[str, Any]:
    """A known type with its fields: mostly plausible, some junk, some missing or extra."""
    kind = draw(st.sampled_from(KINDS))
    message: dict[str, Any] = {"type": kind}
    if draw(st.booleans()):
        message["ref"] = draw(st.integers(0, 10**6) if draw(st.booleans()) else PLAUSIBLE["ref"])
    for name in FIELDS[kind]:
        # Hypothesis favours small draws, so the plain case (present, plausible) is 0.
        if draw(st.integers(0, 9)) == 9:
            continue  # missing
        junk = draw(st.integers(0, 3)) == 3
        message[name] = draw(values if junk else PLAUSIBLE[name])
    message.update(draw(st.dictionaries(odd_text, values, max_size=2)))
    return message


@st.composite
def stray_messages(draw: st.DrawFn) -> dict[str, Any]:
    """A random (or near-miss) type with random fields."""
    kind = draw(odd_text | st.sampled_from(["Ping", "guess ", "GUESS", "pong", "welcome"]))
    message: dict[str, Any] = {"type": kind}
    message.update(draw(st.dictionaries(odd_text, values, max_size=4)))
    return message


def _encode(message: Any, ascii_only: bool) -> str:
    text = json.dumps(message, ensure_ascii=ascii_only)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates travel only as \\u escapes
        text = json.dumps(message, ensure_ascii=True)
    return text


@st.composite
def json_frames(draw: st.DrawFn, messages: st.SearchStrategy[Any]) -> Frame:
    message = draw(messages)
    return Frame(_encode(message, draw(st.booleans())), "json", message)


@st.composite
def nested_frames(draw: st.DrawFn) -> Frame:
    depth = draw(st.integers(min_value=1, max_value=2000))
    if draw(st.booleans()):
        return Frame("[" * depth + "]" * depth, f"nested array {depth}")
    inner = "[" * min(depth, 1000) + "]" * min(depth, 1000)
    return Frame(f'{{"type":"ping","ref":"deep","junk":{inner}}}', f"deep field {depth}")


@st.composite
def sized_frames(draw: st.DrawFn) -> Frame:
    """A well-formed frame padded to just under, at or just over 4 KiB (bytes, not chars)."""
    target = MAX_FRAME + draw(st.integers(min_value=-6, max_value=6))
    unit = draw(st.sampled_from(["a", "\u00e9", "\u20ac", "\U0001f600"]))
    kind = draw(st.sampled_from(["ping", "guess", "ready"]))
    head = f'{{"type":"{kind}","ref":"size","rung":1,"ready":true,"word":"x","pad":"'
    room = target - len(head.encode()) - 2
    pad = unit * (room // len(unit.encode()))
    pad += "b" * (room - len(pad.encode()))
    return Frame(head + pad + '"}', f"sized {target} bytes")


raw_text = st.one_of(
    st.text(max_size=80),
    st.sampled_from(
        [
            "",
            " ",
            "null",
            "NaN",
            "Infinity",
            "-Infinity",
            "1e999",
            "123456789012345678901234567890",
            '{"type":"guess","rung":1e999,"word":"x"}',
            '{"type":"guess","rung":123456789012345678901234567890,"word":"x"}',
            '{"type":"ping","type":"guess"}',
            '{"type":"ping",}',
            "\ufeff{}",
            '{"type":"\\ud800"}',
            '{"type":"ping","ref":"\\udfff"}',
        ]
    ),
).map(lambda text: Frame(text, "raw text"))

binary = st.binary(max_size=64).map(lambda data: Frame(data, "binary"))


def frames() -> st.SearchStrategy[Frame]:
    typed = json_frames(typed_messages())
    return st.one_of(
        typed,
        typed,
        typed,
        typed,
        typed,
        typed,
        json_frames(stray_messages()),
        json_frames(values),
        nested_frames(),
        sized_frames(),
        raw_text,
        binary,
    )


# -- the room ----------------------------------------------------------------------


@dataclass
class Room:
    server: ServerProcess
    http: httpx.AsyncClient
    host: dict[str, str]
    code: str
    calm_team: int
    last_rung: int
    fuzzers: list[Client] = field(default_factory=list)
    throttles: dict[int, Throttle] = field(default_factory=dict)
    calm: Client | None = None
    watcher: Client | None = None
    sent: int = 0
    renames: int = 0
    answers: Counter[str] = field(default_factory=Counter)

    async def close(self) -> None:
        for client in [*self.fuzzers, self.calm, self.watcher]:
            if client is not None:
                await client.close()


async def open_room(
    server: ServerProcess, http: httpx.AsyncClient, host: dict[str, str], code: str
) -> Room:
    """Fuzzers on one team, a calm player on the other, a round running, sockets open."""
    game = Game(http, host, code, server.ws_url)
    token = game.host_token
    fuzz_a, fuzz_b, calm = [await game.join(n) for n in ("Fuzz A", "Fuzz B", "Calm")]
    fuzz_team, calm_team = (t["id"] for t in await game.deal_teams(2))
    for who, team in ((fuzz_a, fuzz_team), (fuzz_b, fuzz_team), (calm, calm_team)):
        moved = await http.put(
            f"/api/admin/players/{who.id}/team", json={"team_id": team}, headers=host
        )
        assert moved.status_code == 200, moved.text
    ladder = (await game.start(hints=True))["ladders"][str(fuzz_team)]
    room = Room(server, http, host, code, calm_team, last_rung=len(ladder["rungs"]) - 1)
    room.calm = await player_socket(server.ws_url, calm.token)
    room.watcher = await host_socket(server.ws_url, token, code)
    for who in (fuzz_a, fuzz_b):
        for _ in range(3):
            room.fuzzers.append(await player_socket(server.ws_url, who.token))
    room.fuzzers.append(await host_socket(server.ws_url, token, code))
    screen = await Client.connect(server.ws_url)
    await screen.send({"type": "auth", "screen": code})
    room.fuzzers.append(screen)
    for client in [room.calm, room.watcher, *room.fuzzers]:
        await client.expect("snapshot")
    room.throttles = {id(c): Throttle() for c in room.fuzzers}
    return room


async def exchange(room: Room, frame: Frame) -> None:
    """Send one frame and a fence; the frame must have been answered before the fence."""
    number = room.sent
    room.sent += 1
    client = room.fuzzers[number % len(room.fuzzers)]
    await room.throttles[id(client)].take(2)
    before = len(client.frames)
    try:
        await client.send(frame.payload)
        await client.send({"type": "ping", "ref": f"fence-{number}"})
        fence = await client.expect("pong", timeout=10, ref=f"fence-{number}")
    except Exception as exc:
        raise AssertionError(
            f"{frame!r}: no answer; socket closed {client.close_code} {client.close_reason!r}"
        ) from exc
    upto = next(i for i, f in enumerate(client.frames) if f is fence)
    answers = [f for f in client.frames[before:upto] if f.get("type") in REPLIES]
    assert answers, f"{frame!r} got no reply, only {client.frames[before:upto]}"
    for answer in answers:
        room.answers[answer.get("code", answer["type"])] += 1
        if answer["type"] == "error":
            assert answer["code"] in ERROR_CODES, (frame, answer)
            assert isinstance(answer["detail"], str) and answer["detail"], (frame, answer)
    if number % 25 == 24:
        await bystanders_carry_on(room, number)


async def bystanders_carry_on(room: Room, number: int) -> None:
    """The calm player and the host watcher answer pings and see a rename, in order."""
    assert room.calm is not None and room.watcher is not None
    assert room.server.process is not None and room.server.process.poll() is None
    health = await room.http.get("/api/health")
    assert health.status_code == 200, health.text
    room.renames += 1
    name = f"Calm Crew {room.renames}"
    renamed = await room.http.patch(
        f"/api/admin/teams/{room.calm_team}", json={"name": name}, headers=room.host
    )
    assert renamed.status_code == 200, renamed.text
    for client in (room.calm, room.watcher):
        await round_trip(client, f"calm-{number}")
        await client.expect("team_renamed", timeout=5, name=name)


def run_campaign(room: Room, backend: str, loop: asyncio.AbstractEventLoop) -> None:
    """Hypothesis drives the frames from a worker thread; the sockets live on `loop`."""

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(frame=frames())
    @example(frame=Frame('{"type":"ping","ref":"x"}' + " " * (MAX_FRAME - 25), "4096 bytes"))
    @example(frame=Frame('{"type":"ping","ref":"x"}' + " " * (MAX_FRAME - 24), "4097 bytes"))
    @example(frame=Frame('{"type":"ping","ref":"' + "\u00e9" * 2040 + '"}', "2049 chars, 4K+"))
    @example(frame=Frame("[" * 2000 + "]" * 2000, "deep nesting"))
    @example(frame=Frame(b"\x00\xff binary", "binary"))
    @example(frame=Frame('{"type":"ping","ref":"\\ud800"}', "lone surrogate"))
    @example(frame=Frame('{"type":"guess","rung":1e999,"word":"x"}', "huge float"))
    @example(frame=Frame(json.dumps({"type": "hint", "direction": "up", "level": 1}), "hint"))
    @example(frame=Frame(json.dumps({"type": "ready", "ready": "\u202e"}), "ready junk"))
    @example(frame=Frame(json.dumps({"type": "resync", "ref": 2**80}), "resync huge ref"))
    def one(frame: Frame) -> None:
        asyncio.run_coroutine_threadsafe(exchange(room, frame), loop).result(timeout=30)

    one()


async def test_every_odd_frame_is_answered_and_the_room_carries_on(
    server: ServerProcess,
    client: httpx.AsyncClient,
    host: dict[str, str],
    lobby: dict[str, str],
    backend: str,
) -> None:
    room = await open_room(server, client, host, lobby["code"])
    started = time.monotonic()
    try:
        await asyncio.to_thread(run_campaign, room, backend, asyncio.get_running_loop())
        seconds = time.monotonic() - started
        print(
            f"\nsocket fuzz [{backend}]: {room.sent} frames in {seconds:.1f} s; "
            f"answers {dict(room.answers.most_common())}"
        )
        assert room.sent >= EXAMPLES

        # Every lobby event reached the calm player and the watcher, in order, none missing:
        # every frame was answered (fenced), so the probe's seq counts all of their events.
        probe = await host_socket(server.ws_url, room.host["Authorization"][7:], room.code)
        now = (await probe.expect("snapshot"))["seq"]
        await probe.close()
        for bystander in (room.calm, room.watcher):
            assert bystander is not None
            await bystander.wait_seq(now, timeout=10)
            assert not seq_breaks(bystander.frames), seq_breaks(bystander.frames)
            assert bystander.close_code is None
            await round_trip(bystander, "last")
        assert room.renames >= EXAMPLES // 25
        assert (await client.get("/api/health")).status_code == 200
    finally:
        await room.close()


async def test_a_flood_of_bad_frames_is_refused_then_closed_with_4008(
    server: ServerProcess, client: httpx.AsyncClient, lobby: dict[str, str]
) -> None:
    flooder, calm = (
        await join(client, lobby["code"], "Flood"),
        await join(client, lobby["code"], "Calm"),
    )
    noisy = await player_socket(server.ws_url, flooder["token"])
    quiet = await player_socket(server.ws_url, calm["token"])
    await noisy.expect("snapshot")
    start = (await quiet.expect("snapshot"))["seq"]
    junk: list[str | bytes] = [
        "{not json",
        "[1]",
        '{"type":"dance"}',
        b"\x00",
        '{"type":"guess","rung":"x"}',
    ]
    sent = 0
    for i in range(300):
        try:
            await noisy.send(junk[i % len(junk)])
        except Exception:
            break
        sent += 1
    code, reason = await noisy.closed(timeout=10)
    assert code == 4008 and reason, (code, reason)
    answers = [f for f in noisy.frames if f.get("type") == "error"]
    assert any(f["code"] == "rate_limited" for f in answers)
    assert all(f["code"] in ERROR_CODES and f["detail"] for f in answers)
    assert len(answers) <= sent
    await round_trip(quiet, "still-here")
    await client.delete("/api/me", headers=bearer(flooder["token"]))
    left = await quiet.expect("player_left", timeout=5)
    assert left["player_id"] == flooder["player"]["id"]
    assert left["seq"] > start
    assert not seq_breaks(quiet.frames), seq_breaks(quiet.frames)
    assert (await client.get("/api/health")).status_code == 200
    await quiet.close()


async def test_a_text_frame_that_is_not_utf8_is_closed_with_1007(
    server: ServerProcess, client: httpx.AsyncClient, lobby: dict[str, str]
) -> None:
    ana, bo = await join(client, lobby["code"], "Ana"), await join(client, lobby["code"], "Bo")
    broken = await player_socket(server.ws_url, ana["token"])
    fine = await player_socket(server.ws_url, bo["token"])
    await broken.expect("snapshot")
    await fine.expect("snapshot")
    await broken.socket.send(b'{"type":"ping","ref":"\xff\xfe"}', text=True)
    code, _ = await broken.closed(timeout=5)
    assert code == 1007
    await round_trip(fine, "fine")
    assert (await client.get("/api/health")).status_code == 200
    await fine.close()


# -- frames that once crashed the socket ---------------------------------------------------


async def _answer_to(
    server: ServerProcess, http: httpx.AsyncClient, host: dict[str, str], code: str, frame: str
) -> tuple[list[dict[str, Any]], int | None]:
    room = await open_room(server, http, host, code)
    player = room.fuzzers[0]
    try:
        await player.send(frame)
        await player.send({"type": "ping", "ref": "after"})
        with contextlib.suppress(AssertionError):  # the socket may die instead
            await player.expect("pong", timeout=5, ref="after")
        return player.frames, player.close_code
    finally:
        await room.close()


async def test_a_guess_for_a_given_end_word_is_answered(
    server: ServerProcess, client: httpx.AsyncClient, host: dict[str, str], lobby: dict[str, str]
) -> None:
    frame = '{"type":"guess","ref":"end","rung":0,"word":"tea"}'
    received, closed = await _answer_to(server, client, host, lobby["code"], frame)
    assert closed is None, f"socket closed with {closed}"
    assert any(f.get("ref") == "end" for f in received), received


async def test_a_guess_with_a_nul_character_is_answered(
    server: ServerProcess,
    client: httpx.AsyncClient,
    host: dict[str, str],
    lobby: dict[str, str],
) -> None:
    frame = '{"type":"guess","ref":"nul","rung":1,"word":"ab\\u0000c"}'
    received, closed = await _answer_to(server, client, host, lobby["code"], frame)
    assert closed is None, f"socket closed with {closed}"
    assert any(f.get("ref") == "nul" for f in received), received
