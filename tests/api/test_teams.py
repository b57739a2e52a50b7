"""The host makes teams, deals players into them, renames, removes, moves and kicks."""

from __future__ import annotations

import httpx

from tests.support.api import assert_error, bearer, join, snapshot


async def test_making_teams_deals_waiting_players_evenly(
    client: httpx.AsyncClient, host: dict[str, str], lobby: dict[str, str]
) -> None:
    for i in range(7):
        await join(client, lobby["code"], f"P{i}")
    response = await client.post(
        f"/api/admin/lobbies/{lobby['code']}/teams", json={"count": 3}, headers=host
    )
    assert response.status_code == 201
    teams = response.json()
    assert len(teams) == 3
    assert len({t["name"] for t in teams}) == 3
    assert sorted(len(t["player_ids"]) for t in teams) == [2, 2, 3]
    state = await snapshot(client, host, lobby["code"])
    assert all(p["team_id"] is not None for p in state["players"])


async def test_team_counts_outside_two_to_ten_are_refused(
    client: httpx.AsyncClient, host: dict[str, str], lobby: dict[str, str]
) -> None:
    url = f"/api/admin/lobbies/{lobby['code']}/teams"
    for count in (0, 1, 11, -3):
        assert_error(await client.post(url, json={"count": count}, headers=host), 422)
    assert_error(await client.post(url, json={}, headers=host), 422)
    assert_error(await client.post(url, json={"count": 2, "name": "X"}, headers=host), 422)


async def test_asking_for_more_teams_adds_only_the_missing_ones(
    client: httpx.AsyncClient, host: dict[str, str], lobby: dict[str, str]
) -> None:
    url = f"/api/admin/lobbies/{lobby['code']}/teams"
    await client.post(url, json={"count": 2}, headers=host)
    response = await client.post(url, json={"count": 4}, headers=host)
    assert len(response.json()) == 4
    assert_error(await client.post(url, json={"count": 3}, headers=host), 409, "too_many_teams")


async def test_adding_renaming_and_removing_a_team(
    client: httpx.AsyncClient, host: dict[str, str], lobby: dict[str, str]
) -> None:
    url = f"/api/admin/lobbies/{lobby['code']}/teams"
    made = await client.post(url, json={"name": "Night Owls"}, headers=host)
    assert made.status_code == 201
    team = made.json()[0]
    assert team["name"] == "Night Owls" and team["player_ids"] == []
    assert_error(await client.post(url, json={"name": "night owls"}, headers=host), 409)

    renamed = await client.patch(
        f"/api/admin/teams/{team['id']}", json={"name": "Early Birds"}, headers=host
    )
    assert renamed.status_code == 200 and renamed.json()["name"] == "Early Birds"
    assert_error(
        await client.patch(f"/api/admin/teams/{team['id']}", json={"name": " "}, headers=host), 422
    )
    assert_error(
        await client.patch("/api/admin/teams/999999", json={"name": "Ghosts"}, headers=host), 404
    )

    ana = await join(client, lobby["code"], "Ana")
    await client.put(
        f"/api/admin/players/{ana['player']['id']}/team", json={"team_id": team["id"]}, headers=host
    )
    assert (await client.delete(f"/api/admin/teams/{team['id']}", headers=host)).status_code == 204
    state = await snapshot(client, host, lobby["code"])
    assert state["teams"] == []
    assert state["players"][0]["team_id"] is None
    assert_error(await client.delete(f"/api/admin/teams/{team['id']}", headers=host), 404)


async def test_the_host_moves_and_unassigns_players(
    client: httpx.AsyncClient, host: dict[str, str], lobby: dict[str, str]
) -> None:
    teams = (
        await client.post(
            f"/api/admin/lobbies/{lobby['code']}/teams", json={"count": 2}, headers=host
        )
    ).json()
    ana = await join(client, lobby["code"], "Ana")
    url = f"/api/admin/players/{ana['player']['id']}/team"
    moved = await client.put(url, json={"team_id": teams[1]["id"]}, headers=host)
    assert moved.status_code == 200 and moved.json()["team_id"] == teams[1]["id"]
    me = await client.get("/api/me", headers=bearer(ana["token"]))
    assert me.json()["player"]["team_id"] == teams[1]["id"]
    unassigned = await client.put(url, json={"team_id": None}, headers=host)
    assert unassigned.json()["team_id"] is None
    assert_error(
        await client.put(url, json={"team_id": 987654}, headers=host), 404, "team_not_found"
    )
    assert_error(await client.put(url, json={}, headers=host), 422)
    assert_error(
        await client.put("/api/admin/players/987654/team", json={"team_id": None}, headers=host),
        404,
        "player_not_found",
    )


