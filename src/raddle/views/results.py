"""A lobby's results document for the host to keep: rounds, places, points, players, guesses.

The same shapes are the JSON download and the CSV tables' columns.
"""

from __future__ import annotations

from pydantic import BaseModel

from raddle.wire import Timestamp


class TeamRound(BaseModel):
    round: int
    team_id: int | None
    team: str
    puzzle: str
    place: int | None
    finished: bool
    seconds: float | None
    solved: int
    total: int
    progress: float
    hints: int
    # The score as a sum: place_points less hint_share of them is points.
    place_points: float | None
    hint_share: float
    wrong_guesses: int
    points: float | None


class RoundResult(BaseModel):
    number: int
    status: str
    mode: str
    reason: str | None
    started_at: Timestamp
    ended_at: Timestamp | None
    teams: list[TeamRound]


class Standing(BaseModel):
    team_id: int | None
    team: str
    points: float
    rounds_won: int
    rounds_played: int


class PlayerResult(BaseModel):
    player_id: int
    name: str
    rounds: int
    guesses: int
    correct: int
    wrong: int
    hints: int
    # The shares of their team's round points this player's hints cost, added up
    # (each round's total for a team is capped; see raddle.game.hints).
    hint_share: float


class GuessRecord(BaseModel):
    round: int
    team_id: int | None
    team: str
    player_id: int
    player: str
    rung: int
    word: str
    result: str
    at: Timestamp


class LobbyResults(BaseModel):
    code: str
    name: str
    exported_at: Timestamp
    rounds: list[RoundResult]
    leaderboard: list[Standing]
    players: list[PlayerResult]
    guesses: list[GuessRecord]
