"""Engines and sessions for SQLite (the default) and PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from raddle.config import async_database_url
from raddle.db import inline_sqlite

SQLITE_BUSY_TIMEOUT_MS = 10_000


def _dumps(value: Any) -> str:
    return orjson.dumps(value).decode()


# Event payloads are stored as JSON on every change: orjson, not the standard library.
JSON_CODEC: dict[str, Any] = {"json_serializer": _dumps, "json_deserializer": orjson.loads}


class Database:
    """Two doors to one database: `read()` for queries, `write()` for changes.

    On SQLite every write goes through a single connection that starts its
    transactions with BEGIN IMMEDIATE: writers queue in this process instead of
    failing with "database is locked", and other processes wait on the busy
    timeout. Readers use their own pool and never block (WAL). On PostgreSQL
    both doors share one pool.
    """

    def __init__(self, url: str) -> None:
        self.url = async_database_url(url)
        self.is_sqlite = self.url.startswith("sqlite")
        if self.is_sqlite:
            _ensure_sqlite_folder(self.url)
            self.read_engine = _sqlite_engine(self.url, immediate=False, pool_size=4)
            self.write_engine = _sqlite_engine(self.url, immediate=True, pool_size=1)
        else:
            self.read_engine = create_async_engine(
                self.url, pool_size=10, max_overflow=20, pool_pre_ping=True, **JSON_CODEC
            )
            self.write_engine = self.read_engine
        self._reads = async_sessionmaker(self.read_engine, expire_on_commit=False)
        self._writes = async_sessionmaker(self.write_engine, expire_on_commit=False)

    @asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncSession]:
        async with self._reads() as session:
            yield session

    @asynccontextmanager
    async def snapshot(self) -> AsyncIterator[AsyncSession]:
        """A read transaction that sees one moment for all its queries.

        SQLite's read transactions already do (WAL); PostgreSQL needs REPEATABLE READ,
        or a lobby's seq and its state could come from two different moments.
        """
        async with self._reads() as session, session.begin():
            if not self.is_sqlite:
                await session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            yield session

    @asynccontextmanager
    async def write(
        self, committed: Callable[[], None] | None = None
    ) -> AsyncIterator[AsyncSession]:
        """A transaction that commits when the block ends without an error.

        `committed` runs right after the commit, before the session is closed: closing
        lets other tasks run, and what must follow the commit before anyone reads
        the committed state from this process (the caches) goes there."""
        async with self._writes() as session:
            async with session.begin():
                if self.is_sqlite:
                    mark_serial(session)
                yield session
            if committed is not None:
                committed()

    async def dispose(self) -> None:
        await self.read_engine.dispose()
        if self.write_engine is not self.read_engine:
            await self.write_engine.dispose()


# Set on a write session whose transaction holds the whole database's write lock from
# its first statement (SQLite's BEGIN IMMEDIATE on the one writer connection): every
# row it has read is current, so "read again under the lock" needs no statement.
_SERIAL = "serial"


def mark_serial(session: AsyncSession) -> None:
    session.info[_SERIAL] = True


def is_serial(session: AsyncSession) -> bool:
    return bool(session.info.get(_SERIAL))


def _ensure_sqlite_folder(url: str) -> None:
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)


def _sqlite_engine(url: str, *, immediate: bool, pool_size: int) -> AsyncEngine:
    engine = create_async_engine(
        url, pool_size=pool_size, max_overflow=0, pool_timeout=60, **JSON_CODEC
    )

    @event.listens_for(engine.sync_engine, "do_connect")
    def _connect_inline(dialect: Any, _record: Any, cargs: Any, cparams: Any) -> Any:
        # Statements run on the loop's thread, not through a thread hop each.
        return dialect.dbapi.connect(*cargs, async_creator_fn=inline_sqlite.connect, **cparams)

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event decide how a transaction starts.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine
