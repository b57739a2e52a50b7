"""Errors a use case can end with; the API turns each into a JSON answer."""

from __future__ import annotations


class GameError(Exception):
    """A refusal with a human sentence and a machine word."""

    status = 400
    code = "bad_request"

    def __init__(self, detail: str, code: str | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        if code is not None:
            self.code = code


class BadRequest(GameError):
    status = 400
    code = "bad_request"


class Unauthorized(GameError):
    status = 401
    code = "unauthorized"


class Forbidden(GameError):
    status = 403
    code = "forbidden"


class NotFound(GameError):
    status = 404
    code = "not_found"


class Conflict(GameError):
    status = 409
    code = "conflict"


class Invalid(GameError):
    status = 422
    code = "invalid"


class TooMany(GameError):
    status = 429
    code = "rate_limited"

    def __init__(self, detail: str, retry_after: float, code: str | None = None) -> None:
        super().__init__(detail, code)
        self.retry_after = retry_after


class Unavailable(GameError):
    status = 503
    code = "unavailable"
