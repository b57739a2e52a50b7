"""Test support: wipe every lobby and session (only wired when RADDLE_TESTING=true)."""

from __future__ import annotations

from raddle.db.repositories import maintenance
from raddle.services.context import Context


async def wipe(ctx: Context) -> None:
    async with ctx.change() as change:
        await maintenance.wipe_all(change.session)
        change.lobby_list_changed()
