"""Queries about young people's requests for a mentor."""

from __future__ import annotations

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

    async def delete(self, user_id: int) -> None:
        request = await self._session.get(MenteeRequest, user_id)
        if request is not None:
            await self._session.delete(request)

    def save(self, request: MenteeRequest) -> None:
        self._session.add(request)
