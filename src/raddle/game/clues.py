"""Clues: the shuffled list a team reads, with known words written into them.

Clue i belongs to the step from rung i to rung i+1; in its text `<>` stands for the
upper word (rung i) and `{}` for the lower word (rung i+1). Clues are shown shuffled and
the team must work out which one fits the rung they are solving, so a view of an unused
clue must not give away its step:

- each clue is identified by an opaque `key`, its position in the shuffled list;
- an unused clue never shows its own step's words. Going down, every unused clue shows
  the word just above the down frontier in place of `<>`; going up, the word just below
  the up frontier in place of `{}`. (Writing each clue's own known neighbour into it
  would single out the clue for the frontier and make the level-1 hint free.)
- a used clue (both of its words revealed) shows both words, which the team knows.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from raddle.game.ladder import Direction, frontier

UPPER_MARK = "<>"
LOWER_MARK = "{}"
BLANK = "___"

# Both marks are replaced in one pass so that a filled-in word which itself contains
# "{}" or "<>" is never substituted a second time.
_MARKS = re.compile(re.escape(UPPER_MARK) + "|" + re.escape(LOWER_MARK))


@dataclass(frozen=True)
class ClueView:
    """One clue as a player sees it.

    `key` is the clue's position in the team's shuffled list; only the server, holding
    the order, can map it back to a step.
    """

    key: int
    text: str
    used: bool


def clue_order(clue_count: int, seed: str) -> list[int]:
    """The shuffled order clues are shown in: `order[key]` is the step shown at `key`.

    Seeded so every teammate, and every reload, sees the same order. This is not for
    security, but the seed must not be guessable by players (use a per-round random
    value, not a team id), or they could recompute which key holds which step.
    """
    order = list(range(clue_count))
    # A str seed is hashed with SHA-512 by `random.Random`, so the shuffle is the same
    # in every process regardless of PYTHONHASHSEED.
    random.Random(seed).shuffle(order)
    return order


def clue_key_for_step(order: Sequence[int], step: int) -> int:
    """The key of the clue for `step`: what a level-1 hint points at."""
    try:
        return list(order).index(step)
    except ValueError:
        raise ValueError(f"step {step} is not in the clue order") from None


def present_clue(clue: str, upper: str | None, lower: str | None) -> str:
    """The clue text with known words written in and unknown ones left as blanks.

    The caller passes None for a word the player has not revealed; the output is built
    only from `clue`, `upper`, `lower` and the blank, so it cannot leak a hidden word.
    """

    def fill(mark: re.Match[str]) -> str:
        word = upper if mark.group() == UPPER_MARK else lower
        return BLANK if word is None else word

    return _MARKS.sub(fill, clue)


def clue_views(
    clues: Sequence[str],
    words: Sequence[str],
    revealed: Sequence[bool],
    order: Sequence[int],
    direction: Direction | None = None,
) -> list[ClueView]:
    """The team's clue list, shuffled by `order`, as seen by a player going `direction`.

    With no direction, unused clues show blanks for both words.
    """
    if len(words) != len(revealed):
        raise ValueError(f"{len(words)} words for {len(revealed)} rungs")
    if len(clues) != len(words) - 1:
        raise ValueError(f"{len(clues)} clues for {len(words)} rungs; expected one per step")
    if sorted(order) != list(range(len(clues))):
        raise ValueError("order must be a permutation of the clue steps")

    # The one known word every unused clue may show: the neighbour of the frontier the
    # player is working from. It is revealed whenever the ladder is well formed; the
    # check guards against a malformed `revealed` ever showing a hidden word.
    upper: str | None = None
    lower: str | None = None
    rung = frontier(revealed, direction) if direction is not None else None
    if rung is not None:
        neighbour = rung - 1 if direction is Direction.DOWN else rung + 1
        if 0 <= neighbour < len(words) and revealed[neighbour]:
            if direction is Direction.DOWN:
                upper = words[neighbour]
            else:
                lower = words[neighbour]

    views: list[ClueView] = []
    for key, step in enumerate(order):
        used = revealed[step] and revealed[step + 1]
        if used:
            text = present_clue(clues[step], words[step], words[step + 1])
        else:
            text = present_clue(clues[step], upper, lower)
        views.append(ClueView(key=key, text=text, used=used))
    return views
