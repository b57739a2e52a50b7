"""The players' endpoints: look up a lobby, join it, who am I, leave."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Response, status
from pydantic import BaseModel, Field

from raddle import schemas
from raddle.api.deps import Address, Ctx, Token
from raddle.services import lobbies, play, players

router = APIRouter(tags=["players"])
ERRORS: dict[int | str, dict[str, object]] = {
    code: {"model": schemas.ErrorBody} for code in (401, 403, 404, 409, 422, 429)
}


class JoinBody(BaseModel):
    name: str = Field(max_length=200)


class ReadyBody(BaseModel):
    ready: bool


# The client's name for a guess or hint, shared by both bodies.
Ref = Annotated[
    str | None,
    Field(
        min_length=1,
        max_length=play.MAX_REF_LENGTH,
        pattern=r"^[ -~]+$",
        description="the client's name for this message; re-sent under it, it is judged once",
    ),
]


class GuessBody(BaseModel):
    rung: int = Field(ge=0, le=100)
    word: str = Field(max_length=play.MAX_GUESS_LENGTH)
    ref: Ref = None


class HintBody(BaseModel):
    direction: Literal["down", "up"]
    level: Literal[1, 2]
    rung: int | None = Field(
        default=None,
        ge=0,
        le=100,
        description="the rung the hint is for; a retry for a rung solved since costs nothing",
    )
    ref: Ref = None


@router.get("/lobbies/{code}", response_model=schemas.LobbySummary, responses=ERRORS)
async def lobby_summary(ctx: Ctx, address: Address, code: str) -> schemas.LobbySummary:
    return await lobbies.summary(ctx, code, address)


@router.post(
    "/lobbies/{code}/players",
    status_code=status.HTTP_201_CREATED,
    response_model=schemas.JoinResult,
    responses=ERRORS,
)
async def join(ctx: Ctx, address: Address, code: str, body: JoinBody) -> schemas.JoinResult:
    await ctx.limits.join_attempt(address, code[:16])
    return await players.join_lobby(ctx, code, body.name, address)


@router.get("/me", response_model=schemas.Me, responses=ERRORS)
async def me(ctx: Ctx, token: Token) -> schemas.Me:
    return await players.me(ctx, token)


@router.delete("/me", status_code=status.HTTP_204_NO_CONTENT, responses=ERRORS)
async def leave(ctx: Ctx, token: Token) -> Response:
    await players.leave(ctx, token)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.put("/me/ready", response_model=schemas.Player, responses=ERRORS)
async def set_ready(ctx: Ctx, token: Token, body: ReadyBody) -> schemas.Player:
    who = await players.identify(ctx, token)
    return await players.set_ready(ctx, who.player.id, body.ready)


@router.post("/me/guess", responses=ERRORS)
async def guess(ctx: Ctx, token: Token, body: GuessBody) -> dict[str, Any]:
    """Guess a rung, as over the socket; the answer is the `guess_result` body."""
    who = await players.identify(ctx, token)
    return await play.submit_guess(ctx, who.player.id, body.rung, body.word, body.ref)


@router.post("/me/hint", responses=ERRORS)
async def hint(ctx: Ctx, token: Token, body: HintBody) -> dict[str, Any]:
    """Take a hint for the rung being solved in `direction`; the `hint_result` body."""
    who = await players.identify(ctx, token)
    return await play.take_hint(ctx, who.player.id, body.direction, body.level, body.rung, body.ref)
