"""Every failure becomes JSON {"detail", "code"} with a fitting status."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException as StarletteHTTPException

from raddle.api.responses import JSONBody
from raddle.errors import GameError, TooMany

log = logging.getLogger("raddle.errors")

_STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "body_too_large",
    415: "unsupported_media_type",
    422: "invalid",
    429: "rate_limited",
    503: "unavailable",
}


def error_response(
    status: int, detail: str, code: str, headers: dict[str, str] | None = None
) -> JSONBody:
    return JSONBody({"detail": detail, "code": code}, status_code=status, headers=headers)


def _describe(errors: list[dict[str, object]]) -> str:
    parts = []
    for error in errors[:5]:
        if error.get("type") == "json_invalid":
            return "The request body is not valid JSON."
        location = ".".join(str(p) for p in error.get("loc", ()) if p != "body")  # type: ignore[attr-defined]
        message = str(error.get("msg", "is not valid"))
        parts.append(f"{location}: {message}" if location else message)
    return "; ".join(parts) or "The request is not valid."


def storage_problem(exc: BaseException) -> tuple[str, str]:
    """Say in plain words why the database refused, without echoing its message."""
    text = str(exc).lower()
    if "disk is full" in text or "no space" in text or "database or disk is full" in text:
        return "The server's disk is full: nothing new can be saved until the host frees space.", (
            "storage_full"
        )
    if "readonly" in text or "read-only" in text:
        return "The server's database is read-only: nothing new can be saved.", "storage_read_only"
    return "The game's storage is not answering; try again shortly.", "unavailable"


def install(app: FastAPI) -> None:
    @app.exception_handler(GameError)
    async def game_error(_: Request, exc: GameError) -> JSONBody:
        headers = None
        if isinstance(exc, TooMany):
            headers = {"Retry-After": str(max(1, round(exc.retry_after)))}
        return error_response(exc.status, exc.detail, exc.code, headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONBody:
        return error_response(422, _describe(list(exc.errors())), "invalid")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONBody:
        if exc.status_code == 400 and exc.detail == "There was an error parsing the body":
            # A body that is not UTF-8 text: the same answer as any other malformed JSON.
            return error_response(422, "The request body is not valid JSON.", "invalid")
        code = _STATUS_CODES.get(exc.status_code, "error")
        detail = exc.detail if isinstance(exc.detail, str) else "The request failed."
        if exc.status_code == 404 and detail == "Not Found":
            detail = "There is nothing at this address."
        return error_response(exc.status_code, detail, code, getattr(exc, "headers", None))

    # Registered by class, not under the catch-all below: the catch-all's answer is
    # followed by the server dropping the connection, which a storage hiccup must not do.
    @app.exception_handler(DBAPIError)
    @app.exception_handler(OSError)
    async def storage(_: Request, exc: Exception) -> JSONBody:
        detail, code = storage_problem(exc)
        log.warning("storage problem: %s (%s)", code, type(exc).__name__)
        return error_response(503, detail, code, {"Retry-After": "2"})

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONBody:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(500, "Something went wrong on the server.", "internal_error")
