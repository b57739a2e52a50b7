"""Round scoring and the lobby leaderboard.

For n teams that played a round:

- a team finishing in place p gets n - p + 1 points (first gets n, last finisher gets
  n - F + 1 where F teams finished);
- a team that did not finish gets `NON_FINISHER_SHARE` of the last finisher's points,
  scaled by its progress: last_points * progress * 0.9. As progress is at most 1 and
  last_points at least 1, that is always at least 10% (and at least 0.1 points) below
  any finisher. When nobody finished the share is taken of 1 point, so every team
  scores under 1;
- hint costs are then subtracted, never going below 0, and points are rounded to 2
  decimals.

Ranking is by place, finishers first: a finisher outranks every non-finisher even if
hint costs left it with fewer points. Only a finisher can win the round.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

# A non-finisher's fraction of the last finisher's points at full progress. Below 1 so
# that a team one rung short still scores strictly less than a team that finished.
NON_FINISHER_SHARE = 0.9

# What a non-finisher's share is taken of when no team finished.
NO_FINISHER_BASE = 1.0

DECIMALS = 2


@dataclass(frozen=True)
class TeamResult:
    """How a team's round went, as scoring needs it."""

    team_id: int
    finished_at: float | None  # seconds from round start; None = did not finish
    progress: float  # fraction of the hidden rungs revealed, 0..1
    hint_cost: float  # total cost of the team's hints this round


@dataclass(frozen=True)
class TeamScore:
    """A team's place and points for one round."""

    team_id: int
    place: int | None  # 1-based among finishers; None for a team that did not finish
    points: float
    finished: bool


@dataclass(frozen=True)
class LeaderboardRow:
    """A team's standing across every round played in the lobby."""

    team_id: int
    points: float
    rounds_won: int
    rounds_played: int


def _check(results: Sequence[TeamResult]) -> None:
    """Refuse results that would make the scores meaningless rather than guess at them."""
    team_ids = [result.team_id for result in results]
    if len(set(team_ids)) != len(team_ids):
        raise ValueError("each team may appear only once in a round's results")
    for result in results:
        if not (math.isfinite(result.progress) and 0.0 <= result.progress <= 1.0):
            raise ValueError(f"team {result.team_id}: progress must be within 0..1")
        if not (math.isfinite(result.hint_cost) and result.hint_cost >= 0.0):
            raise ValueError(f"team {result.team_id}: hint cost must be a non-negative number")
        if result.finished_at is not None and not math.isfinite(result.finished_at):
            raise ValueError(f"team {result.team_id}: finish time must be a number")


def _points(raw: float, hint_cost: float) -> float:
    # Round before clamping so that a tiny negative never shows as -0.0.
    return max(0.0, round(raw - hint_cost, DECIMALS))


def score_round(results: Sequence[TeamResult]) -> list[TeamScore]:
    """Places and points for a round, ranked: finishers by place, then the rest by progress.

    Finish-time ties go to the lower team id so the outcome never depends on input order.
    """
    _check(results)
    team_count = len(results)
    finishers = sorted(
        (result for result in results if result.finished_at is not None),
        key=lambda result: (result.finished_at, result.team_id),
    )
    others = sorted(
        (result for result in results if result.finished_at is None),
        key=lambda result: (-result.progress, result.team_id),
    )

    scores: list[TeamScore] = []
    for place, result in enumerate(finishers, start=1):
        raw = float(team_count - place + 1)
        scores.append(TeamScore(result.team_id, place, _points(raw, result.hint_cost), True))

    base = float(team_count - len(finishers) + 1) if finishers else NO_FINISHER_BASE
    for result in others:
        raw = base * result.progress * NON_FINISHER_SHARE
        scores.append(TeamScore(result.team_id, None, _points(raw, result.hint_cost), False))
    return scores


def round_winner(scores: Sequence[TeamScore]) -> int | None:
    """The team that finished first, or None when no team finished."""
    return next((score.team_id for score in scores if score.place == 1), None)


def leaderboard(rounds: Sequence[Sequence[TeamScore]]) -> list[LeaderboardRow]:
    """Totals across rounds: by points, then rounds won, then team id."""
    points: dict[int, float] = {}
    won: dict[int, int] = {}
    played: dict[int, int] = {}
    for scores in rounds:
        for score in scores:
            points[score.team_id] = points.get(score.team_id, 0.0) + score.points
            won[score.team_id] = won.get(score.team_id, 0) + (score.place == 1)
            played[score.team_id] = played.get(score.team_id, 0) + 1
    # Totals are rounded again because summing 2-decimal floats drifts (0.1 + 0.2).
    rows = [
        LeaderboardRow(team_id, round(total, DECIMALS), won[team_id], played[team_id])
        for team_id, total in points.items()
    ]
    return sorted(rows, key=lambda row: (-row.points, -row.rounds_won, row.team_id))
