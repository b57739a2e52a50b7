"""The host's round endpoints: start, countdown, end, results, leaderboard."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Response, status
from pydantic import BaseModel, Field

from raddle import wire
from raddle.api.deps import AdminToken, Ctx
from raddle.services import games, rounds
from raddle.wire.guess import GuessLogEntry
from raddle.wire.round import HostRound, RoundSummary, RoundTimer
from raddle.wire.team import LeaderboardRow

router = APIRouter(prefix="/admin", tags=["rounds"])
# FastAPI's `responses`: OpenAPI text about each error status (the body is ErrorBody).
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": wire.ErrorBody} for code in (401, 404, 409, 422)
}


class RoundBody(BaseModel):
    mode: Literal["same", "different"] = "same"
    difficulty: Literal["easy", "medium", "hard"] | None = None
    puzzle: str | None = Field(default=None, max_length=80, description="a puzzle slug")
    time_limit_seconds: int | None = Field(default=None, ge=1, le=rounds.MAX_TIME_LIMIT)
    hints: bool = True
    force: bool = Field(default=False, description="start even if some players are not ready")


class TimerBody(BaseModel):
    seconds: int = Field(ge=1, le=rounds.MAX_TIME_LIMIT)


class PhaseBody(BaseModel):
    phase: Literal["lobby"]


@router.post(
    "/lobbies/{code}/rounds",
    status_code=status.HTTP_201_CREATED,
    response_model=HostRound,
    responses=ERRORS,
)
async def start_round(ctx: Ctx, _: AdminToken, code: str, body: RoundBody) -> HostRound:
    """Start a round; the answer is the round as the host sees it (answers included)."""
    options = rounds.RoundOptions(**body.model_dump())
    return await rounds.start_round(ctx, code, options)


@router.post("/lobbies/{code}/rounds/current/end", response_model=RoundSummary, responses=ERRORS)
async def end_round(ctx: Ctx, _: AdminToken, code: str) -> RoundSummary:
    """End the running round now and score it; the answer is its summary."""
    return await rounds.end_current_round(ctx, code)


@router.post("/lobbies/{code}/rounds/current/timer", response_model=RoundTimer, responses=ERRORS)
async def start_timer(ctx: Ctx, _: AdminToken, code: str, body: TimerBody) -> RoundTimer:
    """Start (or restart) the countdown of the running round."""
    return await rounds.start_timer(ctx, code, body.seconds)


@router.get("/lobbies/{code}/rounds", response_model=list[RoundSummary], responses=ERRORS)
async def round_summaries(ctx: Ctx, _: AdminToken, code: str) -> list[RoundSummary]:
    """Every ended round's summary, oldest first."""
    return await rounds.round_summaries(ctx, code)


@router.get("/lobbies/{code}/leaderboard", response_model=list[LeaderboardRow], responses=ERRORS)
async def leaderboard(ctx: Ctx, _: AdminToken, code: str) -> list[LeaderboardRow]:
    """Points, wins and rounds per team over every ended round."""
    return await rounds.leaderboard(ctx, code)


@router.post("/lobbies/{code}/phase", status_code=status.HTTP_204_NO_CONTENT, responses=ERRORS)
async def set_phase(ctx: Ctx, _: AdminToken, code: str, body: PhaseBody) -> Response:
    """Go back to the lobby screen after the results."""
    await rounds.back_to_lobby(ctx, code)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/lobbies/{code}/games", response_model=wire.NewGame, responses=ERRORS)
async def new_game(ctx: Ctx, _: AdminToken, code: str) -> wire.NewGame:
    """A new game with the same players and teams: the leaderboard starts again from
    the next round; earlier rounds stay in the results."""
    return await games.new_game(ctx, code)


@router.get(
    "/lobbies/{code}/rounds/{number}/guesses",
    response_model=list[GuessLogEntry],
    responses=ERRORS,
)
async def guess_log(
    ctx: Ctx, _: AdminToken, code: str, number: Annotated[int, Path(ge=1, le=100_000)]
) -> list[GuessLogEntry]:
    """Every guess of a round, right and wrong, in the order they were judged."""
    return await rounds.guess_log(ctx, code, number)
