"""Retention: lobbies nobody has touched for RADDLE_RETENTION_DAYS are deleted.

Deleting goes in small batches, each its own short transaction, so that play in
other lobbies waits at most for one batch (on SQLite every write takes turns).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timedelta

from raddle.db.repositories import lobbies as lobby_rows
from raddle.services.kit.context import Context, retried
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
    while claimed := await _delete_batch(ctx, cutoff, batch):
        deleted += claimed
        batches += 1
        # Let writes that queued behind this batch go first.
        await asyncio.sleep(0)
    return Purge(deleted, batches)


@retried
async def _delete_batch(ctx: Context, cutoff: datetime, batch: int) -> int:
    async with ctx.change() as change:
        # Lobbies another writer holds are skipped (they are busy, so not idle).
        claimed = await lobby_rows.claim_idle(change.session, cutoff, batch)
        for lobby_id, code in claimed:
            await change.lock_lobby(lobby_id)
            await announce_deleted(
                change, lobby_id, code, "This lobby was closed after a long time idle."
            )
        await lobby_rows.remove_many(change.session, [lobby_id for lobby_id, _ in claimed])
        if claimed:
            change.lobby_list_changed()
    return len(claimed)
