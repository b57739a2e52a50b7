"""The host logs in with the password, gets an expiring token, and can log out."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx

from tests.support.api import assert_error, bearer
from tests.support.server import ADMIN_PASSWORD


async def test_the_right_password_gives_a_token_that_expires(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/admin/session", json={"password": ADMIN_PASSWORD})
    assert response.status_code == 200
    body = response.json()
    assert len(body["token"]) >= 32
    expires = datetime.fromisoformat(body["expires_at"].replace("Z", "+00:00"))
    assert expires > datetime.now(UTC)
    assert body["expires_at"].endswith("Z")


async def test_a_wrong_password_is_refused(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/admin/session", json={"password": ADMIN_PASSWORD + "x"})
    assert_error(response, 401, "bad_password")


async def test_a_missing_password_is_a_validation_error(client: httpx.AsyncClient) -> None:
    assert_error(await client.post("/api/admin/session", json={}), 422, "invalid")


async def test_host_endpoints_need_a_valid_token(client: httpx.AsyncClient) -> None:
    assert_error(await client.get("/api/admin/lobbies"), 401, "missing_token")
    assert_error(
        await client.get("/api/admin/lobbies", headers=bearer("not-a-token")),
        401,
        "bad_admin_token",
    )


async def test_a_player_token_is_not_a_host_token(
    client: httpx.AsyncClient, lobby: dict[str, str]
) -> None:
    joined = await client.post(f"/api/lobbies/{lobby['code']}/players", json={"name": "Sneaky"})
    token = joined.json()["token"]
    assert_error(await client.get("/api/admin/lobbies", headers=bearer(token)), 401)


async def test_logging_out_ends_that_session_only(client: httpx.AsyncClient) -> None:
    tokens = []
    for _ in range(2):
        response = await client.post("/api/admin/session", json={"password": ADMIN_PASSWORD})
        tokens.append(response.json()["token"])
    out = await client.delete("/api/admin/session", headers=bearer(tokens[0]))
    assert out.status_code == 204
    assert_error(await client.get("/api/admin/lobbies", headers=bearer(tokens[0])), 401)
    still = await client.get("/api/admin/lobbies", headers=bearer(tokens[1]))
    assert still.status_code == 200


async def test_the_host_view_reads_the_token_alike_however_it_is_written(
    client: httpx.AsyncClient, host: dict[str, str], lobby: dict[str, str]
) -> None:
    token = host["Authorization"].removeprefix("Bearer ")
    url = f"/api/admin/lobbies/{lobby['code']}"
    views = [
        await client.get(url, headers={"Authorization": written})
        for written in (f"Bearer {token}", f"bearer {token}", f"Bearer   {token}")
    ]
    assert [view.status_code for view in views] == [200, 200, 200]
    assert views[0].json()["lobby"]["code"] == lobby["code"]
    assert views[1].json() == views[0].json() == views[2].json()
    for written, code in [
        ("", "missing_token"),
        ("Bearer", "missing_token"),
        ("Basic abc", "missing_token"),
        (f"Bearer {token}x", "bad_admin_token"),
        ("Bearer not-a-token", "bad_admin_token"),
    ]:
        assert_error(await client.get(url, headers={"Authorization": written}), 401, code)
    assert_error(
        await client.get("/api/admin/lobbies/QQQQQQ", headers=host), 404, "lobby_not_found"
    )


async def test_a_logged_out_host_token_no_longer_shows_a_lobby(
    client: httpx.AsyncClient, host: dict[str, str], lobby: dict[str, str]
) -> None:
    url = f"/api/admin/lobbies/{lobby['code']}"
    assert (await client.get(url, headers=host)).status_code == 200
    assert (await client.delete("/api/admin/session", headers=host)).status_code == 204
    assert_error(await client.get(url, headers=host), 401, "bad_admin_token")
