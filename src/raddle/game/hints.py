"""Hints: what a team may take for the rung being solved, and what it costs them.

Level 1 points at the right clue for the frontier rung; level 2 reveals the word. A hint
is always about the frontier in the taker's direction, so it never skips ahead.

A hint costs the team a share of the points it earns in the round (10 % for a clue, 25 %
for a word), at most `MAX_HINT_SHARE` in all: a few hints cost part of a place, and no
number of hints takes every point a team earned.
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
# Each is a fraction of the round's points.
DEFAULT_HINT_COSTS: Mapping[HintLevel, float] = MappingProxyType(
    {HintLevel.CLUE: 0.10, HintLevel.WORD: 0.25}
)

# The most a team's hints can take from its points in one round.
MAX_HINT_SHARE = 0.75

# Shares are kept to whole hundredths of a percent, so 0.1 + 0.2 is 0.3 and not more.
SHARE_DECIMALS = 4


def hint_cost(level: HintLevel, costs: Mapping[HintLevel, float] = DEFAULT_HINT_COSTS) -> float:
    """The share of its round's points a team loses for one hint of `level`."""
    cost = float(costs[HintLevel(level)])
    if not 0.0 <= cost <= 1.0:
        # A negative cost would turn hints into a way to earn points; above 1 is not a share.
        raise ValueError(f"hint cost for {HintLevel(level).name} must be a share from 0 to 1")
    return cost


def capped_share(taken: float) -> float:
    """What the hints a team took, `taken` as the sum of their costs, cost it in all."""
    if not taken >= 0.0:
        raise ValueError("a hint share must be a non-negative number")
    return min(MAX_HINT_SHARE, round(taken, SHARE_DECIMALS))


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
