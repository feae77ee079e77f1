"""Apply the Alembic migrations to the configured database (run at every start)."""

from __future__ import annotations

import asyncio
import weakref
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Alembic's `context` is a module global: two upgrades in one process must take turns, or one
# removes the other's context mid-run. An asyncio lock (one per event loop) makes them wait
# without blocking the loop that the other upgrade needs to finish.
_LOCKS: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
    weakref.WeakKeyDictionary()
)


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


async def upgrade(engine: AsyncEngine) -> None:
    """Bring the schema to the newest revision; a no-op when it is there already."""
    lock = _LOCKS.setdefault(asyncio.get_running_loop(), asyncio.Lock())
    async with lock, engine.begin() as connection:
        await connection.run_sync(_upgrade)


def _upgrade(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        # Two workers starting together must not both migrate.
        connection.exec_driver_sql("SELECT pg_advisory_xact_lock(727274)")
    command.upgrade(alembic_config(connection), "head")
