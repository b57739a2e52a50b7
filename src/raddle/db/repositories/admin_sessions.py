"""Queries on the host's login sessions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from raddle.db.tables import AdminSession


async def add(session: AsyncSession, token_hash: str, expires_at: datetime) -> AdminSession:
    row = AdminSession(token_hash=token_hash, expires_at=expires_at)
    session.add(row)
    await session.flush()
    return row


# Built once: every host request is checked with it.
_VALID = (
    select(AdminSession.id)
    .where(
        AdminSession.token_hash == bindparam("token_hash"),
        AdminSession.expires_at > bindparam("now"),
    )
    .limit(1)
)


async def is_valid(session: AsyncSession, token_hash: str, now: datetime) -> bool:
    """Whether a login session with this token hash exists and has not expired."""
    result = await session.execute(_VALID, {"token_hash": token_hash, "now": now})
    return result.scalar_one_or_none() is not None


async def valid_among(session: AsyncSession, token_hashes: set[str], now: datetime) -> set[str]:
    if not token_hashes:
        return set()
    result = await session.execute(
        select(AdminSession.token_hash).where(
            AdminSession.token_hash.in_(token_hashes), AdminSession.expires_at > now
        )
    )
    return set(result.scalars())


async def remove(session: AsyncSession, token_hash: str) -> bool:
    result = await session.execute(
        delete(AdminSession).where(AdminSession.token_hash == token_hash)
    )
    return bool(getattr(result, "rowcount", 0))


async def remove_expired(session: AsyncSession, now: datetime) -> None:
    await session.execute(delete(AdminSession).where(AdminSession.expires_at <= now))
