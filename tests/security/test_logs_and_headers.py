"""The console log cannot be forged through a path; every answer has the protective
headers, and answers carrying secrets are never cached; /docs is served from here."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.security.conftest import host_and_lobby, join_from, visitor
from tests.support.databases import sqlite_database
from tests.support.server import ADMIN_PASSWORD, ServerProcess, serving


@pytest.fixture(scope="module")
def console_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    with serving(tmp_path_factory.mktemp("console"), {"RADDLE_LOG_FORMAT": "console"}) as server:
        yield server


def wait_for_log(server: ServerProcess, needle: str) -> str:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        text = server.log_text()
        if needle in text:
            return text
        time.sleep(0.1)
    raise AssertionError(f"{needle!r} never reached the log")


def test_a_path_cannot_write_a_line_of_its_own_into_the_log(console_server: ServerProcess) -> None:
    forged = "00:00:00 INFO    raddle.access: DELETE /api/admin/lobbies/ABCDEF 204"
    httpx.get(console_server.url + "/nothing%0A" + forged.replace(" ", "%20") + "%0D%0Aend")
    text = wait_for_log(console_server, "/nothing")
    assert not any(line.startswith(forged) for line in text.splitlines())
    assert "/nothing\\n00:00:00" in text


def test_a_very_long_path_is_logged_cut_short(console_server: ServerProcess) -> None:
    path = "/long-" + "x" * 10_000
    httpx.get(console_server.url + path)
    text = wait_for_log(console_server, "/long-x")
    line = next(line for line in text.splitlines() if "/long-x" in line)
    assert len(line) < 1000
    assert "more]" in line


@pytest.mark.parametrize("path", ["/docsx/host", "/docs", "/host", "/api/health", "/screen/X"])
async def test_every_path_gets_the_protective_headers(strict: httpx.AsyncClient, path: str) -> None:
    response = await strict.get(path)
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"


async def test_docs_load_nothing_from_other_sites(strict: httpx.AsyncClient) -> None:
    page = await strict.get("/docs")
    assert page.status_code == 200
    assert "http" not in page.text.lower()  # every script and style from this server
    assert "<script>" not in page.text  # nothing inline for the CSP to refuse
    for asset in (
        "/docs/assets/swagger-ui-bundle.js",
        "/docs/assets/swagger-ui.css",
        "/docs/start.js",
    ):
        loaded = await strict.get(asset)
        assert loaded.status_code == 200 and loaded.content
        assert "script-src 'self'" in loaded.headers["content-security-policy"]
    assert (await strict.get("/docs/assets/index.html")).status_code == 404


async def test_answers_with_tokens_or_answers_are_not_cached(strict: httpx.AsyncClient) -> None:
    login = await strict.post(
        "/api/admin/session", json={"password": ADMIN_PASSWORD}, headers=visitor()
    )
    assert login.headers["cache-control"] == "no-store"
    host, code = await host_and_lobby(strict)
    joined = await join_from(strict, code, "Ana", visitor())
    assert joined.headers["cache-control"] == "no-store"
    snapshot = await strict.get(f"/api/admin/lobbies/{code}", headers=host)
    assert snapshot.headers["cache-control"] == "no-store"
    # Also when the answer comes from the read model.
    for _ in range(2):
        summary = await strict.get(f"/api/lobbies/{code}", headers=visitor())
        assert summary.headers["cache-control"] == "no-store"


def test_production_serves_no_docs_unless_asked(tmp_path: Path) -> None:
    env = {"RADDLE_ENV": "production", "RADDLE_TESTING": "false"}
    with sqlite_database(tmp_path) as url:
        server = ServerProcess(url, tmp_path / "prod.log", extra_env=env).start()
        try:
            schema = httpx.get(server.url + "/openapi.json")
            assert '"openapi"' not in schema.text  # the web app's page, not the schema
            assert "swagger" not in httpx.get(server.url + "/docs").text.lower()
        finally:
            server.stop()
