"""Small HTTP helpers that read like the steps of a game."""

from __future__ import annotations

from typing import Any

import httpx


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def join(client: httpx.AsyncClient, code: str, name: str) -> dict[str, Any]:
    """Join a lobby and return {"player", "token"}; fails the test on refusal."""
    response = await client.post(f"/api/lobbies/{code}/players", json={"name": name})
    assert response.status_code == 201, response.text
    return dict(response.json())


async def snapshot(client: httpx.AsyncClient, host: dict[str, str], code: str) -> dict[str, Any]:
    response = await client.get(f"/api/admin/lobbies/{code}", headers=host)
    assert response.status_code == 200, response.text
    return dict(response.json())


def assert_error(response: httpx.Response, status: int, code: str | None = None) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"detail", "code"}, body
    assert isinstance(body["detail"], str) and body["detail"]
    if code is not None:
        assert body["code"] == code, body
