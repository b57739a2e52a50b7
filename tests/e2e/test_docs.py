"""In the browser: the API docs run under the same Content-Security-Policy as the game."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, Browsers


def test_the_api_docs_render_with_nothing_from_elsewhere(browsers: Browsers) -> None:
    docs = browsers.open("docs", DESKTOP)
    requested: list[str] = []
    docs.page.on("request", lambda request: requested.append(request.url))
    docs.page.goto("/docs")
    expect(docs.page.get_by_role("heading", name="Raddle Teams")).to_be_visible()
    expect(docs.page.get_by_text("/api/lobbies/{code}/players").first).to_be_visible()
    assert all(url.startswith(browsers.base_url) for url in requested), requested
    docs.shot("api-docs", "desktop")
    assert browsers.problems() == []
