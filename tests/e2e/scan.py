"""Search every text column of every table for what a person left behind."""

from __future__ import annotations

from sqlalchemy import String, Text, select
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import SQLModel

import storage.outbox  # noqa: F401  (its tables belong to the metadata too)

# The campaign's content, written by staff about nobody who uses the bot: an expert's pseudonym
# may well be someone's first name.
CONTENT_TABLES = ("stories", "opportunities")


async def traces(db: AsyncEngine, needles: list[str]) -> list[tuple[str, str, str]]:
    """(table, column, value) for each stored text that contains any of the needles."""
    found = []
    async with db.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            if table.name in CONTENT_TABLES:
                continue
            columns = [c for c in table.columns if isinstance(c.type, String | Text)]
            if not columns:
                continue
            for row in (await connection.execute(select(*columns))).all():
                for column, value in zip(columns, row, strict=True):
                    if isinstance(value, str) and any(needle in value for needle in needles):
                        found.append((table.name, column.name, value))
    return found
