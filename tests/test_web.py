"""The server hands out the web app: any non-API page gets it, API paths never do."""

from __future__ import annotations

import httpx


async def test_pages_get_the_web_app_and_api_paths_do_not(client: httpx.AsyncClient) -> None:
    for path in ("/", "/join/ABC234", "/screen/ABC234", "/host"):
        response = await client.get(path)
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")
        assert response.headers["cache-control"] == "no-cache"
        assert "Raddle Teams" in response.text


async def test_missing_assets_are_404s_not_pages(client: httpx.AsyncClient) -> None:
    response = await client.get("/assets/nothing-here.js")
    assert response.status_code == 404


async def test_the_openapi_document_describes_the_api(client: httpx.AsyncClient) -> None:
    schema = (await client.get("/openapi.json")).json()
    assert "/api/lobbies/{code}/players" in schema["paths"]
    assert "/api/admin/session" in schema["paths"]
