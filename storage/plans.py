"""The plan a pair agrees after a session: what to do before the next one."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import PlanItem


class PlanRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, pair_id: int, session_id: int, texts: list[str], now: datetime) -> None:
        for text in texts:
            self._session.add(
                PlanItem(pair_id=pair_id, session_id=session_id, text=text, created_at=now)
            )

    async def for_session(self, session_id: int) -> list[PlanItem]:
        query = select(PlanItem).where(PlanItem.session_id == session_id).order_by(col(PlanItem.id))
        return list((await self._session.exec(query)).all())
