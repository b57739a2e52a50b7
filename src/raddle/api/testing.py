"""Endpoints that exist only when RADDLE_TESTING=true."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from raddle.api.deps import Ctx
from raddle.services import testing

router = APIRouter(prefix="/testing", tags=["testing"])


@router.delete("/reset", status_code=status.HTTP_204_NO_CONTENT)
async def reset(ctx: Ctx) -> Response:
    await testing.wipe(ctx)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
