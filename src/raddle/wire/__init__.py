"""The wire contract: every shape that crosses HTTP or the socket, as pydantic models.

`socket_json_schema()` is the socket's half as one JSON Schema document, for
generating the web app's types."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from raddle.wire.base import ErrorBody, Health, Ref, Timestamp, Wire, iso_utc
from raddle.wire.close import CloseCode
from raddle.wire.events import EVENT_BODIES, EventBody, EventType, ServerEvent
from raddle.wire.guess import GuessBody, GuessResult, GuessView
from raddle.wire.hint import HintBody, HintResult, HintView
from raddle.wire.lobby import (
    AdminToken,
    Lobby,
    LobbyState,
    LobbySummary,
    LobbySwitches,
    NewGame,
)
from raddle.wire.messages import ClientMessage, MessageType, client_message
from raddle.wire.player import JoinResult, Me, Player
from raddle.wire.round import RoundSummary, RoundView
from raddle.wire.snapshot import LobbySnapshot
from raddle.wire.team import LeaderboardRow, Team

__all__ = [
    "EVENT_BODIES",
    "AdminToken",
    "ClientMessage",
    "CloseCode",
    "ErrorBody",
    "EventBody",
    "EventType",
    "GuessBody",
    "GuessResult",
    "GuessView",
    "Health",
    "HintBody",
    "HintResult",
    "HintView",
    "JoinResult",
    "LeaderboardRow",
    "Lobby",
    "LobbySnapshot",
    "LobbyState",
    "LobbySummary",
    "LobbySwitches",
    "Me",
    "MessageType",
    "NewGame",
    "Player",
    "Ref",
    "RoundSummary",
    "RoundView",
    "ServerEvent",
    "Team",
    "Timestamp",
    "Wire",
    "client_message",
    "iso_utc",
    "socket_json_schema",
]


# JSON Schema documents are plain JSON objects: dict[str, Any] below.


def _enum_schema(name: str, description: str, values: list[Any]) -> dict[str, Any]:
    kind = "integer" if all(isinstance(v, int) for v in values) else "string"
    return {"title": name, "description": description, "type": kind, "enum": values}


def _flat(union: dict[str, Any]) -> list[dict[str, Any]]:
    refs: list[dict[str, Any]] = []
    for choice in union.get("oneOf", union.get("anyOf", [union])):
        refs.extend(_flat(choice) if "$ref" not in choice else [choice])
    return refs


def socket_json_schema() -> dict[str, Any]:
    """The socket protocol as one JSON Schema document. Its `$defs` hold every model
    by name, `ServerEvent` (what the server sends, a union on `type`),
    `ClientMessage` (what a client sends, a union on `type`), `EventType`,
    `MessageType` and `CloseCode`."""
    # What the server sends as it is written (every field there, but those left out
    # when empty); what a client sends as it is read (fields with a default optional).
    server = TypeAdapter(ServerEvent).json_schema(mode="serialization")
    client = TypeAdapter(ClientMessage).json_schema(mode="validation")
    defs: dict[str, Any] = server.pop("$defs")
    for name, model in client.pop("$defs").items():
        if defs.setdefault(name, model) != model:
            raise RuntimeError(f"{name} differs as sent and as read; give it two names")
    # One flat list of models: a `type` shared by a few (`guess_result`, told apart by
    # `result`; `rung_solved`, by audience) has no single model to map to.
    defs["ServerEvent"] = {
        "title": "ServerEvent",
        "description": "Every frame the server sends over the socket.",
        "oneOf": _flat(server),
        "discriminator": {"propertyName": "type"},
    }
    defs["ClientMessage"] = {
        "title": "ClientMessage",
        "description": "Every message a client may send over the socket.",
        **client,
    }
    defs["EventType"] = _enum_schema(
        "EventType", "Every `type` the server sends.", [e.value for e in EventType]
    )
    defs["MessageType"] = _enum_schema(
        "MessageType", "Every `type` a client may send.", [m.value for m in MessageType]
    )
    defs["CloseCode"] = _enum_schema(
        "CloseCode",
        "Why the server closed a socket: "
        + ", ".join(f"{c.value} {c.name}" for c in CloseCode)
        + ".",
        [c.value for c in CloseCode],
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Raddle socket protocol",
        "$defs": dict(sorted(defs.items())),
        "anyOf": [{"$ref": "#/$defs/ServerEvent"}, {"$ref": "#/$defs/ClientMessage"}],
    }
