"""The ladder a team climbs: which rungs are open to a guess, and how a guess is judged.

A ladder of n rungs is described by `revealed`, one flag per rung (0 at the top). The
first and last rungs are given, so they start revealed; a team solves inward from both
ends. Because a guess may only target a frontier rung, the revealed rungs always form a
run from the top plus a run from the bottom, with the hidden rungs in between.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from raddle.game.words import matches

# How many rungs a ladder has, the given first and last words included. The puzzle
# validator refuses a file outside this range, so every dealt ladder is within it.
MIN_RUNGS = 5
MAX_RUNGS = 20


class Direction(StrEnum):
    """Which way a player is working: down from the top word or up from the bottom."""

    DOWN = "down"
    UP = "up"


class GuessOutcome(StrEnum):
    """What a guess did, in the order the checks are made."""

    INVALID_RUNG = "invalid_rung"  # no such rung on this ladder
    ALREADY_SOLVED = "already_solved"  # a teammate got there first
    NOT_FRONTIER = "not_frontier"  # the rung exists but cannot be reached yet
    CORRECT = "correct"
    INCORRECT = "incorrect"


@dataclass(frozen=True)
class GuessDecision:
    """The pure verdict on one guess; the caller performs the (atomic) reveal."""

    outcome: GuessOutcome
    rung: int

    @property
    def reveals(self) -> bool:
        """Whether the caller should reveal `rung` for the team."""
        return self.outcome is GuessOutcome.CORRECT


def initially_revealed(rung_count: int) -> list[bool]:
    """The ladder as a round starts: only the given first and last words are shown."""
    if not MIN_RUNGS <= rung_count <= MAX_RUNGS:
        raise ValueError(f"a ladder has {MIN_RUNGS} to {MAX_RUNGS} rungs, not {rung_count}")
    return [True] + [False] * (rung_count - 2) + [True]


def revealed_after(rung_count: int, solved: Iterable[int]) -> list[bool]:
    """The ladder once the rungs in `solved` have been revealed."""
    revealed = initially_revealed(rung_count)
    for rung in solved:
        revealed[rung] = True
    return revealed


def frontier(revealed: Sequence[bool], direction: Direction) -> int | None:
    """The rung being solved in `direction`, or None when the ladder is complete.

    Going down it is the first hidden rung from the top; going up, the last hidden rung
    from the bottom. The two coincide when a single rung is left.
    """
    indices = (
        range(len(revealed)) if direction is Direction.DOWN else reversed(range(len(revealed)))
    )
    return next((i for i in indices if not revealed[i]), None)


def open_rungs(revealed: Sequence[bool]) -> set[int]:
    """The rungs a guess may target right now: the frontier in each direction."""
    return {rung for direction in Direction if (rung := frontier(revealed, direction)) is not None}


def is_complete(revealed: Sequence[bool]) -> bool:
    """True once every rung is revealed."""
    return all(revealed)


def progress(revealed: Sequence[bool]) -> float:
    """The fraction of the hidden middle rungs the team has revealed, from 0 to 1.

    The given end rungs are left out so a fresh ladder reads 0 whatever its length; a
    ladder with no middle has nothing left to solve and reads 1.
    """
    middle = revealed[1:-1]
    if not middle:
        return 1.0
    return sum(1 for flag in middle if flag) / len(middle)


def decide_guess(
    answers: Sequence[str], revealed: Sequence[bool], rung: int, word: str
) -> GuessDecision:
    """Judge a guess of `word` for `rung`, with what the caller needs to act on it.

    Already-solved is checked before the frontier, so a player who raced a teammate is
    told the rung was solved rather than that it is out of reach.
    """
    if len(answers) != len(revealed):
        raise ValueError(f"{len(answers)} answers for {len(revealed)} rungs")
    if not 0 <= rung < len(revealed):
        return GuessDecision(GuessOutcome.INVALID_RUNG, rung)
    if revealed[rung]:
        return GuessDecision(GuessOutcome.ALREADY_SOLVED, rung)
    if rung not in open_rungs(revealed):
        return GuessDecision(GuessOutcome.NOT_FRONTIER, rung)
    if not matches(word, answers[rung]):
        return GuessDecision(GuessOutcome.INCORRECT, rung)
    return GuessDecision(GuessOutcome.CORRECT, rung)
