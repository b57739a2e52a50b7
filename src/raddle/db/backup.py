"""Backups of the SQLite database through SQLite's online backup API.

The backup reads every page inside one read transaction, so it is one consistent
moment of the game even while the server keeps writing (WAL lets writers go on).
PostgreSQL has its own tools (pg_dump / pg_restore); the README shows them.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url

from raddle.config import async_database_url
from raddle.db.engine import SQLITE_BUSY_TIMEOUT_MS
from raddle.db.migrate import HEAD


class BackupError(Exception):
    """The backup or restore cannot be done as asked; the message says why."""


def sqlite_path(database_url: str) -> Path:
    url = make_url(async_database_url(database_url))
    if not url.drivername.startswith("sqlite"):
        raise BackupError(
            "`raddle backup` and `raddle restore` work on the SQLite database; for PostgreSQL "
            "use pg_dump and pg_restore (see the README)"
        )
    if not url.database or url.database == ":memory:":
        raise BackupError("the SQLite database has no file to back up")
    return Path(url.database).expanduser()


def backup(database_url: str, target: Path) -> int:
    """Copy the live database to `target`; returns its size in bytes."""
    source_path = sqlite_path(database_url)
    if not source_path.is_file():
        raise BackupError(f"there is no database at {source_path}")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    source = _connect(source_path)
    copy = sqlite3.connect(partial)
    try:
        # One step (pages=-1): a single read transaction, hence a single moment.
        source.backup(copy)
        # The copy stands alone: no -wal file to carry along.
        copy.execute("PRAGMA journal_mode=DELETE")
        _check(copy, partial)
    finally:
        copy.close()
        source.close()
    os.replace(partial, target)
    return target.stat().st_size


def restore(backup_file: Path, database_url: str, *, replace: bool = False) -> None:
    """Write a backup into the configured database. The server must be stopped."""
    target_path = sqlite_path(database_url)
    if not backup_file.is_file():
        raise BackupError(f"there is no backup at {backup_file}")
    source = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
    try:
        _check(source, backup_file)
        version = _schema_version(source)
        if version is None or version > HEAD:
            raise BackupError(
                f"{backup_file} has schema {version or 'none'}; this version of Raddle Teams "
                f"knows up to {HEAD}: install a version at least as new as the one that made it"
            )
        target_path.parent.mkdir(parents=True, exist_ok=True)
        target = _connect(target_path)
        try:
            if not replace and _has_lobbies(target):
                raise BackupError(
                    f"{target_path} already holds lobbies; pass --replace to overwrite them"
                )
            # Through the backup API again, so the target's own journal keeps the
            # write all-or-nothing.
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)
    connection.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    return connection


def _check(connection: sqlite3.Connection, path: Path) -> None:
    try:
        verdict = connection.execute("PRAGMA integrity_check").fetchone()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is not a usable SQLite database ({exc})") from exc
    if not verdict or verdict[0] != "ok":
        raise BackupError(f"{path} failed SQLite's integrity check: {verdict}")


def _schema_version(connection: sqlite3.Connection) -> str | None:
    with contextlib.suppress(sqlite3.DatabaseError):
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(row[0]) if row else None
    return None


def _has_lobbies(connection: sqlite3.Connection) -> bool:
    try:
        return connection.execute("SELECT 1 FROM lobbies LIMIT 1").fetchone() is not None
    except sqlite3.OperationalError:
        return False  # a new, empty file
