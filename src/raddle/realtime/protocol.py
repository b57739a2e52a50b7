"""The socket protocol's frames: reading what clients send, encoding what we send."""

from __future__ import annotations

from typing import Any

import orjson
from pydantic import ValidationError

from raddle.wire.base import MAX_REF_LENGTH, Wire
from raddle.wire.events import ErrorFrame, EventType
from raddle.wire.messages import ClientMessage, MessageType, client_message

MAX_FRAME_BYTES = 4096
AUTH_SECONDS = 5.0

# The name raddle.realtime.connection closes a slow reader with.

MESSAGE_TYPES = frozenset(MessageType)


class FrameError(Exception):
    """A frame the server cannot act on; answered with an `error` frame."""

    def __init__(self, code: str, detail: str, ref: str | None = None) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail
        self.ref = ref


def encode(message: dict[str, Any]) -> str:
    """A frame already in JSON's shape: a lobby event's stored view with its type and
    seq (see raddle.realtime.connection), encoded once per socket."""
    return orjson.dumps(message).decode()


def encode_frame(frame: Wire) -> str:
    return frame.model_dump_json()


def reply_frame(kind: EventType, ref: str | None, reply: Wire) -> str:
    """A reply to a client's message (a `*ResultFrame` of raddle.wire.events): its type
    and the message's ref first, then the reply's fields. Clients and the benchmarks'
    readers route a frame by its head, like every event frame (`type`, then `seq`)."""
    body = reply.model_dump_json()
    head = orjson.dumps({"type": kind, "ref": ref})[:-1].decode()
    return head + ("}" if body == "{}" else "," + body[1:])


def error_frame(code: str, detail: str, ref: str | None = None) -> str:
    return encode_frame(ErrorFrame(code=code, detail=detail, ref=ref))


def parse(text: str | None, data: bytes | None) -> ClientMessage:
    """Read one client frame into the message it is, or refuse it with a FrameError.

    The envelope is read first: its size, JSON, its `ref` (a short string or number,
    echoed in any refusal) and a known `type`; then the message is validated whole,
    strictly (no "1" for 1, no true for 1), against its model."""
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
        if (
            isinstance(ref, bool)
            or not isinstance(ref, str | int)
            or len(str(ref)) > MAX_REF_LENGTH
        ):
            raise FrameError("bad_frame", "'ref' must be a short string or number.")
        ref = str(ref)
        message["ref"] = ref
    kind = message.get("type")
    if not isinstance(kind, str) or kind not in MESSAGE_TYPES:
        raise FrameError("unknown_type", f"Unknown message type {str(kind)[:32]!r}.", ref)
    try:
        return client_message.validate_python(message, strict=True)
    except ValidationError as exc:
        raise _refusal(exc, ref) from None


def _refusal(exc: ValidationError, ref: str | None) -> FrameError:
    """The first thing wrong with a message, under the code clients know it by."""
    error = exc.errors(include_url=False)[0]
    # The location is the message's type, then the field.
    field = str(error["loc"][1]) if len(error["loc"]) > 1 else "type"
    if field == "ref":
        # A ref the database could not keep (a NUL, a lone surrogate, empty).
        return FrameError("bad_ref", f"A ref is 1 to {MAX_REF_LENGTH} printable characters.", ref)
    if field == "direction" and isinstance(error["input"], str):
        return FrameError("bad_hint", "A hint's direction is down or up.", ref)
    return FrameError("bad_frame", f"'{field}': {error['msg']}.", ref)
