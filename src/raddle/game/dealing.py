"""Dealing: players onto teams, and puzzles onto teams at the start of a round.

Randomness comes in as a `random.Random` so the service can seed it and tests can pin
it; inputs are sorted before any draw, so for a given generator state the deal depends
only on what is dealt, not on the order the caller listed it in.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Literal

PuzzleMode = Literal["same", "different"]


@dataclass(frozen=True)
class PuzzleChoice:
    """A puzzle that may be dealt: its slug and how many rungs it has."""

    slug: str
    rung_count: int


def deal_players(
    player_ids: Sequence[int],
    team_ids: Sequence[int],
    team_sizes: Mapping[int, int],
    rng: random.Random,
) -> dict[int, int]:
    """Place unassigned players on teams: {player_id: team_id}.

    Players are taken in random order and each joins the currently smallest team (a
    random one of the smallest on a tie), so teams end as even as the players already
    on them allow. `team_sizes` holds each team's current size; a missing team is empty.
    """
    if len(set(player_ids)) != len(player_ids):
        raise ValueError("a player can only be dealt once")
    if not player_ids:
        return {}
    teams = sorted(set(team_ids))
    if not teams:
        raise ValueError("there is no team to deal players onto")

    sizes = {team: team_sizes.get(team, 0) for team in teams}
    players = sorted(player_ids)
    rng.shuffle(players)
    deal: dict[int, int] = {}
    for player in players:
        smallest = min(sizes.values())
        team = rng.choice([team for team in teams if sizes[team] == smallest])
        deal[player] = team
        sizes[team] += 1
    return deal


def pick_puzzles(
    candidates: Sequence[PuzzleChoice],
    team_count: int,
    mode: PuzzleMode,
    played: AbstractSet[str],
    rng: random.Random,
) -> list[str]:
    """One puzzle slug per team, in team order.

    "same": one puzzle for everyone, an unplayed one when any is left.
    "different": distinct puzzles of similar length; see `_similar_puzzles`.
    """
    if team_count < 1:
        raise ValueError("puzzles are dealt to at least one team")
    # The first listing of a slug wins, so a duplicate cannot be dealt twice.
    by_slug = {choice.slug: choice for choice in reversed(candidates)}
    pool = sorted(by_slug.values(), key=lambda choice: (choice.rung_count, choice.slug))
    if not pool:
        raise ValueError("there are no puzzles to choose from")

    if mode == "same":
        unplayed = [choice for choice in pool if choice.slug not in played]
        return [rng.choice(unplayed or pool).slug] * team_count
    if mode == "different":
        slugs = [choice.slug for choice in _similar_puzzles(pool, team_count, played, rng)]
        rng.shuffle(slugs)
        return slugs
    raise ValueError(f"unknown puzzle mode {mode!r}")


def _similar_puzzles(
    pool: Sequence[PuzzleChoice],
    team_count: int,
    played: AbstractSet[str],
    rng: random.Random,
) -> list[PuzzleChoice]:
    """`team_count` puzzles for a "different" round.

    Fairness needs similar lengths and a lobby should not see a puzzle twice (docs/game.md),
    so among every range of rung counts holding enough puzzles, the range chosen needs
    the fewest played puzzles, then spans the fewest rungs (a random one of equals).
    With fewer puzzles than teams, every puzzle is dealt once before any is repeated.
    """
    if len(pool) < team_count:
        repeated = list(pool)
        rng.shuffle(repeated)
        return [repeated[i % len(repeated)] for i in range(team_count)]

    counts = sorted({choice.rung_count for choice in pool})
    best: list[tuple[int, int]] = []
    best_key: tuple[int, int] | None = None
    for low_index, low in enumerate(counts):
        for high in counts[low_index:]:
            inside = [choice for choice in pool if low <= choice.rung_count <= high]
            if len(inside) < team_count:
                continue
            unplayed = sum(1 for choice in inside if choice.slug not in played)
            key = (max(0, team_count - unplayed), high - low)
            if best_key is None or key < best_key:
                best, best_key = [(low, high)], key
            elif key == best_key:
                best.append((low, high))

    low, high = rng.choice(best)
    inside = [choice for choice in pool if low <= choice.rung_count <= high]
    fresh = [choice for choice in inside if choice.slug not in played]
    stale = [choice for choice in inside if choice.slug in played]
    if len(fresh) >= team_count:
        return rng.sample(fresh, team_count)
    return fresh + rng.sample(stale, team_count - len(fresh))
