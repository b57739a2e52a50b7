"""Endpoints that exist only when RADDLE_TESTING=true."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Response, status
from pydantic import BaseModel, Field

from raddle.api.deps import Ctx
from raddle.services.kit import testing

router = APIRouter(prefix="/testing", tags=["testing"])


@router.delete("/reset", status_code=status.HTTP_204_NO_CONTENT)
async def reset(ctx: Ctx) -> Response:
    await testing.wipe(ctx)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


class ClockBody(BaseModel):
    advance_seconds: float = Field(ge=0, le=10 * 365 * 86_400)


class ClockState(BaseModel):
    now: datetime


@router.post("/clock", response_model=ClockState)
async def advance_clock(ctx: Ctx, body: ClockBody) -> ClockState:
    """Move this server's clock forward (this process only)."""
    return ClockState(now=testing.advance_clock(ctx, body.advance_seconds))
