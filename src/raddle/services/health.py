"""Whether the services the game depends on answer."""

from __future__ import annotations

import asyncio

from sqlalchemy import text

from raddle.services.kit.context import Context

CHECK_SECONDS = 2.0


async def check(ctx: Context) -> str | None:
    """None when healthy, else what is wrong in plain words."""
    try:
        async with asyncio.timeout(CHECK_SECONDS), ctx.db.read() as session:
            await session.execute(text("SELECT 1"))
    except Exception:
        return "The database is not answering."
    probe = getattr(ctx.publisher, "ping", None)
    if probe is not None:
        try:
            async with asyncio.timeout(CHECK_SECONDS):
                await probe()
        except Exception:
            return "Redis is not answering."
    return None
