"""Queries on the puzzles hosts keep in the database, and on hidden puzzles."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from raddle.db.tables import HiddenPuzzle, HostPuzzle


async def all_host(session: AsyncSession) -> list[HostPuzzle]:
    result = await session.execute(select(HostPuzzle).order_by(HostPuzzle.slug))
    return list(result.scalars())


async def host_by_slug(session: AsyncSession, slug: str) -> HostPuzzle | None:
    result = await session.execute(select(HostPuzzle).where(HostPuzzle.slug == slug))
    return result.scalar_one_or_none()


async def host_slugs(session: AsyncSession) -> set[str]:
    return set((await session.execute(select(HostPuzzle.slug))).scalars())


async def add_host(session: AsyncSession, row: HostPuzzle) -> HostPuzzle:
    session.add(row)
    await session.flush()
    return row


async def delete_host(session: AsyncSession, row: HostPuzzle) -> None:
    await session.delete(row)
    await session.flush()


async def hidden_slugs(session: AsyncSession) -> set[str]:
    return set((await session.execute(select(HiddenPuzzle.slug))).scalars())


async def hide(session: AsyncSession, slug: str, now: datetime) -> None:
    """Hide a puzzle; hiding it twice (even in two racing requests) is the same as once."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    await session.execute(
        insert(HiddenPuzzle).values(slug=slug, hidden_at=now).on_conflict_do_nothing()
    )


async def unhide(session: AsyncSession, slug: str) -> None:
    await session.execute(delete(HiddenPuzzle).where(HiddenPuzzle.slug == slug))
