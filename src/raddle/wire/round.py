"""A round as each audience sees it, and its summary once it is over."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Discriminator, Field, Tag

from raddle.wire.base import Timestamp, Wire
from raddle.wire.guess import GuessView
from raddle.wire.hint import HintView
from raddle.wire.ladder import (
    AnswerClues,
    Frontier,
    HostPuzzleLabel,
    PlayerClues,
    PuzzleLabel,
    RungView,
    WholeLadder,
)
from raddle.wire.team import TeamProgress


class LadderView(Wire):
    """A team's ladder as the team sees it: hidden words never appear in it."""

    team_id: int | None
    puzzle: PuzzleLabel
    rungs: list[RungView]
    frontier: Frontier
    finished_at: Timestamp | None
    place: int | None
    hints: list[HintView]
    guesses: list[GuessView] = Field(description="the most recent guesses, oldest first")
    clues: PlayerClues


class HostLadderView(Wire):
    """A team's ladder as the host sees it: every word, and the clues in ladder order."""

    team_id: int | None
    puzzle: HostPuzzleLabel
    rungs: list[RungView]
    frontier: Frontier
    finished_at: Timestamp | None
    place: int | None
    hints: list[HintView]
    guesses: list[GuessView] = Field(description="the most recent guesses, oldest first")
    clues: AnswerClues


class _Round(Wire):
    """What every audience is told of a round: its clock, its rules and the teams' progress."""

    id: int
    number: int
    status: str
    mode: str
    started_at: Timestamp
    ends_at: Timestamp | None
    ended_at: Timestamp | None
    hints: bool
    hint_costs: dict[Literal["1", "2"], float] = Field(
        description="the share of a round's points a hint of each level costs"
    )
    teams: list[TeamProgress]


class ScreenRound(_Round):
    """The round as the big screen sees it: teams and progress, no ladder."""

    # No other keys: the host's and a player's rounds hold all of these and a ladder,
    # and a round must match one shape only.
    model_config = ConfigDict(frozen=True, extra="forbid")


class PlayerRound(_Round):
    """The round as a player sees it: their team's ladder (null while watching)."""

    ladder: LadderView | None


class HostRound(_Round):
    """The round as the host sees it: every team's ladder with answers, by team id."""

    ladders: dict[str, HostLadderView]


def _round_audience(value: Any) -> str:
    keys = value if isinstance(value, dict) else type(value).model_fields
    return "host" if "ladders" in keys else "player" if "ladder" in keys else "screen"


RoundView = Annotated[
    Annotated[HostRound, Tag("host")]
    | Annotated[PlayerRound, Tag("player")]
    | Annotated[ScreenRound, Tag("screen")],
    Discriminator(_round_audience),
]


class TeamResult(Wire):
    """A team's round: place, time, progress, and its points as a sum
    (`place_points` less `hint_share` is `points`; older rounds lack place points)."""

    team_id: int | None
    name: str
    puzzle: str
    author: str | None
    note: str | None
    place: int | None
    finished: bool
    seconds: float | None
    solved: int
    total: int
    progress: float
    hints: int
    place_points: float | None
    hint_share: float
    wrong_guesses: int
    points: float | None


class PlayerRoundStats(Wire):
    player_id: int
    name: str
    team_id: int | None
    correct: int
    wrong: int
    hints: int


class AwardView(Wire):
    key: str
    title: str
    player_id: int
    player_name: str
    detail: str


class RoundSummary(Wire):
    """An ended round: the teams in standing order, every ladder, players and awards."""

    round_id: int
    number: int
    reason: str | None
    started_at: Timestamp
    ended_at: Timestamp | None
    teams: list[TeamResult]
    ladders: list[WholeLadder]
    players: list[PlayerRoundStats]
    awards: list[AwardView]


class RoundTimer(Wire):
    """A countdown started: the round ends at `ends_at`."""

    round_id: int
    ends_at: Timestamp
