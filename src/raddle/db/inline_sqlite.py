"""SQLite statements run on the event loop's own thread.

aiosqlite gives every connection a thread and sends each DB-API call (execute,
fetch, commit) to it and back: a queue hand-off, a `call_soon_threadsafe` wake-up
and a GIL hand-over per call, about 0.3-0.5 ms each on a busy core, several times
what the statement itself costs. Our statements are short (indexed lookups, one-row
writes; WAL with synchronous=NORMAL, so a commit does not wait for the disk), so
they are run right where they are awaited instead, with aiosqlite's connection kept
as the object SQLAlchemy's dialect expects.

What this gives up: a statement that waits blocks the loop while it waits. In WAL
readers never wait for the writer; a write waits only on another *process* writing
the same file (the busy timeout), and SQLite serves one server process, so that is
a maintenance command at most (a backup, a puzzle import), and a checkpoint now and
then at commit.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from functools import partial
from typing import Any

import aiosqlite


class _RunNow:
    """Stands in for aiosqlite's queue to its thread: runs each call at once."""

    def put_nowait(self, item: tuple[asyncio.Future[Any] | None, Callable[[], Any]]) -> None:
        future, function = item
        try:
            result = function()
        except BaseException as exc:  # handed to the awaiting caller, like aiosqlite
            if future is not None and not future.done():
                future.set_exception(exc)
            return
        if future is not None and not future.done():
            future.set_result(result)


class InlineConnection(aiosqlite.Connection):
    """An aiosqlite connection whose calls run on the caller's thread, no worker thread."""

    def __init__(self, connector: Callable[[], sqlite3.Connection]) -> None:
        super().__init__(connector, iter_chunk_size=64)
        self._tx = _RunNow()  # type: ignore[assignment]

    def __await__(self) -> Any:
        # aiosqlite starts its thread here; nothing to start.
        return self._connect().__await__()

    async def _execute(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        if not self._running or not self._connection:
            raise ValueError("Connection closed")
        return fn(*args, **kwargs)


def connect(*args: Any, **kwargs: Any) -> InlineConnection:
    """Open a connection with the arguments SQLAlchemy's dialect computed."""
    return InlineConnection(partial(sqlite3.connect, *args, **kwargs))
