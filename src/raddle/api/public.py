"""Read-only endpoints anyone may call: the big screen's view and the practice ladder."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from raddle import schemas
from raddle.api.deps import Address, Ctx
from raddle.services import lobbies

router = APIRouter(tags=["public"])


@router.get("/screen/{code}", responses={c: {"model": schemas.ErrorBody} for c in (404, 429)})
async def screen(ctx: Ctx, address: Address, code: str) -> dict[str, Any]:
    """What the big screen shows: teams and progress, never answers while a round runs."""
    return await lobbies.screen_state(ctx, code, address)


@router.get("/tutorial")
async def tutorial(ctx: Ctx) -> dict[str, Any]:
    """The practice ladder, answers included: it is solved in the browser, alone."""
    puzzle = ctx.puzzles.tutorial()
    return {
        "title": puzzle.title,
        "rungs": [{"word": r.word, "clue": r.clue} for r in puzzle.rungs],
    }