async def test_a_team_of_another_lobby_cannot_be_joined(
    client: httpx.AsyncClient, host: dict[str, str], lobby: dict[str, str]
) -> None:
    other = (await client.post("/api/admin/lobbies", json={}, headers=host)).json()
    foreign = (
        await client.post(
            f"/api/admin/lobbies/{other['code']}/teams", json={"count": 2}, headers=host
        )
    ).json()
    ana = await join(client, lobby["code"], "Ana")
    response = await client.put(
        f"/api/admin/players/{ana['player']['id']}/team",
        json={"team_id": foreign[0]["id"]},
        headers=host,
    )
    assert_error(response, 404, "team_not_found")


async def test_a_kicked_player_is_gone_and_the_token_dies_at_once(
    client: httpx.AsyncClient, host: dict[str, str], lobby: dict[str, str]
) -> None:
    ana = await join(client, lobby["code"], "Ana")
    bob = await join(client, lobby["code"], "Bob")
    response = await client.delete(f"/api/admin/players/{ana['player']['id']}", headers=host)
    assert response.status_code == 204
    assert_error(await client.get("/api/me", headers=bearer(ana["token"])), 401)
    assert (await client.get("/api/me", headers=bearer(bob["token"]))).status_code == 200
    state = await snapshot(client, host, lobby["code"])
    assert [p["name"] for p in state["players"]] == ["Bob"]
    assert_error(
        await client.delete(f"/api/admin/players/{ana['player']['id']}", headers=host), 404
    )


async def test_reshuffling_deals_everyone_afresh_and_evenly(
    client: httpx.AsyncClient, host: dict[str, str], lobby: dict[str, str]
) -> None:
    code = lobby["code"]
    for i in range(9):
        await join(client, code, f"P{i}")
    made = await client.post(f"/api/admin/lobbies/{code}/teams", json={"count": 3}, headers=host)
    before = {t["id"]: set(t["player_ids"]) for t in made.json()}
    # The host piles most of the room onto one team by hand.
    crowded = next(iter(before))
    for team_id, members in before.items():
        if team_id != crowded:
            for player_id in sorted(members)[:2]:
                moved = await client.put(
                    f"/api/admin/players/{player_id}/team",
                    json={"team_id": crowded},
                    headers=host,
                )
                assert moved.status_code == 200
    lopsided = await snapshot(client, host, code)
    assert sorted(len(t["player_ids"]) for t in lopsided["teams"]) == [1, 1, 7]

    # Reshuffles are random; the deal is always even and keeps the same teams.
    for _ in range(3):
        response = await client.post(f"/api/admin/lobbies/{code}/teams/reshuffle", headers=host)
        assert response.status_code == 200, response.text
        teams = response.json()
        assert {t["id"] for t in teams} == set(before)
        assert sorted(len(t["player_ids"]) for t in teams) == [3, 3, 3]
    state = await snapshot(client, host, code)
    assert all(p["team_id"] is not None for p in state["players"])


async def test_reshuffling_needs_teams_and_waits_for_the_round_to_end(
    client: httpx.AsyncClient, host: dict[str, str], lobby: dict[str, str]
) -> None:
    code = lobby["code"]
    url = f"/api/admin/lobbies/{code}/teams/reshuffle"
    for i in range(4):
        await join(client, code, f"P{i}")
    assert_error(await client.post(url, headers=host), 409, "no_teams")
    await client.post(f"/api/admin/lobbies/{code}/teams", json={"count": 2}, headers=host)
    started = await client.post(
        f"/api/admin/lobbies/{code}/rounds", json={"force": True}, headers=host
    )
    assert started.status_code == 201
    assert_error(await client.post(url, headers=host), 409, "round_running")
    assert_error(await client.post(url), 401)
