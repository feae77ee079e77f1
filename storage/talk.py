"""Requests to talk to a person."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import TalkRequest, as_utc


class TalkRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, request: TalkRequest) -> None:
        self._session.add(request)

    async def get(self, request_id: int) -> TalkRequest | None:
        return await self._session.get(TalkRequest, request_id)

    async def open_of(self, user_id: int) -> TalkRequest | None:
        """The person's request nobody has taken yet."""
        query = select(TalkRequest).where(
            TalkRequest.user_id == user_id, col(TalkRequest.taken_at).is_(None)
        )
        return (await self._session.exec(query)).first()

    async def take(self, request_id: int, coordinator_id: int, at: datetime) -> bool:
        """Claim the request for one coordinator; False when another was first."""
        statement = (
            update(TalkRequest)
            .where(col(TalkRequest.id) == request_id, col(TalkRequest.taken_at).is_(None))
            .values(taken_by=coordinator_id, taken_at=as_utc(at))
            .execution_options(synchronize_session=False)
        )
        taken: int = (await self._session.exec(statement)).rowcount
        return taken == 1

    async def all(self) -> list[TalkRequest]:
        return list((await self._session.exec(select(TalkRequest))).all())

    async def forget_person(self, user_id: int) -> None:
        await self._session.exec(delete(TalkRequest).where(col(TalkRequest.user_id) == user_id))
