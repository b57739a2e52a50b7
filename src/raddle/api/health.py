"""Health: the database (and Redis, when configured) answer."""

from __future__ import annotations

from fastapi import APIRouter

from raddle import __version__, wire
from raddle.api.deps import Ctx
from raddle.api.errors import error_response
from raddle.api.responses import JSONBody
from raddle.services import health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=wire.Health, responses={503: {"model": wire.ErrorBody}})
async def get_health(ctx: Ctx) -> wire.Health | JSONBody:
    problem = await health.check(ctx)
    if problem:
        return error_response(503, problem, "unavailable")
    return wire.Health(status="ok", version=__version__)
