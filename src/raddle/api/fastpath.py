"""The hottest reads answered straight from the read model, before the framework runs.

`GET /api/lobbies/{code}` and `GET /api/me` are asked again and again by every
phone; once an answer is in the read model it is sent as stored bytes. A miss goes
through the normal route, which fills the read model.
"""

from __future__ import annotations

from collections.abc import Awaitable

from starlette.types import ASGIApp, Receive, Scope, Send

from raddle.api.middleware import NO_STORE, SECURITY_HEADERS
from raddle.game.names import normalise_code
from raddle.services.kit.readmodel import ReadModel
from raddle.tokens import hash_token

_SUMMARY_PREFIX = "/api/lobbies/"
_JSON = (b"content-type", b"application/json")


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
