"""Logging for the bot: the level asked for, and nothing personal at any level."""

from __future__ import annotations

import logging

# Libraries that narrate their set-up at INFO; their warnings are what matter.
CHATTY = ("alembic", "apscheduler")
# Libraries that log SQL with its parameters (names, texts, chat ids) at DEBUG or INFO: the
# database's own logging (DATABASE_ECHO) is for development only and off by default.
TELLING = ("aiosqlite", "sqlalchemy", "asyncpg")


def configure_logging(level: str) -> None:
    """Log at `level`, but never what people wrote or who they are."""
    logging.basicConfig(
        level=level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    for name in (*CHATTY, *TELLING):
        logging.getLogger(name).setLevel(logging.WARNING)
