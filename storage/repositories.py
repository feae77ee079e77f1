"""Queries, one repository per aggregate. Repositories never commit: the unit of work does."""

from __future__ import annotations

import secrets

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import AppSecret, DialogState, ProcessedUpdate, User, utcnow


def _insert(session: AsyncSession, table):  # type: ignore[no-untyped-def]
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    return pg_insert(table) if dialect == "postgresql" else sqlite_insert(table)


class UserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get_or_create(self, channel: str, external_id: str, language: str) -> User:
        """Return the user, creating them atomically even when two workers race."""
        statement = (
            _insert(self._session, User)
            .values(
                channel=channel, external_id=external_id, language=language, created_at=utcnow()
            )
            .on_conflict_do_nothing(index_elements=["channel", "external_id"])
        )
        await self._session.exec(statement)
        return await self.get_for_update(channel, external_id)

    async def get_for_update(self, channel: str, external_id: str) -> User:
        """Lock the user's row (PostgreSQL) so one worker at a time moves their conversation."""
        query = (
            select(User)
            .where(User.channel == channel, User.external_id == external_id)
            .with_for_update()
        )
        return (await self._session.exec(query)).one()

    async def find(self, channel: str, external_id: str) -> User | None:
        query = select(User).where(User.channel == channel, User.external_id == external_id)
        return (await self._session.exec(query)).first()

    async def get(self, user_id: int) -> User | None:
        return await self._session.get(User, user_id)


class DialogStateRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, user_id: int) -> DialogState | None:
        return await self._session.get(DialogState, user_id)

    def save(self, state: DialogState) -> None:
        self._session.add(state)


class ProcessedUpdateRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def claim(self, channel: str, update_id: int) -> bool:
        """Record the update as handled; False when it was handled before (a redelivery)."""
        statement = (
            _insert(self._session, ProcessedUpdate)
            .values(channel=channel, update_id=update_id, processed_at=utcnow())
            .on_conflict_do_nothing(index_elements=["channel", "update_id"])
        )
        result = await self._session.exec(statement)
        return result.rowcount == 1

    async def forget_before(self, channel: str, update_id: int) -> None:
        """Drop old entries; Telegram never redelivers far behind the newest update."""
        await self._session.exec(
            delete(ProcessedUpdate).where(
                ProcessedUpdate.channel == channel, ProcessedUpdate.update_id < update_id
            )
        )


class SecretRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get_or_create(self, name: str) -> str:
        """Return the named secret, generating it once for every worker to share."""
        statement = (
            _insert(self._session, AppSecret)
            .values(name=name, value=secrets.token_urlsafe(32))
            .on_conflict_do_nothing(index_elements=["name"])
        )
        await self._session.exec(statement)
        return (await self._session.get(AppSecret, name)).value  # type: ignore[union-attr]
