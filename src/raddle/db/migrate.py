"""Apply the Alembic migrations that ship inside the package.

Alembic is imported only when the schema is behind: a server starting on an
up-to-date database checks one row and goes on.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from raddle.config import async_database_url

if TYPE_CHECKING:
    from alembic.config import Config

    from raddle.db.engine import Database

MIGRATIONS = Path(__file__).parent / "migrations"
# The newest revision in migrations/versions; a test keeps the two in step.
HEAD = "0008"


def alembic_config(database_url: str) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    # ConfigParser treats % as interpolation; escape it so URLs pass through.
    config.set_main_option("sqlalchemy.url", async_database_url(database_url).replace("%", "%%"))
    return config


def upgrade(database_url: str) -> None:
    """Bring the schema up to date. Safe to run from several processes at once on PostgreSQL."""
    from alembic import command

    command.upgrade(alembic_config(database_url), "head")


async def is_current(db: Database) -> bool:
    try:
        async with db.read() as session:
            result = await session.execute(text("SELECT version_num FROM alembic_version"))
            return [row[0] for row in result] == [HEAD]
    except DBAPIError:
        return False  # no schema yet
