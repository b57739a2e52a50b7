"""What a client sends over the socket, each message with a literal `type`.

A guess and a hint are the same models as the HTTP bodies, with a `type`."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, TypeAdapter

from raddle.wire.base import Ref, Wire
from raddle.wire.guess import GuessBody
from raddle.wire.hint import HintBody


class MessageType(StrEnum):
    AUTH = "auth"
    PING = "ping"
    RESYNC = "resync"
    GUESS = "guess"
    HINT = "hint"
    READY = "ready"


class AuthMessage(Wire):
    """The first frame: a player's or host's `token`, or a big screen's lobby code
    (`screen`). A host names the `lobby` to watch (none: the lobby list); `last_seq`
    asks for the events missed since, instead of a snapshot."""

    type: Literal[MessageType.AUTH]
    token: str | None = Field(default=None, max_length=256)
    screen: str | None = None
    lobby: str | None = None
    last_seq: int | None = None
    ref: Ref = None


class PingMessage(Wire):
    type: Literal[MessageType.PING]
    ref: Ref = None


class ResyncMessage(Wire):
    """Ask for a fresh snapshot (or, on the host's lobby list, the list)."""

    type: Literal[MessageType.RESYNC]
    ref: Ref = None


class GuessMessage(GuessBody):
    type: Literal[MessageType.GUESS]


class HintMessage(HintBody):
    type: Literal[MessageType.HINT]


class ReadyMessage(Wire):
    type: Literal[MessageType.READY]
    ready: bool
    ref: Ref = None


ClientMessage = Annotated[
    AuthMessage | PingMessage | ResyncMessage | GuessMessage | HintMessage | ReadyMessage,
    Field(discriminator="type"),
]

client_message: TypeAdapter[ClientMessage] = TypeAdapter(ClientMessage)
