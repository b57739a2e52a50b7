"""A team's ladder: its rungs, its clues, and the whole ladder once a round is over."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from raddle.wire.base import Wire
from raddle.wire.player import SolvedBy

# The rung index a client may name. A ladder has far fewer rungs (see
# raddle.puzzles.validate.MAX_RUNGS); an index past its end is the game's own
# refusal (`bad_rung`), not a malformed message.
MAX_RUNG_INDEX = 100
RungIndex = Annotated[int, Field(ge=0, le=MAX_RUNG_INDEX)]


class PuzzleLabel(Wire):
    title: str
    difficulty: str


class HostPuzzleLabel(Wire):
    """The host also sees which puzzle file a ladder was dealt from."""

    title: str
    difficulty: str
    slug: str


class RungView(Wire):
    """One rung; `word` is null while it is hidden from this audience."""

    index: int
    word: str | None
    pattern: str = Field(description='the length pattern of the word: "(5)", "(3 4)"')
    solved_by: SolvedBy | None
    by_hint: bool


class Frontier(Wire):
    """The next rung to solve going down from the top and up from the bottom."""

    down: int | None
    up: int | None


class ClueCard(Wire):
    """A clue as a player sees it, by its place in the team's shuffled list."""

    key: int
    text: str
    used: bool


class PlayerClues(Wire):
    down: list[ClueCard]
    up: list[ClueCard]


class AnswerStep(Wire):
    """A clue with both its words filled in, and how its step works."""

    step: int
    key: int
    text: str
    transform: str | None


class AnswerClues(Wire):
    steps: list[AnswerStep]


class AnswerRung(Wire):
    index: int
    word: str
    given: bool = Field(description="the first and last words are given, not solved")
    solved_by: SolvedBy | None
    by_hint: bool


class WholeLadder(Wire):
    """A team's whole ladder once the round is over: every word and every clue."""

    team_id: int | None
    name: str
    puzzle: PuzzleLabel
    rungs: list[AnswerRung]
    steps: list[AnswerStep]


class PracticeRung(Wire):
    word: str
    clue: str | None


class PracticeLadder(Wire):
    """The tutorial's ladder, answers included: it is solved in the browser, alone."""

    title: str
    rungs: list[PracticeRung]
