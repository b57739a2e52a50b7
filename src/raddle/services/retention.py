"""Retention: lobbies nobody has touched for RADDLE_RETENTION_DAYS are deleted.

Deleting goes in small batches, each its own short transaction, so that play in
other lobbies waits at most for one batch (on SQLite every write takes turns).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import timedelta

from raddle.db.repositories import lobbies as lobby_rows
from raddle.services.context import Context
from raddle.services.lobbies import announce_deleted

# Lobbies per transaction: a lobby brings its rounds, guesses and events along.
BATCH_LOBBIES = 10


@dataclass(frozen=True)
class Purge:
    lobbies: int
    batches: int


async def purge_idle_lobbies(ctx: Context, batch: int = BATCH_LOBBIES) -> Purge:
    """Delete every lobby idle for longer than the retention time, batch by batch."""
    cutoff = ctx.clock() - timedelta(days=ctx.settings.retention_days)
    deleted = batches = 0
    while True:
        async with ctx.change() as change:
            claimed = await lobby_rows.claim_idle(change.session, cutoff, batch)
            for lobby_id, code in claimed:
                await announce_deleted(
                    change, lobby_id, code, "This lobby was closed after a long time idle."
                )
            await lobby_rows.remove_many(change.session, [lobby_id for lobby_id, _ in claimed])
            if claimed:
                change.lobby_list_changed()
        if not claimed:
            return Purge(deleted, batches)
        deleted += len(claimed)
        batches += 1
        # Let writes that queued behind this batch go first.
        await asyncio.sleep(0)
