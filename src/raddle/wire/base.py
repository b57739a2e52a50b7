"""What every wire shape shares: the frozen base model, timestamps, and sparse fields."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PlainSerializer


def iso_utc(value: datetime) -> str:
    """ISO-8601 in UTC with milliseconds and a Z, e.g. 2026-11-26T22:47:25.123Z."""
    return (
        value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"
    )


Timestamp = Annotated[datetime, PlainSerializer(iso_utc, return_type=str, when_used="json")]


class Wire(BaseModel):
    # Every field is sent (but those left out when empty): the serialized schema says so.
    model_config = ConfigDict(frozen=True, json_schema_serialization_defaults_required=True)


def _is_none(value: Any) -> bool:
    return value is None


def _never_null(schema: dict[str, Any]) -> None:
    """Such a field is absent or holds a value, never null: say so in the schema."""
    choices = [c for c in schema.pop("anyOf", []) if c != {"type": "null"}]
    if len(choices) == 1:
        schema.update(choices[0])
    elif choices:
        schema["anyOf"] = choices
    schema.pop("default", None)


def absent_when_none(description: str | None = None) -> Any:
    """A field left out of the JSON when it has no value (rather than sent as null):
    clients tell some shapes apart by which keys they hold."""
    return Field(
        default=None,
        exclude_if=_is_none,
        description=description,
        json_schema_extra=_never_null,
    )


class ErrorBody(Wire):
    detail: str
    code: str


class Health(Wire):
    status: str
    version: str


MAX_REF_LENGTH = 64


def _printable(ref: str | None) -> str | None:
    # Printable excludes control characters (a NUL) and lone surrogates, which a
    # database cannot store.
    if ref is not None and not ref.isprintable():
        raise ValueError("a ref is printable text")
    return ref


# The client's name for a guess or hint; re-sent under it, it is judged once.
Ref = Annotated[
    str | None,
    Field(
        min_length=1,
        max_length=MAX_REF_LENGTH,
        description="the client's name for this message; re-sent under it, it is judged once",
    ),
    AfterValidator(_printable),
]
