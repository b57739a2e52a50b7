"""The host's answers to intruders: lock the lobby, ban a kicked player, keep names
family-friendly, hide the code on the big screen."""

from __future__ import annotations

import httpx

from tests.security.conftest import host_and_lobby, join_from, visitor
from tests.support.api import assert_error, bearer
from tests.support.server import ServerProcess
from tests.support.ws import Client


async def test_a_locked_lobby_takes_no_new_players(strict: httpx.AsyncClient) -> None:
    host, code = await host_and_lobby(strict)
    ana = (await join_from(strict, code, "Ana", visitor())).json()
    locked = await strict.patch(f"/api/admin/lobbies/{code}", json={"locked": True}, headers=host)
    assert locked.status_code == 200 and locked.json()["locked"] is True
    assert_error(await join_from(strict, code, "Bea", visitor()), 403, "lobby_locked")
    # Those inside stay in.
    assert (await strict.get("/api/me", headers=bearer(ana["token"]))).status_code == 200
    looked_up = await strict.get(f"/api/lobbies/{code}", headers=visitor())
    assert looked_up.json()["locked"] is True
    await strict.patch(f"/api/admin/lobbies/{code}", json={"locked": False}, headers=host)
    assert (await join_from(strict, code, "Bea", visitor())).status_code == 201


async def test_a_banned_player_cannot_come_back(strict: httpx.AsyncClient) -> None:
    host, code = await host_and_lobby(strict)
    troll_address = visitor()
    troll = (await join_from(strict, code, "Troll", troll_address)).json()
    kicked = await strict.delete(
        f"/api/admin/players/{troll['player']['id']}?ban=true", headers=host
    )
    assert kicked.status_code == 204
    # Not under another name from the same address...
    assert_error(await join_from(strict, code, "Nice Person", troll_address), 403, "banned")
    # ...nor under a name that looks the same from elsewhere.
    assert_error(await join_from(strict, code, "TR0LL", visitor()), 403, "banned")
    assert_error(await join_from(strict, code, "Тroll", visitor()), 403, "banned")
    # Everyone else still joins.
    assert (await join_from(strict, code, "Newcomer", visitor())).status_code == 201


async def test_a_kick_without_ban_lets_the_player_rejoin(strict: httpx.AsyncClient) -> None:
    host, code = await host_and_lobby(strict)
    address = visitor()
    ana = (await join_from(strict, code, "Ana", address)).json()
    await strict.delete(f"/api/admin/players/{ana['player']['id']}", headers=host)
    assert (await join_from(strict, code, "Ana", address)).status_code == 201


async def test_a_ban_spares_others_sharing_the_address(strict: httpx.AsyncClient) -> None:
    """At a venue where every phone shares one address, banning one player must not
    bar the room: the name still is."""
    host, code = await host_and_lobby(strict)
    venue = visitor()
    await join_from(strict, code, "Ana", venue)
    troll = (await join_from(strict, code, "Troll", venue)).json()
    await strict.delete(f"/api/admin/players/{troll['player']['id']}?ban=true", headers=host)
    assert (await join_from(strict, code, "Bea", venue)).status_code == 201
    assert_error(await join_from(strict, code, "Troll", venue), 403, "banned")


async def test_a_family_friendly_lobby_refuses_rude_names(strict: httpx.AsyncClient) -> None:
    host, code = await host_and_lobby(strict)
    rude = "Sh1tface"
    assert (await join_from(strict, code, rude, visitor())).status_code == 201
    switched = await strict.patch(
        f"/api/admin/lobbies/{code}", json={"family_friendly": True}, headers=host
    )
    assert switched.json()["family_friendly"] is True
    assert_error(await join_from(strict, code, "F.U.C.K", visitor()), 422, "unfriendly_name")
    assert_error(await join_from(strict, code, "Аss", visitor()), 422, "unfriendly_name")
    assert (await join_from(strict, code, "Scunthorpe Sam", visitor())).status_code == 201
    made = await strict.post(
        f"/api/admin/lobbies/{code}/teams", json={"name": "Bullshitters"}, headers=host
    )
    assert_error(made, 422, "unfriendly_name")
    team = await strict.post(
        f"/api/admin/lobbies/{code}/teams", json={"name": "Owls"}, headers=host
    )
    assert team.status_code == 201
    renamed = await strict.patch(
        f"/api/admin/teams/{team.json()[0]['id']}", json={"name": "Dickheads"}, headers=host
    )
    assert_error(renamed, 422, "unfriendly_name")


async def test_the_big_screen_hears_when_the_code_is_hidden(
    strict: httpx.AsyncClient, strict_server: ServerProcess
) -> None:
    host, code = await host_and_lobby(strict)
    screen = await Client.connect(strict_server.ws_url, additional_headers=visitor())
    await screen.send({"type": "auth", "screen": code})
    first = await screen.expect("snapshot")
    assert first["state"]["lobby"]["code_hidden"] is False
    await strict.patch(f"/api/admin/lobbies/{code}", json={"code_hidden": True}, headers=host)
    update = await screen.expect("lobby_updated", timeout=10)
    assert update["code_hidden"] is True and update["locked"] is False
    await screen.close()
    state = (await strict.get(f"/api/screen/{code}", headers=visitor())).json()
    assert state["lobby"]["code_hidden"] is True


async def test_only_the_host_can_flip_the_switches(strict: httpx.AsyncClient) -> None:
    _, code = await host_and_lobby(strict)
    ana = (await join_from(strict, code, "Ana", visitor())).json()
    response = await strict.patch(
        f"/api/admin/lobbies/{code}", json={"locked": True}, headers=bearer(ana["token"])
    )
    assert_error(response, 401)
