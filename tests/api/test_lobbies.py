"""The host creates, lists, inspects and deletes lobbies; anyone can look one up by code."""

from __future__ import annotations

import httpx

from tests.support.api import assert_error, join

ALPHABET = set("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")


async def test_a_new_lobby_gets_a_readable_code_and_a_fun_name(
    client: httpx.AsyncClient, host: dict[str, str]
) -> None:
    response = await client.post("/api/admin/lobbies", json={}, headers=host)
    assert response.status_code == 201
    lobby = response.json()
    assert len(lobby["code"]) == 6 and set(lobby["code"]) <= ALPHABET
    assert lobby["name"].strip()
    assert lobby["phase"] == "lobby"
    assert lobby["player_count"] == 0
    assert lobby["created_at"].endswith("Z")


async def test_a_lobby_can_be_named_and_the_body_is_optional(
    client: httpx.AsyncClient, host: dict[str, str]
) -> None:
    named = await client.post("/api/admin/lobbies", json={"name": "  Friday   Quiz "}, headers=host)
    assert named.json()["name"] == "Friday Quiz"
    bare = await client.post("/api/admin/lobbies", headers=host)
    assert bare.status_code == 201


async def test_a_blank_or_huge_lobby_name_is_refused(
    client: httpx.AsyncClient, host: dict[str, str]
) -> None:
    assert_error(await client.post("/api/admin/lobbies", json={"name": "   "}, headers=host), 422)
    assert_error(
        await client.post("/api/admin/lobbies", json={"name": "x" * 61}, headers=host), 422
    )


async def test_codes_are_unique_and_lobbies_are_listed_newest_first(
    client: httpx.AsyncClient, host: dict[str, str]
) -> None:
    made = []
    for _ in range(5):
        made.append((await client.post("/api/admin/lobbies", json={}, headers=host)).json()["code"])
    assert len(set(made)) == 5
    listed = [
        lobby["code"] for lobby in (await client.get("/api/admin/lobbies", headers=host)).json()
    ]
    positions = [listed.index(code) for code in made]
    assert positions == sorted(positions, reverse=True)


async def test_the_public_summary_matches_codes_in_any_case(
    client: httpx.AsyncClient, lobby: dict[str, str]
) -> None:
    await join(client, lobby["code"], "Ana")
    response = await client.get(f"/api/lobbies/{lobby['code'].lower()}")
    assert response.status_code == 200
    assert response.json() == {
        "code": lobby["code"],
        "name": lobby["name"],
        "phase": "lobby",
        "player_count": 1,
        "locked": False,
    }


async def test_an_unknown_code_is_a_404(client: httpx.AsyncClient) -> None:
    assert_error(await client.get("/api/lobbies/ZZZZZZ"), 404, "lobby_not_found")
    assert_error(await client.get("/api/lobbies/not-a-code-at-all"), 404, "lobby_not_found")


async def test_the_host_snapshot_has_teams_and_players(
    client: httpx.AsyncClient, host: dict[str, str], lobby: dict[str, str]
) -> None:
    ana = await join(client, lobby["code"], "Ana")
    response = await client.get(f"/api/admin/lobbies/{lobby['code']}", headers=host)
    body = response.json()
    assert body["lobby"]["code"] == lobby["code"]
    assert body["lobby"]["player_count"] == 1
    assert body["teams"] == []
    assert body["players"] == [
        {
            "id": ana["player"]["id"],
            "name": "Ana",
            "team_id": None,
            "connected": False,
            "ready": False,
        }
    ]
    assert "token" not in response.text


async def test_deleting_a_lobby_ends_it_and_its_players(
    client: httpx.AsyncClient, host: dict[str, str], lobby: dict[str, str]
) -> None:
    ana = await join(client, lobby["code"], "Ana")
    response = await client.delete(f"/api/admin/lobbies/{lobby['code']}", headers=host)
    assert response.status_code == 204
    assert_error(await client.get(f"/api/lobbies/{lobby['code']}"), 404)
    assert_error(
        await client.get("/api/me", headers={"Authorization": f"Bearer {ana['token']}"}), 401
    )
    assert_error(await client.delete(f"/api/admin/lobbies/{lobby['code']}", headers=host), 404)
