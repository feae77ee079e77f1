"""Queries about young people's requests for a mentor."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import MenteeRequest


class MenteeRequestRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, user_id: int, lock: bool = False) -> MenteeRequest | None:
        query = select(MenteeRequest).where(MenteeRequest.user_id == user_id)
        if lock:
            query = query.with_for_update()
        return (await self._session.exec(query)).first()

    async def waiting(self, limit: int = 50) -> list[MenteeRequest]:
        """Requests waiting for a mentor, oldest first."""
        query = (
            select(MenteeRequest)
            .where(MenteeRequest.status == "waiting")
            .order_by(MenteeRequest.submitted_at)  # type: ignore[arg-type]
            .limit(limit)
        )
        return list((await self._session.exec(query)).all())

    async def move(self, user_id: int, from_status: str, to_status: str, now: datetime) -> bool:
        """Change the status only if it still is from_status; a racing caller gets False."""
        # One conditional UPDATE: PostgreSQL re-checks the condition after a concurrent
        # writer commits, and SQLite lets one writer at a time in, so exactly one wins.
        statement = (
            update(MenteeRequest)
            .where(MenteeRequest.user_id == user_id, MenteeRequest.status == from_status)  # type: ignore[arg-type]
            .values(status=to_status, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        result = await self._session.exec(statement)
        return result.rowcount == 1

    async def delete(self, user_id: int) -> None:
        request = await self._session.get(MenteeRequest, user_id)
        if request is not None:
            await self._session.delete(request)

    def save(self, request: MenteeRequest) -> None:
        self._session.add(request)
