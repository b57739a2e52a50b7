"""Hints: what a team may take for the rung being solved, and what it costs them.

Level 1 points at the right clue for the frontier rung; level 2 reveals the word. A hint
is always about the frontier in the taker's direction, so it never skips ahead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import IntEnum
from types import MappingProxyType

from raddle.game.ladder import Direction, frontier


class HintLevel(IntEnum):
    """How much a hint gives away; a higher level gives more and costs more."""

    CLUE = 1
    WORD = 2


# Read-only so that no caller can change the default costs for every other round.
DEFAULT_HINT_COSTS: Mapping[HintLevel, float] = MappingProxyType(
    {HintLevel.CLUE: 0.5, HintLevel.WORD: 1.0}
)


def hint_cost(level: HintLevel, costs: Mapping[HintLevel, float] = DEFAULT_HINT_COSTS) -> float:
    """The points a team loses for one hint of `level`."""
    cost = float(costs[HintLevel(level)])
    if cost < 0:
        # A negative cost would turn hints into a way to earn points.
        raise ValueError(f"hint cost for {HintLevel(level).name} must not be negative")
    return cost


def total_hint_cost(
    levels: Sequence[HintLevel], costs: Mapping[HintLevel, float] = DEFAULT_HINT_COSTS
) -> float:
    """What a team's hints cost in all, as scoring subtracts it."""
    return sum((hint_cost(level, costs) for level in levels), 0.0)


def hint_target(revealed: Sequence[bool], direction: Direction) -> int | None:
    """The rung a hint taken going `direction` is about; None once the ladder is done."""
    return frontier(revealed, direction)


def clue_step_for(rung: int, direction: Direction) -> int:
    """The step whose clue leads to `rung` from its known neighbour.

    Going down, the known word is above, so the clue is the step into `rung` (r-1);
    going up, it is below, so the clue is the step out of `rung` (r).
    """
    step = rung - 1 if direction is Direction.DOWN else rung
    if step < 0:
        raise ValueError(f"rung {rung} has no clue leading to it going {direction}")
    return step
