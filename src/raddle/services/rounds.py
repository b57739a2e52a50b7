"""Use cases of rounds: start one, run its countdown, end and score it, look back."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from raddle.db import tables
from raddle.db.repositories import players as player_rows
from raddle.db.repositories import rounds as round_rows
from raddle.db.repositories import teams as team_rows
from raddle.errors import Conflict, Invalid, NotFound
from raddle.game.dealing import PuzzleChoice, pick_puzzles
from raddle.game.hints import DEFAULT_HINT_COSTS, HintLevel
from raddle.game.phase import LobbyPhase, PhaseError, RoundEndReason, transition
from raddle.puzzles.library import TUTORIAL_SLUG
from raddle.puzzles.model import Puzzle
from raddle.services import puzzles as puzzle_service
from raddle.services import round_views, summaries
from raddle.services.context import Change, Context, retried
from raddle.services.events import ADMIN, PLAYERS, SCREEN
from raddle.services.lobbies import locked_lobby, require_lobby
from raddle.services.views import load_roster
from raddle.wire.events import EventType, PhaseChanged, RoundEnded, RoundStarted
from raddle.wire.guess import GuessLogEntry
from raddle.wire.round import HostRound, RoundSummary, RoundTimer
from raddle.wire.team import LeaderboardRow

MAX_TIME_LIMIT = 6 * 3600


@dataclass(frozen=True)
class RoundOptions:
    mode: Literal["same", "different"] = "same"
    difficulty: str | None = None
    puzzle: str | None = None
    time_limit_seconds: int | None = None
    hints: bool = True
    force: bool = False


def _move_phase(lobby: tables.Lobby, target: LobbyPhase) -> None:
    try:
        lobby.phase = transition(LobbyPhase(lobby.phase), target).value
    except PhaseError as exc:
        raise Conflict(f"The lobby cannot go from {lobby.phase} to {target}.", "bad_phase") from exc


def _check_countdown(ctx: Context, seconds: int) -> None:
    shortest = ctx.settings.min_countdown_seconds
    if not shortest <= seconds <= MAX_TIME_LIMIT:
        raise Invalid(
            f"A countdown is {shortest} s to {MAX_TIME_LIMIT // 3600} h long.", "bad_countdown"
        )


@retried
async def start_round(ctx: Context, code: str, options: RoundOptions) -> HostRound:
    """Deal ladders to every team with players and start the clock."""
    if options.time_limit_seconds is not None:
        _check_countdown(ctx, options.time_limit_seconds)
    async with ctx.change() as change:
        session = change.session
        lobby = await locked_lobby(change, code)
        if lobby.phase == LobbyPhase.PLAYING:
            raise Conflict("A round is already running in this lobby.", "round_running")
        teams = await team_rows.in_lobby(session, lobby.id)
        players = await player_rows.in_lobby(session, lobby.id)
        playing = [t for t in teams if any(p.team_id == t.id for p in players)]
        if not playing:
            raise Conflict("Put players on teams before starting a round.", "no_teams")
        waiting = [p.name for p in players if p.team_id is not None and not p.ready]
        if waiting and not options.force:
            raise Conflict(
                "Not everyone is ready: " + ", ".join(waiting[:10]) + ".",
                "not_ready",
            )
        puzzles = await _deal(ctx, session, lobby.id, len(playing), options)
        now = ctx.clock()
        number = await round_rows.count_in_lobby(session, lobby.id) + 1
        round_ = await round_rows.add_round(
            session,
            tables.Round(
                lobby_id=lobby.id,
                number=number,
                status="running",
                mode=options.mode if options.puzzle is None else "same",
                hints_enabled=options.hints,
                hint_cost_clue=DEFAULT_HINT_COSTS[HintLevel.CLUE],
                hint_cost_word=DEFAULT_HINT_COSTS[HintLevel.WORD],
                started_at=now,
                ends_at=(
                    now + timedelta(seconds=options.time_limit_seconds)
                    if options.time_limit_seconds
                    else None
                ),
            ),
        )
        for team, puzzle in zip(playing, puzzles, strict=True):
            await round_rows.add_ladder(
                session,
                tables.RoundTeam(
                    round_id=round_.id,
                    team_id=team.id,
                    team_name=team.name,
                    puzzle_slug=puzzle.slug,
                    puzzle_title=puzzle.title,
                    puzzle_author=puzzle.author,
                    puzzle_note=puzzle.note,
                    difficulty=puzzle.difficulty.value,
                    words=list(puzzle.words),
                    clues=list(puzzle.clues),
                    transforms=list(puzzle.transforms),
                    clue_seed=secrets.token_hex(16),
                    hint_cost=0.0,
                ),
            )
        _move_phase(lobby, LobbyPhase.PLAYING)
        await player_rows.clear_ready(session, lobby.id)
        data = await round_views.load_round(session, round_)
        views = round_views.audiences(data)
        # With the roster, whose ready marks were just cleared for the new round.
        roster = await load_roster(session, lobby.id)
        on_teams, everyone = roster.teams, roster.players
        await change.emit(
            lobby.id,
            EventType.ROUND_STARTED,
            {
                key: RoundStarted(round=view, teams=on_teams, players=everyone)
                for key, view in views.items()
            },
        )
        change.lobby_list_changed()
    host_view = views[ADMIN]
    assert isinstance(host_view, HostRound)
    return host_view


async def _deal(
    ctx: Context, session: AsyncSession, lobby_id: int, team_count: int, options: RoundOptions
) -> list[Puzzle]:
    library = await puzzle_service.load(ctx, session)
    if options.puzzle is not None:
        chosen = library.puzzles.get(options.puzzle)
        # The tutorial is for practice alone: it is never dealt.
        if chosen is None or chosen.slug == TUTORIAL_SLUG:
            raise NotFound(f"There is no puzzle called {options.puzzle!r}.", "puzzle_not_found")
        if chosen.slug in library.hidden:
            raise Conflict(
                f"{chosen.title!r} is hidden from dealing; show it again to deal it.",
                "puzzle_hidden",
            )
        return [chosen] * team_count
    pool = library.dealable()
    if options.difficulty is not None:
        if options.difficulty not in ("easy", "medium", "hard"):
            raise Invalid("Difficulty is easy, medium or hard.", "bad_difficulty")
        pool = [p for p in pool if p.difficulty.value == options.difficulty]
    if not pool:
        raise Conflict("There are no puzzles to deal.", "no_puzzles")
    played = await round_rows.played_slugs(session, lobby_id)
    slugs = pick_puzzles(
        [PuzzleChoice(p.slug, p.rung_count) for p in pool],
        team_count,
        options.mode,
        played,
        ctx.rng,
    )
    by_slug = {p.slug: p for p in pool}
    return [by_slug[slug] for slug in slugs]


async def finish_round(
    change: Change, lobby: tables.Lobby, round_: tables.Round, now: datetime, reason: RoundEndReason
) -> RoundSummary | None:
    """End and score a running round inside the caller's transaction, once only; its
    summary, or None when someone else ended it first."""
    if not await round_rows.end(change.session, round_, now, reason.value):
        return None
    session = change.session
    data = await round_views.load_round(session, round_)
    scores = summaries.score(data)
    for ladder in data.ladders:
        result = scores[ladder.id]
        await round_rows.save_score(
            session,
            ladder,
            place_points=result.place_points,
            points=result.points,
            place=result.place,
        )
    _move_phase(lobby, LobbyPhase.RESULTS)
    summary = await summaries.summary(session, data)
    board = await summaries.lobby_leaderboard(session, lobby.id)
    views = round_views.audiences(data)
    await change.emit(
        lobby.id,
        EventType.ROUND_ENDED,
        {
            key: RoundEnded(summary=summary, leaderboard=board, round=view)
            for key, view in views.items()
        },
    )
    change.lobby_list_changed()
    return summary


@retried
async def end_current_round(ctx: Context, code: str) -> RoundSummary:
    async with ctx.change() as change:
        lobby = await locked_lobby(change, code)
        round_ = await round_rows.running(change.session, lobby.id)
        if round_ is None:
            raise Conflict("No round is running.", "no_round")
        summary = await finish_round(change, lobby, round_, ctx.clock(), RoundEndReason.HOST)
        assert summary is not None  # the lobby lock is held: nobody else can end it
        return summary


@retried
async def start_timer(ctx: Context, code: str, seconds: int) -> RoundTimer:
    _check_countdown(ctx, seconds)
    async with ctx.change() as change:
        lobby = await locked_lobby(change, code)
        round_ = await round_rows.running(change.session, lobby.id)
        if round_ is None:
            raise Conflict("No round is running.", "no_round")
        ends_at = ctx.clock() + timedelta(seconds=seconds)
        await round_rows.set_deadline(change.session, round_.id, ends_at)
        data = RoundTimer(round_id=round_.id, ends_at=ends_at)
        await change.emit(
            lobby.id, EventType.TIMER_STARTED, {ADMIN: data, PLAYERS: data, SCREEN: data}
        )
    return data


async def end_due_rounds(ctx: Context) -> int:
    """End every round whose countdown has run out. Claimed in the database, so a
    deadline fires once however many processes look at it."""
    ended = 0
    async with ctx.db.read() as session:
        due = await round_rows.due(session, ctx.clock())
    for candidate in due:
        async with ctx.change() as change:
            lobby = await change.lock_lobby(candidate.lobby_id)
            round_ = await round_rows.by_id(change.session, candidate.id)
            if lobby is None or round_ is None or round_.status != "running":
                continue
            if (
                await finish_round(change, lobby, round_, ctx.clock(), RoundEndReason.TIMER)
                is not None
            ):
                ended += 1
    return ended


@retried
async def back_to_lobby(ctx: Context, code: str) -> None:
    async with ctx.change() as change:
        lobby = await locked_lobby(change, code)
        if lobby.phase == LobbyPhase.LOBBY:
            return
        _move_phase(lobby, LobbyPhase.LOBBY)
        data = PhaseChanged(phase=lobby.phase)
        await change.emit(lobby.id, EventType.PHASE_CHANGED, {ADMIN: data, PLAYERS: data})
        change.lobby_list_changed()


async def round_summaries(ctx: Context, code: str) -> list[RoundSummary]:
    async with ctx.db.snapshot() as session:
        lobby = await require_lobby(session, code)
        result = []
        for round_ in await round_rows.in_lobby(session, lobby.id):
            if round_.status == "ended":
                data = await round_views.load_round(session, round_)
                result.append(await summaries.summary(session, data))
        return result


async def leaderboard(ctx: Context, code: str) -> list[LeaderboardRow]:
    async with ctx.db.read() as session:
        lobby = await require_lobby(session, code)
        return await summaries.lobby_leaderboard(session, lobby.id)


async def guess_log(ctx: Context, code: str, number: int) -> list[GuessLogEntry]:
    """Every guess of one round, in the order the server judged them."""
    async with ctx.db.read() as session:
        lobby = await require_lobby(session, code)
        round_ = next(
            (r for r in await round_rows.in_lobby(session, lobby.id) if r.number == number), None
        )
        if round_ is None:
            raise NotFound(f"This lobby has no round {number}.", "round_not_found")
        ladders = {ladder.id: ladder for ladder in await round_rows.ladders(session, round_.id)}
        guesses = await round_rows.all_guesses(session, list(ladders))
    return [
        GuessLogEntry(
            team_id=ladders[g.round_team_id].team_id,
            **round_views.guess_view(g).model_dump(),
        )
        for g in guesses
    ]
