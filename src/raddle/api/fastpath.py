"""The hottest requests answered before the framework runs.

`GET /api/lobbies/{code}` and `GET /api/me` are asked again and again by every
phone; once an answer is in the read model it is sent as stored bytes. A miss goes
through the normal route, which fills the read model. The join and the host view run
their route functions directly (`DirectRoutes`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from typing import cast

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from raddle.api import admin as admin_api
from raddle.api import players as players_api
from raddle.api.deps import require_admin
from raddle.api.middleware import NO_STORE, SECURITY_HEADERS
from raddle.api.players import JoinBody
from raddle.game.names import normalise_code
from raddle.services.kit.readmodel import ReadModel
from raddle.tokens import hash_token

_SUMMARY_PREFIX = "/api/lobbies/"
_PLAYERS_SUFFIX = "/players"
_HOST_VIEW_PREFIX = "/api/admin/lobbies/"
# Printable ASCII without spaces: a token every reading of the header agrees on.
_PLAIN_TOKEN = re.compile(rb"[!-~]+")
_JSON = (b"content-type", b"application/json")

ExceptionHandler = Callable[[Request, Exception], Awaitable[Response]]


class FastReads:
    def __init__(self, app: ASGIApp, holder: object) -> None:
        self.app = app
        # The read model is made at start-up; the app's state holds it by then.
        self.holder = holder

    def _reads(self) -> ReadModel | None:
        context = getattr(getattr(self.holder, "state", None), "context", None)
        return getattr(context, "reads", None)

    def __call__(self, scope: Scope, receive: Receive, send: Send) -> Awaitable[None]:
        # A plain function, not a coroutine: what it does not handle (sockets, lifespan)
        # gets the inner app's awaitable, so this layer keeps no frame for a socket's life.
        if scope["type"] == "http" and scope["method"] == "GET":
            body = self._lookup(scope)
            if body is not None:
                return self._answer(body, send)
        return self.app(scope, receive, send)

    async def _answer(self, body: bytes, send: Send) -> None:
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [
                    _JSON,
                    (b"content-length", str(len(body)).encode()),
                    *SECURITY_HEADERS,
                    NO_STORE,
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    def _lookup(self, scope: Scope) -> bytes | None:
        reads = self._reads()
        if reads is None:
            return None
        path: str = scope["path"]
        if path.startswith(_SUMMARY_PREFIX) and path.count("/") == 3:
            raw = path[len(_SUMMARY_PREFIX) :]
            code = normalise_code(raw)
            body = reads.summary(code) if code else None
            if body is not None:
                scope["route"], scope["path_params"] = "summary", {"code": raw}
            return body
        if path == "/api/me":
            for name, value in scope["headers"]:
                if name == b"authorization":
                    scheme, _, token = value.decode("latin-1").partition(" ")
                    if scheme.lower() == "bearer" and token:
                        body = reads.identity(hash_token(token.strip()))
                        if body is not None:
                            scope["route"] = "me"
                        return body
        return None


class DirectRoutes:
    """Two busy routes run without the framework's request handling: the join
    (`POST /api/lobbies/{code}/players`) and the host view (`GET /api/admin/lobbies/{code}`).

    Joins come in bursts (a room of phones at once) and the host's screen reads its
    lobby over and over; the framework's routing, dependency solving and response
    handling cost about as much as the work itself. This calls the very route
    functions (`api.players.join`, `api.deps.require_admin` and
    `api.admin.lobby_snapshot`: the same limiter, host check, services and body
    model), innermost of the middlewares, so body limits, security and CORS headers
    and access lines are unchanged, and the routes stay in the schema. It takes only
    requests whose every part the framework would read the same way: a body that is
    JSON valid for the body model under a JSON content type, a plain `Bearer <token>`.
    Anything else goes to the route (a join with its body replayed), so every
    validation answer is the framework's own. Errors of the use cases are answered by
    the app's own exception handlers; an unexpected one propagates as from a route.
    """

    def __init__(self, app: ASGIApp, holder: Starlette) -> None:
        self.app = app
        self.holder = holder

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            if scope["method"] == "POST":
                code = _join_code(scope)
                if code is not None:
                    await self._join(scope, receive, send, code)
                    return
            elif scope["method"] == "GET":
                found = _host_view(scope)
                if found is not None:
                    await self._host_view(scope, receive, send, *found)
                    return
        await self.app(scope, receive, send)

    async def _join(self, scope: Scope, receive: Receive, send: Send, code: str) -> None:
        body = b""
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away (or the body limit answered already)
            body += message.get("body", b"")
            if not message.get("more_body", False):
                break
        parsed = _join_body(body)
        if parsed is None:
            await self.app(scope, _replay(body, receive), send)
            return
        client = scope.get("client")
        address = client[0] if client else "unknown"
        scope["route"], scope["path_params"] = "join", {"code": code}
        try:
            result = await players_api.join(self.holder.state.context, address, code, parsed)
        except Exception as exc:
            await self._failed(scope, receive, send, exc)
            return
        answer = Response(
            result.model_dump_json(by_alias=True), status_code=201, media_type="application/json"
        )
        await answer(scope, receive, send)

    async def _host_view(
        self, scope: Scope, receive: Receive, send: Send, code: str, token: str
    ) -> None:
        ctx = self.holder.state.context
        scope["route"], scope["path_params"] = "host_view", {"code": code}
        try:
            await require_admin(ctx, token)
            answer = await admin_api.lobby_snapshot(ctx, token, code)
        except Exception as exc:
            await self._failed(scope, receive, send, exc)
            return
        await answer(scope, receive, send)

    async def _failed(self, scope: Scope, receive: Receive, send: Send, exc: Exception) -> None:
        handler = _handler_for(self.holder, exc)
        if handler is None:
            raise exc
        answer = await handler(Request(scope, receive), exc)
        await answer(scope, receive, send)


def _host_view(scope: Scope) -> tuple[str, str] | None:
    """The lobby code and host token of a host view request, or None for any other."""
    path: str = scope["path"]
    if not path.startswith(_HOST_VIEW_PREFIX):
        return None
    parts = path.split("/")
    if len(parts) != 5 or not parts[4]:
        return None
    for name, value in scope["headers"]:
        if name == b"authorization":
            # The first one, as the framework reads it; only a plain "Bearer <token>".
            scheme, _, token = value.partition(b" ")
            if scheme.lower() == b"bearer" and _PLAIN_TOKEN.fullmatch(token):
                return parts[4], token.decode("ascii")
            return None
    return None


def _join_code(scope: Scope) -> str | None:
    """The lobby code of a JSON join request, or None for any other request."""
    path: str = scope["path"]
    if not (path.startswith(_SUMMARY_PREFIX) and path.endswith(_PLAYERS_SUFFIX)):
        return None
    parts = path.split("/")
    if len(parts) != 5 or not parts[3]:
        return None
    for name, value in scope["headers"]:
        if name == b"content-type":
            # The first one, as the framework reads it.
            if value.partition(b";")[0].strip().lower() == b"application/json":
                return parts[3]
            return None
    return None


def _join_body(body: bytes) -> JoinBody | None:
    """The body as the route would read it (JSON, then the body model), or None."""
    try:
        return JoinBody.model_validate(json.loads(body))
    except Exception:  # whatever fails here, the route answers in its own way
        return None


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed


def _handler_for(app: Starlette, exc: Exception) -> ExceptionHandler | None:
    """The app's handler for this error, found as the framework finds it (by class,
    nearest first); the catch-all for unexpected errors is left to the framework."""
    for cls in type(exc).__mro__:
        if cls is Exception:
            return None
        handler = app.exception_handlers.get(cls)
        if handler is not None:
            return cast(ExceptionHandler, handler)
    return None
