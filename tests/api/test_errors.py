"""Every failure is JSON {"detail", "code"} with a fitting status; nothing is a 500."""

from __future__ import annotations

import asyncio
import socket

import httpx

from tests.support.api import assert_error
from tests.support.server import ServerProcess


async def test_unknown_api_paths_are_json_404s_not_the_web_page(client: httpx.AsyncClient) -> None:
    for path in ("/api/nothing", "/api/", "/api/admin/nothing/here", "/api"):
        response = await client.get(path)
        assert_error(response, 404)
        assert response.headers["content-type"].startswith("application/json")


async def test_a_wrong_method_is_a_json_405(client: httpx.AsyncClient) -> None:
    assert_error(await client.put("/api/health"), 405, "method_not_allowed")


async def test_malformed_json_is_a_422_with_a_plain_reason(
    client: httpx.AsyncClient, lobby: dict[str, str]
) -> None:
    response = await client.post(
        f"/api/lobbies/{lobby['code']}/players",
        content=b'{"name": ',
        headers={"content-type": "application/json"},
    )
    assert_error(response, 422, "invalid")
    assert "JSON" in response.json()["detail"]


async def test_oversize_bodies_are_refused_with_413(
    client: httpx.AsyncClient, lobby: dict[str, str]
) -> None:
    big = b'{"name": "' + b"a" * 70_000 + b'"}'
    response = await client.post(
        f"/api/lobbies/{lobby['code']}/players",
        content=big,
        headers={"content-type": "application/json"},
    )
    assert_error(response, 413, "body_too_large")


async def test_a_chunked_body_is_capped_while_it_is_read(
    server: ServerProcess, lobby: dict[str, str]
) -> None:
    # No Content-Length: the server must stop reading past the cap and answer 413.
    head = (
        f"POST /api/lobbies/{lobby['code']}/players HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    ).encode()
    answer = await asyncio.to_thread(_send_chunked, server.port, head, 12, 8192)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert b"body_too_large" in answer


def _send_chunked(port: int, head: bytes, chunks: int, size: int) -> bytes:
    received = b""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        try:
            sock.sendall(head)
            for _ in range(chunks):
                sock.sendall(f"{size:x}\r\n".encode() + b"x" * size + b"\r\n")
        except OSError:
            pass  # the server may hang up as soon as it has answered
        try:
            while chunk := sock.recv(65536):
                received += chunk
        except OSError:
            pass
    return received


async def test_odd_ids_and_codes_are_client_errors(
    client: httpx.AsyncClient, host: dict[str, str]
) -> None:
    for path in ("/api/admin/players/abc/team", "/api/admin/players/99999999999999999999999/team"):
        response = await client.put(path, json={"team_id": None}, headers=host)
        assert 400 <= response.status_code < 500, response.text
    response = await client.get("/api/lobbies/%00%00%00%00%00%00")
    assert_error(response, 404)
    response = await client.get("/api/lobbies/" + "Ä" * 300)
    assert_error(response, 404)


async def test_responses_carry_a_request_id_and_security_headers(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/health")
    assert len(response.headers["x-request-id"]) == 12
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
