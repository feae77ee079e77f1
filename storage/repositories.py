"""Queries, one repository per aggregate. Repositories never commit: the unit of work does."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import delete, func
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

    async def numeric_ids(self, channel: str) -> list[str]:
        """The channel's external ids that are numbers (Telegram's are)."""
        query = select(User.external_id).where(User.channel == channel)
        ids = (await self._session.exec(query)).all()
        return [value for value in ids if value.isascii() and value.isdigit()]

    async def inactive(self, seen_before: datetime, limit: int) -> list[User]:
        """People last seen before the moment who have not been told yet, longest idle first."""
        query = (
            select(User)
            .where(
                User.last_seen_at < seen_before,  # type: ignore[operator]
                User.retention_notice_at.is_(None),  # type: ignore[union-attr]
                User.erased_at.is_(None),  # type: ignore[union-attr]
            )
            .order_by(User.last_seen_at)  # type: ignore[arg-type]
            .limit(limit)
        )
        return list((await self._session.exec(query)).all())

    async def retention_due(self, noticed_before: datetime, limit: int) -> list[int]:
        """Ids of people told before the moment that their data goes, who did not answer."""
        query = (
            select(User.id)
            .where(
                User.retention_notice_at <= noticed_before,  # type: ignore[operator]
                User.erased_at.is_(None),  # type: ignore[union-attr]
            )
            .order_by(User.retention_notice_at)  # type: ignore[arg-type]
            .limit(limit)
        )
        return [user_id for user_id in (await self._session.exec(query)).all() if user_id]


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

    async def claim(self, channel: str, update_id: str) -> bool:
        """Record the update as handled; False when it was handled before (a redelivery)."""
        statement = (
            _insert(self._session, ProcessedUpdate)
            .values(channel=channel, update_id=update_id, processed_at=utcnow())
            .on_conflict_do_nothing(index_elements=["channel", "update_id"])
        )
        result = await self._session.exec(statement)
        return bool(result.rowcount == 1)

    async def newest_number(self, channel: str) -> int:
        """The highest numeric update id handled on the channel (Telegram's), 0 before the first."""
        # Numbers as text sort by length first; no cast, so other channels' ids never matter.
        query = (
            select(ProcessedUpdate.update_id)
            .where(ProcessedUpdate.channel == channel)
            .order_by(func.length(ProcessedUpdate.update_id).desc())
            .order_by(ProcessedUpdate.update_id.desc())  # type: ignore[attr-defined]
            .limit(1)
        )
        newest = (await self._session.exec(query)).first()
        return int(newest) if newest is not None and newest.isdigit() else 0

    async def forget_before(self, moment: datetime) -> int:
        """Drop entries older than the moment: platforms redeliver only recent updates."""
        result = await self._session.exec(
            delete(ProcessedUpdate).where(ProcessedUpdate.processed_at < moment)  # type: ignore[arg-type]
        )
        return result.rowcount


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
