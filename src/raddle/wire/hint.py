"""A hint: what a client asks for, what it gets, and how a team sees it."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from raddle.wire.base import Ref, Wire, absent_when_none
from raddle.wire.ladder import RungIndex

Direction = Literal["down", "up"]


def _whole_number(value: Any) -> Any:
    # A literal 1 would also take true and 1.0; a level is a whole number.
    if isinstance(value, bool | float):
        raise ValueError("a level is the whole number 1 or 2")
    return value


HintLevel = Annotated[Literal[1, 2], BeforeValidator(_whole_number)]


class HintBody(Wire):
    """A hint for the rung being solved in `direction`, over HTTP or (with `type`)
    over the socket."""

    direction: Direction
    level: HintLevel = Field(description="1 points at the right clue, 2 reveals the word")
    rung: RungIndex | None = Field(
        default=None,
        description="the rung the hint is for; a retry for a rung solved since costs nothing",
    )
    ref: Ref = None


class HintResult(Wire):
    """A hint given: level 1 names the clue (`clue_key`), level 2 the word. With
    `result` "already_solved" the rung was solved since: its word, free."""

    level: int
    rung: int
    direction: str
    result: Literal["already_solved"] | None = absent_when_none()
    clue_key: int | None = absent_when_none("level 1: the key of the rung's clue")
    word: str | None = absent_when_none("level 2 (or already solved): the rung's word")


class HintView(Wire):
    """A hint as the team that took it (and the host) sees it."""

    player_id: int
    player_name: str
    level: int
    rung: int
    direction: str
    clue_key: int | None = absent_when_none("level 1: the key of the rung's clue")
    word: str | None = absent_when_none("level 2: the rung's word")
