"""Health answers ok with the version while the database answers."""

from __future__ import annotations

import httpx

from raddle import __version__


async def test_health_is_ok_with_the_version(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "version": __version__}
