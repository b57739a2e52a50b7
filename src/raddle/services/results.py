"""A lobby's results for the host to keep: rounds, places, points, players, guesses.

Everything is read in one snapshot, so the tables agree with each other. Team
results come from the same round summaries the players saw; per-player figures
add up the guess and hint logs across rounds.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from pydantic import BaseModel

from raddle.db.repositories import rounds as round_rows
from raddle.schemas import Timestamp
from raddle.services import round_views, summaries
from raddle.services.context import Context
from raddle.services.lobbies import require_lobby


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


async def lobby_results(ctx: Context, code: str) -> LobbyResults:
    async with ctx.db.snapshot() as session:
        lobby = await require_lobby(session, code)
        rounds: list[RoundResult] = []
        guesses: list[GuessRecord] = []
        players: dict[int, PlayerTally] = {}
        for round_ in await round_rows.in_lobby(session, lobby.id):
            data = await round_views.load_round(session, round_)
            summary = await summaries.summary(session, data)
            rounds.append(
                RoundResult(
                    number=round_.number,
                    status=round_.status,
                    mode=round_.mode,
                    reason=round_.end_reason,
                    started_at=round_.started_at,
                    ended_at=round_.ended_at,
                    teams=[
                        TeamRound(
                            round=round_.number,
                            team=team.name,
                            **team.model_dump(exclude={"name", "author", "note"}),
                        )
                        for team in summary.teams
                    ],
                )
            )
            ladders = {ladder.id: ladder for ladder in data.ladders}
            ids = list(ladders)
            for guess in await round_rows.all_guesses(session, ids):
                ladder = ladders[guess.round_team_id]
                guesses.append(
                    GuessRecord(
                        round=round_.number,
                        team_id=ladder.team_id,
                        team=ladder.team_name,
                        player_id=guess.player_id,
                        player=guess.player_name,
                        rung=guess.rung,
                        word=guess.word,
                        result=guess.result,
                        at=guess.created_at,
                    )
                )
                tally = players.setdefault(guess.player_id, PlayerTally(guess.player_name))
                tally.count_guess(round_.number, guess.result)
            for hint in await round_rows.hints(session, ids):
                tally = players.setdefault(hint.player_id, PlayerTally(hint.player_name))
                tally.count_hint(round_.number, hint.cost)
        standings = await summaries.lobby_leaderboard(session, lobby.id)
    return LobbyResults(
        code=lobby.code,
        name=lobby.name,
        exported_at=ctx.clock(),
        rounds=rounds,
        leaderboard=[
            Standing(
                team_id=row.team_id,
                team=row.name,
                points=row.points,
                rounds_won=row.rounds_won,
                rounds_played=row.rounds_played,
            )
            for row in standings
        ],
        players=[tally.result(pid) for pid, tally in sorted(players.items())],
        guesses=guesses,
    )


class PlayerTally:
    def __init__(self, name: str) -> None:
        self.name = name
        self.rounds: set[int] = set()
        self.counts: dict[str, int] = defaultdict(int)
        self.hint_share = 0.0

    def count_guess(self, round_number: int, result: str) -> None:
        self.rounds.add(round_number)
        self.counts["guesses"] += 1
        self.counts[result] += 1

    def count_hint(self, round_number: int, cost: float) -> None:
        self.rounds.add(round_number)
        self.counts["hints"] += 1
        self.hint_share += cost

    def result(self, player_id: int) -> PlayerResult:
        return PlayerResult(
            player_id=player_id,
            name=self.name,
            rounds=len(self.rounds),
            guesses=self.counts["guesses"],
            correct=self.counts["correct"],
            wrong=self.counts["incorrect"],
            hints=self.counts["hints"],
            hint_share=round(self.hint_share, 4),
        )


def exported_name(results: LobbyResults, table: str, extension: str, now: datetime) -> str:
    """The download's file name: raddle-ABC234-rounds-2026-11-28.csv."""
    return f"raddle-{results.code}-{table}-{now:%Y-%m-%d}.{extension}"
