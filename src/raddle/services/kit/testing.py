"""Test support, only wired when RADDLE_TESTING=true: wipe everything, move the clock."""

from __future__ import annotations

from datetime import datetime

from raddle.clock import Clock
from raddle.db.repositories import maintenance
from raddle.services.kit.context import Context


async def wipe(ctx: Context) -> None:
    async with ctx.change() as change:
        await maintenance.wipe_all(change.session)
        change.lobby_list_changed()


def advance_clock(ctx: Context, seconds: float) -> datetime:
    if not isinstance(ctx.clock, Clock):
        raise RuntimeError("this server's clock cannot be moved")
    return ctx.clock.advance(seconds)
