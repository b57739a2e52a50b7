"""Housekeeping that every server process does on its own: deleting idle lobbies.

Every process runs it; the deletions claim their lobbies in the database, so two
processes never delete the same lobby twice and any one of them is enough.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random

from raddle.services import retention
from raddle.services.kit.context import Context

log = logging.getLogger("raddle.upkeep")


class Upkeep:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._task: asyncio.Task[None] | None = None
        self._rng = random.Random()

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(BaseException):
                await self._task

    async def _run(self) -> None:
        every = self.ctx.settings.retention_check_seconds
        while True:
            # Spread out, so that processes started together do not all look at once.
            await asyncio.sleep(every * self._rng.uniform(0.5, 1.0))
            try:
                purge = await retention.purge_idle_lobbies(self.ctx)
            except Exception as exc:
                log.warning("retention check failed: %s", type(exc).__name__)
                continue
            if purge.lobbies:
                log.info(
                    "deleted idle lobbies",
                    extra={"lobbies": purge.lobbies, "batches": purge.batches},
                )
