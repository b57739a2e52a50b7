"""The host's login: a password in exchange for an expiring token."""

from __future__ import annotations

from datetime import timedelta

from raddle import wire
from raddle.db.repositories import admin_sessions
from raddle.errors import Unauthorized
from raddle.services.kit.context import Context, retried
from raddle.tokens import hash_token, new_token, same_secret


@retried
async def log_in(ctx: Context, password: str) -> wire.AdminToken:
    expected = ctx.settings.admin_password
    # Compare even when no password is configured so timing says nothing.
    if not same_secret(password, expected or "\x00" * 32) or not expected:
        raise Unauthorized("That password is not right.", "bad_password")
    token = new_token()
    now = ctx.clock()
    expires_at = now + timedelta(hours=ctx.settings.admin_session_hours)
    async with ctx.change() as change:
        await admin_sessions.remove_expired(change.session, now)
        await admin_sessions.add(change.session, hash_token(token), expires_at)
    return wire.AdminToken(token=token, expires_at=expires_at)


@retried
async def log_out(ctx: Context, token: str) -> None:
    async with ctx.change() as change:
        await admin_sessions.remove(change.session, hash_token(token))


async def is_admin(ctx: Context, token: str) -> bool:
    async with ctx.db.read() as session:
        return await admin_sessions.is_valid(session, hash_token(token), ctx.clock())


async def valid_sessions(ctx: Context, token_hashes: set[str | None]) -> set[str]:
    """Which of these login sessions are still valid."""
    hashes = {h for h in token_hashes if h is not None}
    async with ctx.db.read() as session:
        return await admin_sessions.valid_among(session, hashes, ctx.clock())
