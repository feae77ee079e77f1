"""The coordinators' audit log: appended to, read in order, never changed."""

from __future__ import annotations

from sqlmodel import or_, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import AuditEntry


class AuditRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, entry: AuditEntry) -> None:
        self._session.add(entry)

    async def all(self) -> list[AuditEntry]:
        query = select(AuditEntry).order_by(AuditEntry.at, AuditEntry.id)  # type: ignore[arg-type]
        return list((await self._session.exec(query)).all())

    async def involving(self, user_id: int) -> list[AuditEntry]:
        """Entries where the person acted or was acted on."""
        query = (
            select(AuditEntry)
            .where(or_(AuditEntry.actor_id == user_id, AuditEntry.target_id == user_id))
            .order_by(AuditEntry.at, AuditEntry.id)  # type: ignore[arg-type]
        )
        return list((await self._session.exec(query)).all())
