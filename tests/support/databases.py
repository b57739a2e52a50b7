"""A fresh database for each test run: a SQLite file, or a new PostgreSQL database."""

from __future__ import annotations

import asyncio
import os
import secrets
import threading
from collections.abc import Coroutine, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import asyncpg

POSTGRES_ADMIN_URL = os.environ.get(
    "RADDLE_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
REDIS_URL = os.environ.get("RADDLE_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def run_sync(coro: Coroutine[Any, Any, Any]) -> Any:
    """Run a coroutine to completion on a private loop in its own thread."""
    result: list[Any] = []
    error: list[BaseException] = []

    def target() -> None:
        try:
            result.append(asyncio.run(coro))
        except BaseException as exc:
            error.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if error:
        raise error[0]
    return result[0] if result else None


async def _admin(sql: str) -> None:
    connection = await asyncpg.connect(POSTGRES_ADMIN_URL)
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


@contextmanager
def postgres_database() -> Iterator[str]:
    """A new, empty PostgreSQL database for this run, dropped afterwards."""
    name = f"raddle_test_{os.getpid()}_{secrets.token_hex(3)}"
    run_sync(_admin(f'CREATE DATABASE "{name}"'))
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        run_sync(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@contextmanager
def sqlite_database(folder: Path) -> Iterator[str]:
    path = folder / f"raddle-{secrets.token_hex(3)}.db"
    yield f"sqlite:///{path}"


@contextmanager
def database(backend: str, folder: Path) -> Iterator[str]:
    if backend == "postgres":
        with postgres_database() as url:
            yield url
    else:
        with sqlite_database(folder) as url:
            yield url
