"""The puzzle model: a ladder of rungs, each joined to the next by a clue."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Difficulty(StrEnum):
    """How hard a puzzle is; also the order puzzles are listed in."""

    EASY = "easy"
    MEDIUM = "medium"
    HARD = "hard"

    @property
    def rank(self) -> int:
        """0 for easy, 1 for medium, 2 for hard."""
        return list(Difficulty).index(self)


@dataclass(frozen=True, slots=True)
class Rung:
    """One answer word and the clue leading from it to the rung below.

    The last rung of a ladder has no clue (and no transform).
    """

    word: str
    clue: str | None
    transform: str | None = None


@dataclass(frozen=True, slots=True)
class Puzzle:
    """A validated word ladder. The slug is the file name stem."""

    slug: str
    title: str
    author: str | None
    difficulty: Difficulty
    rungs: tuple[Rung, ...]
    source: str
    #: A short remark shown with the author when a round of this puzzle ends.
    note: str | None = None
    #: Lint warnings a reviewer has read and accepted, by their accept key
    #: (see `raddle.puzzles.lint`); errors cannot be accepted.
    accept: tuple[str, ...] = ()

    @property
    def rung_count(self) -> int:
        return len(self.rungs)

    @property
    def words(self) -> tuple[str, ...]:
        """Every answer word, top to bottom."""
        return tuple(rung.word for rung in self.rungs)

    @property
    def clues(self) -> tuple[str, ...]:
        """The n-1 clues, in ladder order (clue i joins rung i to rung i+1)."""
        return tuple(rung.clue for rung in self.rungs if rung.clue is not None)
