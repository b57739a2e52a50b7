"""The contract is written down: every route documents what it answers, and the socket's
schema names every event, message and close code by a model."""

from __future__ import annotations

from typing import Any

from raddle.app import create_app
from raddle.wire import CloseCode, EventType, MessageType, socket_json_schema


def test_every_route_documents_the_shape_of_its_answer() -> None:
    schema = create_app().openapi()
    missing = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            answers = {c: r for c, r in operation["responses"].items() if c.startswith("2")}
            assert answers, (method, path)
            for status, answer in answers.items():
                if status == "204":
                    assert "content" not in answer, (method, path)
                    continue
                shapes = [media.get("schema") for media in answer.get("content", {}).values()]
                if not shapes or not all(shapes):
                    missing.append(f"{method.upper()} {path} {status}")
    assert not missing, missing


def test_every_json_answer_is_a_named_model() -> None:
    """A generator names its types after the models: no answer is a bare object."""
    schema = create_app().openapi()
    bare = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for status, answer in operation["responses"].items():
                shape = answer.get("content", {}).get("application/json", {}).get("schema")
                if status.startswith("2") and shape is not None and not _named(shape):
                    bare.append(f"{method.upper()} {path} {status}")
    # A puzzle file downloaded as JSON is the file, not a model.
    assert bare == ["GET /api/admin/puzzles/{slug}/export 200"], bare


def _named(shape: dict[str, Any]) -> bool:
    if "$ref" in shape:
        return True
    if "items" in shape:
        return _named(shape["items"])
    return bool(shape.get("oneOf")) and all(_named(choice) for choice in shape["oneOf"])


def _type_values(defs: dict[str, Any], union: str) -> dict[str, list[str]]:
    """What `type` each model of a union holds, by value."""
    found: dict[str, list[str]] = {}
    for choice in defs[union]["oneOf"]:
        name = choice["$ref"].rsplit("/", 1)[1]
        model = defs[name]
        assert "type" in model["required"], name
        found.setdefault(model["properties"]["type"]["const"], []).append(name)
    return found


def test_the_socket_schema_has_a_model_for_every_event_type() -> None:
    defs = socket_json_schema()["$defs"]
    events = _type_values(defs, "ServerEvent")
    assert set(events) == {e.value for e in EventType}
    assert defs["EventType"]["enum"] == [e.value for e in EventType]
    # A few types come in more than one shape, told apart by their keys.
    shared = {kind: models for kind, models in events.items() if len(models) > 1}
    assert set(shared) == {"guess_result", "rung_solved"}


def test_the_socket_schema_has_a_model_for_every_client_message() -> None:
    defs = socket_json_schema()["$defs"]
    messages = _type_values(defs, "ClientMessage")
    assert {kind: len(models) for kind, models in messages.items()} == {
        m.value: 1 for m in MessageType
    }
    # A guess and a hint are the same models as the HTTP bodies.
    assert set(defs["GuessMessage"]["required"]) == {"type", "rung", "word"}
    assert set(defs["HintMessage"]["required"]) == {"type", "direction", "level"}


def test_the_socket_schema_names_its_parts() -> None:
    document = socket_json_schema()
    defs = document["$defs"]
    for name in ("ServerEvent", "ClientMessage", "EventType", "CloseCode", "MessageType"):
        assert defs[name]["title"] == name
    assert all("title" in model for model in defs.values())
    assert defs["CloseCode"]["enum"] == [c.value for c in CloseCode]
    assert {4001, 4003, 4004, 4008, 4009, 4029, 4401, 4403, 1012, 1013} == set(
        defs["CloseCode"]["enum"]
    )
