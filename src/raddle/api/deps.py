"""Request dependencies: the service context and who is calling."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from raddle.errors import Unauthorized
from raddle.services import admin_auth
from raddle.services.kit.context import Context

_bearer = HTTPBearer(auto_error=False)


# Dependencies are coroutines: FastAPI runs plain functions in a thread pool, which
# costs more than the work they do.


async def client_address(request: Request) -> str:
    # The peer, or behind RADDLE_TRUSTED_PROXIES the visitor they forwarded for.
    return request.client.host if request.client else "unknown"


Address = Annotated[str, Depends(client_address)]


async def get_context(request: Request) -> Context:
    context: Context = request.app.state.context
    return context


Ctx = Annotated[Context, Depends(get_context)]


async def bearer_token(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str:
    if credentials is None or not credentials.credentials:
        raise Unauthorized("Send your token as 'Authorization: Bearer <token>'.", "missing_token")
    return credentials.credentials


Token = Annotated[str, Depends(bearer_token)]


async def require_admin(ctx: Ctx, token: Token) -> str:
    if not await admin_auth.is_admin(ctx, token):
        raise Unauthorized("This host session is not valid; log in again.", "bad_admin_token")
    return token


AdminToken = Annotated[str, Depends(require_admin)]


# Ids fit a 32-bit integer column on every engine; anything else cannot name a row.
MAX_ID = 2_147_483_647
RowId = Annotated[int, Path(ge=1, le=MAX_ID)]
