"""Names people can trust, guesses shown as typed, hints paid once, the tutorial kept out."""

from __future__ import annotations

import httpx
import pytest

from tests.security.conftest import host_and_lobby, join_from, visitor
from tests.support.api import assert_error, bearer
from tests.support.game import make_game
from tests.support.server import ServerProcess
from tests.support.ws import player_socket


@pytest.mark.parametrize(
    "name",
    [
        "\u3164",  # Hangul filler: looks empty
        "\u2800",  # blank Braille cell
        "\u200b\u200b",  # zero-width spaces
        "Ana\u202e",  # bidi override
        "Z" + "\u0301" * 23,  # a pile of combining marks
        "\u0301\u0301",  # marks on nothing
    ],
)
async def test_names_that_look_empty_or_garbled_are_refused(
    strict: httpx.AsyncClient, name: str
) -> None:
    _, code = await host_and_lobby(strict)
    assert_error(await join_from(strict, code, name, visitor()), 422, "bad_name")


@pytest.mark.parametrize(
    "twin",
    [
        "\u0410lice",  # Cyrillic capital A
        "ALICE",
        "Alice\u3164",  # with a trailing filler
        "\uff21lice",  # fullwidth A
    ],
)
async def test_a_name_that_looks_like_a_taken_one_is_refused(
    strict: httpx.AsyncClient, twin: str
) -> None:
    _, code = await host_and_lobby(strict)
    assert (await join_from(strict, code, "Alice", visitor())).status_code == 201
    refused = await join_from(strict, code, twin, visitor())
    assert refused.status_code in (409, 422), refused.text
    assert refused.json()["code"] in ("name_taken", "bad_name")


async def test_accented_and_other_scripts_names_are_welcome(strict: httpx.AsyncClient) -> None:
    _, code = await host_and_lobby(strict)
    for name in ("Zoë", "Nguyễn", "Дмитрий", "李雷", "Ana 🙂"):
        joined = await join_from(strict, code, name, visitor())
        assert joined.status_code == 201, joined.text
        assert joined.json()["player"]["name"] == name


async def test_a_guess_is_shown_without_format_characters(
    client: httpx.AsyncClient, host: dict[str, str], server: ServerProcess
) -> None:
    game = await make_game(client, host, server.ws_url)
    await game.start()
    ana, bea = game.team(0)
    watcher = await player_socket(server.ws_url, bea.token)
    await watcher.expect("snapshot")
    reply = await client.post(
        "/api/me/guess", json={"rung": 1, "word": "\u202eEIP"}, headers=bearer(ana.token)
    )
    assert reply.status_code == 200
    assert reply.json()["word"] == "EIP"
    seen = await watcher.expect("guess")
    assert seen["guess"]["word"] == "EIP"
    log = await client.get(f"/api/admin/lobbies/{game.code}/rounds/1/guesses", headers=host)
    assert [g["word"] for g in log.json()] == ["EIP"]
    await watcher.close()


async def test_a_retried_word_hint_reveals_and_charges_one_rung(
    client: httpx.AsyncClient, host: dict[str, str], server: ServerProcess
) -> None:
    game = await make_game(client, host, server.ws_url)
    await game.start(hints=True)
    ana = game.team(0)[0]
    ask = {"direction": "down", "level": 2, "rung": 1}
    first = await client.post("/api/me/hint", json=ask, headers=bearer(ana.token))
    again = await client.post("/api/me/hint", json=ask, headers=bearer(ana.token))
    assert first.status_code == again.status_code == 200, again.text
    assert first.json()["word"] == again.json()["word"]
    assert again.json()["result"] == "already_solved"
    ladder = (await game.host_state())["round"]["ladders"][str(game.teams[0]["id"])]
    assert [h["level"] for h in ladder["hints"]] == [2]
    by_hint = [r["index"] for r in ladder["rungs"] if r["by_hint"]]
    assert by_hint == [1]
    assert ladder["frontier"]["down"] == 2


async def test_the_tutorial_ladder_cannot_be_dealt(
    client: httpx.AsyncClient, host: dict[str, str], server: ServerProcess
) -> None:
    game = await make_game(client, host, server.ws_url)
    response = await client.post(
        f"/api/admin/lobbies/{game.code}/rounds",
        json={"puzzle": "tutorial", "force": True},
        headers=host,
    )
    assert_error(response, 404, "puzzle_not_found")
