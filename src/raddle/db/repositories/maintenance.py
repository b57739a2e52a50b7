"""Whole-database operations."""

from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from raddle.db.tables import Base


async def wipe_all(session: AsyncSession) -> None:
    # Children before parents, so foreign keys never stand in the way.
    for table in reversed(Base.metadata.sorted_tables):
        await session.execute(delete(table))
