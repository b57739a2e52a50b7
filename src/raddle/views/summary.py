"""Round summaries (places, times, stats, awards) and the lobby's leaderboard."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from raddle.db import tables
from raddle.db.repositories import rounds as round_rows
from raddle.db.repositories import teams as team_rows
from raddle.game.awards import PlayerStats, awards
from raddle.game.hints import capped_share
from raddle.game.ladder import GuessOutcome, progress
from raddle.game.names import name_key
from raddle.game.phase import RoundStatus
from raddle.game.scoring import TeamResult, TeamScore, leaderboard, score_round
from raddle.views.round import (
    RoundData,
    progress_of,
    revealed_of,
    solved_count,
    whole_ladder,
)
from raddle.wire import round as wire_round
from raddle.wire.round import AwardView, PlayerRoundStats, RoundSummary
from raddle.wire.team import LeaderboardRow


def _seconds(since: tables.Round, moment: datetime) -> float:
    return round((moment - since.started_at).total_seconds(), 3)


def score(data: RoundData) -> dict[int, TeamScore]:
    """Score a round by the rules of `raddle.game.scoring`; keyed by ladder id."""
    results = []
    for ladder in data.ladders:
        rungs = data.rungs.get(ladder.id, [])
        results.append(
            TeamResult(
                team_id=ladder.id,
                finished_at=_seconds(data.round, ladder.finished_at)
                if ladder.finished_at
                else None,
                progress=progress(revealed_of(ladder, rungs)),
                hints_taken=ladder.hint_cost,
            )
        )
    return {s.team_id: s for s in score_round(results)}


@dataclass
class _Tally:
    """What one player did in a round, as the guesses and hints are counted."""

    team: int | None = None
    correct: int = 0
    wrong: int = 0
    hints: int = 0
    first: float | None = None
    fastest: float | None = None


async def summary(session: AsyncSession, data: RoundData) -> RoundSummary:
    ids = [ladder.id for ladder in data.ladders]
    guesses = await round_rows.all_guesses(session, ids)
    hints = await round_rows.hints(session, ids)
    ladder_team = {ladder.id: ladder.team_id for ladder in data.ladders}

    teams = []
    for ladder in data.ladders:
        rungs = data.rungs.get(ladder.id, [])
        solved, total = solved_count(rungs)
        teams.append(
            wire_round.TeamResult(
                team_id=ladder.team_id,
                name=ladder.team_name,
                puzzle=ladder.puzzle_title,
                author=ladder.puzzle_author,
                note=ladder.puzzle_note,
                place=ladder.place,
                finished=ladder.finished_at is not None,
                seconds=_seconds(data.round, ladder.finished_at) if ladder.finished_at else None,
                solved=solved,
                total=total,
                progress=progress_of(ladder, rungs),
                hints=sum(1 for h in hints if h.round_team_id == ladder.id),
                # The score as a sum: place_points - hint_share (a fraction) = points.
                # Rounds scored before place points were kept have None here.
                place_points=ladder.place_points,
                hint_share=capped_share(ladder.hint_cost),
                wrong_guesses=sum(
                    1
                    for g in guesses
                    if g.round_team_id == ladder.id and g.result == GuessOutcome.INCORRECT
                ),
                points=ladder.points,
            )
        )
    teams.sort(key=_standing)

    names: dict[int, str] = {}
    # A player kicked and let back in gets a new id under the same name; the round's
    # record lists them once, under the id they first played with.
    first_id: dict[str, int] = {}

    def person(player_id: int, name: str) -> int:
        return first_id.setdefault(name_key(name), player_id)

    stats: dict[int, _Tally] = {}
    opened: dict[int, float] = defaultdict(float)  # ladder id -> when its last rung fell
    for guess in guesses:
        pid = person(guess.player_id, guess.player_name)
        names[pid] = guess.player_name
        row = stats.setdefault(pid, _Tally())
        row.team = ladder_team.get(guess.round_team_id)
        at = _seconds(data.round, guess.created_at)
        row.first = at if row.first is None else min(row.first, at)
        if guess.result == GuessOutcome.CORRECT:
            row.correct += 1
            took = max(0.0, at - opened[guess.round_team_id])
            row.fastest = took if row.fastest is None else min(row.fastest, took)
            opened[guess.round_team_id] = at
        elif guess.result == GuessOutcome.INCORRECT:
            row.wrong += 1
    for hint in hints:
        pid = person(hint.player_id, hint.player_name)
        names[pid] = hint.player_name
        if pid not in stats:
            stats[pid] = _Tally(team=ladder_team.get(hint.round_team_id))
        stats[pid].hints += 1

    player_stats = [
        PlayerStats(
            player_id=pid,
            team_id=row.team,
            correct=row.correct,
            wrong=row.wrong,
            hints=row.hints,
            first_guess_at=row.first,
            fastest_solve_seconds=row.fastest,
        )
        for pid, row in sorted(stats.items())
    ]
    # Once a round is over nobody should leave it asking "what was the answer?".
    ladders = (
        [
            whole_ladder(data, ladder)
            for ladder in sorted(data.ladders, key=lambda item: _standing_of(teams, item.team_id))
        ]
        if data.round.status == RoundStatus.ENDED
        else []
    )
    return RoundSummary(
        round_id=data.round.id,
        number=data.round.number,
        reason=data.round.end_reason,
        started_at=data.round.started_at,
        ended_at=data.round.ended_at,
        teams=teams,
        ladders=ladders,
        players=[
            PlayerRoundStats(
                player_id=s.player_id,
                name=names[s.player_id],
                team_id=s.team_id,
                correct=s.correct,
                wrong=s.wrong,
                hints=s.hints,
            )
            for s in player_stats
        ],
        awards=[
            AwardView(
                key=a.key,
                title=a.title,
                player_id=a.player_id,
                player_name=names[a.player_id],
                detail=a.detail,
            )
            for a in awards(player_stats)
        ],
    )


def _standing_of(teams: list[wire_round.TeamResult], team_id: int | None) -> int:
    """A ladder's position in the standings, so ladders are listed as the teams are."""
    return next((i for i, team in enumerate(teams) if team.team_id == team_id), len(teams))


def _standing(team: wire_round.TeamResult) -> tuple[bool, int, float]:
    """Finishers by place, then the others by progress."""
    return (team.place is None, team.place or 0, -team.progress)


async def lobby_leaderboard(session: AsyncSession, lobby_id: int) -> list[LeaderboardRow]:
    """Points, wins and rounds per team over every ended round of the lobby, each team
    under its name now (a removed team under its last name in a round)."""
    per_round: dict[int, list[TeamScore]] = defaultdict(list)
    names: dict[int, str] = {}
    for round_, ladder in await round_rows.ended_ladders_in_lobby(session, lobby_id):
        key = ladder.team_id if ladder.team_id is not None else -ladder.id
        names[key] = ladder.team_name
        per_round[round_.id].append(
            TeamScore(
                team_id=key,
                place=ladder.place,
                points=ladder.points or 0.0,
                finished=ladder.finished_at is not None,
                place_points=ladder.place_points or 0.0,
                hint_share=capped_share(ladder.hint_cost),
            )
        )
    if names:
        names.update({team.id: team.name for team in await team_rows.in_lobby(session, lobby_id)})
    return [
        LeaderboardRow(
            team_id=row.team_id if row.team_id > 0 else None,
            name=names[row.team_id],
            points=row.points,
            rounds_won=row.rounds_won,
            rounds_played=row.rounds_played,
        )
        for row in leaderboard(list(per_round.values()))
    ]
