"""The host's round endpoints: start, countdown, end, results, leaderboard."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Response, status
from pydantic import BaseModel, Field

from raddle import schemas
from raddle.api.deps import AdminToken, Ctx
from raddle.services import games, rounds

router = APIRouter(prefix="/admin", tags=["rounds"])
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": schemas.ErrorBody} for code in (401, 404, 409, 422)
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


@router.post("/lobbies/{code}/rounds", status_code=status.HTTP_201_CREATED, responses=ERRORS)
async def start_round(ctx: Ctx, _: AdminToken, code: str, body: RoundBody) -> dict[str, Any]:
    """Start a round; the answer is the round as the host sees it (answers included)."""
    options = rounds.RoundOptions(**body.model_dump())
    return await rounds.start_round(ctx, code, options)


@router.post("/lobbies/{code}/rounds/current/end", responses=ERRORS)
async def end_round(ctx: Ctx, _: AdminToken, code: str) -> dict[str, Any]:
    """End the running round now and score it; the answer is its summary."""
    return await rounds.end_current_round(ctx, code)


@router.post("/lobbies/{code}/rounds/current/timer", responses=ERRORS)
async def start_timer(ctx: Ctx, _: AdminToken, code: str, body: TimerBody) -> dict[str, Any]:
    """Start (or restart) the countdown of the running round."""
    return await rounds.start_timer(ctx, code, body.seconds)


@router.get("/lobbies/{code}/rounds", responses=ERRORS)
async def round_summaries(ctx: Ctx, _: AdminToken, code: str) -> list[dict[str, Any]]:
    """Every ended round's summary, oldest first."""
    return await rounds.round_summaries(ctx, code)


@router.get("/lobbies/{code}/leaderboard", responses=ERRORS)
async def leaderboard(ctx: Ctx, _: AdminToken, code: str) -> list[dict[str, Any]]:
    return await rounds.leaderboard(ctx, code)


@router.post("/lobbies/{code}/phase", status_code=status.HTTP_204_NO_CONTENT, responses=ERRORS)
async def set_phase(ctx: Ctx, _: AdminToken, code: str, body: PhaseBody) -> Response:
    """Go back to the lobby screen after the results."""
    await rounds.back_to_lobby(ctx, code)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/lobbies/{code}/games", response_model=schemas.NewGame, responses=ERRORS)
async def new_game(ctx: Ctx, _: AdminToken, code: str) -> schemas.NewGame:
    """A new game with the same players and teams: the leaderboard starts again from
    the next round; earlier rounds stay in the results."""
    return await games.new_game(ctx, code)


@router.get("/lobbies/{code}/rounds/{number}/guesses", responses=ERRORS)
async def guess_log(
    ctx: Ctx, _: AdminToken, code: str, number: Annotated[int, Path(ge=1, le=100_000)]
) -> list[dict[str, Any]]:
    """Every guess of a round, right and wrong, in the order they were judged."""
    return await rounds.guess_log(ctx, code, number)
