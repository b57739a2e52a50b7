"""ASGI middleware: request ids and access lines, body size limits, allowed hosts,
security headers."""

from __future__ import annotations

import secrets
import time
from collections.abc import Awaitable, Mapping

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from raddle.logs import ACCESS
from raddle.metrics import Metrics
from raddle.net import AllowedHosts


class HttpOnly:
    """A middleware for HTTP requests alone. `__call__` is a plain function, not a
    coroutine: what it does not handle (sockets, lifespan) gets the inner app's
    awaitable, so the layer keeps no frame for a socket's life."""

    app: ASGIApp

    def __call__(self, scope: Scope, receive: Receive, send: Send) -> Awaitable[None]:
        if scope["type"] != "http":
            return self.app(scope, receive, send)
        return self._http(scope, receive, send)

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        raise NotImplementedError


class AccessLog(HttpOnly):
    """One line per request: method, path, status, duration and a request id; and, when
    metrics are on, the request counted under its route template (never the raw path)."""

    def __init__(self, app: ASGIApp, metrics: Metrics | None = None) -> None:
        self.app = app
        self.metrics = metrics

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        request_id = secrets.token_hex(6)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id.encode()))
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            if self.metrics is not None:
                labels = {"method": scope["method"], "route": route_template(scope)}
                self.metrics.requests.inc(status=f"{status // 100}xx", **labels)
                self.metrics.latency.observe(elapsed, **labels)
            # The path only: query strings are the client's and could carry anything.
            ACCESS.write(
                scope["method"], scope["path"], status, round(elapsed * 1000, 2), request_id
            )


def route_template(scope: Scope) -> str:
    """The path with its parameters put back as names: /api/lobbies/{code}/players.

    Metrics are labelled with this, never with the raw path, so that codes and ids
    neither leak nor multiply the series.
    """
    path: str = scope["path"]
    params = scope.get("path_params") or {}
    if not scope.get("route"):
        return "unmatched"
    segments = path.split("/")
    names = {str(value): name for name, value in params.items()}
    if "path" in params:  # the web app's catch-all
        return "/{path}"
    return "/".join("{" + names[seg] + "}" if seg in names else seg for seg in segments)


class BodyLimit(HttpOnly):
    """Refuse request bodies larger than the cap with 413, before they are read whole."""

    def __init__(
        self, app: ASGIApp, max_bytes: int, wider: Mapping[str, int] | None = None
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        #: Path prefixes allowed larger bodies, and their cap.
        self.wider = dict(wider or {})

    def _cap(self, path: str) -> int:
        for prefix, cap in self.wider.items():
            if path == prefix or path.startswith(prefix + "/"):
                return cap
        return self.max_bytes

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        cap = self._cap(scope["path"])
        for name, value in scope["headers"]:
            if name == b"content-length":
                try:
                    too_big = int(value) > cap
                except ValueError:
                    too_big = False
                if too_big:
                    await self._refuse(send, cap)
                    return
        received = 0
        refused = False

        async def counting_receive() -> Message:
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > cap:
                    # Answer now and tell the app the client went away.
                    refused = True
                    await self._refuse(send, cap)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            if not refused:
                await send(message)

        await self.app(scope, counting_receive, guarded_send)

    async def _refuse(self, send: Send, cap: int) -> None:
        body = orjson.dumps(
            {
                "detail": f"The request body is larger than {cap} bytes.",
                "code": "body_too_large",
            }
        )
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        b"img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'",
    ),
]


# Answers of the API carry tokens, answers and lobby state: no cache along the way
# (a shared proxy, the browser's back button) may keep a copy.
NO_STORE = (b"cache-control", b"no-store")


class SecurityHeaders(HttpOnly):
    """The same protective headers on every page and answer, whatever the path."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        api = scope["path"].startswith("/api/") or scope["path"] == "/openapi.json"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [*message.get("headers", []), *SECURITY_HEADERS]
                if api:
                    headers = [h for h in headers if h[0].lower() != b"cache-control"]
                    headers.append(NO_STORE)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HostGuard:
    """Answer only to the host names this server goes by (RADDLE_ALLOWED_HOSTS), on
    HTTP and on socket handshakes alike; others get 400, or a refused handshake.

    The health check is answered under any name: load balancers and supervisors probe
    it by address, and it tells nothing."""

    def __init__(self, app: ASGIApp, allowed: AllowedHosts) -> None:
        self.app = app
        self.allowed = allowed

    def __call__(self, scope: Scope, receive: Receive, send: Send) -> Awaitable[None]:
        # A plain function, not a coroutine: what it does not handle (sockets, lifespan)
        # gets the inner app's awaitable, so this layer keeps no frame for a socket's life.
        if scope["type"] not in ("http", "websocket") or scope["path"] == "/api/health":
            return self.app(scope, receive, send)
        host = None
        for name, value in scope["headers"]:
            if name == b"host":
                host = value.decode("latin-1")
                break
        if self.allowed.allows(host):
            return self.app(scope, receive, send)
        return self._refuse(scope, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        if scope["type"] == "websocket":
            # Closing before accepting refuses the handshake (HTTP 403).
            await send({"type": "websocket.close", "code": 1008, "reason": "Unknown host."})
            return
        body = orjson.dumps(
            {"detail": "This server does not answer to that host name.", "code": "bad_host"}
        )
        await send(
            {
                "type": "http.response.start",
                "status": 400,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    *SECURITY_HEADERS,
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
