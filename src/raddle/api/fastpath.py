"""The hottest requests answered before the framework runs.

`GET /api/lobbies/{code}` and `GET /api/me` are asked again and again by every
phone; once an answer is in the read model it is sent as stored bytes. A miss goes
through the normal route, which fills the read model. Joins run their route function
directly (`FastJoin`).
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import cast

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from raddle.api import players as players_api
from raddle.api.middleware import NO_STORE, SECURITY_HEADERS
from raddle.api.players import JoinBody
from raddle.game.names import normalise_code
from raddle.services.kit.readmodel import ReadModel
from raddle.tokens import hash_token

_SUMMARY_PREFIX = "/api/lobbies/"
_PLAYERS_SUFFIX = "/players"
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

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET":
            body = self._lookup(scope)
            if body is not None:
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
                return
        await self.app(scope, receive, send)

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


class FastJoin:
    """`POST /api/lobbies/{code}/players` without the framework's request handling.

    Joins come in bursts (a room of phones at once) and the framework's routing,
    dependency solving and response handling cost about as much as the join itself.
    This runs the very route function (`api.players.join`: the same limiter, service
    and body model), innermost of the middlewares, so body limits, security and CORS
    headers and access lines are unchanged. It only takes what the route would read
    as valid JSON for its body model; anything else (a body that does not parse or
    validate, another content type) goes to the route with its body replayed, so every
    validation answer is the framework's own. Errors of the join are answered by the
    app's own exception handlers; an unexpected one propagates as from the route.
    """

    def __init__(self, app: ASGIApp, holder: Starlette) -> None:
        self.app = app
        self.holder = holder

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        code = _join_code(scope)
        if code is None:
            await self.app(scope, receive, send)
            return
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
        ctx = self.holder.state.context
        client = scope.get("client")
        address = client[0] if client else "unknown"
        scope["route"], scope["path_params"] = "join", {"code": code}
        try:
            result = await players_api.join(ctx, address, code, parsed)
        except Exception as exc:
            handler = _handler_for(self.holder, exc)
            if handler is None:
                raise
            answer = await handler(Request(scope, receive), exc)
            await answer(scope, receive, send)
            return
        answer = Response(
            result.model_dump_json(by_alias=True),
            status_code=201,
            media_type="application/json",
        )
        await answer(scope, receive, send)


def _join_code(scope: Scope) -> str | None:
    """The lobby code of a JSON join request, or None for any other request."""
    if scope["type"] != "http" or scope["method"] != "POST":
        return None
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
