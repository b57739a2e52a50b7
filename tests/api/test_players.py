"""Players join with a name, learn who they are with their token, and can leave."""

from __future__ import annotations

import asyncio

import httpx

from tests.support.api import assert_error, bearer, join


async def test_joining_returns_the_player_and_a_secret_token(
    client: httpx.AsyncClient, lobby: dict[str, str]
) -> None:
    response = await client.post(f"/api/lobbies/{lobby['code']}/players", json={"name": "  Zoë  "})
    assert response.status_code == 201
    body = response.json()
    assert body["player"] == {
        "id": body["player"]["id"],
        "name": "Zoë",
        "team_id": None,
        "connected": False,
        "ready": False,
    }
    assert len(body["token"]) >= 32


async def test_a_code_in_lower_case_works(client: httpx.AsyncClient, lobby: dict[str, str]) -> None:
    await join(client, lobby["code"].lower(), "Lowercase")


async def test_names_are_unique_per_lobby_ignoring_case(
    client: httpx.AsyncClient, host: dict[str, str], lobby: dict[str, str]
) -> None:
    await join(client, lobby["code"], "Sam")
    again = await client.post(f"/api/lobbies/{lobby['code']}/players", json={"name": " sAM "})
    assert_error(again, 409, "name_taken")
    other = (await client.post("/api/admin/lobbies", json={}, headers=host)).json()
    await join(client, other["code"], "Sam")


async def test_bad_names_are_refused_with_a_reason(
    client: httpx.AsyncClient, lobby: dict[str, str]
) -> None:
    url = f"/api/lobbies/{lobby['code']}/players"
    for bad in ["", "   ", "x" * 25, "bell\x07", "zero\u200bwidth", "a\u202eb"]:
        assert_error(await client.post(url, json={"name": bad}), 422)
    assert_error(await client.post(url, json={"name": 42}), 422)
    assert_error(await client.post(url, json={}), 422)
    assert_error(await client.post(url, json=["Sam"]), 422)
    twenty_four = "y" * 24
    assert (await client.post(url, json={"name": twenty_four})).status_code == 201


async def test_joining_an_unknown_lobby_is_a_404(client: httpx.AsyncClient) -> None:
    assert_error(
        await client.post("/api/lobbies/QQQQQQ/players", json={"name": "Lost"}),
        404,
        "lobby_not_found",
    )


async def test_twenty_racing_joins_with_one_name_give_one_player(
    client: httpx.AsyncClient, host: dict[str, str], lobby: dict[str, str]
) -> None:
    url = f"/api/lobbies/{lobby['code']}/players"
    responses = await asyncio.gather(
        *(client.post(url, json={"name": "Racer" if i % 2 else "RACER"}) for i in range(20))
    )
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [201] + [409] * 19
    for response in responses:
        if response.status_code == 409:
            assert_error(response, 409, "name_taken")
    players = (await client.get(f"/api/admin/lobbies/{lobby['code']}", headers=host)).json()[
        "players"
    ]
    assert [p["name"].lower() for p in players] == ["racer"]


async def test_me_tells_a_player_who_they_are(
    client: httpx.AsyncClient, lobby: dict[str, str]
) -> None:
    joined = await join(client, lobby["code"], "Mia")
    response = await client.get("/api/me", headers=bearer(joined["token"]))
    assert response.status_code == 200
    body = response.json()
    assert body["player"]["id"] == joined["player"]["id"]
    assert body["player"]["name"] == "Mia"
    assert body["lobby"]["code"] == lobby["code"]
    assert body["lobby"]["player_count"] == 1
    assert "token" not in body


async def test_me_needs_a_valid_token(client: httpx.AsyncClient) -> None:
    assert_error(await client.get("/api/me"), 401, "missing_token")
    assert_error(await client.get("/api/me", headers=bearer("nope")), 401, "bad_token")
    assert_error(await client.get("/api/me", headers={"Authorization": "Basic abc"}), 401)


async def test_a_player_who_leaves_loses_the_token_and_frees_the_name(
    client: httpx.AsyncClient, lobby: dict[str, str]
) -> None:
    joined = await join(client, lobby["code"], "Leo")
    assert (await client.delete("/api/me", headers=bearer(joined["token"]))).status_code == 204
    assert_error(await client.get("/api/me", headers=bearer(joined["token"])), 401)
    assert_error(await client.delete("/api/me", headers=bearer(joined["token"])), 401)
    await join(client, lobby["code"], "Leo")


async def test_a_player_can_mark_themselves_ready(
    client: httpx.AsyncClient, lobby: dict[str, str]
) -> None:
    joined = await join(client, lobby["code"], "Ready Rita")
    response = await client.put(
        "/api/me/ready", json={"ready": True}, headers=bearer(joined["token"])
    )
    assert response.status_code == 200 and response.json()["ready"] is True
    me = await client.get("/api/me", headers=bearer(joined["token"]))
    assert me.json()["player"]["ready"] is True


async def test_answers_kept_for_speed_follow_every_change_at_once(
    client: httpx.AsyncClient, host: dict[str, str], lobby: dict[str, str]
) -> None:
    mia = await join(client, lobby["code"], "Mia")
    for _ in range(3):  # asked again and again: served from memory after the first
        assert (await client.get(f"/api/lobbies/{lobby['code']}")).json()["player_count"] == 1
        assert (await client.get("/api/me", headers=bearer(mia["token"]))).json()["player"][
            "ready"
        ] is False
    await join(client, lobby["code"], "Noor")
    assert (await client.get(f"/api/lobbies/{lobby['code']}")).json()["player_count"] == 2
    await client.put("/api/me/ready", json={"ready": True}, headers=bearer(mia["token"]))
    assert (await client.get("/api/me", headers=bearer(mia["token"]))).json()["player"][
        "ready"
    ] is True
    await client.delete(f"/api/admin/players/{mia['player']['id']}", headers=host)
    assert_error(await client.get("/api/me", headers=bearer(mia["token"])), 401)
    assert (await client.get(f"/api/lobbies/{lobby['code']}")).json()["player_count"] == 1


async def test_a_join_is_read_alike_under_every_json_label(
    client: httpx.AsyncClient, lobby: dict[str, str]
) -> None:
    url = f"/api/lobbies/{lobby['code']}/players"
    labels = ["application/json", "Application/JSON; charset=utf-8", "application/problem+json"]
    answers: dict[str, list[tuple[int, object]]] = {}
    for n, label in enumerate(labels):
        headers = {"content-type": label}
        joined = await client.post(url, content=f'{{"name": "Label{n}"}}', headers=headers)
        assert joined.status_code == 201, joined.text
        assert joined.json()["player"]["name"] == f"Label{n}"
        refusals = [
            await client.post(url, content=b'{"name": "Label0"}', headers=headers),
            await client.post(url, content=b'{"name": "' + b"x" * 201 + b'"}', headers=headers),
            await client.post(url, content=b'{"name": ', headers=headers),
            await client.post(
                "/api/lobbies/QQQQQQ/players", content=b'{"name": "Q"}', headers=headers
            ),
        ]
        answers[label] = [(r.status_code, r.json()) for r in refusals]
    assert [status for status, _ in answers[labels[0]]] == [409, 422, 422, 404]
    assert all(answers[label] == answers[labels[0]] for label in labels)


async def test_a_join_body_not_labelled_json_is_refused(
    client: httpx.AsyncClient, lobby: dict[str, str]
) -> None:
    url = f"/api/lobbies/{lobby['code']}/players"
    for headers in ({}, {"content-type": "text/plain"}):
        assert_error(await client.post(url, content=b'{"name": "Plain"}', headers=headers), 422)
