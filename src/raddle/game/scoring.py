"""Round scoring and the lobby leaderboard.

For n teams that played a round:

- a team finishing in place p gets n - p + 1 points (first gets n, last finisher gets
  n - F + 1 where F teams finished);
- a team that did not finish gets `NON_FINISHER_SHARE` of the last finisher's points,
  scaled by its progress: last_points * progress * 0.9. As progress is at most 1 and
  last_points at least 1, that is always at least 10% (and at least 0.1 points) below
  any finisher. When nobody finished the share is taken of 1 point, so every team
  scores under 1;
- those are the team's place points, rounded to 2 decimals; its hints then take their
  share of them (see `raddle.game.hints`): points = place points x (1 - hint share),
  rounded to 2 decimals once. Both numbers are kept, so the round reads as a sum
  ("2 - 35 % hints = 1.3") and each is shown as it is stored.

Ranking is by place, finishers first: a finisher outranks every non-finisher even if
hints left it with fewer points. The winner is the first team to finish.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from raddle.game.hints import capped_share

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
    hints_taken: float  # the costs of the team's hints this round, added up (a share)


@dataclass(frozen=True)
class TeamScore:
    """A team's place and points for one round."""

    team_id: int
    place: int | None  # 1-based among finishers; None for a team that did not finish
    points: float  # place points less the hint share: what the leaderboard adds up
    finished: bool
    place_points: float  # what the place (or progress) earned before hints
    hint_share: float  # the fraction of the place points the team's hints cost, 0..0.75


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
        if not (math.isfinite(result.hints_taken) and result.hints_taken >= 0.0):
            raise ValueError(f"team {result.team_id}: hint share must be a non-negative number")
        if result.finished_at is not None and not math.isfinite(result.finished_at):
            raise ValueError(f"team {result.team_id}: finish time must be a number")


def _score(result: TeamResult, place: int | None, raw: float) -> TeamScore:
    place_points = round(raw, DECIMALS)
    share = capped_share(result.hints_taken)
    # Taken of the rounded place points, so the sum shown adds up as it reads.
    points = round(place_points * (1.0 - share), DECIMALS)
    return TeamScore(
        team_id=result.team_id,
        place=place,
        points=points,
        finished=place is not None,
        place_points=place_points,
        hint_share=share,
    )


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
        scores.append(_score(result, place, float(team_count - place + 1)))

    base = float(team_count - len(finishers) + 1) if finishers else NO_FINISHER_BASE
    for result in others:
        scores.append(_score(result, None, base * result.progress * NON_FINISHER_SHARE))
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
        winner = round_winner(scores)
        for score in scores:
            points[score.team_id] = points.get(score.team_id, 0.0) + score.points
            won[score.team_id] = won.get(score.team_id, 0) + (score.team_id == winner)
            played[score.team_id] = played.get(score.team_id, 0) + 1
    # Totals are rounded again because summing 2-decimal floats drifts (0.1 + 0.2).
    rows = [
        LeaderboardRow(team_id, round(total, DECIMALS), won[team_id], played[team_id])
        for team_id, total in points.items()
    ]
    return sorted(rows, key=lambda row: (-row.points, -row.rounds_won, row.team_id))
