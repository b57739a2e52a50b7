"""Floods one client could use to spoil a game: ready toggles, junk players, guessed codes."""

from __future__ import annotations

import secrets

import httpx

from raddle.game.names import CODE_ALPHABET
from tests.security.conftest import host_and_lobby, join_from, visitor
from tests.support.api import assert_error, bearer
from tests.support.server import ServerProcess
from tests.support.ws import player_socket


async def test_ready_toggles_over_http_are_limited_per_player(strict: httpx.AsyncClient) -> None:
    _, code = await host_and_lobby(strict)
    ana = (await join_from(strict, code, "Ana", visitor())).json()
    statuses = []
    for i in range(15):
        response = await strict.put(
            "/api/me/ready", json={"ready": i % 2 == 0}, headers=bearer(ana["token"])
        )
        statuses.append(response.status_code)
    assert statuses[:10] == [200] * 10
    assert statuses[-1] == 429
    assert_error(response, 429, "rate_limited")
    assert int(response.headers["Retry-After"]) >= 1
    # Someone else in the lobby is not slowed by it.
    bea = (await join_from(strict, code, "Bea", visitor())).json()
    other = await strict.put("/api/me/ready", json={"ready": True}, headers=bearer(bea["token"]))
    assert other.status_code == 200


async def test_ready_toggles_over_the_socket_are_limited_too(
    strict: httpx.AsyncClient, strict_server: ServerProcess
) -> None:
    _, code = await host_and_lobby(strict)
    cai = (await join_from(strict, code, "Cai", visitor())).json()
    socket = await player_socket(strict_server.ws_url, cai["token"])
    await socket.expect("snapshot")
    for i in range(15):
        await socket.send({"type": "ready", "ready": i % 2 == 0, "ref": str(i)})
    refused = await socket.expect("error", timeout=10, code="rate_limited")
    assert refused["ref"] is not None
    acks = [f for f in socket.frames if f.get("type") == "ack"]
    assert len(acks) == 10
    await socket.close()


async def test_one_address_cannot_fill_a_lobby(strict: httpx.AsyncClient) -> None:
    _, code = await host_and_lobby(strict)
    flood = visitor()
    statuses = [(await join_from(strict, code, f"Junk {i}", flood)).status_code for i in range(8)]
    assert statuses[:5] == [201] * 5
    refused = await join_from(strict, code, "Junk 9", flood)
    assert_error(refused, 409, "too_many_from_here")
    # Real players from elsewhere still get in.
    assert (await join_from(strict, code, "Real Player", visitor())).status_code == 201


async def test_guessing_lobby_codes_is_limited_per_address(strict: httpx.AsyncClient) -> None:
    _, code = await host_and_lobby(strict)
    guesser = visitor()
    statuses = []
    for _ in range(25):
        guess = "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
        if guess == code:
            continue
        statuses.append((await strict.get(f"/api/lobbies/{guess}", headers=guesser)).status_code)
    assert statuses[:20] == [404] * 20
    assert statuses[-1] == 429
    # Other addresses look up codes as usual.
    assert (await strict.get(f"/api/lobbies/{code}", headers=visitor())).status_code == 200


async def test_guessing_codes_through_the_big_screen_view_is_limited_too(
    strict: httpx.AsyncClient,
) -> None:
    guesser = visitor()
    statuses = [
        (await strict.get(f"/api/screen/{'Z' * 5}{n}", headers=guesser)).status_code
        for n in range(2, 10)
    ] + [(await strict.get("/api/lobbies/ZZZZZA", headers=guesser)).status_code for _ in range(15)]
    # One count for both doors: 20 unknown codes, then refusals.
    assert statuses[:20] == [404] * 20
    assert statuses[20:] == [429] * 3
