"""A guess: what a client sends, how it is judged, and how a team sees it."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from raddle.wire.base import Ref, Timestamp, Wire
from raddle.wire.ladder import RungIndex
from raddle.wire.player import SolvedBy

MAX_GUESS_LENGTH = 64


class GuessBody(Wire):
    """A guess for a rung, over HTTP or (with `type`) over the socket."""

    rung: RungIndex
    word: str = Field(max_length=MAX_GUESS_LENGTH)
    ref: Ref = None


class GuessView(Wire):
    """A guess as the guesser's team (and the host) sees it."""

    player_id: int
    player_name: str
    rung: int
    word: str
    result: str
    at: Timestamp


class GuessLogEntry(Wire):
    """A guess in a round's log, with the team it was made for."""

    team_id: int | None
    player_id: int
    player_name: str
    rung: int
    word: str
    result: str
    at: Timestamp


class GuessJudged(Wire):
    """Right or wrong; `word` is the rung's word when right, the guess when wrong."""

    result: Literal["correct", "incorrect"]
    rung: int
    word: str


class GuessAlreadySolved(Wire):
    """The rung was solved already (null `solved_by`: it was given, not solved)."""

    result: Literal["already_solved"]
    rung: int
    solved_by: SolvedBy | None


class GuessNotFrontier(Wire):
    """The rung is not one the team can solve yet."""

    result: Literal["not_frontier"]
    rung: int


GuessResult = Annotated[
    GuessJudged | GuessAlreadySolved | GuessNotFrontier, Field(discriminator="result")
]
