"""Read-only endpoints anyone may call: the big screen's view and the practice ladder."""

from __future__ import annotations

from fastapi import APIRouter

from raddle import wire
from raddle.api.deps import Address, Ctx
from raddle.services import lobbies
from raddle.wire.ladder import PracticeLadder, PracticeRung

router = APIRouter(tags=["public"])


@router.get(
    "/screen/{code}",
    response_model=wire.LobbySnapshot,
    responses={c: {"model": wire.ErrorBody} for c in (404, 429)},
)
async def screen(ctx: Ctx, address: Address, code: str) -> wire.LobbySnapshot:
    """What the big screen shows: teams and progress, never answers while a round runs."""
    return await lobbies.screen_state(ctx, code, address)


@router.get("/tutorial", response_model=PracticeLadder)
async def tutorial(ctx: Ctx) -> PracticeLadder:
    """The practice ladder, answers included: it is solved in the browser, alone."""
    puzzle = ctx.puzzles.tutorial()
    return PracticeLadder(
        title=puzzle.title,
        rungs=[PracticeRung(word=r.word, clue=r.clue) for r in puzzle.rungs],
    )
