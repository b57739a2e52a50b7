"""The players' endpoints: look up a lobby, join it, who am I, leave."""

from __future__ import annotations

from fastapi import APIRouter, Response, status
from pydantic import BaseModel, Field

from raddle import wire
from raddle.api.deps import Address, Ctx, Token
from raddle.services import lobbies, play, players
from raddle.wire.guess import GuessBody, GuessResult
from raddle.wire.hint import HintBody, HintResult
from raddle.wire.player import ReadyBody

router = APIRouter(tags=["players"])
ERRORS: dict[int | str, dict[str, object]] = {
    code: {"model": wire.ErrorBody} for code in (401, 403, 404, 409, 422, 429)
}


class JoinBody(BaseModel):
    name: str = Field(max_length=200)


@router.get("/lobbies/{code}", response_model=wire.LobbySummary, responses=ERRORS)
async def lobby_summary(ctx: Ctx, address: Address, code: str) -> wire.LobbySummary:
    return await lobbies.summary(ctx, code, address)


@router.post(
    "/lobbies/{code}/players",
    status_code=status.HTTP_201_CREATED,
    response_model=wire.JoinResult,
    responses=ERRORS,
)
async def join(ctx: Ctx, address: Address, code: str, body: JoinBody) -> wire.JoinResult:
    await ctx.limits.join_attempt(address, code[:16])
    return await players.join_lobby(ctx, code, body.name, address)


@router.get("/me", response_model=wire.Me, responses=ERRORS)
async def me(ctx: Ctx, token: Token) -> wire.Me:
    return await players.me(ctx, token)


@router.delete("/me", status_code=status.HTTP_204_NO_CONTENT, responses=ERRORS)
async def leave(ctx: Ctx, token: Token) -> Response:
    await players.leave(ctx, token)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.put("/me/ready", response_model=wire.Player, responses=ERRORS)
async def set_ready(ctx: Ctx, token: Token, body: ReadyBody) -> wire.Player:
    who = await players.identify(ctx, token)
    return await players.set_ready(ctx, who.player.id, body.ready)


@router.post("/me/guess", response_model=GuessResult, responses=ERRORS)
async def guess(ctx: Ctx, token: Token, body: GuessBody) -> GuessResult:
    """Guess a rung, as over the socket; the answer is the `guess_result` body."""
    who = await players.identify(ctx, token)
    return await play.submit_guess(ctx, who.player.id, body)


@router.post("/me/hint", response_model=HintResult, responses=ERRORS)
async def hint(ctx: Ctx, token: Token, body: HintBody) -> HintResult:
    """Take a hint for the rung being solved in `direction`; the `hint_result` body."""
    who = await players.identify(ctx, token)
    return await play.take_hint(ctx, who.player.id, body)
