"""The socket protocol's frames: parsing what clients send, encoding what we send."""

from __future__ import annotations

from typing import Any

import orjson

MAX_FRAME_BYTES = 4096
AUTH_SECONDS = 5.0

CLOSE_TRY_AGAIN = 1013
CLOSE_RESTART = 1012
CLOSE_FLOOD = 4008
CLOSE_SLOW = 4009
CLOSE_ORIGIN = 4403
CLOSE_TOO_MANY = 4029

CLIENT_TYPES = frozenset({"auth", "ping", "resync", "guess", "hint", "ready"})


class FrameError(Exception):
    """A frame the server cannot act on; answered with an `error` frame."""

    def __init__(self, code: str, detail: str, ref: str | None = None) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail
        self.ref = ref


def encode(message: dict[str, Any]) -> str:
    return orjson.dumps(message).decode()


def error_frame(code: str, detail: str, ref: str | None = None) -> str:
    frame: dict[str, Any] = {"type": "error", "code": code, "detail": detail}
    if ref is not None:
        frame["ref"] = ref
    return encode(frame)


def parse(text: str | None, data: bytes | None) -> dict[str, Any]:
    """Decode one client frame into a message with a known `type` (and a string `ref`)."""
    if text is None:
        raise FrameError("bad_frame", "Send JSON text frames, not binary ones.")
    if len(text) > MAX_FRAME_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_FRAME_BYTES:
        raise FrameError("too_large", f"Frames are limited to {MAX_FRAME_BYTES} bytes.")
    try:
        message = orjson.loads(text)
    except orjson.JSONDecodeError:
        raise FrameError("bad_json", "That frame is not valid JSON.") from None
    if not isinstance(message, dict):
        raise FrameError("bad_frame", "A frame must be a JSON object with a 'type'.")
    ref = message.get("ref")
    if ref is not None:
        if isinstance(ref, bool) or not isinstance(ref, str | int) or len(str(ref)) > 64:
            raise FrameError("bad_frame", "'ref' must be a short string or number.")
        ref = str(ref)
        message["ref"] = ref
    kind = message.get("type")
    if not isinstance(kind, str) or kind not in CLIENT_TYPES:
        raise FrameError("unknown_type", f"Unknown message type {str(kind)[:32]!r}.", ref)
    return message


def field_int(message: dict[str, Any], name: str, *, low: int, high: int) -> int:
    value = message.get(name)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise FrameError(
            "bad_frame",
            f"'{name}' must be a whole number from {low} to {high}.",
            message.get("ref"),
        )
    return value


def field_str(message: dict[str, Any], name: str, *, max_length: int) -> str:
    value = message.get(name)
    if not isinstance(value, str) or len(value) > max_length:
        raise FrameError(
            "bad_frame",
            f"'{name}' must be text of at most {max_length} characters.",
            message.get("ref"),
        )
    return value
